"""The active what-if scenario of this browser session (its link: ``pages/_scenario_link.py``).

The active edits live in ``st.session_state[SCENARIO_KEY]`` (this browser session only);
every page reads its figures through :func:`current_funding`. Whatever replaces the active
edits (apply, reset, a saved scenario, a file, a link) goes through :func:`set_scenario`
(:func:`activate` on any dict-like state), which also renews the what-if editor.

Thin wrappers only: figures from :func:`data.scenario.scenario_funding` (cached), wording
from :mod:`components.scenario_messages`."""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping
from typing import Any

import streamlit as st

from components.safe_text import plain
from components.scenario_identity import banner_markdown, scenario_label
from components.scenario_messages import scenario_error_text
from components.widgets.charts import IDENTITY_STATE_KEY
from data.names import area_names
from data.plan import Funding, PlanData
from data.scenario import AreaEdit, ScenarioError, ScenarioIdentity, scenario_identity
from data.scenario import scenario_funding as funding_of
from data.store.database import default_location
from data.versions import DataState
from pages._data_state import current_state
from pages._shared import _plan, baseline_funding, csv_dir, lang, plan_data, tr

SCENARIO_KEY = "whatif.edits"
SCENARIO_NAME_KEY = "whatif.name"  # the active scenario's name, once opened, uploaded or saved
BANNER_LINES = 3  # edits listed in the banner itself; more are folded in an expander
EDITOR_VERSION_KEY = "whatif.editor_version"  # bumped whenever the active edits are replaced
DRAFT_KEY = "whatif.draft"  # {area_id: {column: typed}}: editor cells not applied, kept off-page


# --- the active edits (any dict-like state: st.session_state, or a dict in tests) ----------
def edits_in(state: Mapping[Any, Any]) -> Mapping[str, AreaEdit]:
    """The active edits kept in ``state`` ({} when showing the baseline)."""
    return state.get(SCENARIO_KEY) or {}


def activate(
    state: MutableMapping[Any, Any], edits: Mapping[str, AreaEdit], name: str | None = None
) -> None:
    """Make ``edits`` the active scenario in ``state`` (``{}``: the plan), renew the editor
    (what was typed and not applied is dropped)."""
    state[SCENARIO_KEY] = dict(edits)
    state.pop(DRAFT_KEY, None)
    state[SCENARIO_NAME_KEY] = name if edits else None
    state[EDITOR_VERSION_KEY] = state.get(EDITOR_VERSION_KEY, 0) + 1


# --- this session ------------------------------------------------------------------------
def scenario_edits() -> Mapping[str, AreaEdit]:
    """The active what-if edits of this browser session ({} when showing the baseline)."""
    return edits_in(st.session_state)


def scenario_active() -> bool:
    return bool(scenario_edits())


def set_scenario(edits: Mapping[str, AreaEdit], name: str | None = None) -> None:
    """Make ``edits`` this session's active scenario (``{}``: the plan) and renew the editor."""
    activate(st.session_state, edits, name)


def reset_scenario() -> None:
    """Back to the plan's figures (one click, from the sidebar or the what-if page)."""
    set_scenario({})


def scenario_name() -> str | None:
    """The active scenario's name (``None``: unsaved, or no scenario)."""
    return st.session_state.get(SCENARIO_NAME_KEY) or None


def current_identity() -> ScenarioIdentity | None:
    """The active scenario's name and edit lines; ``None`` while the plan is shown."""
    edits = scenario_edits()
    if not edits:
        return None
    return scenario_identity(plan_data(), edits, scenario_name())


def publish_identity() -> None:
    """Put the scenario's identity where chart downloads read it (once a run, by the shell)."""
    st.session_state[IDENTITY_STATE_KEY] = current_identity()


def current_funding() -> Funding:
    """The figures every page shows: the scenario's while one is active, else the baseline."""
    edits = scenario_edits()
    if not edits:
        return baseline_funding()
    return scenario_funding(dict(edits))


def scenario_funding(edits: Mapping[str, AreaEdit], state: DataState | None = None) -> Funding:
    """The scenario's figures on the data at the version viewed (or ``state``: a thread off
    the page run passes the page's), cached on the data's stamp and the edits' content."""
    folder, state = csv_dir(), state or current_state()
    return _scenario_funding(
        folder, default_location(), state.stamp, dict(edits), _plan(folder, state)
    )


@st.cache_data(show_spinner=False, max_entries=64)
def _scenario_funding(
    folder: str, location: str, stamp: str, edits: dict[str, AreaEdit], _plan_data: PlanData
) -> Funding:
    """Keyed by each frozen ``AreaEdit`` and the data's location and stamp (equal stamps,
    equal data); the plan itself is not hashed."""
    return funding_of(_plan_data, edits)


def show_scenario_error(intro: str, error: ScenarioError) -> None:
    """``st.error``: what was refused, then each problem on its own line (at most
    ``MAX_SHOWN``, then how many more). ``intro`` is Markdown: escape what it quotes.
    Areas are named by the plan's short names."""
    code = lang()
    names = area_names(plan_data().areas, code, short=True)
    st.error(scenario_error_text(intro, error, code, names), icon=":material/error:")


def scenario_label_markdown() -> str | None:
    """The active scenario's name (or 'unsaved scenario'), escaped; ``None`` without one."""
    identity = current_identity()
    return None if identity is None else plain(scenario_label(identity, lang()))


def show_scenario_banner() -> None:
    """The warning every page showing the scenario's figures starts with: they are not the
    plan's, the scenario's name and how many areas it edits, then its edits (listed up to
    :data:`BANNER_LINES`, else folded in a closed expander). Names and notes are escaped."""
    identity = current_identity()
    if identity is None:  # edits that change no figure (notes only)
        st.warning(tr("app.scenario_banner"), icon=":material/science:")
        return
    code = lang()
    names = area_names(plan_data().areas, code, short=True)
    heading, lines = banner_markdown(identity, names, code)
    shown = lines if len(lines) <= BANNER_LINES else []
    body = "\n".join([f"**{heading}**  ", tr("app.scenario_banner"), "", *shown])
    st.warning(body, icon=":material/science:")
    if not shown:
        with st.expander(tr("scenario.banner.edits")):
            st.markdown("\n".join(lines))
