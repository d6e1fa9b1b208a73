"""The JSON every text payload is written as, and the checked reading of its fields.

A payload is one JSON object, written canonically (:func:`canonical`: keys sorted, no
spaces, UTF-8 text, no NaN) so the same update always gives the same text. It carries a
``format`` name and a ``format_version``; a reader refuses any other. Reading is strict:
every field is checked for its type and bounds, and a stored version that does not read
raises :class:`data.errors.DataValidationError` whose issues have one of these codes
(worded by ``table.issue.<code>``):

- ``payload_not_json``: the text is not a JSON object;
- ``payload_format``: another format or format version (``found`` says which);
- ``payload_missing``: a field is missing (``column`` names it, ``row`` the entry);
- ``payload_invalid``: a field's value cannot be read (``value``: an excerpt of it).

Issues name the stored version (``file``), the entry of a list (``row``, from 1) and the
field (``column``, ``areas.confirmed_usd``). Missing is not zero: JSON ``null`` is
"not reported" and reads back as <NA>.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Callable, Mapping
from typing import TypeVar

import pandas as pd

from data.errors import MAX_YEAR, MIN_YEAR, DataValidationError, Issue, excerpt

T = TypeVar("T")

CODES = ("payload_not_json", "payload_format", "payload_missing", "payload_invalid")
"""The issue codes of a payload that does not read."""


def canonical(document: Mapping[str, object]) -> str:
    """``document`` as canonical JSON: sorted keys, no spaces, UTF-8 text, NaN refused."""
    return json.dumps(
        document, sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False
    )


def _no_constant(name: str) -> float:
    raise ValueError(f"{name} is not a number JSON allows")


class Reader:
    """Checked reading of one payload's fields; the first problem raises.

    ``name`` is what the issues call the payload (the version and its source).
    """

    def __init__(self, name: str) -> None:
        self.name = name

    def fail(
        self, code: str, column: str | None = None, row: int | None = None, **params: object
    ) -> DataValidationError:
        messages = {
            "payload_not_json": "the stored version is damaged: it is not a readable JSON object",
            "payload_format": f"the stored version is in a format this dashboard does not "
            f"read ({params.get('found')})",
            "payload_missing": "the stored version is damaged: a field is missing",
            "payload_invalid": f"the stored version is damaged: the value {params.get('value')} "
            "cannot be read",
        }
        return DataValidationError([Issue(self.name, row, column, messages[code], code, params)])

    def document(self, text: object, fmt: str, version: int) -> dict[str, object]:
        """The JSON object of ``text``, checked to be ``fmt`` at ``version``."""
        if not isinstance(text, str):
            raise self.fail("payload_not_json")
        try:
            document = json.loads(text, parse_constant=_no_constant)
        except (ValueError, RecursionError):
            raise self.fail("payload_not_json") from None
        if not isinstance(document, dict):
            raise self.fail("payload_not_json")
        found = (document.get("format"), document.get("format_version"))
        if found != (fmt, version) or isinstance(found[1], bool):
            raise self.fail("payload_format", found=excerpt(f"{found[0]} {found[1]}"))
        return document

    def field(
        self,
        entry: object,
        key: str,
        read: Callable[[object], T],
        *,
        where: str = "",
        row: int | None = None,
    ) -> T:
        """``read(entry[key])``; ``payload_missing`` or ``payload_invalid`` naming it."""
        column = f"{where}.{key}" if where else key
        if not isinstance(entry, dict):
            raise self.fail("payload_invalid", where or None, row, value=excerpt(entry))
        if key not in entry:
            raise self.fail("payload_missing", column, row)
        value = entry[key]
        try:
            return read(value)
        except (ValueError, TypeError, OverflowError):
            raise self.fail("payload_invalid", column, row, value=excerpt(value)) from None

    def rows(
        self, document: Mapping[str, object], key: str, read_row: Callable[[object, int], T]
    ) -> list[T]:
        """Each entry of the list ``document[key]`` read by ``read_row(entry, number)``."""
        entries = self.field(document, key, _list)
        return [read_row(entry, number) for number, entry in enumerate(entries, start=1)]


# --- value readers: ValueError/TypeError when the value is not what it should be -------------


def _list(value: object) -> list[object]:
    if not isinstance(value, list):
        raise TypeError("not a list")
    return value


def text(value: object) -> str:
    """Any text."""
    if not isinstance(value, str):
        raise TypeError("not text")
    return value


def name(value: object) -> str:
    """Text that is not empty (an id, a name)."""
    if not text(value):
        raise ValueError("empty")
    return str(value)


def texts(value: object) -> tuple[str, ...]:
    """A list of texts, as a tuple."""
    return tuple(text(item) for item in _list(value))


def whole(minimum: int = 0, maximum: int | None = None) -> Callable[[object], int]:
    """A reader of whole numbers from ``minimum`` to ``maximum`` (no booleans, no floats)."""

    def read(value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError("not a whole number")
        if value < minimum or (maximum is not None and value > maximum):
            raise ValueError("out of bounds")
        return value

    return read


def fraction(value: object) -> float:
    """A number from 0 to 1 (a share), as float."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError("not a number")
    number = float(value)
    if not math.isfinite(number) or not 0.0 <= number <= 1.0:
        raise ValueError("not a share")
    return number


def date(value: object) -> dt.date:
    """An ISO date ``YYYY-MM-DD`` between the years the project accepts."""
    day = dt.date.fromisoformat(text(value))
    if day.isoformat() != value or not MIN_YEAR <= day.year <= MAX_YEAR:
        raise ValueError("not an ISO date")
    return day


def choice(*choices: str) -> Callable[[object], str]:
    """A reader of one of ``choices``."""

    def read(value: object) -> str:
        if value not in choices:
            raise ValueError("not a choice")
        return str(value)

    return read


def optional(read: Callable[[object], T]) -> Callable[[object], T | None]:
    """``read`` that lets ``null`` through as None ("not reported")."""
    return lambda value: None if value is None else read(value)


# --- writing ---------------------------------------------------------------------------------


def cell(value: object) -> object:
    """A frame's cell as JSON: <NA>/None as ``null``, dates ISO, numpy numbers as Python's."""
    if value is None or value is pd.NA:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool | str):
        return value
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def records(frame: pd.DataFrame, columns: tuple[str, ...]) -> list[dict[str, object]]:
    """``frame``'s ``columns`` as a list of JSON objects, one per row, in row order."""
    return [
        {column: cell(value) for column, value in zip(columns, values, strict=True)}
        for values in frame[list(columns)].itertuples(index=False, name=None)
    ]
