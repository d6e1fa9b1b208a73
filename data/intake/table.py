"""Reading an officer's table file (CSV or XLSX) as rows of text: :func:`read_upload`.

The result, a :class:`RawTable`, has the header, the rows (every cell as text, surrounding
spaces removed, ``""`` for an empty cell) and for each row its number as the officer sees it
in a spreadsheet (the first row of the file is 1). The header is the first non-empty row;
empty rows are skipped (the numbers of the others are kept). Nothing is parsed into numbers
or dates here (see :mod:`data.intake.values`).

What the file is comes from its content, not its name: a zip is read as XLSX, an OLE2 file
(Excel 97-2003 ``.xls``, or a password-protected workbook) is refused, anything else is read
as CSV (:mod:`data.intake.csvtext`); a file named ``.xlsx`` that is not a zip is refused.
Limits: :data:`data.errors.MAX_UPLOAD_BYTES` (or ``max_bytes``), :data:`MAX_ROWS` data rows,
:data:`MAX_COLUMNS` columns, :data:`MAX_CELL_CHARS` characters per cell.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePosixPath, PureWindowsPath

from data.csvfile import MAX_CELL_CHARS, MAX_COLUMNS, MAX_ROWS
from data.errors import MAX_UPLOAD_BYTES, Issue, IssueList, refuse, short_name
from data.intake import csvtext, xlsx

__all__ = ["MAX_CELL_CHARS", "MAX_COLUMNS", "MAX_ROWS", "RawTable", "read_upload"]

_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_XLSX_NAMES = (".xlsx", ".xlsm")


@dataclass(frozen=True)
class RawTable:
    """A table as read from a file: text cells, with the row numbers the officer sees.

    ``rows[i]`` has one cell per header cell; ``row_numbers[i]`` is its row in the file
    (``header_row`` is the header's). ``sheet`` is the sheet read and ``sheets`` every sheet
    of an XLSX workbook (empty for CSV); ``encoding`` and ``separator`` say how a CSV was read.
    """

    file: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    row_numbers: tuple[int, ...]
    header_row: int = 1
    sheet: str | None = None
    sheets: tuple[str, ...] = ()
    encoding: str | None = None
    separator: str | None = None


def _column_name(header: tuple[str, ...], position: int) -> str:
    name = header[position] if position < len(header) else ""
    return short_name(name) if name else f"#{position + 1}"


def _check_cells(
    file: str, number: int, cells: list[str], header: tuple[str, ...], issues: IssueList
) -> None:
    """Too long cells and values beyond the header's last column, as issues."""
    for position, cell in enumerate(cells):
        if len(cell) > MAX_CELL_CHARS:
            issues.add(
                Issue(
                    file,
                    number,
                    _column_name(header, position),
                    f"the value has {len(cell):,} characters, above the limit of "
                    f"{MAX_CELL_CHARS:,}",
                    "too_long",
                    {"length": len(cell), "limit": MAX_CELL_CHARS},
                )
            )
    filled = [position for position, cell in enumerate(cells) if cell]
    if header and filled and filled[-1] >= len(header):
        issues.add(
            Issue(
                file,
                number,
                None,
                f"this row has a value in column {filled[-1] + 1}, beyond the "
                f"{len(header)} columns of the header",
                "extra_values",
                {"position": filled[-1] + 1, "columns": len(header)},
            )
        )


def _header(file: str, number: int, cells: list[str]) -> tuple[str, ...]:
    while cells and not cells[-1]:
        cells = cells[:-1]
    if len(cells) > MAX_COLUMNS:
        raise refuse(
            file,
            f"more than {MAX_COLUMNS} columns",
            "too_many_columns",
            row=number,
            limit=MAX_COLUMNS,
        )
    return tuple(cells)


def assemble(
    records: Iterable[tuple[int, list[str]]],
    file: str,
    max_rows: int = MAX_ROWS,
    *,
    sheet: str | None = None,
    sheets: tuple[str, ...] = (),
    encoding: str | None = None,
    separator: str | None = None,
) -> RawTable:
    """A :class:`RawTable` from ``(row number, cells)`` (the other fields: how it was read).

    Raises
    ------
    DataValidationError
        ``empty_file``, ``no_rows``, ``too_many_rows``, ``too_many_columns``, ``too_long``,
        ``extra_values``.
    """
    issues = IssueList()
    header: tuple[str, ...] | None = None
    header_row = 0
    rows: list[tuple[str, ...]] = []
    numbers: list[int] = []
    for number, raw in records:
        cells = [str(cell).strip() for cell in raw]
        if not any(cells):
            continue
        if header is None:
            _check_cells(file, number, cells, (), issues)
            header, header_row = _header(file, number, cells), number
            continue
        if len(rows) >= max_rows:
            raise refuse(file, f"more than {max_rows:,} rows", "too_many_rows", limit=max_rows)
        _check_cells(file, number, cells, header, issues)
        width = len(header)
        rows.append(tuple((cells + [""] * width)[:width]))
        numbers.append(number)
    if header is None:
        raise refuse(file, "the file is empty", "empty_file")
    issues.raise_if_any()
    if not rows:
        raise refuse(file, "the table has no rows", "no_rows", row=header_row)
    return RawTable(
        file, header, tuple(rows), tuple(numbers), header_row, sheet, sheets, encoding, separator
    )


def read_upload(
    data: bytes,
    file_name: str,
    *,
    sheet: str | None = None,
    max_bytes: int = MAX_UPLOAD_BYTES,
    max_rows: int = MAX_ROWS,
) -> RawTable:
    """An uploaded CSV or XLSX file as a :class:`RawTable` (``sheet``: the XLSX sheet to read,
    default the first visible one; ``RawTable.sheets`` lists them so a page can offer a choice).

    Raises
    ------
    DataValidationError
        Naming the file (and the row and column where there is one): ``too_large``,
        ``empty_file``, ``old_or_encrypted_excel``, ``not_xlsx``, ``unpacked_too_large``,
        ``no_worksheet``, ``unknown_sheet``, ``not_text``, ``not_csv_row``, ``no_rows``,
        ``too_many_rows``, ``too_many_columns``, ``too_long`` or ``extra_values``.
    """
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"data must be bytes, not {type(data).__name__}")
    data = bytes(data)
    file = short_name(PureWindowsPath(PurePosixPath(str(file_name or "")).name).name)
    file = file or "uploaded file"
    if len(data) > max_bytes:
        raise refuse(
            file,
            f"the file has {len(data):,} bytes, above the limit of {max_bytes:,}",
            "too_large",
            size=len(data),
            limit=max_bytes,
        )
    if not data.strip():
        raise refuse(file, "the file is empty", "empty_file")
    if data.startswith(xlsx.OLE2_MAGIC):
        raise refuse(
            file,
            "an Excel 97-2003 workbook (.xls) or a password-protected workbook: save it as an "
            "Excel workbook (.xlsx) without a password, or as CSV",
            "old_or_encrypted_excel",
        )
    if data.startswith(_ZIP_MAGIC):
        found, name, names = xlsx.read_xlsx(
            data, file, sheet, width=MAX_COLUMNS + 1, max_rows=max_rows + 1
        )
        return assemble(found, file, max_rows, sheet=name, sheets=names)
    if file.lower().endswith(_XLSX_NAMES):
        raise refuse(file, "not a readable Excel workbook (.xlsx)", "not_xlsx")
    text, encoding = csvtext.decode(data, file)
    text, separator = csvtext.separator_line(text)
    separator = separator or csvtext.sniff(text)
    found_rows = csvtext.records(text, separator, file)
    return assemble(found_rows, file, max_rows, encoding=encoding, separator=separator)
