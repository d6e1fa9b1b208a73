"""The pack's scenario page (PDF and PowerPoint): which scenario, and every edit it makes.

Under a scenario the cover names it (:func:`cover_heading`) and the page after the cover
lists its edits (:func:`edits_pages`): the heading, a line saying the figures are not the
published plan's, then one item per edited area (``edit_texts``: area, plan amount ->
scenario amount, pledge, note). The items are laid out with reportlab's Helvetica metrics at
the largest size that fits one page; at the smallest size they run on to further pages.
Text is plain: the PDF draws it with ``drawString`` (no markup parsed), the PowerPoint as runs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from components.briefing.layout import (
    MARGIN,
    NOTE_SIZE,
    PAGE_W,
    RULE_Y,
    SOURCES_BOTTOM,
    Box,
    wrap_lines,
)
from components.scenario_identity import edit_texts, scenario_heading
from data.scenario.identity import ScenarioIdentity
from text import t

HEADING_SIZE = 18
HEADING_TOP = RULE_Y + 12
INTRO_TOP = HEADING_TOP + HEADING_SIZE + 10
EDITS_TOP = INTRO_TOP + 2 * (NOTE_SIZE + 4) + 12
EDITS_TOP_CONTINUED = RULE_Y + 16
EDITS_WIDTH = PAGE_W - 2 * MARGIN
ITEM_SIZES = (16.0, 14.0, 12.0, 11.0, 10.0)
"""Font sizes tried for the edits, largest first."""
BULLET = "\u2022 "
INDENT = 14.0
"""The items' text starts this far right of the bullet (a hanging indent)."""
ITEM_GAP = 0.6
"""Space after an item, in lines of its size."""


@dataclass(frozen=True)
class EditsPage:
    """One page of edits: its items (``texts``, exact characters, for the PowerPoint;
    ``items``, wrapped for the PDF's font), their size, where they start."""

    texts: tuple[str, ...]
    items: tuple[tuple[str, ...], ...]
    size: float
    top: float

    @property
    def leading(self) -> float:
        return self.size * 1.25

    def boxes(self) -> list[Box]:
        """Where each item goes (points from the top of the page)."""
        top, boxes = self.top, []
        for lines in self.items:
            height = len(lines) * self.leading
            boxes.append(Box(MARGIN, top, EDITS_WIDTH, height))
            top += height + ITEM_GAP * self.leading
        return boxes


def cover_heading(identity: ScenarioIdentity, lang: str) -> str:
    """'Scénario : <name> — 2 domaines modifiés' (plain text)."""
    return scenario_heading(identity, lang)


def intro_lines(identity: ScenarioIdentity, lang: str) -> tuple[str, list[str]]:
    """The first page's heading and its 'not the published plan' line, wrapped."""
    not_plan = t("briefing.scenario.not_plan", lang)
    return scenario_heading(identity, lang), wrap_lines(
        not_plan, "Helvetica", NOTE_SIZE, EDITS_WIDTH
    )


def _wrapped(items: Sequence[str], size: float) -> list[tuple[str, ...]]:
    """Each item's lines (without the bullet) in the width right of the indent."""
    width = EDITS_WIDTH - INDENT
    return [tuple(wrap_lines(item, "Helvetica", size, width)) for item in items]


def _height(items: Sequence[tuple[str, ...]], size: float) -> float:
    leading = size * 1.25
    return sum(len(lines) * leading for lines in items) + ITEM_GAP * leading * (len(items) - 1)


def edits_pages(
    identity: ScenarioIdentity, area_names: Mapping[str, str] | None, lang: str
) -> list[EditsPage]:
    """The edits laid out on as many pages as they need (one, unless notes are long).

    ``area_names``: area id -> name in ``lang`` (``None``: the ids are shown).
    """
    texts = edit_texts(identity, area_names or {}, lang)
    first_room = SOURCES_BOTTOM - EDITS_TOP
    for size in ITEM_SIZES:
        items = _wrapped(texts, size)
        if _height(items, size) <= first_room:
            return [EditsPage(tuple(texts), tuple(items), size, EDITS_TOP)]
    size = ITEM_SIZES[-1]
    pages: list[EditsPage] = []
    start, top = 0, EDITS_TOP
    items = _wrapped(texts, size)
    for end in range(1, len(items) + 1):
        if end - start > 1 and _height(items[start:end], size) > SOURCES_BOTTOM - top:
            pages.append(
                EditsPage(tuple(texts[start : end - 1]), tuple(items[start : end - 1]), size, top)
            )
            start, top = end - 1, EDITS_TOP_CONTINUED
    pages.append(EditsPage(tuple(texts[start:]), tuple(items[start:]), size, top))
    return pages
