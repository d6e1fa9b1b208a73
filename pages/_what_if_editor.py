"""The what-if editor: one row per activity area, Apply and Reset, what the table refuses,
and the messages the callbacks left (each shown once, where it belongs)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import streamlit as st

from components.whatif_tables import editor_frame
from data.scenario import MAX_AMOUNT_USD, MAX_NOTE_CHARS, AreaEdit, ScenarioError, validate_edits
from pages._scenario import show_scenario_error
from pages._shared import tr
from pages._what_if_callbacks import apply_clicked, reset_clicked
from pages._what_if_state import FLASH_KEY, WhatIf, submitted_table
from text import NBSP, NNBSP

# Grid number format (sprintf-js as Streamlit extends it: "'c," groups thousands with c).
GRID_USD = {"en": "$%,d", "fr": f"%'{NNBSP},d{NBSP}$"}
READ_ONLY = ["area", "objective", "required", "plan_confirmed"]


def show_flash(w: WhatIf, place: str) -> None:
    """Show (once) the messages callbacks left for this place of the page."""
    kept = []
    for entry in w.state.get(FLASH_KEY, []):
        where, kind, text, error = entry
        if where != place:
            kept.append(entry)
        elif error is not None:
            show_scenario_error(text, error)
        else:
            getattr(st, kind)(text)
    w.state[FLASH_KEY] = kept


def columns(lang: str) -> dict[str, Any]:
    """The grid's columns: read-only texts, then the amounts and the note one may type."""
    return {
        "area": st.column_config.TextColumn(tr("whatif.col.area")),
        "objective": st.column_config.TextColumn(tr("whatif.col.objective")),
        "required": st.column_config.TextColumn(tr("whatif.col.required")),
        "plan_confirmed": st.column_config.TextColumn(tr("whatif.col.plan_confirmed")),
        "confirmed_usd": usd_column(
            tr("whatif.col.confirmed_usd"), tr("whatif.col.confirmed_usd_help"), lang
        ),
        "pledge_usd": usd_column(
            tr("whatif.col.pledge_usd"), tr("whatif.col.pledge_usd_help"), lang
        ),
        "note": st.column_config.TextColumn(
            tr("whatif.col.note"), help=tr("whatif.col.note_help"), max_chars=MAX_NOTE_CHARS
        ),
    }


def usd_column(label: str, help: str, lang: str) -> Any:
    """An amount one may type: whole dollars, 0..``MAX_AMOUNT_USD``, grouped as in ``lang``."""
    return st.column_config.NumberColumn(
        label,
        help=help,
        min_value=0,
        max_value=MAX_AMOUNT_USD,
        step=1,
        format=GRID_USD[lang],
    )


def show_editor(w: WhatIf, edits: Mapping[str, AreaEdit], active: bool) -> None:
    """The grid in a form (typing does not rerun the page), Apply, Reset; a refused table
    stays on screen with every problem until it is corrected."""
    with st.form("whatif.form", border=False):
        st.data_editor(
            editor_frame(w.plan, edits, w.lang),
            key=w.versioned("editor"),
            height="content",  # every area, no inner scrolling
            hide_index=True,
            num_rows="fixed",
            placeholder="",  # an empty cell keeps the plan's figure: show it empty, not "None"
            alt=tr("whatif.editor.title"),
            disabled=READ_ONLY,
            column_config=columns(w.lang),
        )
        st.form_submit_button(
            tr("whatif.apply"),
            key="whatif.apply",
            type="primary",
            icon=":material/check:",
            on_click=apply_clicked,
            args=(w,),
        )
    st.button(
        tr("whatif.reset"),
        key="whatif.reset",
        on_click=reset_clicked,
        args=(w,),
        disabled=not active,
        icon=":material/undo:",
    )
    try:
        validate_edits(w.plan, submitted_table(w))
    except ScenarioError as error:
        show_scenario_error(tr("whatif.refused"), error)
