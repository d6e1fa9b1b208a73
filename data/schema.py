"""One schema per input table, checked where the table is loaded.

A schema is a tuple of :class:`Column` specs. :func:`data.csvfile.read_table` reads a CSV as
strings within bounds; :func:`validate` parses the strings into typed, nullable columns
(``Int64``, ``Float64``, ``string``, dates) and collects every problem as an
:class:`data.errors.Issue` that names the file, the row (as a spreadsheet shows it: the header
is row 1) and the column. Missing is never turned into zero. :func:`parse_entries` does the
same for a key/value table (``plan_summary.csv``, ``dtm_summary.csv``).

Every problem carries a ``code`` and ``params`` (for pages to word it in French or English, see
``components.input_messages``) besides its English ``message``. Values from the file appear in
messages only through :func:`data.errors.excerpt`. At most :data:`data.errors.MAX_PROBLEMS`
issues are kept; the rest are only counted.

The reading and the problem classes are re-exported here (``from data.schema import
read_table, Issue, DataValidationError``), where callers have always found them.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

import pandas as pd

from data.csvfile import MAX_CELL_CHARS, MAX_COLUMNS, MAX_ROWS, read_table
from data.errors import (
    MAX_NAME_CHARS,
    MAX_YEAR,
    MIN_YEAR,
    DataValidationError,
    Issue,
    IssueList,
    excerpt,
    refuse,
    short_name,
)

__all__ = [
    "MAX_CELL_CHARS",
    "MAX_COLUMNS",
    "MAX_NAME_CHARS",
    "MAX_ROWS",
    "Column",
    "DataValidationError",
    "Issue",
    "IssueList",
    "Kind",
    "column_names",
    "parse_cell",
    "parse_entries",
    "read_table",
    "refuse",
    "short_name",
    "validate",
]

Kind = Literal["str", "int", "float", "date"]

_INT64_MAX = 2**63 - 1
# re.ASCII: digits are 0-9 only. Without it \d takes fullwidth "１０" and Arabic-Indic "١٠",
# which int() and float() then read as 10; \s is then ASCII white space (the no-break spaces
# used as thousands separators are listed).
_AMOUNT = re.compile(r"^[+-]?\$?\s?\d{1,3}([,\s\u00a0\u202f]\d{3})+$|^[+-]?\$?\s?\d+$", re.ASCII)
_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$", re.ASCII)
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$", re.ASCII)


@dataclass(frozen=True)
class Column:
    """One column of a table schema.

    ``nullable`` columns may be empty (read as <NA>, meaning 'not reported');
    ``minimum``/``maximum`` bound numeric values (whole numbers are always bounded by the
    ``Int64`` range); ``unique`` forbids repeated values.
    """

    name: str
    kind: Kind = "str"
    nullable: bool = False
    minimum: float | None = None
    maximum: float | None = None
    unique: bool = False
    choices: tuple[str, ...] | None = None


DTYPES: dict[str, str] = {"str": "string", "int": "Int64", "float": "Float64", "date": "object"}
"""The dtype :func:`validate` gives a column of each kind."""


def column_names(schema: Sequence[Column]) -> list[str]:
    """The names of a schema's columns, in order."""
    return [column.name for column in schema]


def _fmt_limit(value: float) -> str:
    return f"{int(value):,}" if float(value).is_integer() else f"{value:g}"


def _param_number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else float(value)


# --- parsing ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Problem:
    code: str
    message: str
    params: dict[str, object]


def _shown(text: str) -> str:
    """A number as written, in a message: as is when short, else an excerpt."""
    return text if len(text) <= 24 else excerpt(text)


def _parse_date(text: str) -> tuple[object, _Problem | None]:
    match = _ISO_DATE.match(text)
    if not match:
        return None, _Problem(
            "not_date",
            f"{excerpt(text)} is not a date in ISO format YYYY-MM-DD (e.g. 2023-09-30)",
            {"value": excerpt(text)},
        )
    year = int(match.group(1))
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None, _Problem(
            "year_out_of_range",
            f"{text}: the year must be between {MIN_YEAR} and {MAX_YEAR}",
            {"value": text, "min_year": MIN_YEAR, "max_year": MAX_YEAR},
        )
    try:
        return dt.date(year, int(match.group(2)), int(match.group(3))), None
    except ValueError:
        return None, _Problem(
            "not_date",
            f"{excerpt(text)} is not a date in ISO format YYYY-MM-DD (e.g. 2023-09-30)",
            {"value": excerpt(text)},
        )


def _parse(value: str, column: Column) -> tuple[object, _Problem | None]:
    """Parse one non-empty cell; returns (value, problem or None)."""
    text = value.strip()
    if len(text) > MAX_CELL_CHARS:
        return None, _Problem(
            "too_long",
            f"the value has {len(text):,} characters, above the limit of {MAX_CELL_CHARS:,}",
            {"length": len(text), "limit": MAX_CELL_CHARS},
        )
    if column.kind == "str":
        if column.choices is not None and text not in column.choices:
            choices = ", ".join(column.choices)
            return None, _Problem(
                "not_choice",
                f"{excerpt(text)} is not one of {choices}",
                {"value": excerpt(text), "choices": choices},
            )
        return text, None
    if column.kind == "date":
        return _parse_date(text)
    number: int | float
    maximum: float | None
    if column.kind == "int":
        if not _AMOUNT.match(text):
            return None, _Problem(
                "not_whole", f"{excerpt(text)} is not a whole number", {"value": excerpt(text)}
            )
        number = int(re.sub(r"[$,\s\u00a0\u202f]", "", text))
        maximum = min(column.maximum, _INT64_MAX) if column.maximum is not None else _INT64_MAX
    else:
        if not _NUMBER.match(text.replace(",", ".")):
            return None, _Problem(
                "not_number", f"{excerpt(text)} is not a number", {"value": excerpt(text)}
            )
        number = float(text.replace(",", "."))
        if not math.isfinite(number):  # 400 digits read as a float are infinite
            return None, _Problem(
                "not_number", f"{excerpt(text)} is not a number", {"value": excerpt(text)}
            )
        maximum = column.maximum
    shown = _shown(text)
    if number < 0 and column.minimum is not None and column.minimum >= 0:
        return None, _Problem("negative", f"{shown} is negative", {"value": shown})
    if column.minimum is not None and number < column.minimum:
        return None, _Problem(
            "below_minimum",
            f"{shown} is below the minimum {_fmt_limit(column.minimum)}",
            {"value": shown, "minimum": _param_number(column.minimum)},
        )
    if maximum is not None and number > maximum:
        return None, _Problem(
            "above_maximum",
            f"{shown} is above the maximum {_fmt_limit(maximum)}",
            {"value": shown, "maximum": _param_number(maximum)},
        )
    return number, None


def parse_cell(
    text: str,
    column: Column,
    file: str,
    row: int | None,
    *,
    where: str | None = None,
    key: str | None = None,
) -> tuple[object, Issue | None]:
    """Parse one cell by ``column`` (its kind and bounds); returns (value, issue or None).

    ``where`` is the column named in the issue (default ``column.name``). For a key/value table
    (``plan_summary.csv``, ``dtm_summary.csv``) ``key`` names the entry: the message starts
    with it and ``params['key']`` holds it.
    """
    value: object = None
    problem: _Problem | None
    if pd.isna(text) or not str(text).strip():
        problem = _Problem("empty", "empty value", {})
    else:
        value, problem = _parse(str(text), column)
    if problem is None:
        return value, None
    params = dict(problem.params)
    message = problem.message
    if key is not None:
        params["key"] = key
        message = f"{key}: {message}"
    column_name = where if where is not None else column.name
    return None, Issue(file, row, column_name, message, problem.code, params)


Reword = Callable[[Issue, str], Issue]
"""``reword(issue, text) -> issue``: a loader's own wording of a key/value problem."""


def parse_entries(
    frame: pd.DataFrame,
    entries: Sequence[Column],
    file: str,
    *,
    reword: Reword | None = None,
) -> dict[str, object]:
    """The values of a key/value table (``key``, ``value`` columns), parsed like cells.

    Each of ``entries`` names a key (``Column.name``) and how its value is parsed. ``reword``
    may reword an issue (given the cell's text).

    Raises
    ------
    DataValidationError
        A key is missing (``missing_key``) or its value breaks its column (named ``value``).
    """
    rows = {
        key: (position + 2, value)
        for position, (key, value) in enumerate(zip(frame["key"], frame["value"], strict=True))
    }
    issues = IssueList()
    parsed: dict[str, object] = {}
    for column in entries:
        if column.name not in rows:
            message = f"missing key {column.name!r}"
            issues.add(Issue(file, None, "key", message, "missing_key", {"key": column.name}))
            continue
        row, text = rows[column.name]
        value, issue = parse_cell(text, column, file, row, where="value", key=column.name)
        if issue is None:
            parsed[column.name] = value
        else:
            issues.add(reword(issue, text) if reword is not None else issue)
    issues.raise_if_any()
    return parsed


def _check_names(
    raw: pd.DataFrame, schema: Sequence[Column], file: str, extra_ok: bool, issues: IssueList
) -> None:
    """Repeated, missing and (unless ``extra_ok``) unexpected column names."""
    columns = [str(name) for name in raw.columns]
    for name in sorted({name for name in columns if columns.count(name) > 1}):
        issues.add(
            Issue(file, 1, short_name(name), "this column name is given twice", "duplicate_column")
        )
    for name in [col.name for col in schema if col.name not in columns]:
        issues.add(Issue(file, None, name, "required column is missing", "missing_column"))
    if not extra_ok:
        known = {col.name for col in schema}
        for name in columns:
            if name not in known:
                issues.add(
                    Issue(file, None, short_name(name), "unexpected column", "unexpected_column")
                )


def _typed(cells: pd.Series, column: Column, file: str, issues: IssueList) -> pd.Series:
    """One column parsed by ``column``; bad and missing cells become <NA> and issues."""
    values: list[object] = []
    for position, cell in enumerate(cells):
        row = position + 2  # the header is row 1, as in a spreadsheet
        if pd.isna(cell) or not str(cell).strip():
            if not column.nullable:
                issues.add(Issue(file, row, column.name, "empty value", "empty"))
            values.append(pd.NA)
            continue
        value, issue = parse_cell(str(cell), column, file, row)
        if issue is not None:
            issues.add(issue)
            values.append(pd.NA)
        else:
            values.append(value)
    if column.unique:
        _check_unique(values, column, file, issues)
    return pd.Series(values, index=cells.index, dtype=DTYPES[column.kind], name=column.name)


def _check_unique(values: Sequence[object], column: Column, file: str, issues: IssueList) -> None:
    seen: dict[object, int] = {}
    for position, value in enumerate(values):
        if value is pd.NA:
            continue
        if value in seen:
            issues.add(
                Issue(
                    file,
                    position + 2,
                    column.name,
                    f"duplicate value {excerpt(value)} (first on row {seen[value]})",
                    "duplicate",
                    {"value": excerpt(value), "first_row": seen[value]},
                )
            )
        else:
            seen[value] = position + 2


def validate(
    raw: pd.DataFrame,
    schema: Sequence[Column],
    file: str,
    *,
    extra_ok: bool = True,
    keep_extra: bool = True,
) -> pd.DataFrame:
    """Check ``raw`` (all strings) against ``schema`` and return the typed frame.

    Columns not in ``schema`` are refused when ``extra_ok`` is False; otherwise they follow
    the schema's columns as strings, or are left out when ``keep_extra`` is False (loaders
    return exactly the columns of their contract).

    Raises
    ------
    DataValidationError
        Listing the missing columns, bad cells, out-of-range values and duplicates, each with
        its file, row and column (the first :data:`data.errors.MAX_PROBLEMS`; all counted).
    """
    issues = IssueList()
    _check_names(raw, schema, file, extra_ok, issues)
    issues.raise_if_any()
    if raw.empty:
        raise refuse(file, "the table has no rows", "no_rows")
    typed = {column.name: _typed(raw[column.name], column, file, issues) for column in schema}
    issues.raise_if_any()
    frame = pd.DataFrame(typed)
    if keep_extra:
        for name in raw.columns:
            if name not in typed:
                frame[name] = raw[name]
    return frame.reset_index(drop=True)
