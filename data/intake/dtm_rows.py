"""The rows of a DTM round: named regions, the national ``Total`` row, the ``Other regions`` row.

A row's name is first read as a row label of the alias table (``Total``, ``Total national``,
``National total``; ``Autres régions``, ``Other regions``, ``Other``), then as a region through
``geo.regions`` (names, aliases, p-codes such as ``ML05``) and the officer's own ``aliases``
(``{name: region_id}``, remembered by the page). Names are never guessed: an unknown name is
refused with the closest known names; a region given twice (under two names too), a second
``Total`` or ``Other`` row are refused naming the first row.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd

from data.errors import MAX_SHOWN, Issue, IssueList, excerpt
from data.intake.aliases import fold, row_label
from data.intake.cells import Cells
from geo.regions import MAX_NAME_CHARS, find_region, load_regions, suggest


@dataclass
class RoundRows:
    """Row indexes: ``named`` as ``(index, region_id)``, and the Total and Other rows."""

    named: list[tuple[int, str]] = field(default_factory=list)
    total: int | None = None
    other: int | None = None


@lru_cache(maxsize=1)
def _pcodes() -> dict[str, str]:
    """``{p-code, case folded: region_id}`` of ``geo/regions.csv``."""
    regions = load_regions()
    return {
        str(pcode).casefold(): str(region_id)
        for region_id, pcode in zip(regions["region_id"], regions["pcode"], strict=True)
        if not pd.isna(pcode)
    }


def resolve_region(
    name: str, known: Collection[str] | None, aliases: Mapping[str, str] | None
) -> str | None:
    """The ``region_id`` a name stands for, or None (not known, or not in ``known``)."""
    if len(name) > MAX_NAME_CHARS:
        return None
    regions = load_regions()
    region_id: str | None = None
    if aliases:
        chosen = {fold(alias): target for alias, target in aliases.items()}.get(fold(name))
        region_id = chosen if chosen in regions.index else None
    region_id = region_id or find_region(name)
    region_id = region_id or _pcodes().get(name.strip().casefold())
    if region_id is not None and known is not None and region_id not in known:
        return None
    return region_id


def _suggestions(name: str, known: Collection[str] | None) -> list[str]:
    names = suggest(name, n=6)
    if known is not None:
        names = [found for found in names if find_region(found) in known]
    return names[:3]


def _unknown(
    cells: Cells, index: int, name: str, known: Collection[str] | None, count: int
) -> Issue:
    hints = _suggestions(name, known) if count <= MAX_SHOWN else []
    if hints:
        hint = ", ".join(hints)
        return cells.issue(
            index,
            "region",
            f"unknown region {excerpt(name)}; closest known names: {hint}",
            "unknown_region_hint",
            value=excerpt(name),
            suggestions=hint,
        )
    return cells.issue(
        index, "region", f"unknown region {excerpt(name)}", "unknown_region", value=excerpt(name)
    )


def _label_row(cells: Cells, index: int, label: str, rows: RoundRows, issues: IssueList) -> None:
    first = rows.total if label == "total" else rows.other
    if first is None:
        if label == "total":
            rows.total = index
        else:
            rows.other = index
        return
    issues.add(
        cells.issue(
            index,
            "region",
            f"a second {label} row (the first is row {cells.row(first)})",
            f"duplicate_{label}_row",
            first_row=cells.row(first),
        )
    )


def classify_rows(
    cells: Cells,
    issues: IssueList,
    known: Collection[str] | None = None,
    aliases: Mapping[str, str] | None = None,
) -> RoundRows:
    """Sort the rows into named regions, Total and Other; problems are added to ``issues``."""
    rows = RoundRows()
    first_row: dict[str, tuple[int, str]] = {}
    unknown = 0
    for index in range(len(cells)):
        name = cells.text(index, "region")
        if not name:
            issues.add(cells.issue(index, "region", "empty value", "empty"))
            continue
        label = row_label(name)
        if label is not None:
            _label_row(cells, index, label, rows, issues)
            continue
        region_id = resolve_region(name, known, aliases)
        if region_id is None:
            unknown += 1
            issues.add(_unknown(cells, index, name, known, unknown))
        elif region_id in first_row:
            other_row, other_name = first_row[region_id]
            issues.add(
                cells.issue(
                    index,
                    "region",
                    f"duplicate region {excerpt(name)} (same region as {excerpt(other_name)} "
                    f"on row {other_row})",
                    "duplicate_region",
                    value=excerpt(name),
                    other=excerpt(other_name),
                    first_row=other_row,
                )
            )
        else:
            first_row[region_id] = (cells.row(index), name)
            rows.named.append((index, region_id))
    return rows
