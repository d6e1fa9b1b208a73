"""What every page shares: cached loaders, the language, the active scenario, stamps.

Only thin ``st.cache_data`` wrappers around the pure loaders live here; every figure is
computed in ``data/`` and ``geo/``, every chart built in ``components/``.
"""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from components.formats import fmt_date
from components.i18n import LANGS, t
from data.displacement import Displacement, load_dtm
from data.plan import Funding, PlanData, compute_funding, load_plan
from geo.boundaries import load_boundaries
from geo.join import JoinResult, join_regional_values

LANG_KEY = "lang"
SCENARIO_KEY = "whatif.edits"


# --- cached wrappers around the pure loaders ------------------------------------------------
@st.cache_data(show_spinner=False)
def plan_data() -> PlanData:
    return load_plan()


@st.cache_data(show_spinner=False)
def baseline_funding() -> Funding:
    return compute_funding(plan_data())


@st.cache_data(show_spinner=False)
def dtm_data(table: bytes | None = None, name: str | None = None) -> Displacement:
    return load_dtm() if table is None else load_dtm(table, name=name)


@st.cache_data(show_spinner=False)
def boundaries(data: bytes | None = None, name: str | None = None):
    return load_boundaries() if data is None else load_boundaries(data, name=name)


@st.cache_data(show_spinner=False)
def idp_join(
    dtm_table: bytes | None = None,
    dtm_name: str | None = None,
    boundary_data: bytes | None = None,
    boundary_name: str | None = None,
) -> JoinResult:
    dtm = dtm_data(dtm_table, dtm_name)
    return join_regional_values(
        boundaries(boundary_data, boundary_name), dtm.regions, ["idps_estimate", "share"]
    )


# --- language ------------------------------------------------------------------------------
def lang() -> str:
    """The current language: session state, else the URL's ``?lang=``, else French."""
    if LANG_KEY not in st.session_state:
        from_url = st.query_params.get(LANG_KEY, "fr")
        st.session_state[LANG_KEY] = from_url if from_url in LANGS else "fr"
    return st.session_state[LANG_KEY]


def tr(key: str, **params: object) -> str:
    """``components.i18n.t`` in the current language."""
    return t(key, lang(), **params)


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


@st.cache_data(show_spinner=False, max_entries=64)
def scenario_funding(edits: dict) -> Funding:
    from data.scenario import apply_overrides

    return compute_funding(apply_overrides(plan_data(), edits))


# --- stamps --------------------------------------------------------------------------------
def plan_source() -> tuple[str, str]:
    """(source, as-of) for figures taken from the plan."""
    summary = plan_data().summary
    return tr("source.plan"), fmt_date(summary.document_date, lang())


def dtm_source(dtm: Displacement) -> tuple[str, str]:
    """(source, as-of) for displacement figures."""
    return tr("source.dtm", file=dtm.source_file), fmt_date(dtm.as_of, lang())


def page_header(title_key: str) -> None:
    """Page title, and the scenario banner while a scenario is active."""
    st.title(tr(title_key))
    if scenario_active():
        st.warning(tr("app.scenario_banner"), icon=":material/science:")
