"""The what-if editor's draft: what was typed and not applied yet, read in the page's language.

Typed cells are kept in ``DRAFT_KEY`` (``pages._scenario``) on every run of the editor, so
that they outlive the page (Streamlit drops a widget's state once it is not shown) and the
sidebar of every page can say that edits are waiting; whatever replaces the active edits
(``activate``) drops the draft.
"""

from __future__ import annotations

import streamlit as st

from data.scenario import AreaEdit, ScenarioError, validate_typed
from pages._scenario import edits_in
from pages._shared import lang, plan_data, tr
from pages._what_if_state import WhatIf, scenario_store, submitted_table


def typed_outcome(w: WhatIf) -> tuple[dict[str, AreaEdit], ScenarioError | None]:
    """The edits the table would apply (the active ones when it is refused) and why it is
    refused (``None``: every cell reads in ``w.lang``)."""
    try:
        draft, _warnings = validate_typed(w.plan, submitted_table(w), w.lang)
    except ScenarioError as error:
        return dict(edits_in(w.state)), error
    return draft, None


def unapplied(w: WhatIf) -> bool:
    """Was something typed that is not the active scenario (a refused cell counts)?"""
    draft, error = typed_outcome(w)
    return error is not None or draft != dict(edits_in(w.state))


def show_unapplied_warning() -> None:
    """The sidebar's warning while edits typed on the what-if page are not applied."""
    if unapplied(WhatIf(st.session_state, plan_data(), lang(), scenario_store)):
        st.warning(tr("app.unapplied_edits"), icon=":material/edit_note:")
