"""What every funding chart shares: frame columns, missing-safe numbers, names, USD ticks,
the category axis and the finishing touch (title, legend, stamp)."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from components.charts.textfit import LINE
from components.formats import fmt_usd, is_missing
from components.i18n import has_label, t
from components.theme import SIZES, TITLE_BAND, add_stamp, base_layout

AREA_COLUMNS: tuple[str, ...] = (
    "area_id",
    "objective_id",
    "name_en",
    "name_fr",
    "required_usd",
    "confirmed_usd",
    "gap_usd",
    "coverage",
    "reported",
    "over_funded",
)
OBJECTIVE_COLUMNS: tuple[str, ...] = (
    "objective_id",
    "name_en",
    "name_fr",
    "required_usd",
    "confirmed_usd",
    "itemised_confirmed_usd",
    "unitemised_confirmed_usd",
    "gap_usd",
    "coverage",
)
HOVER_TEMPLATE = "%{hovertext}<extra></extra>"


# --- frames and numbers ----------------------------------------------------------------------
def require_columns(frame: pd.DataFrame, columns: Sequence[str], what: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"{what} frame is missing columns: {', '.join(missing)}")


def num(value: Any) -> int | float | None:
    """A plain Python number, or None for a missing value (never 0)."""
    if is_missing(value):
        return None
    as_float = float(value)
    return int(as_float) if as_float.is_integer() else as_float


def flag(value: Any) -> bool:
    return False if is_missing(value) else bool(value)


def coverage_of(row: Any) -> float | None:
    """The frame's coverage; derived from confirmed/required only if the column is empty."""
    cov = num(row.coverage)
    if cov is not None:
        return cov
    confirmed, required = num(row.confirmed_usd), num(row.required_usd)
    if confirmed is None or not required:
        return None
    return confirmed / required


def hover_text(lines: Iterable[str]) -> str:
    return "<br>".join(lines)


# --- names -----------------------------------------------------------------------------------
def area_name(row: Any, lang: str) -> str:
    """Full area name from the translation table; the frame's ``name_<lang>`` for ids the
    table does not know (one table of labels, so every chart and page agrees)."""
    key = f"area.{row.area_id}"
    if has_label(key):
        return t(key, lang)
    name = getattr(row, f"name_{lang}", None)
    return str(name) if not is_missing(name) and str(name).strip() else str(row.area_id)


def area_short_name(row: Any, lang: str) -> str:
    """Short area name for chart axes (falls back to the full name)."""
    key = f"area_short.{row.area_id}"
    return t(key, lang) if has_label(key) else area_name(row, lang)


def objective_name(objective_id: str, lang: str, row: Any = None) -> str:
    key = f"objective.{objective_id}"
    if has_label(key):
        return t(key, lang)
    name = getattr(row, f"name_{lang}", None) if row is not None else None
    return str(name) if not is_missing(name) else str(objective_id)


# --- axes ------------------------------------------------------------------------------------
def _tick_label(value: float, lang: str, signed: bool = False) -> str:
    text = fmt_usd(value, lang, compact=True, signed=signed and value != 0)
    if abs(value) >= 1_000_000 and (abs(value) / 1_000_000).is_integer():
        text = text.replace(".0M", "M").replace(",0\u00a0M", "\u00a0M")  # $5M, 5 M$
    return text


def usd_ticks(
    high: float, lang: str, *, low: float = 0.0, signed: bool = False, n: int = 6
) -> tuple[list[float], list[str]]:
    """About ``n`` round tick values from ``low`` to ``high``, in compact locale USD."""
    span = high - low
    if span <= 0:
        return [0], [_tick_label(0, lang)]
    raw = span / n
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    first = math.ceil(low / step - 1e-9)
    last = math.floor(high / step + 1e-9)
    values = [i * step for i in range(first, last + 1)]
    return values, [_tick_label(v, lang, signed) for v in values]


def category_axis(categories: Sequence[str]) -> dict[str, Any]:
    """A y axis listing ``categories`` top to bottom, without grid lines."""
    return {
        "categoryorder": "array",
        "categoryarray": list(reversed(categories)),
        "showgrid": False,
        "ticklabelstandoff": 8,
    }


# --- title, legend and stamp -----------------------------------------------------------------
def finish(
    fig: go.Figure,
    *,
    lang: str,
    title: str,
    source: str,
    as_of: Any,
    scenario: bool,
    height: int | None,
    legend: bool = True,
    extra_top: int = 0,
    stamp_wrap: int | None = None,
) -> go.Figure:
    """House layout, a multi-line title kept in its band, ``extra_top`` px more top margin,
    and the source/as-of stamp (with the scenario watermark when ``scenario``)."""
    base_layout(fig, lang, title, height=height, legend=legend)
    title_extra = round((title.count("<br>")) * SIZES["title"] * LINE)
    if title_extra:
        # plotly lifts a multi-line title anchored at its top by ~0.7 line: lower it back.
        h = height or fig.layout.height or 720
        fig.update_layout(title={"y": 1 - (12 + round(0.7 * SIZES["title"])) / h})
        if legend:
            fig.update_layout(legend={"y": 1 - (TITLE_BAND + title_extra) / h})
    if extra_top or title_extra:
        fig.update_layout(margin={"t": fig.layout.margin.t + extra_top + title_extra})
    return add_stamp(fig, source, as_of, lang, scenario=scenario, wrap_width=stamp_wrap)
