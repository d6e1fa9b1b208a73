"""What every funding chart shares: frame columns, missing-safe numbers, names, USD ticks,
the category axis and the finishing touch (title, legend, stamp).

Names are data: an area's or objective's long and short names are the frame's ``name_<lang>``
and ``short_name_<lang>`` columns (``plan.areas``, ``funding.objectives``...), never the
interface catalog, so an updated table brings its own names.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any, NotRequired, TypedDict

import plotly.graph_objects as go

from components.charts.textfit import LINE, text_px
from components.theme import DEFAULT_HEIGHT, SIZES, TITLE_BAND, add_stamp, base_layout
from data.contracts import ANY, Contract
from text import fmt_usd, is_missing


class Stamp(TypedDict):
    """What every chart builder is stamped with: language, source, as-of, scenario mark."""

    lang: str
    source: str
    as_of: Any
    scenario: NotRequired[bool]


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
    "short_name_en",
    "short_name_fr",
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
    "short_name_en",
    "short_name_fr",
)
NAME_COLUMNS: tuple[str, ...] = ("name_en", "name_fr", "short_name_en", "short_name_fr")
AREAS_INPUT = Contract("chart areas", dict.fromkeys(AREA_COLUMNS, ANY))
"""The columns the area charts read (``compute_funding().areas`` has them): checked with
``data.contracts.check(frame, AREAS_INPUT, where, exact=False)``."""
OBJECTIVES_INPUT = Contract("chart objectives", dict.fromkeys(OBJECTIVE_COLUMNS, ANY))
"""The columns the objective charts read (``compute_funding().objectives`` has them)."""
OBJECTIVE_NAMES_INPUT = Contract(
    "objective names", dict.fromkeys(("objective_id", *NAME_COLUMNS), ANY)
)
"""The columns that name objectives (``plan.objectives``, ``funding.objectives``)."""
HOVER_TEMPLATE = "%{hovertext}<extra></extra>"


# --- numbers ---------------------------------------------------------------------------------
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
def _name(row: Any, column: str, fallback: str) -> str:
    name = getattr(row, column, None)
    return str(name) if not is_missing(name) and str(name).strip() else fallback


def area_name(row: Any, lang: str) -> str:
    """The area's long name in ``lang``: the row's ``name_<lang>`` (its id if empty)."""
    return _name(row, f"name_{lang}", str(row.area_id))


def area_short_name(row: Any, lang: str) -> str:
    """The area's short name for chart axes: ``short_name_<lang>``, else the long name."""
    return _name(row, f"short_name_{lang}", area_name(row, lang))


def objective_name(row: Any, lang: str, *, short: bool = False) -> str:
    """The objective's long name in ``lang`` (``name_<lang>``), or with ``short`` its short
    name ("Objectif 1", ``short_name_<lang>``, else the long name)."""
    long_name = _name(row, f"name_{lang}", str(row.objective_id))
    return _name(row, f"short_name_{lang}", long_name) if short else long_name


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


# --- labels in a donut's hole -----------------------------------------------------------------
DONUT_HOLE = 0.62  # the hole's diameter, as a share of the ring's
CENTRE_ROOM = 0.8  # the centre label's widest line fills at most this share of the hole


def donut_px(fig: go.Figure, width: float, domain: Any = None) -> tuple[float, float]:
    """Width and height in px of a pie's ``domain`` (default: the whole plot area) in a figure
    drawn ``width`` px wide, from its height and margins."""
    m = fig.layout.margin
    plot_w = width - (m.l or 0) - (m.r or 0)
    plot_h = (fig.layout.height or DEFAULT_HEIGHT) - (m.t or 0) - (m.b or 0)
    x = (domain.x if domain is not None else None) or (0, 1)
    y = (domain.y if domain is not None else None) or (0, 1)
    return (x[1] - x[0]) * plot_w, (y[1] - y[0]) * plot_h


def centre_size(texts: Iterable[str], ring_px: float, largest: float) -> int:
    """Font size of a bold centre label so its widest line (of ``texts``) stays inside the
    hole of a ring ``ring_px`` across: at most :data:`CENTRE_ROOM` of the hole's diameter."""
    widest = max(text_px(text, 1.0, bold=True) for text in texts)
    return max(1, min(int(largest), math.floor(CENTRE_ROOM * DONUT_HOLE * ring_px / widest)))


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
