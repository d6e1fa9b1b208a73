"""Reading the cells of a :class:`~data.intake.table.RawTable` by canonical column.

:class:`Cells` pairs a table with its :class:`~data.intake.aliases.HeaderMap`: a cell is asked
for by row and canonical name (``cells.read(i, "idps", parse_whole, issues)``) and a problem
becomes an :class:`data.errors.Issue` naming the file, the row the officer sees and the column
as written in the file. :func:`one_date` and :func:`one_round` find the single date and round
number of a table (a column, a value given by the page, or both when they agree).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from data.errors import Issue, IssueList, short_name
from data.intake.aliases import HeaderMap
from data.intake.table import RawTable
from data.intake.values import CellProblem, parse_date, parse_whole

T = TypeVar("T")

MAX_ROUND = 10_000
"""Largest DTM round number accepted (DTM Mali was at round 14 or so in 2023)."""


@dataclass(frozen=True)
class Cells:
    """A table's cells by row index and canonical column name."""

    raw: RawTable
    headers: HeaderMap

    @property
    def file(self) -> str:
        return self.raw.file

    def __len__(self) -> int:
        return len(self.raw.rows)

    def has(self, canonical: str) -> bool:
        return self.headers.has(canonical)

    def row(self, index: int) -> int:
        """The row number the officer sees for row ``index``."""
        return self.raw.row_numbers[index]

    def column(self, canonical: str) -> str:
        """The header of a canonical column as written in the file (or the canonical name)."""
        position = self.headers.columns.get(canonical)
        if position is None:
            return canonical
        return short_name(self.raw.header[position] or f"#{position + 1}")

    def text(self, index: int, canonical: str) -> str:
        """The cell's text, ``""`` when empty or when the table has no such column."""
        position = self.headers.columns.get(canonical)
        return "" if position is None else self.raw.rows[index][position]

    def issue(
        self, index: int, canonical: str | None, message: str, code: str, **params: object
    ) -> Issue:
        """An :class:`Issue` at row ``index`` and column ``canonical`` (as written)."""
        column = self.column(canonical) if canonical else None
        return Issue(self.file, self.row(index), column, message, code, params)

    def read(
        self, index: int, canonical: str, reader: Callable[[str], T | None], issues: IssueList
    ) -> T | None:
        """The cell read by ``reader``; ``None`` when empty or refused (then added to ``issues``)."""
        try:
            return reader(self.text(index, canonical))
        except CellProblem as problem:
            issues.add(problem.issue(self.file, self.row(index), self.column(canonical)))
            return None


def _first_rows(values: list[tuple[int, T]]) -> dict[T, int]:
    first: dict[T, int] = {}
    for row, value in values:
        first.setdefault(value, row)
    return first


def one_date(
    cells: Cells, issues: IssueList, given: dt.date | None, day_first: bool | None
) -> dt.date | None:
    """The table's single date: its ``as_of`` column, ``given``, or both when they agree.

    Problems are added to ``issues``: ``several_dates``, ``as_of_disagrees``, ``missing_as_of``
    and the cells' own (``not_a_date``, ``ambiguous_date``, ...).
    """
    before = len(issues)
    found: list[tuple[int, dt.date]] = []
    for index in range(len(cells)):
        value = cells.read(index, "as_of", lambda text: parse_date(text, day_first), issues)
        if value is not None:
            found.append((cells.row(index), value))
    dates = sorted(_first_rows(found))
    column = cells.column("as_of")
    if len(dates) > 1:
        issues.add(
            Issue(
                cells.file,
                None,
                column,
                f"one date per table: found {len(dates)} dates ({dates[0]} to {dates[-1]})",
                "one_date_only",
                {"count": len(dates), "first": dates[0], "last": dates[-1]},
            )
        )
        return None
    table_date = dates[0] if dates else None
    if given is not None and table_date is not None and given != table_date:
        issues.add(
            Issue(
                cells.file,
                found[0][0],
                column,
                f"the table's date {table_date} differs from the date given, {given}",
                "as_of_disagrees",
                {"table_date": table_date, "date": given},
            )
        )
        return None
    result = given or table_date
    if result is None and len(issues) == before:
        issues.add(Issue(cells.file, None, None, "the table has no date", "missing_as_of", {}))
    return result


def one_round(cells: Cells, issues: IssueList, given: int | None) -> int | None:
    """The table's round number: its ``round`` column, ``given``, or both when they agree."""
    found: list[tuple[int, int]] = []
    for index in range(len(cells)):
        value = cells.read(
            index, "round", lambda text: parse_whole(text, maximum=MAX_ROUND), issues
        )
        if value is not None:
            found.append((cells.row(index), value))
    rounds = sorted(_first_rows(found))
    column = cells.column("round")
    if len(rounds) > 1:
        shown = ", ".join(str(number) for number in rounds[:10])
        issues.add(
            Issue(
                cells.file,
                None,
                column,
                f"one DTM round per table: found rounds {shown}",
                "several_rounds",
                {"rounds": shown},
            )
        )
        return None
    table_round = rounds[0] if rounds else None
    if given is not None and table_round is not None and given != table_round:
        issues.add(
            Issue(
                cells.file,
                found[0][0],
                column,
                f"the table's round {table_round} differs from the round given, {given}",
                "round_disagrees",
                {"table_round": table_round, "round": given},
            )
        )
        return None
    return given if given is not None else table_round
