"""One schema per input table, checked where the table is loaded.

A schema is a tuple of :class:`Column` specs. :func:`validate` parses a raw frame of strings
into typed, nullable columns (``Int64``, ``Float64``, ``string``) and collects every problem as
an :class:`Issue` that names the file, the row (as a spreadsheet shows it: the header is row 1)
and the column. Missing is never turned into zero.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import pandas as pd

Kind = Literal["str", "int", "float", "date"]

_AMOUNT = re.compile(r"^[+-]?\$?\s?\d{1,3}([,\s\u00a0\u202f]\d{3})+$|^[+-]?\$?\s?\d+$")
_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")


@dataclass(frozen=True)
class Column:
    """One column of a table schema.

    ``nullable`` columns may be empty (read as <NA>, meaning 'not reported');
    ``minimum``/``maximum`` bound numeric values; ``unique`` forbids repeated values.
    """

    name: str
    kind: Kind = "str"
    nullable: bool = False
    minimum: float | None = None
    maximum: float | None = None
    unique: bool = False
    choices: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Issue:
    """One problem found in an input table."""

    file: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column '{self.column}'")
        return f"{', '.join(where)}: {self.message}"


class DataValidationError(ValueError):
    """Raised when an input table breaks its schema; ``issues`` lists every problem."""

    def __init__(self, issues: Sequence[Issue]) -> None:
        self.issues = list(issues)
        super().__init__("\n".join(str(issue) for issue in self.issues))


def read_table(source: str | Path | bytes, name: str | None = None) -> tuple[pd.DataFrame, str]:
    """Read a CSV (path or uploaded bytes) as strings, keeping empty cells as <NA>.

    Returns the raw frame and the display name used in messages.
    """
    if isinstance(source, bytes):
        display = name or "uploaded file"
        try:
            text = source.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise DataValidationError(
                [Issue(display, None, None, f"not UTF-8 text (byte {exc.start})")]
            ) from None
        handle: io.StringIO | Path = io.StringIO(text)
    else:
        display = name or Path(source).name
        handle = Path(source)
    try:
        frame = pd.read_csv(
            handle, dtype="string", keep_default_na=False, na_values=[""], encoding="utf-8-sig"
        )
    except FileNotFoundError:
        raise DataValidationError([Issue(display, None, None, "file not found")]) from None
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        message = str(exc).strip().splitlines()[0] if str(exc).strip() else "empty file"
        raise DataValidationError(
            [Issue(display, None, None, f"not a readable CSV: {message}")]
        ) from None
    frame.columns = [str(col).strip() for col in frame.columns]
    return frame, display


def _parse(value: str, column: Column) -> tuple[object, str | None]:
    """Parse one non-empty cell; returns (value, error message or None)."""
    text = value.strip()
    if column.kind == "str":
        if column.choices is not None and text not in column.choices:
            return None, f"{text!r} is not one of {', '.join(column.choices)}"
        return text, None
    if column.kind == "int":
        if not _AMOUNT.match(text):
            return None, f"{text!r} is not a whole number"
        number: float = int(re.sub(r"[$,\s\u00a0\u202f]", "", text))
    elif column.kind == "float":
        if not _NUMBER.match(text.replace(",", ".")):
            return None, f"{text!r} is not a number"
        number = float(text.replace(",", "."))
    else:  # date
        try:
            return pd.Timestamp(text).date(), None
        except ValueError:
            return None, f"{text!r} is not a date (expected YYYY-MM-DD)"
    if column.minimum is not None and number < column.minimum:
        what = "negative" if column.minimum == 0 else f"below {column.minimum:g}"
        return None, f"{text} is {what}"
    if column.maximum is not None and number > column.maximum:
        return None, f"{text} is above the maximum {column.maximum:g}"
    return number, None


_DTYPES = {"str": "string", "int": "Int64", "float": "Float64", "date": "object"}


def validate(
    raw: pd.DataFrame, schema: Sequence[Column], file: str, *, extra_ok: bool = True
) -> pd.DataFrame:
    """Check ``raw`` (all strings) against ``schema`` and return the typed frame.

    Raises
    ------
    DataValidationError
        Listing every missing column, bad cell, out-of-range value and duplicate,
        each with its file, row and column.
    """
    issues: list[Issue] = []
    missing = [col.name for col in schema if col.name not in raw.columns]
    for name in missing:
        issues.append(Issue(file, None, name, "required column is missing"))
    if not extra_ok:
        known = {col.name for col in schema}
        for name in raw.columns:
            if name not in known:
                issues.append(Issue(file, None, name, "unexpected column"))
    if missing:
        raise DataValidationError(issues)
    if raw.empty:
        raise DataValidationError([Issue(file, None, None, "the table has no rows")])

    typed: dict[str, pd.Series] = {}
    for column in schema:
        values: list[object] = []
        for position, cell in enumerate(raw[column.name]):
            row = position + 2  # the header is row 1, as in a spreadsheet
            if pd.isna(cell) or not str(cell).strip():
                if not column.nullable:
                    issues.append(Issue(file, row, column.name, "empty value"))
                values.append(pd.NA)
                continue
            value, error = _parse(str(cell), column)
            if error:
                issues.append(Issue(file, row, column.name, error))
                values.append(pd.NA)
            else:
                values.append(value)
        series = pd.Series(values, index=raw.index, dtype=_DTYPES[column.kind], name=column.name)
        if column.unique:
            seen: dict[object, int] = {}
            for position, value in enumerate(series):
                if pd.isna(value):
                    continue
                if value in seen:
                    issues.append(
                        Issue(
                            file,
                            position + 2,
                            column.name,
                            f"duplicate value {value!r} (first on row {seen[value]})",
                        )
                    )
                else:
                    seen[value] = position + 2
        typed[column.name] = series
    if issues:
        raise DataValidationError(issues)
    frame = pd.DataFrame(typed)
    extras = [name for name in raw.columns if name not in typed]
    for name in extras:
        frame[name] = raw[name]
    return frame.reset_index(drop=True)
