"""Reading a CSV table (a path or uploaded bytes) as strings, within bounds.

:func:`read_table` refuses, with a :class:`data.errors.DataValidationError` naming the file
(and the row and column where there is one), a file that is missing, not a regular file,
unreadable, above ``max_bytes``, not UTF-8 or not CSV, that has more than ``max_rows`` data
rows or :data:`MAX_COLUMNS` columns, repeats a column name, or has a cell (or column name)
longer than ``max_cell_chars``. Empty cells are kept as <NA>; nothing is parsed into numbers
here (that is :func:`data.schema.validate`).
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pandas as pd

from data.errors import (
    MAX_UPLOAD_BYTES,
    DataValidationError,
    Issue,
    IssueList,
    excerpt,
    refuse,
    short_name,
)

MAX_CELL_CHARS = 1_000
"""Longest cell (and column name) a table may have, in characters."""

MAX_ROWS = 10_000
"""Most data rows a table may have (the DTM tables have one row per region)."""

MAX_COLUMNS = 100
"""Most columns a table may have."""

# One header field as pandas' tokenizer sees it: a quoted field (quotes doubled inside, text
# may follow the closing quote) or an unquoted run; used to count columns before parsing.
_HEADER_FIELD = re.compile(r'"[^"]*(?:""[^"]*)*"[^,\r\n]*|[^,\r\n]*')


def _too_large(display: str, size: int, max_bytes: int) -> DataValidationError:
    return refuse(
        display,
        f"the file has {size:,} bytes, above the limit of {max_bytes:,}",
        "too_large",
        size=size,
        limit=max_bytes,
    )


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
        raise _too_large(display, size, max_bytes)
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


def _header_names(
    header: pd.Series, display: str, max_cell_chars: int, issues: IssueList
) -> list[str]:
    """The column names of the header row; too long or repeated names are added to ``issues``."""
    names: list[str] = []
    for position, cell in enumerate(header):
        label = "" if pd.isna(cell) else str(cell).strip()
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
    return names


def _check_cell_lengths(
    frame: pd.DataFrame, display: str, max_cell_chars: int, issues: IssueList
) -> None:
    """Add an issue for each cell longer than ``max_cell_chars`` (row numbered as a spreadsheet)."""
    for position, label in enumerate(frame.columns):
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


def _content(source: str | Path | bytes, name: str | None, max_bytes: int) -> tuple[bytes, str]:
    """The bytes of ``source`` (a path or uploaded bytes) and the display name for messages."""
    if isinstance(source, bytes):
        display = short_name(name or "uploaded file")
        if len(source) > max_bytes:
            raise _too_large(display, len(source), max_bytes)
        return source, display
    display = short_name(name or Path(source).name)
    return _read_file(Path(source), display, max_bytes), display


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
    data, display = _content(source, name, max_bytes)
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
    names = _header_names(table.iloc[0], display, max_cell_chars, issues)
    frame = table.iloc[1:].reset_index(drop=True)
    frame.columns = names
    _check_cell_lengths(frame, display, max_cell_chars, issues)
    issues.raise_if_any()
    return frame, display
