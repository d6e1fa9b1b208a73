"""The active scenario in the address: a shared link read once, the address kept in step, and
the whole link to share.

``?whatif=<edits>&whatif_name=<name>&lang=<lang>`` (:mod:`data.scenario.link`): the edits and
the name are read like any input from outside (refused with the scenario problems' wording,
the plan's figures kept); the address follows the session's active scenario afterwards.
"""

from __future__ import annotations

import streamlit as st

from data.scenario import QUERY_PARAM, ScenarioError, edits_to_query
from data.scenario.link import NAME_PARAM, scenario_from_params, share_url
from pages._scenario import scenario_edits, scenario_name, set_scenario, show_scenario_error
from pages._shared import lang, plan_data, tr

LINK_READ_KEY = "whatif.link_read"  # the session's first run has read the ?whatif= link


def scenario_from_link() -> ScenarioError | None:
    """On the session's first run only, activate the scenario of a shared link (``?whatif=``,
    with its name from ``?whatif_name=``).

    Returns the error of a bad link (bad edits or a bad name), in which case the plan's
    figures stay; else ``None``.
    """
    if st.session_state.get(LINK_READ_KEY):
        return None
    st.session_state[LINK_READ_KEY] = True
    params = {
        key: st.query_params[key] for key in (QUERY_PARAM, NAME_PARAM) if key in st.query_params
    }
    try:
        edits, name = scenario_from_params(params, plan_data())
    except ScenarioError as exc:
        return exc
    if edits:
        set_scenario(edits, name)
    return None


def _sync(param: str, value: str | None) -> None:
    if value and st.query_params.get(param) != value:
        st.query_params[param] = value
    elif not value and param in st.query_params:
        del st.query_params[param]


def sync_scenario_link() -> None:
    """Keep ``?whatif=`` (and ``?whatif_name=``) in the address equal to the active scenario;
    both absent for the plan."""
    query = edits_to_query(scenario_edits())
    _sync(QUERY_PARAM, query)
    _sync(NAME_PARAM, scenario_name() if query else None)


def wire_scenario_link() -> None:
    """Activate a shared link on the session's first run (or say why not); sync the address.

    Called by ``dashboard.py`` before the sidebar, and again by ``page_header``, where it is
    a no-op unless a page script ran without the entry point.
    """
    error = scenario_from_link()
    if error is not None:
        show_scenario_error(tr("whatif.link.refused"), error)
    sync_scenario_link()


def share_link() -> str:
    """The whole link that opens the active scenario: the address this page was opened at
    (``st.context.url``), the edits, the name and the language; ``""`` for the plan.

    Without a known address (no browser), the link is the query alone (``?whatif=…``). A
    name that would be refused when read back (it cannot be, once saved) is left out.
    """
    edits, name = scenario_edits(), scenario_name()
    try:
        return share_url(st.context.url, edits, name, lang())
    except ScenarioError:
        return share_url(st.context.url, edits, None, lang())
