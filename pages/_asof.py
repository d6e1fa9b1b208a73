"""The "as of" selector of the sidebar: which data version every page shows (``?asof=``).

The latest version by default (no ``?asof=``); any earlier version in force, or the
published plan (version 0), stays viewable and is remembered in the URL. A value that names
no version in force is dropped: the latest is shown, and the page says why.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.safe_text import plain
from data.store import StoreUnavailableError
from data.store.version_rows import VersionInfo
from pages._data_state import (
    ASOF_PARAM,
    LATEST,
    asked,
    asof_number,
    forget_store,
    version_store,
    versions,
    viewed_version,
)
from pages._shared import bundled_dates, lang, tr
from text import fmt_date


def option_labels(infos: list[VersionInfo], code: str) -> dict[str, str]:
    """The selector's options (latest, each version in force newest first, the plan) and
    their labels in ``code``."""
    labels = {}
    if infos:
        latest = infos[-1]
        labels[LATEST] = tr("asof.latest", n=latest.id, as_of=fmt_date(latest.as_of, code))
    else:
        labels[LATEST] = tr("asof.plan_only")
    for info in reversed(infos):
        kind = tr(f"asof.kind.{info.kind}")
        as_of = fmt_date(info.as_of, code)
        labels[str(info.id)] = tr("asof.version", n=info.id, kind=kind, as_of=as_of)
    if infos:
        labels["0"] = tr("asof.baseline", as_of=fmt_date(bundled_dates()[0], code))
    return labels


def asof_refused() -> tuple[str, str] | None:
    """``(reason, value)`` when ``?asof=`` names no version to show: ``withdrawn`` (a version
    withdrawn since) or ``unknown`` (not a version number, or no such version); else None."""
    raw = asked()
    if raw is None or viewed_version() is not None:
        return None
    number = asof_number(raw)
    if number is not None:
        try:
            listed = version_store().list_versions(include_withdrawn=True)
        except StoreUnavailableError:
            forget_store()
            listed = []
        if any(info.id == number and info.withdrawn for info in listed):
            return "withdrawn", raw
    return "unknown", raw


def asof_selector() -> None:
    """The selector; a choice goes to the URL (``?asof=``) and the app reruns on it."""
    if asof_refused() is not None:
        del st.query_params[ASOF_PARAM]  # the latest is shown; the page says why
    infos = [version.info for version in versions()]
    if not infos:
        st.caption(tr("asof.plan_only"))
        return
    labels = option_labels(infos, lang())
    at = viewed_version()
    current = LATEST if at is None else str(at)
    options = list(labels)
    # No key: the options or the URL changing make a new widget at the version viewed.
    choice = st.selectbox(
        tr("asof.label"),
        options,
        index=options.index(current) if current in options else 0,
        format_func=labels.__getitem__,
        help=tr("asof.help"),
    )
    st.caption(labels[choice])  # in full: the box cuts long labels at 1366 px
    if choice != current:
        if choice == LATEST:
            del st.query_params[ASOF_PARAM]
        else:
            st.query_params[ASOF_PARAM] = choice
        st.rerun()


def asof_refused_text(reason: str, value: str) -> str:
    """Why ``?asof=value`` was not followed (``reason``: ``withdrawn`` or ``unknown``); the
    value comes from the address: escaped."""
    return tr(f"asof.refused.{reason}", value=plain(value, limit=20))


def show_versions() -> None:
    """Data & sources: every version (withdrawn ones too), newest first, as a table (values
    from uploads shown as plain cells, never Markdown)."""
    st.subheader(tr("versions.heading"))
    try:
        listed = version_store().list_versions(include_withdrawn=True)
    except StoreUnavailableError:
        forget_store()
        st.warning(tr("versions.unavailable"), icon=":material/cloud_off:")
        return
    if not listed:
        st.caption(tr("versions.none"))
        return
    st.caption(tr("versions.intro"))
    code = lang()
    rows = [
        {
            tr("versions.col.id"): info.id,
            tr("versions.col.kind"): tr(f"asof.kind.{info.kind}"),
            tr("versions.col.as_of"): fmt_date(info.as_of, code),
            tr("versions.col.source"): info.source,
            tr("versions.col.uploaded_by"): info.uploaded_by,
            tr("versions.col.uploaded_at"): fmt_date(info.uploaded_at, code),
            tr("versions.col.checksum"): info.checksum[:12],
            tr("versions.col.status"): tr(
                "versions.withdrawn", when=fmt_date(info.withdrawn_at, code)
            )
            if info.withdrawn
            else tr("versions.in_force"),
        }
        for info in reversed(listed)
    ]
    st.dataframe(pd.DataFrame(rows), hide_index=True, key="data.versions")
