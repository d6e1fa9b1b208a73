"""The scenario model: :class:`AreaEdit` (one area's change) and :class:`Scenario` (a named
set of edits made against one version of the plan).

Both check what they are given: an invalid amount, note or name raises
:class:`~data.scenario.problems.ScenarioError`.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from data.scenario.amounts import checked_usd
from data.scenario.names import bad_character, clean_name
from data.scenario.problems import Problem, ScenarioError, quoted

MAX_NOTE_CHARS = 500


@dataclass(frozen=True)
class AreaEdit:
    """The scenario's change to one activity area.

    ``confirmed_usd``: the confirmed amount to use instead of the plan's (``None``: keep the
    plan's figure, even 'not reported'). ``pledge_usd``: an additional amount (e.g. a donor's
    pledge) added on top. ``note``: free text (donor, source, caveat). Amounts are whole USD,
    0..``MAX_AMOUNT_USD``; invalid values raise :class:`ScenarioError`.
    """

    confirmed_usd: int | None = None
    pledge_usd: int = 0
    note: str = ""

    def __post_init__(self) -> None:
        if self.confirmed_usd is not None:
            object.__setattr__(
                self, "confirmed_usd", checked_usd(self.confirmed_usd, "confirmed_usd")
            )
        object.__setattr__(self, "pledge_usd", checked_usd(self.pledge_usd, "pledge_usd"))
        if not isinstance(self.note, str):
            raise ScenarioError(Problem("note", "not_text", f"{quoted(self.note)} is not text"))
        note = self.note.strip()
        surrogate = next((ch for ch in note if unicodedata.category(ch) == "Cs"), None)
        if surrogate is not None:  # cannot be stored, sent to a browser nor written as UTF-8
            raise ScenarioError(bad_character("note", "invalid_character", surrogate, "note"))
        if len(note) > MAX_NOTE_CHARS:
            raise ScenarioError(
                Problem(
                    "note",
                    "too_long",
                    f"is {len(note)} characters long; the limit is {MAX_NOTE_CHARS}",
                    {"length": len(note), "limit": MAX_NOTE_CHARS},
                )
            )
        object.__setattr__(self, "note", note)

    @property
    def is_noop(self) -> bool:
        """True when the edit keeps the plan's figure and adds nothing (a note at most)."""
        return self.confirmed_usd is None and self.pledge_usd == 0


@dataclass(frozen=True)
class Scenario:
    """A named set of edits, made against the plan of ``baseline_date`` (its document date)
    with the figures of data version ``data_version`` (0: the bundled tables)."""

    name: str
    edits: Mapping[str, AreaEdit]
    baseline_date: dt.date
    data_version: int = 0

    def __post_init__(self) -> None:
        object.__setattr__(self, "name", clean_name(self.name))
        edits = dict(self.edits)
        for area_id, edit in edits.items():
            if not isinstance(area_id, str) or not isinstance(edit, AreaEdit):
                raise TypeError(
                    f"Scenario.edits maps area ids (str) to AreaEdit, got {area_id!r}: {edit!r}"
                )
        object.__setattr__(self, "edits", edits)
        if isinstance(self.baseline_date, dt.datetime) or not isinstance(
            self.baseline_date, dt.date
        ):
            raise TypeError(f"Scenario.baseline_date must be a date, got {self.baseline_date!r}")
        if (
            isinstance(self.data_version, bool)
            or not isinstance(self.data_version, int)
            or self.data_version < 0
        ):
            raise TypeError(
                f"Scenario.data_version must be a whole number from 0, got {self.data_version!r}"
            )
