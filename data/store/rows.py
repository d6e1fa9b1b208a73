"""Rows of the scenario store as the API hands them out: :class:`ScenarioInfo` (one saved
scenario, listed), :class:`Listing`, :class:`SkippedRow`, and how a stored row is read.

A stored value is never trusted: :func:`read_info` checks every column and names the one
that cannot be read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from data.scenario import MAX_NAME_CHARS, clean_author, clean_name, echo

# The columns of a listed row, in the order read_info takes them.
COLUMNS = (
    "name, updated_at, n_edits, baseline_date, created_at, created_by, updated_by, data_version"
)


@dataclass(frozen=True)
class ScenarioInfo:
    """One saved scenario, as listed (without its edits): who saved it and when."""

    name: str
    updated_at: dt.datetime
    n_edits: int
    baseline_date: dt.date
    created_at: dt.datetime
    created_by: str = ""  # '' for scenarios saved before authors were recorded
    updated_by: str = ""
    data_version: int = 0  # the data version it was made on (0: the bundled tables)


@dataclass(frozen=True)
class SkippedRow:
    """A stored row left out of a listing because a column cannot be read."""

    name: str  # the stored name, shortened (``""`` when it is not text)
    reason: str  # English, for logs: ``updated_at: 'yesterday' is not a date``


@dataclass(frozen=True)
class Listing:
    """The saved scenarios that can be read (most recently saved first), and the rows skipped.

    Iterating, ``len`` and truth go over :attr:`scenarios`.
    """

    scenarios: tuple[ScenarioInfo, ...]
    skipped: tuple[SkippedRow, ...] = ()

    def __iter__(self) -> Iterator[ScenarioInfo]:
        return iter(self.scenarios)

    def __len__(self) -> int:
        return len(self.scenarios)


def utc_now() -> str:
    """The current time as stored: UTC, ISO 8601 to the microsecond."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


def timestamp(value: object) -> dt.datetime:
    """A stored ISO 8601 time (UTC when it carries no offset); ValueError/TypeError if not."""
    moment = dt.datetime.fromisoformat(value)  # type: ignore[arg-type]
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)


def count(value: object) -> int:
    """A stored count (``n_edits``): a non-negative int, else ValueError."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError("not a count")
    return value


def shown_name(value: object) -> str:
    """A stored name as quoted in a problem (names are at most 80 characters)."""
    return echo(value, MAX_NAME_CHARS + 1)


def read_info(row: tuple[object, ...]) -> ScenarioInfo:
    """A listed row (:data:`COLUMNS`); ValueError naming the column that cannot be read."""
    name, updated, n_edits, baseline_date, created, created_by, updated_by, data_version = row
    checks: list[tuple[str, object, Callable[[object], object]]] = [
        ("name", name, clean_name),
        ("updated_at", updated, timestamp),
        ("n_edits", n_edits, count),
        ("baseline_date", baseline_date, dt.date.fromisoformat),  # type: ignore[list-item]
        ("created_at", created, timestamp),
        ("created_by", created_by, lambda v: v if v == "" else clean_author(v)),
        ("updated_by", updated_by, lambda v: v if v == "" else clean_author(v)),
        ("data_version", data_version, lambda v: 0 if v is None else count(v)),
    ]
    values = {}
    for column, value, read in checks:
        try:
            values[column] = read(value)
        except (ValueError, TypeError) as exc:
            raise ValueError(f"{column}: {echo(repr(value))} cannot be read") from exc
    values["name"] = name  # as stored (the key it is found under is the file's)
    return ScenarioInfo(**values)  # type: ignore[arg-type]
