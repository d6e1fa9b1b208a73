"""What the trend charts share: input columns, escaping, ticks (amounts, counts, percentages,
dates), series styles, legend room and the words for versions and rounds.

History frames have the columns of ``data/versions`` (taken as data frames, never imported):

``funding history``
    version (int, 0 = the plan), as_of (date), level ("plan"|"objective"|"area"), id,
    required_usd (Int64), confirmed_usd (Int64, <NA> = not reported), coverage (Float64).
``donor history``
    version, as_of, area_id, donor, status ("pledged"|"committed"|"paid"), amount_usd (Int64).
``DTM history``
    version, as_of, round_number (Int64), region_id, idps (Int64), share (Float64),
    measure ("count"|"estimate"); region ids "national" and "other" are the national total
    and the part outside the named regions.
"""

from __future__ import annotations

import datetime as dt
import html
import math
from collections.abc import Mapping, Sequence
from typing import Any

from components.charts.textfit import DESIGN_WIDTH, LINE, chars, text_px
from components.theme import CATEGORICAL, COLORS, MARGINS, SIZES, STAMP_NAME, wrap
from data.contracts import ANY, Contract
from text import fmt_date, fmt_int, fmt_pct, fmt_usd, is_missing, t

FUNDING_HISTORY_INPUT = Contract(
    "funding history",
    dict.fromkeys(
        ("version", "as_of", "level", "id", "required_usd", "confirmed_usd", "coverage"), ANY
    ),
)
DONOR_HISTORY_INPUT = Contract(
    "donor history",
    dict.fromkeys(("version", "as_of", "area_id", "donor", "status", "amount_usd"), ANY),
)
DTM_HISTORY_INPUT = Contract(
    "DTM history",
    dict.fromkeys(
        ("version", "as_of", "round_number", "region_id", "idps", "share", "measure"), ANY
    ),
)
NATIONAL = "national"
OTHER = "other"
NOTE_NAME = "trend_note"  # the "one version so far" / "one round so far" annotation
NOT_REPORTED_NAME = "trend_not_reported"  # a "not reported" mark above a version's date
TREND_HEIGHT = 600
LEGEND_LINE_PX = round(SIZES["legend"] * LINE) + 8
_DASHES = ("solid", "dot", "dashdot")
_SYMBOLS = ("circle", "square", "diamond", "triangle-up", "x", "star")
# The categorical palette without its yellow (1.3:1 on white: a line nobody can see).
LINE_COLOURS: tuple[str, ...] = tuple(c for c in CATEGORICAL if c.upper() != "#F0E442")


def esc(text: object) -> str:
    """A value as plotly text: ``<``, ``>`` and ``&`` escaped (plotly reads ``<b>``,
    ``<a href>`` and entities in names, legends and hover)."""
    return html.escape(str(text), quote=False)


def num(value: Any) -> float | None:
    """A plain number, or None when missing (never 0)."""
    if is_missing(value):
        return None
    as_float = float(value)
    return int(as_float) if as_float.is_integer() else as_float


def iso(value: Any) -> str:
    """A date as ``YYYY-MM-DD`` (what a plotly date axis reads)."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "date"):  # pandas Timestamp
        return value.date().isoformat()
    return dt.date.fromisoformat(str(value).strip()[:10]).isoformat()


def signed_int(value: float, lang: str) -> str:
    """``+12 345`` / ``−4 000`` / ``0`` (a change of a count)."""
    text = fmt_int(value, lang)
    return f"+{text}" if round(value) > 0 else text


# --- words -----------------------------------------------------------------------------------
def version_label(version: int, lang: str) -> str:
    """``Version 3``; version 0 is the plan."""
    return t("trend.version_plan", lang) if version == 0 else t("trend.version", lang, n=version)


def round_label(round_number: Any, as_of: Any, lang: str) -> str:
    """``round 14 (30 avr. 2023)``, or the date alone when the round has no number."""
    date = fmt_date(as_of, lang)
    if is_missing(round_number):
        return date
    return t("trend.round_label", lang, n=int(round_number), date=date)


def round_tick(round_number: Any, as_of: Any, lang: str) -> str:
    """An x tick: ``Round 14`` over the date, or the date alone."""
    date = fmt_date(as_of, lang)
    if is_missing(round_number):
        return date
    return f"{t('trend.round', lang, n=int(round_number))}<br>{date}"


def region_display_names(names: Mapping[str, str], lang: str) -> dict[str, str]:
    """``names`` with the national total and the other regions named (unless given)."""
    return {
        NATIONAL: t("trend.dtm.national", lang),
        OTHER: t("trend.dtm.other_regions", lang),
        **{str(k): str(v) for k, v in names.items()},
    }


def wrapped_title(title: str) -> str:
    """A title broken onto lines that fit the chart's width (bold title font)."""
    return wrap(title, chars(DESIGN_WIDTH - 40, SIZES["title"], bold=True))


# --- ticks -----------------------------------------------------------------------------------
def nice_values(
    high: float, *, low: float = 0.0, n: int = 5, steps: Sequence[float] = (1, 2, 2.5, 5, 10)
) -> list[float]:
    """About ``n`` round values from ``low`` to ``high`` (steps of 1, 2, 2.5, 5 x 10^k)."""
    span = high - low
    if span <= 0:
        return [low]
    raw = span / n
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in steps if m * magnitude >= raw)
    first, last = math.ceil(low / step - 1e-9), math.floor(high / step + 1e-9)
    return [round(i * step, 10) for i in range(first, last + 1)]


def count_ticks(high: float, lang: str) -> tuple[list[float], list[str]]:
    values = nice_values(high)
    return values, [fmt_int(v, lang) for v in values]


def usd_ticks(high: float, lang: str, n: int = 6) -> tuple[list[float], list[str]]:
    """Compact USD ticks from 0 to ``high`` in steps of 1, 2 or 5 x 10^k (never 2.5: a
    compact label has one decimal, $1.25M would read $1.3M); ``$25M``, not ``$25.0M``."""
    values = nice_values(high, n=n, steps=(1, 2, 5, 10))
    texts = []
    for value in values:
        text = fmt_usd(value, lang, compact=True)
        if value >= 1_000_000 and (value / 1_000_000).is_integer():
            text = text.replace(".0M", "M").replace(",0\u00a0M", "\u00a0M")
        texts.append(text)
    return values, texts


def pct_ticks(high: float, lang: str) -> tuple[list[float], list[str]]:
    values = nice_values(high, steps=(1, 2, 5, 10))
    decimals = 0 if all(round(v * 100, 6).is_integer() for v in values) else 1
    return values, [fmt_pct(v, lang, decimals=decimals) for v in values]


def date_range(dates: Sequence[str]) -> list[str]:
    """The x range: the dates with room on both sides (45 days around a single date)."""
    days = [dt.date.fromisoformat(d) for d in dates]
    first, last = min(days), max(days)
    pad = max((last - first).days * 0.06, 20 if last > first else 45)
    return [
        (first - dt.timedelta(days=pad)).isoformat(),
        (last + dt.timedelta(days=pad)).isoformat(),
    ]


def date_ticks(dates: Sequence[str], labels: Sequence[str]) -> tuple[list[str], list[str]]:
    """One tick per date, thinned so that labels never overlap at the design width (the
    first and the last date always kept)."""
    lo, hi = (dt.date.fromisoformat(d) for d in date_range(dates))
    plot = DESIGN_WIDTH - MARGINS["l"] - MARGINS["r"] - 90
    per_day = plot / max((hi - lo).days, 1)
    ordered = sorted(zip(dates, labels, strict=True))
    kept: list[tuple[str, str]] = []

    def apart(a: tuple[str, str], b: tuple[str, str]) -> bool:
        gap = abs((dt.date.fromisoformat(b[0]) - dt.date.fromisoformat(a[0])).days) * per_day
        widths = text_px(a[1], SIZES["tick"]) + text_px(b[1], SIZES["tick"])
        return gap >= widths / 2 + 10

    for tick in ordered:
        if not kept or apart(kept[-1], tick):
            kept.append(tick)
    if ordered and kept[-1] != ordered[-1]:
        last = ordered[-1]
        while len(kept) > 1 and not apart(kept[-1], last):
            kept.pop()
        if apart(kept[-1], last):
            kept.append(last)
        else:
            kept[-1] = last
    return [d for d, _ in kept], [label for _, label in kept]


# --- series ----------------------------------------------------------------------------------
def series_style(i: int) -> dict[str, str]:
    """Colour, dash and marker of the ``i``-th series: colours first, then dashes and
    symbols, so that more series than colours stay apart."""
    cycle = i // len(LINE_COLOURS)
    return {
        "color": LINE_COLOURS[i % len(LINE_COLOURS)],
        "dash": _DASHES[cycle % len(_DASHES)],
        "symbol": _SYMBOLS[cycle % len(_SYMBOLS)],
    }


def legend_extra(names: Sequence[str], width: int = DESIGN_WIDTH) -> int:
    """Extra top margin (px) for a horizontal legend of ``names`` that needs several rows."""
    rows, used = 1, 0.0
    room = width - 40
    for name in names:
        item = max(text_px(name, SIZES["legend"]) + 50, 30)
        if used and used + item > room:
            rows, used = rows + 1, 0.0
        used += item
    return (rows - 1) * LEGEND_LINE_PX


def more_bottom(fig: Any, px: int) -> Any:
    """``px`` more bottom margin (and figure height) for two-line x tick labels, the
    source stamp kept at the figure's bottom."""
    margin = fig.layout.margin
    fig.update_layout(margin={"b": (margin.b or MARGINS["b"]) + px})
    if fig.layout.height:
        fig.update_layout(height=fig.layout.height + px)
    for annotation in fig.layout.annotations:
        if annotation.name == STAMP_NAME:
            annotation.yshift = (annotation.yshift or 0) - px
    return fig


TICK_LINE_PX = round(SIZES["tick"] * LINE) + 2  # one more line of x tick labels


def note_annotation(text: str) -> dict[str, Any]:
    """A muted note at the plot's top left (one version or round so far)."""
    return {
        "name": NOTE_NAME,
        "text": text,
        "xref": "paper",
        "yref": "paper",
        "x": 0.01,
        "y": 0.99,
        "xanchor": "left",
        "yanchor": "top",
        "showarrow": False,
        "align": "left",
        "font": {"size": SIZES["annotation"], "color": COLORS["muted_text"]},
        "bgcolor": "rgba(255,255,255,0.85)",
    }
