"""What every page shares: cached loaders, the language, stamps (the active scenario:
``pages/_scenario.py``).

Only thin ``st.cache_data`` wrappers around the pure loaders live here; every figure is
computed in ``data/`` and ``geo/``, every chart built in ``components/``.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import streamlit as st

from components.input_messages import error_lines
from components.scenario_identity import chart_source
from components.widgets.accessibility import page_accessibility
from data.displacement import Displacement, load_bundled_dtm, load_dtm
from data.errors import MAX_UPLOAD_BYTES, DashboardError
from data.plan import CSV_DIR, Funding, PlanData, compute_funding, load_plan
from data.store.database import default_location
from data.store.version_rows import Version
from data.versions import DataState, displacement_at, plan_at
from geo.boundaries import load_boundaries
from geo.join import JoinResult, join_regional_values
from pages import leave_pages_directory_mode
from pages._data_state import (
    current_state,
    freshness_now,
    latest_info,
    versions,
    viewed_info,
)
from text import LANGS, fmt_date, nt, t
from text.notes import dtm_source_text

LANG_KEY = "lang"


# --- cached wrappers around the pure loaders ------------------------------------------------
CSV_DIR_ENV = "CRP_DASHBOARD_CSV_DIR"  # a folder laid out like data/csv (an updated copy)
MAX_UPLOAD_ENV = "CRP_DASHBOARD_MAX_UPLOAD_MB"  # size limit of one uploaded file
# Caches keyed by what a visitor uploads are bounded in entries and in time, so that a stream
# of uploads cannot grow the server's memory without limit (the bundled data is one entry).
UPLOAD_CACHE_ENTRIES = 8
UPLOAD_CACHE_TTL_S = 3600
VERSION_CACHE_ENTRIES = 8  # figures at a few versions (viewers of earlier versions included)


def csv_dir() -> str:
    """The folder of the plan's tables: ``$CRP_DASHBOARD_CSV_DIR``, else ``data/csv``."""
    return os.environ.get(CSV_DIR_ENV) or str(CSV_DIR)


def max_upload_bytes() -> int:
    """``$CRP_DASHBOARD_MAX_UPLOAD_MB`` (whole or decimal MB), else 20 MB."""
    text = os.environ.get(MAX_UPLOAD_ENV, "").strip()
    try:
        megabytes = float(text) if text else 0.0
    except ValueError:
        megabytes = 0.0
    if not 0 < megabytes <= 1024:
        return MAX_UPLOAD_BYTES
    return int(megabytes * 1024 * 1024)


@st.cache_data(show_spinner=False, max_entries=4)
def _bundled_plan(folder: str) -> PlanData:
    """Version 0: the plan's tables as bundled (never modified)."""
    return load_plan(Path(folder))


@st.cache_data(show_spinner=False, max_entries=4)
def _bundled_dtm(folder: str) -> Displacement:
    """Version 0: the DTM figures the plan quotes."""
    return load_bundled_dtm(Path(folder))


def bundled_dates() -> tuple[dt.date, dt.date]:
    """(the plan's document date, the bundled DTM date): the as-of dates of version 0."""
    folder = csv_dir()
    return _bundled_plan(folder).summary.document_date, _bundled_dtm(folder).as_of


# Figures at a version are cached by (folder, database, DataState.stamp): equal stamps, equal
# figures. The versions themselves (``_versions``, ``_at``) are not hashed: the stamp names them.
@st.cache_data(show_spinner=False, max_entries=VERSION_CACHE_ENTRIES)
def _plan_version(
    folder: str, location: str, stamp: str, _versions: list[Version], _at: int | None
) -> PlanData:
    return plan_at(_bundled_plan(folder), _versions, _at)


@st.cache_data(show_spinner=False, max_entries=VERSION_CACHE_ENTRIES)
def _dtm_version(
    folder: str, location: str, stamp: str, _versions: list[Version], _at: int | None
) -> Displacement:
    return displacement_at(_bundled_dtm(folder), _versions, _at)


@st.cache_data(show_spinner=False, max_entries=UPLOAD_CACHE_ENTRIES, ttl=UPLOAD_CACHE_TTL_S)
def _dtm(folder: str, table: bytes | None, name: str | None) -> Displacement:
    if table is None:
        return _bundled_dtm(folder)
    return load_dtm(table, name=name, max_bytes=max_upload_bytes())


def _plan(folder: str, state: DataState | None = None) -> PlanData:
    """The plan's tables at ``state`` (default: the version viewed; ``folder``: the bundled
    tables' folder)."""
    state = state or current_state()
    return _plan_version(folder, default_location(), state.stamp, versions(), state.at)


def plan_data(state: DataState | None = None) -> PlanData:
    """The plan's tables at the version viewed (funding updates applied), or at ``state``
    (a thread off the page run, such as the pack's, passes the page's state)."""
    return _plan(csv_dir(), state)


@st.cache_data(show_spinner=False, max_entries=VERSION_CACHE_ENTRIES)
def _funding_version(folder: str, location: str, stamp: str, _plan_data: PlanData) -> Funding:
    return compute_funding(_plan_data)


def baseline_funding(state: DataState | None = None) -> Funding:
    """The funding figures at the version viewed (or ``state``), without any scenario."""
    folder, state = csv_dir(), state or current_state()
    return _funding_version(folder, default_location(), state.stamp, _plan(folder, state))


def dtm_data(
    table: bytes | None = None, name: str | None = None, *, state: DataState | None = None
) -> Displacement:
    """The DTM figures at the version viewed or ``state`` (a table uploaded on the page:
    that table)."""
    if table is not None:
        return _dtm(csv_dir(), table, name)
    state = state or current_state()
    return _dtm_version(csv_dir(), default_location(), state.stamp, versions(), state.at)


@st.cache_data(show_spinner=False, max_entries=UPLOAD_CACHE_ENTRIES, ttl=UPLOAD_CACHE_TTL_S)
def boundaries(data: bytes | None = None, name: str | None = None):
    if data is None:
        return load_boundaries()
    return load_boundaries(data, name=name, max_bytes=max_upload_bytes())


@st.cache_data(show_spinner=False, max_entries=4)
def _boundaries_version(location: str, version_id: int, _payload: bytes, _name: str):
    """A boundary file stored as a version (dissolved to regions), by its number."""
    return load_boundaries(_payload, name=_name, max_bytes=len(_payload) + 1)


def _viewed_boundaries(state: DataState):
    """The boundaries at ``state``: the file of the boundary version in force, else the
    bundled regions."""
    info = state.boundaries
    if info is None:
        return boundaries()
    stored = next((v for v in versions() if v.info.id == info.id), None)
    if stored is None or not isinstance(stored.payload, bytes):
        return boundaries()
    return _boundaries_version(default_location(), info.id, stored.payload, info.source)


def idp_join(
    dtm_table: bytes | None = None,
    dtm_name: str | None = None,
    boundary_data: bytes | None = None,
    boundary_name: str | None = None,
    *,
    state: DataState | None = None,
) -> JoinResult:
    """IDPs per region joined to the boundaries: uploaded files when given, else the figures
    and boundaries at the version viewed (or ``state``)."""
    state = state or current_state()
    dtm = dtm_data(dtm_table, dtm_name, state=state)
    gdf = boundaries(boundary_data, boundary_name) if boundary_data else _viewed_boundaries(state)
    key = (state.stamp, default_location(), dtm_table, dtm_name, boundary_data, boundary_name)
    return _idp_join(csv_dir(), key, dtm, gdf)


@st.cache_data(show_spinner=False, max_entries=UPLOAD_CACHE_ENTRIES, ttl=UPLOAD_CACHE_TTL_S)
def _idp_join(folder: str, key: tuple, _dtm_data: Displacement, _gdf) -> JoinResult:
    """Cached by ``key``: the uploaded files, or the data state's stamp and database."""
    return join_regional_values(_gdf, _dtm_data.regions, ["idps_estimate", "share"])


def data_problem() -> DashboardError | None:
    """Why the bundled data cannot be shown (the project's error), or None when all loads."""
    try:
        baseline_funding()
        idp_join()
    except DashboardError as exc:
        return exc
    return None


def show_input_error(intro: str, error: DashboardError) -> None:
    """``st.error``: what was refused (our text), then each problem, escaped, one per line."""
    lines = [intro, *(f"- {line}" for line in input_error_lines(error))]
    st.error("\n".join(lines), icon=":material/error:")


def input_error_lines(error: DashboardError) -> list[str]:
    """The problems of ``error`` in the current language, each escaped (never Markdown)."""
    return error_lines(error, lang())


# --- language ------------------------------------------------------------------------------
def lang() -> str:
    """The current language: session state, else the URL's ``?lang=``, else French."""
    if LANG_KEY not in st.session_state:
        from_url = st.query_params.get(LANG_KEY, "fr")
        st.session_state[LANG_KEY] = from_url if from_url in LANGS else "fr"
    return st.session_state[LANG_KEY]


def tr(key: str, **params: object) -> str:
    """``text.t`` in the current language."""
    return t(key, lang(), **params)


def ntr(key: str, n: int, **params: object) -> str:
    """``text.nt`` (a count-dependent text: plural forms) in the current language."""
    return nt(key, n, lang(), **params)


def app_accessibility() -> None:
    """Once per run, from the app shell: the keyboard focus ring and the charts' names
    (:func:`components.widgets.accessibility.page_accessibility`)."""
    page_accessibility()


# --- stamps --------------------------------------------------------------------------------
def plan_source() -> tuple[str, str]:
    """(source, as-of) for figures taken from the plan's funding. Under a scenario the
    source names it: 'Plan figures modified by a scenario: <name> — <source>' (the name
    escaped for plotly's text)."""
    from pages._scenario import current_identity  # builds on this module

    source = chart_source(tr("source.plan"), current_identity(), lang())
    return source, fmt_date(current_state().funding_as_of, lang())


def dtm_source(dtm: Displacement) -> tuple[str, str]:
    """(source, as-of) for displacement figures."""
    return dtm_source_text(dtm, lang()), fmt_date(dtm.as_of, lang())


def page_header(title_key: str, *, shows_scenario: bool = True) -> None:
    """Page title, and the scenario banner (name and edits) while a scenario is active.

    ``shows_scenario=False`` for pages that always show the plan's baseline (Data & sources).
    """
    from pages._scenario import scenario_active, show_scenario_banner  # builds on this module
    from pages._scenario_link import wire_scenario_link

    leave_pages_directory_mode()
    st.title(tr(title_key))
    show_freshness()
    show_earlier_version()
    wire_scenario_link()
    if shows_scenario and scenario_active():
        show_scenario_banner()


# --- freshness and the version viewed -------------------------------------------------------
def freshness_lines(code: str | None = None) -> list[str]:
    """'Funding as of 27 Nov 2023 — 1,100 days ago' and the same for the DTM, each followed
    by the stale flag (icon and words) when older than the threshold. Markdown of our own
    words and dates only."""
    code = code or lang()
    state = current_state()
    lines = []
    for key, age in zip(("funding", "dtm"), freshness_now(state), strict=True):
        text = nt(f"freshness.{key}", age.age_days, code, as_of=fmt_date(age.as_of, code))
        if age.stale:
            flag = nt("freshness.stale", age.threshold_days, code)
            text = f":material/history: {text} :orange-badge[:material/warning: {flag}]"
        else:
            text = f":material/event_available: {text}"
        lines.append(text)
    return lines


def show_freshness() -> None:
    """The as-of dates of the figures shown and their age, under the page title."""
    with st.container(key="freshness"):
        st.markdown("  \n".join(freshness_lines()))


def show_earlier_version() -> None:
    """The banner of every page while an earlier version than the latest is viewed."""
    info, at = viewed_info(), current_state().at
    if at is None or info is None and at != 0:
        return
    latest = latest_info()
    if latest is None:
        return
    as_of = bundled_dates()[0] if at == 0 else info.as_of if info else None
    st.info(
        tr(
            "asof.banner",
            as_of=fmt_date(as_of, lang()),
            n=at,
            latest=latest.id,
        ),
        icon=":material/history:",
    )
