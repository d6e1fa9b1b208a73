"""An XLSX workbook as rows of text: one sheet, within bounds, zip bombs refused unopened.

An XLSX file is a zip of XML parts. Before openpyxl sees it, the zip's directory is read and
the file is refused when its parts would unpack to more than :data:`MAX_UNPACKED_BYTES` or it
has more than :data:`MAX_PARTS` parts (``unpacked_too_large``): the sizes are the ones the
directory declares, and Python's zip reader stops with a CRC error at a part that unpacks to
more than it declared. The workbook is then opened read-only with the values Excel last
computed (``data_only``; a formula never computed by Excel reads as an empty cell).

Cells become text the parsers read like CSV cells: whole numbers as digits; other numbers as
written by Python, with a fourth decimal added to three (``91.274`` becomes ``91.2740``, which
no parser reads as ninety-one thousand); a cell formatted as a percentage as its percentage
(``0.23`` shown ``23%`` becomes ``23 %``); a date cell as ISO ``2023-09-30``.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from decimal import Decimal, InvalidOperation

from data.errors import DataValidationError, excerpt, refuse

MAX_UNPACKED_BYTES = 100 * 1024 * 1024
"""Largest total size of an XLSX file's parts once unpacked (a 10,000-row sheet is ~2 MB)."""

MAX_PARTS = 10_000
"""Most parts (files inside the zip) an XLSX file may have."""

MAX_SHEET_ROWS = 100_000
"""Most rows (empty ones included) read from a sheet."""

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""How an Excel 97-2003 workbook (.xls) and a password-protected .xlsx begin."""


def _not_xlsx(file: str) -> DataValidationError:
    return refuse(file, "not a readable Excel workbook (.xlsx)", "not_xlsx")


def check_zip(data: bytes, file: str) -> None:
    """Refuse a zip that is not one, or that would unpack beyond the limits.

    Raises
    ------
    DataValidationError
        ``not_xlsx`` or ``unpacked_too_large`` (params ``size``, ``limit``).
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise _not_xlsx(file) from None
    size = sum(part.file_size for part in parts)
    if size > MAX_UNPACKED_BYTES or len(parts) > MAX_PARTS:
        raise refuse(
            file,
            f"the workbook unpacks to {size:,} bytes in {len(parts):,} parts, above the limit "
            f"of {MAX_UNPACKED_BYTES:,} bytes",
            "unpacked_too_large",
            size=size,
            limit=MAX_UNPACKED_BYTES,
        )


def _number_text(value: float | int, number_format: str | None) -> str:
    """A number cell as text the parsers read one way only (see the module's docstring)."""
    if isinstance(value, int) and not (number_format and "%" in number_format):
        return str(value)
    try:
        number = Decimal(repr(value))
    except InvalidOperation:
        return repr(value)
    if not number.is_finite():
        return repr(value)
    if number_format and "%" in number_format:
        return f"{(number * 100).normalize():f} %"
    if number == number.to_integral_value():
        return str(int(number))
    text = f"{number.normalize():f}"
    decimals = text.partition(".")[2]
    return text + "0" if len(decimals) == 3 else text


def cell_text(value: object, number_format: str | None = None) -> str:
    """One cell's value as text: see the module's docstring."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        return _number_text(value, number_format)
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _choose(workbook: object, sheet: str | None, file: str) -> tuple[object, str, tuple[str, ...]]:
    """The worksheet to read (the first visible one, or the one named) and every sheet name."""
    sheets = list(getattr(workbook, "worksheets", []))
    names = tuple(str(ws.title) for ws in sheets)
    if not sheets:
        raise refuse(file, "the workbook has no worksheet", "no_worksheet")
    if sheet is None:
        visible = [ws for ws in sheets if getattr(ws, "sheet_state", "visible") == "visible"]
        chosen = (visible or sheets)[0]
        return chosen, str(chosen.title), names
    for ws in sheets:
        if str(ws.title) == sheet:
            return ws, sheet, names
    shown = ", ".join(names)
    raise refuse(
        file,
        f"no sheet named {sheet!r}; the sheets are: {shown}",
        "unknown_sheet",
        value=excerpt(sheet),
        sheets=shown,
    )


def _rows(worksheet: object, width: int, max_rows: int, file: str) -> list[tuple[int, list[str]]]:
    """``(row number, cells)`` of the sheet, stopping after ``max_rows`` non-empty rows."""
    found: list[tuple[int, list[str]]] = []
    filled = 0
    iter_rows = worksheet.iter_rows  # type: ignore[attr-defined]
    for number, row in enumerate(iter_rows(max_col=width), start=1):
        if number > MAX_SHEET_ROWS:
            raise refuse(
                file, f"more than {MAX_SHEET_ROWS:,} rows", "too_many_rows", limit=MAX_SHEET_ROWS
            )
        cells = [cell_text(cell.value, getattr(cell, "number_format", None)) for cell in row]
        if any(cell.strip() for cell in cells):
            found.append((number, cells))
            filled += 1
            if filled > max_rows:
                break
    return found


def read_xlsx(
    data: bytes, file: str, sheet: str | None, *, width: int, max_rows: int
) -> tuple[list[tuple[int, list[str]]], str, tuple[str, ...]]:
    """``(rows, sheet read, every sheet name)`` of an XLSX workbook.

    ``width`` cells are read per row (one more than a table may have, to see it is too wide);
    reading stops after ``max_rows`` non-empty rows (one more than a table may have).

    Raises
    ------
    DataValidationError
        ``not_xlsx``, ``unpacked_too_large``, ``no_worksheet``, ``unknown_sheet`` (params
        ``value``, ``sheets``) or ``too_many_rows``.
    """
    check_zip(data, file)
    from openpyxl import load_workbook  # imported here: only XLSX uploads need it

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds on a damaged or foreign file
        raise _not_xlsx(file) from None
    try:
        worksheet, name, names = _choose(workbook, sheet, file)
        return _rows(worksheet, width, max_rows, file), name, names
    except DataValidationError:
        raise
    except Exception:  # damaged XML inside a valid zip, found while reading rows
        raise _not_xlsx(file) from None
    finally:
        workbook.close()
