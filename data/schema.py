"""One schema per input table, checked where the table is loaded.

A schema is a tuple of :class:`Column` specs. :func:`read_table` reads a CSV (a path or uploaded
bytes) as strings, within bounds (file size, rows, columns, characters per cell);
:func:`validate` parses the strings into typed, nullable columns (``Int64``, ``Float64``,
``string``, dates) and collects every problem as an :class:`Issue` that names the file, the row
(as a spreadsheet shows it: the header is row 1) and the column. Missing is never turned into
zero.

Every problem carries a ``code`` and ``params`` (for pages to word it in French or English, see
``components.input_messages``) besides its English ``message``. Values from the file appear in
messages only through :func:`data.errors.excerpt`. At most :data:`data.errors.MAX_PROBLEMS`
issues are kept; the rest are only counted.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import pandas as pd

from data.errors import (
    MAX_PROBLEMS,
    MAX_SHOWN,
    MAX_UPLOAD_BYTES,
    MAX_YEAR,
    MIN_YEAR,
    InputError,
    excerpt,
)

Kind = Literal["str", "int", "float", "date"]

MAX_CELL_CHARS = 1_000
"""Longest cell (and column name) a table may have, in characters."""

MAX_ROWS = 10_000
"""Most data rows a table may have (the DTM tables have one row per region)."""

MAX_COLUMNS = 100
"""Most columns a table may have."""

MAX_NAME_CHARS = 80
"""A file or column name is shown by at most this many characters."""

_INT64_MAX = 2**63 - 1
_AMOUNT = re.compile(r"^[+-]?\$?\s?\d{1,3}([,\s\u00a0\u202f]\d{3})+$|^[+-]?\$?\s?\d+$")
_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$", re.ASCII)
# One header field as pandas' tokenizer sees it: a quoted field (quotes doubled inside, text
# may follow the closing quote) or an unquoted run; used to count columns before parsing.
_HEADER_FIELD = re.compile(r'"[^"]*(?:""[^"]*)*"[^,\r\n]*|[^,\r\n]*')


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


@dataclass(frozen=True)
class Issue:
    """One problem found in an input table.

    ``code`` names the kind of problem and ``params`` holds its values (file values already
    cut by :func:`data.errors.excerpt`), so that a page can word it in its language;
    ``message`` is the English wording (logs, command line).
    """

    file: str
    row: int | None
    column: str | None
    message: str
    code: str = "invalid"
    params: Mapping[str, object] = field(default_factory=dict, hash=False)

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column '{self.column}'")
        return f"{', '.join(where)}: {self.message}"


class DataValidationError(InputError):
    """Raised when an input table breaks its schema; ``issues`` lists the problems.

    ``issues`` holds at most :data:`data.errors.MAX_PROBLEMS` problems; ``total`` counts every
    problem found. The message lists the first :data:`data.errors.MAX_SHOWN` issues and counts
    the rest ("… and 9,990 more").
    """

    code = "table.invalid"

    def __init__(self, issues: Sequence[Issue], total: int | None = None) -> None:
        self.issues = list(issues)
        self.total = max(total or 0, len(self.issues))
        lines = [str(issue) for issue in self.issues[:MAX_SHOWN]]
        if self.total > len(lines):
            lines.append(f"… and {self.total - len(lines):,} more")
        super().__init__("\n".join(lines), params={"count": self.total})

    def __reduce__(self):  # pickle and copy with the issues, not the message as issues
        return (type(self), (self.issues, self.total))


class IssueList:
    """Problems found so far: keeps the first ``limit`` and counts all of them."""

    def __init__(self, limit: int = MAX_PROBLEMS) -> None:
        self.limit = limit
        self.kept: list[Issue] = []
        self.count = 0

    def add(self, issue: Issue) -> None:
        self.count += 1
        if len(self.kept) < self.limit:
            self.kept.append(issue)

    def __len__(self) -> int:
        return self.count

    def raise_if_any(self) -> None:
        """Raise :class:`DataValidationError` when at least one problem was found."""
        if self.count:
            raise DataValidationError(self.kept, total=self.count)


def refuse(
    file: str,
    message: str,
    code: str,
    *,
    row: int | None = None,
    column: str | None = None,
    **params: object,
) -> DataValidationError:
    """A :class:`DataValidationError` with one issue (``raise refuse(...)``)."""
    return DataValidationError([Issue(file, row, column, message, code, params)])


def short_name(name: object, limit: int = MAX_NAME_CHARS) -> str:
    """A file or column name fit for a message: one line, at most ``limit`` characters.

    A long name keeps its end (``…/folder/objectives.csv``), the part that tells files apart.
    """
    text = "".join(" " if (ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0) else ch for ch in str(name))
    return text if len(text) <= limit else "…" + text[-(limit - 1) :]


def _fmt_limit(value: float) -> str:
    return f"{int(value):,}" if float(value).is_integer() else f"{value:g}"


def _param_number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else float(value)


# --- reading ---------------------------------------------------------------------------------
def _read_file(path: Path, display: str, max_bytes: int) -> bytes:
    """The bytes of a regular file, refusing folders, special files and files too large."""
    try:
        if not path.exists():
            raise FileNotFoundError
        regular = path.is_file()  # a folder, a pipe, a device: never block on reading it
        size = path.stat().st_size if regular else 0
        data = b""
        if regular and size <= max_bytes:
            with path.open("rb") as handle:
                data = handle.read(max_bytes + 1)
    except (FileNotFoundError, ValueError):  # ValueError: e.g. a NUL character in the path
        raise refuse(display, "file not found", "file_not_found") from None
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise refuse(display, f"cannot be read ({reason})", "unreadable", reason=reason) from None
    if not regular:
        raise refuse(display, "not a file (a folder or a special file)", "not_a_file")
    size = max(size, len(data))  # the file may have grown since stat()
    if size > max_bytes:
        raise refuse(
            display,
            f"the file has {size:,} bytes, above the limit of {max_bytes:,}",
            "too_large",
            size=size,
            limit=max_bytes,
        )
    return data


def _header_width(text: str, limit: int) -> int:
    """The number of fields of the header row, counting at most ``limit + 1``."""
    position, count = 0, 0
    while count <= limit:
        match = _HEADER_FIELD.match(text, position)
        count += 1
        position = match.end() if match else position
        if position >= len(text) or text[position] != ",":
            break
        position += 1
    return count


def _parse_csv(text: str, display: str, max_rows: int) -> pd.DataFrame:
    """Parse CSV text into a frame of strings (<NA> for empty cells), header in row 0."""
    if _header_width(text, MAX_COLUMNS) > MAX_COLUMNS:
        raise refuse(
            display,
            f"more than {MAX_COLUMNS} columns",
            "too_many_columns",
            row=1,
            limit=MAX_COLUMNS,
        )
    try:
        # header=None: the header is read as a row, so a row with more values than the header
        # is an error (with a header, pandas would silently use the first column as an index
        # and shift every value by one column) and repeated column names are not renamed.
        return pd.read_csv(
            io.StringIO(text),
            header=None,
            dtype="string",
            keep_default_na=False,
            na_values=[""],
            nrows=max_rows + 2,
        )
    except pd.errors.EmptyDataError:
        raise refuse(display, "the file is empty", "empty_file") from None
    except (ValueError, OverflowError) as exc:  # pandas' ParserError is a ValueError
        detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        detail = detail.removeprefix("Error tokenizing data. C error: ")
        detail = excerpt(detail, 100)[1:-1]
        raise refuse(display, f"not a readable CSV: {detail}", "not_csv", detail=detail) from None


def read_table(
    source: str | Path | bytes,
    name: str | None = None,
    *,
    max_bytes: int = MAX_UPLOAD_BYTES,
    max_rows: int = MAX_ROWS,
    max_cell_chars: int = MAX_CELL_CHARS,
) -> tuple[pd.DataFrame, str]:
    """Read a CSV (path or uploaded bytes) as strings, keeping empty cells as <NA>.

    Returns the raw frame and the display name used in messages.

    Raises
    ------
    DataValidationError
        The file is missing, not a regular file, unreadable, above ``max_bytes``, not UTF-8,
        not CSV, has more than ``max_rows`` data rows or :data:`MAX_COLUMNS` columns, repeats
        a column name, or has a cell (or column name) longer than ``max_cell_chars``.
    """
    if isinstance(source, bytes):
        display = short_name(name or "uploaded file")
        if len(source) > max_bytes:
            raise refuse(
                display,
                f"the file has {len(source):,} bytes, above the limit of {max_bytes:,}",
                "too_large",
                size=len(source),
                limit=max_bytes,
            )
        data = source
    else:
        display = short_name(name or Path(source).name)
        data = _read_file(Path(source), display, max_bytes)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise refuse(
            display, f"not UTF-8 text (byte {exc.start})", "not_utf8", byte=exc.start
        ) from None
    table = _parse_csv(text, display, max_rows)
    if table.empty:
        raise refuse(display, "the file is empty", "empty_file")
    if len(table) - 1 > max_rows:
        raise refuse(display, f"more than {max_rows:,} rows", "too_many_rows", limit=max_rows)
    issues = IssueList()
    names: list[str] = []
    for position, header in enumerate(table.iloc[0]):
        label = "" if pd.isna(header) else str(header).strip()
        if len(label) > max_cell_chars:
            issues.add(
                Issue(
                    display,
                    1,
                    None,
                    f"column {position + 1} has a name of {len(label):,} characters, "
                    f"above the limit of {max_cell_chars:,}",
                    "too_long",
                    {"length": len(label), "limit": max_cell_chars},
                )
            )
            label = label[:max_cell_chars]
        if label in names and label:
            issues.add(
                Issue(
                    display,
                    1,
                    short_name(label),
                    "this column name is given twice",
                    "duplicate_column",
                )
            )
        names.append(label or f"Unnamed: {position}")
    frame = table.iloc[1:].reset_index(drop=True)
    frame.columns = names
    for position, label in enumerate(names):
        lengths = frame.iloc[:, position].str.len()
        for index in lengths.index[lengths.gt(max_cell_chars).fillna(False).to_numpy(bool)]:
            length = int(lengths[index])
            issues.add(
                Issue(
                    display,
                    int(index) + 2,
                    short_name(label),
                    f"the value has {length:,} characters, above the limit of {max_cell_chars:,}",
                    "too_long",
                    {"length": length, "limit": max_cell_chars},
                )
            )
    issues.raise_if_any()
    return frame, display


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
    if pd.isna(text) or not str(text).strip():
        value, problem = None, _Problem("empty", "empty value", {})
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


_DTYPES = {"str": "string", "int": "Int64", "float": "Float64", "date": "object"}


def validate(
    raw: pd.DataFrame, schema: Sequence[Column], file: str, *, extra_ok: bool = True
) -> pd.DataFrame:
    """Check ``raw`` (all strings) against ``schema`` and return the typed frame.

    Raises
    ------
    DataValidationError
        Listing the missing columns, bad cells, out-of-range values and duplicates, each with
        its file, row and column (the first :data:`data.errors.MAX_PROBLEMS`; all counted).
    """
    issues = IssueList()
    columns = [str(name) for name in raw.columns]
    for name in sorted({name for name in columns if columns.count(name) > 1}):
        issues.add(
            Issue(file, 1, short_name(name), "this column name is given twice", "duplicate_column")
        )
    missing = [col.name for col in schema if col.name not in columns]
    for name in missing:
        issues.add(Issue(file, None, name, "required column is missing", "missing_column"))
    if not extra_ok:
        known = {col.name for col in schema}
        for name in columns:
            if name not in known:
                issues.add(
                    Issue(file, None, short_name(name), "unexpected column", "unexpected_column")
                )
    issues.raise_if_any()
    if raw.empty:
        raise refuse(file, "the table has no rows", "no_rows")

    typed: dict[str, pd.Series] = {}
    for column in schema:
        values: list[object] = []
        for position, cell in enumerate(raw[column.name]):
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
        series = pd.Series(values, index=raw.index, dtype=_DTYPES[column.kind], name=column.name)
        if column.unique:
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
        typed[column.name] = series
    issues.raise_if_any()
    frame = pd.DataFrame(typed)
    extras = [name for name in raw.columns if name not in typed]
    for name in extras:
        frame[name] = raw[name]
    return frame.reset_index(drop=True)
