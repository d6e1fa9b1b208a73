"""The tables of :func:`data.export.tables` made readable in one language: typed cells under
translated headers, then worded as text (the page) or written with number formats (the Excel
workbook, :mod:`data.workbook`).

Each cell is a :class:`Cell` (a kind and a plain value). The kind comes from the column name
(``*_usd`` -> USD, ``coverage``/``share`` -> fraction, ``*_pct`` -> percentage points), from
the row's ``unit`` for the data notes' figures, and from the plan summary's ``key`` for its
``value`` column; otherwise from the value (date, flag, whole number, decimal, text).
Columns of domain names keep only the language's own (``name_<lang>``, ``short_name_<lang>``):
the names come from the data tables, never from the catalog. A missing value stays ``None``:
written "not reported" on the page, an empty cell in the workbook.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from text import (
    LANGS,
    fmt_date,
    fmt_decimal,
    fmt_int,
    fmt_pct,
    fmt_usd,
    has_label,
    not_reported,
    t,
)

USD, PCT, COUNT, DECIMAL, DATE, FLAG, TEXT = (
    "usd",
    "pct",
    "count",
    "decimal",
    "date",
    "flag",
    "text",
)
"""The kinds of cell."""

FRACTION_COLUMNS = frozenset({"coverage", "share"})
"""Columns holding a fraction (0.0905 = 9.1 %)."""

NOTE_FIGURES = frozenset({"printed", "computed", "amount"})
"""Data-note columns whose kind is given by the row's ``unit``."""
NOTE_UNITS = {"USD": USD, "%": PCT, "people": COUNT}
"""A data note's ``unit`` -> the kind of its figures (``%``: percentage points)."""

DROPPED = {"data_notes": frozenset({"unit"})}
"""Columns left out of the readable tables (the unit is in each worded figure)."""

NAME_PREFIXES = ("name_", "short_name_")
"""Columns of domain names, one per language."""


@dataclass(frozen=True)
class Cell:
    """One value and how to word it: ``kind`` is one of USD, PCT, COUNT, DECIMAL, DATE,
    FLAG, TEXT; ``value`` is an int, float, bool, ``datetime.date``, str or None (missing)."""

    kind: str
    value: object


@dataclass(frozen=True)
class Readable:
    """One table in one language: ``title`` (``data.table.<key>``), the code names of its
    columns, their translated ``headers``, and ``rows`` of :class:`Cell`."""

    key: str
    title: str
    columns: tuple[str, ...]
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]


def plain(value: object) -> object:
    """A plain Python scalar: <NA>/NaN/NaT -> None, numpy numbers -> int/float/bool,
    timestamps -> ``datetime.date`` (the tables hold days, never times)."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, pd.Timestamp | dt.datetime):
        return value.date()
    if hasattr(value, "item") and not isinstance(value, str):
        return plain(value.item())
    return value


def _kind_of_value(value: object) -> str:
    if isinstance(value, bool):
        return FLAG
    if isinstance(value, dt.date):
        return DATE
    if isinstance(value, int):
        return COUNT
    if isinstance(value, float):
        return DECIMAL
    return TEXT


def cell(column: str, value: object) -> Cell:
    """The cell of ``value`` in a column named ``column`` (see the module's rules)."""
    value = plain(value)
    name = column.removeprefix("computed_")
    if name.endswith("_usd"):
        return Cell(USD, value)
    if name in FRACTION_COLUMNS:
        return Cell(PCT, value)
    if name.endswith("_pct"):
        return Cell(PCT, None if value is None else value / 100)  # type: ignore[operator]
    return Cell(_kind_of_value(value), value)


def _note_cell(unit: object, value: object) -> Cell:
    kind = NOTE_UNITS.get(str(unit), DECIMAL)
    value = plain(value)
    if kind == PCT and value is not None:
        value = value / 100  # type: ignore[operator]
    if kind in (USD, COUNT) and isinstance(value, float) and value.is_integer():
        value = int(value)
    return Cell(kind, value)


def header(column: str, lang: str) -> str:
    """The translated header of ``column`` (``table.col.<column>``; ``name_fr`` and
    ``name_en`` share ``table.col.name``), else the code name itself."""
    for prefix in NAME_PREFIXES:
        if column.removeprefix(prefix) in LANGS:
            column = prefix.rstrip("_")
    return t(f"table.col.{column}", lang) if has_label(f"table.col.{column}") else column


def _summary_label(key: str, lang: str) -> str:
    return t(f"table.summary.{key}", lang) if has_label(f"table.summary.{key}") else key


def _columns(key: str, frame: pd.DataFrame, lang: str) -> list[str]:
    """The columns shown in ``lang``: other languages' names and :data:`DROPPED` left out."""
    others = {f"{prefix}{code}" for prefix in NAME_PREFIXES for code in LANGS if code != lang}
    dropped = DROPPED.get(key, frozenset()) | others
    return [str(c) for c in frame.columns if c not in dropped]


def _row(key: str, record: Mapping[str, object], columns: list[str], lang: str) -> list[Cell]:
    if key == "plan_summary":
        name = str(record["key"])
        return [Cell(TEXT, _summary_label(name, lang)), cell(name, record["value"])]
    cells = []
    for column in columns:
        value = record[column]
        if key == "data_notes" and column in NOTE_FIGURES:
            cells.append(_note_cell(record["unit"], value))
        elif key == "data_notes" and column == "kind":
            cells.append(Cell(TEXT, t(f"note_kind.{value}", lang)))
        else:
            cells.append(cell(column, value))
    return cells


def readable(key: str, frame: pd.DataFrame, lang: str) -> Readable:
    """``frame`` (the table ``key`` of :func:`data.export.tables`) as typed cells in ``lang``."""
    columns = _columns(key, frame, lang)
    rows = tuple(tuple(_row(key, rec, columns, lang)) for rec in frame.to_dict("records"))
    return Readable(
        key=key,
        title=t(f"data.table.{key}", lang),
        columns=tuple(columns),
        headers=tuple(header(c, lang) for c in columns),
        rows=rows,
    )


def readables(frames: Mapping[str, pd.DataFrame], lang: str) -> list[Readable]:
    """Every table of ``frames`` as :func:`readable`, in order."""
    return [readable(key, frame, lang) for key, frame in frames.items()]


def word(item: Cell, lang: str) -> str:
    """A cell as the page writes it: numbers and dates through :mod:`text.formats`,
    flags as yes/no, a missing value as "not reported"."""
    value, kind = item.value, item.kind
    if value is None:
        return not_reported(lang)
    if kind == USD:
        return fmt_usd(value, lang)
    if kind == PCT:
        return fmt_pct(value, lang)
    if kind == COUNT:
        return fmt_int(value, lang)
    if kind == DECIMAL:
        return fmt_decimal(value, lang)
    if kind == DATE:
        return fmt_date(value, lang)
    if kind == FLAG:
        return t("table.yes" if value else "table.no", lang)
    return str(value)


def display_frame(table: Readable, lang: str) -> pd.DataFrame:
    """``table`` as text only, under its translated headers (one ``str`` dtype per column,
    so that Arrow never meets a column mixing numbers, dates and text)."""
    data = {
        position: [word(row[position], lang) for row in table.rows]
        for position in range(len(table.headers))
    }
    frame = pd.DataFrame(data, dtype="str")
    frame.columns = list(table.headers)
    return frame


def display_tables(frames: Mapping[str, pd.DataFrame], lang: str) -> dict[str, pd.DataFrame]:
    """Every table of ``frames`` as :func:`display_frame` in ``lang``, by the same keys."""
    return {table.key: display_frame(table, lang) for table in readables(frames, lang)}
