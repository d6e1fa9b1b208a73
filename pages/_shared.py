"""What every page shares: cached loaders, the language, the active scenario, stamps.

Only thin ``st.cache_data`` wrappers around the pure loaders live here; every figure is
computed in ``data/`` and ``geo/``, every chart built in ``components/``.
"""

from __future__ import annotations

import os
import string
from collections.abc import Mapping
from pathlib import Path

import streamlit as st

from components.formats import fmt_date, fmt_int
from components.i18n import LABELS, LANGS, has_label, t
from components.input_messages import error_lines
from components.notes import dtm_source_text
from components.safe_text import plain
from data.displacement import Displacement, load_bundled_dtm, load_dtm
from data.errors import MAX_SHOWN, MAX_UPLOAD_BYTES, InputError
from data.plan import CSV_DIR, Funding, PlanData, compute_funding, load_plan
from data.scenario import (
    QUERY_PARAM,
    AreaEdit,
    Problem,
    ScenarioError,
    edits_from_query,
    edits_to_query,
)
from data.store import ScenarioStore, StoreUnavailableError, default_path
from geo.boundaries import load_boundaries
from geo.join import JoinResult, join_regional_values
from pages import leave_pages_directory_mode
from text import nt

LANG_KEY = "lang"
SCENARIO_KEY = "whatif.edits"
SCENARIO_NAME_KEY = "whatif.name"  # the active scenario's name, once opened, uploaded or saved
EDITOR_VERSION_KEY = "whatif.editor_version"  # bumped whenever the active edits are replaced
LINK_READ_KEY = "whatif.link_read"  # the session's first run has read the ?whatif= link


# --- cached wrappers around the pure loaders ------------------------------------------------
CSV_DIR_ENV = "CRP_DASHBOARD_CSV_DIR"  # a folder laid out like data/csv (an updated copy)
MAX_UPLOAD_ENV = "CRP_DASHBOARD_MAX_UPLOAD_MB"  # size limit of one uploaded file
# Caches keyed by what a visitor uploads are bounded in entries and in time, so that a stream
# of uploads cannot grow the server's memory without limit (the bundled data is one entry).
UPLOAD_CACHE = {"max_entries": 8, "ttl": 3600, "show_spinner": False}


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


@st.cache_data(**UPLOAD_CACHE)
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


@st.cache_data(**UPLOAD_CACHE)
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


@st.cache_data(**UPLOAD_CACHE)
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


def data_problem() -> InputError | None:
    """Why the bundled data cannot be shown (the project's error), or None when all loads."""
    try:
        baseline_funding()
        idp_join()
    except InputError as exc:
        return exc
    return None


def show_input_error(intro: str, error: InputError) -> None:
    """``st.error``: what was refused (our text), then each problem, escaped, one per line."""
    lines = [intro, *(f"- {line}" for line in input_error_lines(error))]
    st.error("\n".join(lines), icon=":material/error:")


def input_error_lines(error: InputError) -> list[str]:
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


# --- scenario ------------------------------------------------------------------------------
def scenario_edits() -> Mapping[str, object]:
    """The active what-if edits of this browser session ({} when showing the baseline)."""
    return st.session_state.get(SCENARIO_KEY) or {}


def scenario_active() -> bool:
    return bool(scenario_edits())


def current_funding() -> Funding:
    """The figures every page shows: the scenario's while one is active, else the baseline."""
    edits = scenario_edits()
    if not edits:
        return baseline_funding()
    return scenario_funding(dict(edits))


def scenario_funding(edits: dict) -> Funding:
    """The scenario's figures (cached on the folder and the edits' content)."""
    return _scenario_funding(csv_dir(), dict(edits))


@st.cache_data(show_spinner=False, max_entries=64)
def _scenario_funding(folder: str, edits: dict) -> Funding:
    """``st.cache_data`` hashes each frozen ``AreaEdit``: different edits, different entries."""
    from data.scenario import apply_overrides

    return compute_funding(apply_overrides(_plan(folder), edits))


def set_scenario(edits: Mapping[str, AreaEdit], name: str | None = None) -> None:
    """Make ``edits`` this session's active scenario (``{}``: the plan) and renew the editor."""
    st.session_state[SCENARIO_KEY] = dict(edits)
    st.session_state[SCENARIO_NAME_KEY] = name if edits else None
    st.session_state[EDITOR_VERSION_KEY] = st.session_state.get(EDITOR_VERSION_KEY, 0) + 1


def reset_scenario() -> None:
    """Back to the plan's figures (one click, from the sidebar or the what-if page)."""
    set_scenario({})


def scenario_from_link() -> ScenarioError | None:
    """On the session's first run only, activate the scenario of a shared link (``?whatif=``).

    Returns the error of a bad link, in which case the plan's figures stay; else ``None``.
    """
    if st.session_state.get(LINK_READ_KEY):
        return None
    st.session_state[LINK_READ_KEY] = True
    if QUERY_PARAM not in st.query_params:
        return None
    try:
        edits = edits_from_query(st.query_params[QUERY_PARAM], plan_data())
    except ScenarioError as exc:
        return exc
    set_scenario(edits)
    return None


def sync_scenario_link() -> None:
    """Keep ``?whatif=`` in the address equal to the active edits; absent for the plan."""
    query = edits_to_query(scenario_edits())
    if query and st.query_params.get(QUERY_PARAM) != query:
        st.query_params[QUERY_PARAM] = query
    elif not query and QUERY_PARAM in st.query_params:
        del st.query_params[QUERY_PARAM]


def wire_scenario_link() -> None:
    """Activate a shared link on the session's first run (or say why not); sync the address.

    Called by ``dashboard.py`` before the sidebar, and again by :func:`page_header`, where
    it is a no-op unless a page script ran without the entry point.
    """
    error = scenario_from_link()
    if error is not None:
        show_scenario_error(tr("whatif.link.refused"), error)
    sync_scenario_link()


@st.cache_resource(show_spinner=False)
def _store(path: str) -> ScenarioStore:
    # A constructor that raises caches nothing: the next run tries the file again.
    return ScenarioStore(Path(path))


def scenario_store() -> ScenarioStore:
    """The saved scenarios shared by every session (``$CRP_DASHBOARD_DATA_DIR``).

    Raises
    ------
    StoreUnavailableError
        The file cannot be used now (and so may every method of the store): pages say so
        in the saved-scenarios section and keep everything else working.
    """
    return _store(str(default_path()))


def forget_scenario_store() -> None:
    """After the store failed: the next run opens the file afresh (a folder or file removed
    meanwhile is created again, a replaced file is checked again)."""
    _store.clear()


def store_unavailable_text(error: StoreUnavailableError) -> str:
    """The 'saved scenarios are unavailable: <reason>' message, in the current language."""
    return tr("whatif.store.unavailable", reason=_reason_text(error.reason))


def _reason_text(reason: object) -> str:
    key = f"whatif.store.reason.{reason}"
    return tr(key) if has_label(key) else plain(reason)


def _where_text(where: str) -> str:
    """``edits.shelter.confirmed_usd`` -> ``Abris › Confirmé (scénario)``; other parts escaped."""
    tokens = where.split(".") if where else []
    if len(tokens) > 1 and tokens[0] == "edits":
        tokens = tokens[1:]
    shown = []
    for token in tokens:
        for key in (f"area_short.{token}", f"whatif.col.{token}"):
            if has_label(key):
                shown.append(tr(key))
                break
        else:
            shown.append(plain(token))  # a key or an area id from a file or a link
    return " › ".join(shown)


def _problem_param(name: str, value: object, code: str) -> str:
    """One param as template text: whole numbers for the language, reasons worded, text
    (values from files, links, names) escaped so that Markdown shows it as typed."""
    if isinstance(value, int) and not isinstance(value, bool):
        return fmt_int(value, code)
    if name == "reason":
        return _reason_text(value)
    return plain(value)


def scenario_problem_text(problem: Problem) -> str:
    """One problem with a scenario (table, file, link, saved scenario) in the current language.

    Translated through ``whatif.problem.<code>`` with the problem's params (whole numbers
    formatted for the language, every text escaped with :func:`components.safe_text.plain`);
    a code or params the table does not cover fall back to the English message (escaped)
    under ``whatif.problem.generic``. Safe to render as Markdown.
    """
    code = lang()
    params = {name: _problem_param(name, value, code) for name, value in problem.params.items()}
    key = f"whatif.problem.{problem.code}"
    fields = (
        {name for _, name, _, _ in string.Formatter().parse(LABELS[key][code]) if name}
        if has_label(key)
        else None
    )
    if fields is not None and fields <= set(params):
        message = t(key, code, **{name: params[name] for name in fields})
    else:
        message = t("whatif.problem.generic", code, detail=plain(problem.message))
    where = _where_text(problem.where)
    return t("whatif.problem.at", code, where=where, message=message) if where else message


def show_scenario_error(intro: str, error: ScenarioError) -> None:
    """``st.error``: what was refused, then each problem on its own line (at most
    ``MAX_SHOWN``, then how many more). ``intro`` is Markdown: escape what it quotes."""
    problems = error.problems
    lines = [intro, *(f"- {scenario_problem_text(problem)}" for problem in problems[:MAX_SHOWN])]
    if len(problems) > MAX_SHOWN:
        lines.append(f"- {tr('whatif.problem.more', n=fmt_int(len(problems) - MAX_SHOWN, lang()))}")
    st.error("\n".join(lines), icon=":material/error:")


# --- stamps --------------------------------------------------------------------------------
def plan_source() -> tuple[str, str]:
    """(source, as-of) for figures taken from the plan."""
    summary = plan_data().summary
    return tr("source.plan"), fmt_date(summary.document_date, lang())


def dtm_source(dtm: Displacement) -> tuple[str, str]:
    """(source, as-of) for displacement figures."""
    return dtm_source_text(dtm, lang()), fmt_date(dtm.as_of, lang())


def page_header(title_key: str, *, shows_scenario: bool = True) -> None:
    """Page title, and the scenario banner while a scenario is active.

    ``shows_scenario=False`` for pages that always show the plan's baseline (Data & sources).
    """
    leave_pages_directory_mode()
    st.title(tr(title_key))
    wire_scenario_link()
    if shows_scenario and scenario_active():
        st.warning(tr("app.scenario_banner"), icon=":material/science:")
