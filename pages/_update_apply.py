"""Applying an update: the version it will become, a file already applied, the confirm button
naming the version (the store write runs in its callback; the outcome is shown on the next
run, and the other pages see the new version on theirs)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import streamlit as st

from components.safe_text import plain
from data.scenario import ScenarioError
from data.store import StoreUnavailableError, VersionError
from pages._data_state import version_store
from pages._shared import lang, tr
from pages._update_common import DONE_KEY, flash, store_error_text
from text import fmt_int


def next_version() -> int | None:
    """The number the next version will get (None when the store cannot be read)."""
    try:
        listed = version_store().list_versions()
    except StoreUnavailableError:
        return None
    return max((info.id for info in listed), default=0) + 1


def applied_as(kind: str, checksum: str) -> int | None:
    """The version (in force) that already has this file, if any."""
    try:
        listed = version_store().list_versions(kind, include_withdrawn=False)
    except StoreUnavailableError:
        return None
    return next((info.id for info in listed if info.checksum == checksum), None)


@dataclass(frozen=True)
class Apply:
    """What the confirm button stores."""

    kind: str
    payload: str | bytes
    as_of: dt.date
    source: str
    checksum: str
    round_number: int | None = None


def _apply(job: Apply, note_key: str, by: str) -> None:
    note = str(st.session_state.get(note_key) or "")
    try:
        info = version_store().add_version(
            job.kind,
            job.payload,
            as_of=job.as_of,
            source=job.source,
            note=note,
            checksum=job.checksum,
            by=by,
            round_number=job.round_number,
        )
    except (VersionError, StoreUnavailableError, ScenarioError) as error:
        flash("error", store_error_text(error))
        return
    st.session_state[DONE_KEY] = st.session_state.get(DONE_KEY, 0) + 1
    st.session_state.pop(note_key, None)
    flash("success", tr("update.applied", version=info.id, name=plain(info.source, limit=80)))


def confirm_button(prefix: str, job: Apply, by: str | None, ready: bool) -> None:
    """The note, then 'Apply as version N' (disabled without a name, or a usable store); a
    file already applied says which version has it."""
    note_key = f"update.{prefix}.note"
    st.text_area(tr("update.note"), key=note_key, max_chars=1000)
    existing = applied_as(job.kind, job.checksum)
    if existing is not None:
        st.info(tr("update.duplicate", version=existing), icon=":material/info:")
    number = next_version()
    label = tr("update.confirm", version=fmt_int(number or 0, lang()))
    st.button(
        label,
        key=f"update.{prefix}.confirm",
        type="primary",
        disabled=not ready or by is None or number is None or existing is not None,
        on_click=_apply,
        args=(job, note_key, by or ""),
    )
