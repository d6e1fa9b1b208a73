"""The Excel workbook of the Data & sources page, in the page's language.

A first sheet ``README``/``Lisez-moi`` lists the sources (document, date, section) and the
data notes (worded by ``text.notes.render_note``, as :func:`data.export.tables` has them),
then one sheet per table (:mod:`data.readable`) under its translated name (at most 31
characters, unique). Each table sheet has its translated header row in bold, frozen, with an
autofilter over the table and column widths fitted to the worded content (bounded).

Numbers stay numbers with a number format of the language (``$#,##0`` / ``#,##0 $``,
``0.0%`` / ``0.0 %``, ``#,##0``), dates are real dates (``d mmm yyyy``). A value that is not
reported is an **empty cell**, never 0: the README says so, and the header of every column
holding one carries a comment saying so. Text cells are always written as text, with Excel's
quote prefix when they look like a formula (:func:`data.export.looks_like_formula`).
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence

import pandas as pd
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from data.export import looks_like_formula
from data.readable import (
    COUNT,
    DATE,
    DECIMAL,
    PCT,
    USD,
    Cell,
    Readable,
    plain,
    readables,
    word,
)
from text import has_label, t

NUMBER_FORMATS: dict[str, dict[str, str]] = {
    "en": {USD: "$#,##0", PCT: "0.0%", COUNT: "#,##0", DECIMAL: "#,##0.0", DATE: "d mmm yyyy"},
    "fr": {USD: "#,##0 $", PCT: "0.0 %", COUNT: "#,##0", DECIMAL: "#,##0.0", DATE: "d mmm yyyy"},
}
"""Excel number formats by language and kind of cell (Excel puts the reader's own
separators in place of ``,`` and ``.``)."""

MIN_WIDTH, MAX_WIDTH = 8, 60
"""Bounds of a column's width, in characters."""
SHEET_NAME_MAX = 31
_SHEET_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", " "))
BOLD = Font(bold=True)


def sheet_names(titles: Sequence[str]) -> list[str]:
    """Valid, unique Excel sheet names for ``titles``: forbidden characters ``[]:*?/\\``
    become spaces, cut to 31 characters, a repeat gets `` (2)``, `` (3)``..."""
    names: list[str] = []
    taken: set[str] = set()
    for title in titles:
        base = " ".join(title.translate(_SHEET_FORBIDDEN).split())[:SHEET_NAME_MAX] or "Sheet"
        name, n = base, 1
        while name.casefold() in taken:
            n += 1
            suffix = f" ({n})"
            name = base[: SHEET_NAME_MAX - len(suffix)] + suffix
        taken.add(name.casefold())
        names.append(name)
    return names


def write_cell(sheet: Worksheet, row: int, column: int, item: Cell, lang: str) -> None:
    """One cell: a number or date with its format, text as text (formula-safe), None empty."""
    target = sheet.cell(row=row, column=column)
    if item.value is None:
        return
    target.value = item.value
    if item.kind in NUMBER_FORMATS[lang] and not isinstance(item.value, str):
        target.number_format = NUMBER_FORMATS[lang][item.kind]
    elif isinstance(item.value, str):
        target.data_type = "s"  # openpyxl would store "=..." as a formula
        target.quotePrefix = looks_like_formula(item.value)


def write_text(sheet: Worksheet, row: int, column: int, value: str, bold: bool = False) -> None:
    """A text cell (formula-safe), bold if asked."""
    write_cell(sheet, row, column, Cell("text", value), "en")
    if bold:
        sheet.cell(row=row, column=column).font = BOLD


def fit_widths(sheet: Worksheet, widths: Sequence[int]) -> None:
    """Column widths from ``widths`` (characters, first column first), bounded."""
    for position, width in enumerate(widths, start=1):
        bounded = min(MAX_WIDTH, max(MIN_WIDTH, width + 2))
        sheet.column_dimensions[get_column_letter(position)].width = bounded


def _table_sheet(sheet: Worksheet, table: Readable, lang: str) -> None:
    """Header row (bold, frozen, a comment where a column has gaps), rows, filter, widths."""
    empty_note = t("table.empty_cell", lang)
    widths = [len(h) for h in table.headers]
    for column, text in enumerate(table.headers, start=1):
        write_text(sheet, 1, column, text, bold=True)
        if any(row[column - 1].value is None for row in table.rows):
            sheet.cell(row=1, column=column).comment = Comment(empty_note, "")
    for row_number, row in enumerate(table.rows, start=2):
        for column, item in enumerate(row, start=1):
            write_cell(sheet, row_number, column, item, lang)
            if item.value is not None:
                widths[column - 1] = max(widths[column - 1], len(word(item, lang)))
    sheet.freeze_panes = "A2"
    last = get_column_letter(max(1, len(table.headers)))
    sheet.auto_filter.ref = f"A1:{last}{len(table.rows) + 1}"
    fit_widths(sheet, widths)


def _readme_sheet(sheet: Worksheet, frames: Mapping[str, pd.DataFrame], lang: str) -> None:
    """Title, the empty-cell rule, the sources (document, date, section), the data notes."""
    write_text(sheet, 1, 1, t("app.title", lang), bold=True)
    write_text(sheet, 2, 1, t("table.readme.empty", lang))
    write_text(sheet, 4, 1, t("data.table.sources", lang), bold=True)
    columns = ("document", "date", "section")
    for position, column in enumerate(columns, start=1):
        write_text(sheet, 5, position, t(f"table.col.{column}", lang), bold=True)
    row = 6
    sources = frames.get("sources", pd.DataFrame(columns=list(columns)))
    for record in sources.to_dict("records"):
        for position, column in enumerate(columns, start=1):
            value = plain(record[column])
            kind = DATE if column == "date" else "text"
            write_cell(sheet, row, position, Cell(kind, value), lang)
        row += 1
    row += 1
    write_text(sheet, row, 1, t("data.table.data_notes", lang), bold=True)
    notes = frames.get("data_notes")
    for description in [] if notes is None else notes["description"].tolist():
        row += 1
        write_text(sheet, row, 1, str(description))
    fit_widths(sheet, [80, 12, 80])


def workbook(frames: Mapping[str, pd.DataFrame], lang: str) -> bytes:
    """The ``.xlsx`` bytes of ``frames`` (:func:`data.export.tables` in ``lang``), readable
    in ``lang``: a README sheet, then one formatted sheet per table (see the module)."""
    tables = readables(frames, lang)
    book = Workbook()
    readme = book.active
    assert readme is not None  # a new workbook has one sheet
    names = sheet_names(
        [t("table.sheet.readme", lang)] + [_sheet_title(table, lang) for table in tables]
    )
    readme.title = names[0]
    _readme_sheet(readme, frames, lang)
    for name, table in zip(names[1:], tables, strict=True):
        _table_sheet(book.create_sheet(name), table, lang)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _sheet_title(table: Readable, lang: str) -> str:
    """``table.sheet.<key>`` (a short name), else the table's title."""
    if has_label(f"table.sheet.{table.key}"):
        return t(f"table.sheet.{table.key}", lang)
    return table.title
