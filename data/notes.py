"""The data notes of every page, from one place: the funding reconciliation, then the DTM notes.

Each note is a row in the reconciliation-notes shape (:data:`data.plan.RECONCILIATION_COLUMNS`):
``check_id, kind, scope, template, printed, computed, amount, unit, params``. The sentence of
a note is worded by the text layer from ``template`` + ``params`` (a :data:`NoteRenderer`),
never here. Overview, Data & sources, the exports and the command line all take their notes
from :func:`all_notes`, so they show the same rows in the same order.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import pandas as pd

from data.displacement import Displacement
from data.plan import RECONCILIATION_COLUMNS, Funding

NoteRenderer = Callable[[Mapping[str, object], str], str]
"""``describe(note_row, lang) -> sentence`` (the text layer's ``render_note``)."""

MATCH = "match"
"""The kind of a check whose printed and computed figures agree exactly."""


def all_notes(funding: Funding, dtm: Displacement) -> pd.DataFrame:
    """Every data note: the reconciliation of ``funding``, then the notes on ``dtm``.

    Pass the baseline funding: the notes are about the source documents, also while a
    scenario is active. The index runs 0..n-1; the columns are exactly
    :data:`~data.plan.RECONCILIATION_COLUMNS`, with the dtypes of the reconciliation
    (an empty side is left out, so that it cannot turn text columns into ``object``).
    """
    parts = [frame for frame in (funding.reconciliation, dtm.notes) if len(frame)]
    notes = pd.concat(parts or [funding.reconciliation], ignore_index=True)
    return notes[RECONCILIATION_COLUMNS]


def split_matches(notes: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(the notes that say something, the checks that add up exactly), in their order."""
    is_match = notes["kind"] == MATCH
    return notes[~is_match], notes[is_match]


def notes_table(notes: pd.DataFrame, describe: NoteRenderer, lang: str) -> pd.DataFrame:
    """The notes as a table for people: each row's sentence in ``lang`` as ``description``,
    in place of its ``template`` and ``params``."""
    return notes.drop(columns=["params", "template"]).assign(
        description=[describe(row, lang) for row in notes.to_dict("records")]
    )


SHOWN_FIGURE_TEMPLATES = frozenset({"plan_confirmed", "plan_gap"})
"""Notes whose sentence says that the plan's computed figure is 'the figure shown here'."""
SCENARIO_SUFFIX = "_scenario"


def scenario_notes(notes: pd.DataFrame) -> pd.DataFrame:
    """The notes as worded while a scenario is shown: a note that calls the plan's figure
    'the figure shown here' (:data:`SHOWN_FIGURE_TEMPLATES`) takes its ``<template>_scenario``
    sentence instead, which says that figure is the published plan's and the one shown is
    the scenario's. Every other column, and every other note, is unchanged."""
    swapped = notes["template"].isin(SHOWN_FIGURE_TEMPLATES)
    return notes.assign(
        template=notes["template"].where(~swapped, notes["template"] + SCENARIO_SUFFIX)
    )
