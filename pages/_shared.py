"""What every page shares: cached loaders, the language, stamps (the active scenario:
``pages/_scenario.py``).

Only thin ``st.cache_data`` wrappers around the pure loaders live here; every figure is
computed in ``data/`` and ``geo/``, every chart built in ``components/``.
"""

from __future__ import annotations

import os
from pathlib import Path

import streamlit as st

from components.input_messages import error_lines
from components.scenario_identity import chart_source
from components.widgets.accessibility import page_accessibility
from data.displacement import Displacement, load_bundled_dtm, load_dtm
from data.errors import MAX_UPLOAD_BYTES, DashboardError
from data.plan import CSV_DIR, Funding, PlanData, compute_funding, load_plan
from geo.boundaries import load_boundaries
from geo.join import JoinResult, join_regional_values
from pages import leave_pages_directory_mode
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
def _plan(folder: str) -> PlanData:
    return load_plan(Path(folder))


@st.cache_data(show_spinner=False, max_entries=4)
def _baseline(folder: str) -> Funding:
    return compute_funding(_plan(folder))


@st.cache_data(show_spinner=False, max_entries=UPLOAD_CACHE_ENTRIES, ttl=UPLOAD_CACHE_TTL_S)
def _dtm(folder: str, table: bytes | None, name: str | None) -> Displacement:
    if table is None:
        return load_bundled_dtm(Path(folder))
    return load_dtm(table, name=name, max_bytes=max_upload_bytes())


def plan_data() -> PlanData:
    return _plan(csv_dir())


def baseline_funding() -> Funding:
    return _baseline(csv_dir())


def dtm_data(table: bytes | None = None, name: str | None = None) -> Displacement:
    return _dtm(csv_dir(), table, name)


@st.cache_data(show_spinner=False, max_entries=UPLOAD_CACHE_ENTRIES, ttl=UPLOAD_CACHE_TTL_S)
def boundaries(data: bytes | None = None, name: str | None = None):
    if data is None:
        return load_boundaries()
    return load_boundaries(data, name=name, max_bytes=max_upload_bytes())


def idp_join(
    dtm_table: bytes | None = None,
    dtm_name: str | None = None,
    boundary_data: bytes | None = None,
    boundary_name: str | None = None,
) -> JoinResult:
    return _idp_join(csv_dir(), dtm_table, dtm_name, boundary_data, boundary_name)


@st.cache_data(show_spinner=False, max_entries=UPLOAD_CACHE_ENTRIES, ttl=UPLOAD_CACHE_TTL_S)
def _idp_join(
    folder: str,
    dtm_table: bytes | None,
    dtm_name: str | None,
    boundary_data: bytes | None,
    boundary_name: str | None,
) -> JoinResult:
    dtm = _dtm(folder, dtm_table, dtm_name)
    return join_regional_values(
        boundaries(boundary_data, boundary_name), dtm.regions, ["idps_estimate", "share"]
    )


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

    summary = plan_data().summary
    source = chart_source(tr("source.plan"), current_identity(), lang())
    return source, fmt_date(summary.document_date, lang())


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
    wire_scenario_link()
    if shows_scenario and scenario_active():
        show_scenario_banner()
