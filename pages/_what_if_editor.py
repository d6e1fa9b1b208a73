"""The what-if editor: one row per activity area, Apply and Reset, what the table refuses,
what changed and is not applied yet, and the messages the callbacks left (each shown once,
where it belongs).

Amounts are text columns: the grid keeps what was typed, and the page reads it in its
language (``data.scenario.parse_typed_amount``); a number column would let the browser
reinterpret ``1234.50`` or ``2e6`` before the page sees it. Every edit reruns the page, so
refusals and changes show as soon as a cell is left, and Apply is disabled while a cell is
refused."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import streamlit as st

from components.whatif_tables import changes_text, editor_text_frame, highlight_changed
from data.names import area_names
from data.scenario import MAX_NOTE_CHARS, AreaEdit, area_ids, edit_changes
from pages._scenario import DRAFT_KEY, show_scenario_error
from pages._shared import tr
from pages._what_if_callbacks import apply_clicked, reset_clicked
from pages._what_if_draft import typed_outcome
from pages._what_if_state import FLASH_KEY, WhatIf, submitted_table, typed_cells

READ_ONLY = ["area", "required", "plan_confirmed"]


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


# Pixel widths that fit 1366 px with the sidebar open (the grid is ~875 px wide there), the
# note included; wider screens share the rest among the columns.
WIDTHS = {
    "area": 195,
    "required": 88,
    "plan_confirmed": 128,
    "confirmed_usd": 165,
    "pledge_usd": 152,
    "note": 143,
}


def columns() -> dict[str, Any]:
    """The grid's columns: read-only texts, then the amounts (text) and the note one may type."""
    text = st.column_config.TextColumn
    return {
        "area": text(tr("whatif.col.area"), width=WIDTHS["area"]),
        "required": text(tr("whatif.col.required"), width=WIDTHS["required"]),
        "plan_confirmed": text(tr("whatif.col.plan_confirmed"), width=WIDTHS["plan_confirmed"]),
        "confirmed_usd": text(
            tr("whatif.col.confirmed_usd"),
            help=tr("whatif.col.confirmed_typed_help"),
            width=WIDTHS["confirmed_usd"],
        ),
        "pledge_usd": text(
            tr("whatif.editor.col.pledge_usd"),  # shorter than the comparison's header
            help=tr("whatif.col.pledge_typed_help"),
            width=WIDTHS["pledge_usd"],
        ),
        "note": text(
            tr("whatif.col.note"),
            help=tr("whatif.col.note_help"),
            max_chars=MAX_NOTE_CHARS,
            width=WIDTHS["note"],
        ),
    }


def show_editor(w: WhatIf, edits: Mapping[str, AreaEdit], active: bool) -> None:
    """The grid (what was typed, kept in the draft), Apply (disabled while a cell is
    refused), Reset; then the refused cells, or the changes not applied yet."""
    table = submitted_table(w)
    w.state[DRAFT_KEY] = typed_cells(w)  # outlives the page: the sidebar warns of it
    draft, error = typed_outcome(w)
    order = area_ids(w.plan)
    changes = [] if error is not None else edit_changes(edits, draft, order)
    st.data_editor(
        highlight_changed(
            editor_text_frame(w.plan, edits, table, w.lang), [area for area, _, _ in changes]
        ),
        key=w.versioned("editor"),
        height="content",  # every area, no inner scrolling
        hide_index=True,
        num_rows="fixed",
        placeholder="",  # an empty cell keeps the plan's figure: show it empty, not "None"
        alt=tr("whatif.editor.title"),
        disabled=READ_ONLY,
        column_config=columns(),
    )
    st.button(
        tr("whatif.apply"),
        key="whatif.apply",
        type="primary",
        icon=":material/check:",
        on_click=apply_clicked,
        args=(w,),
        disabled=error is not None,
    )
    st.button(
        tr("whatif.reset"),
        key="whatif.reset",
        on_click=reset_clicked,
        args=(w,),
        disabled=not active,
        icon=":material/undo:",
    )
    if error is not None:
        show_scenario_error(tr("whatif.typed.refused"), error)
        return
    if changes:
        names = area_names(w.plan.areas, w.lang, short=True)
        st.info(changes_text(tr("whatif.changed.title"), changes, w.lang, names))
