"""The change between two DTM rounds per region: IDPs and share points, diverging bars.

Two columns (IDPs; share of the national total in points) and two rows: the national total
and the other regions on top, the named regions below, largest increase first. A region
absent from one round (or without a figure there) has no bar: a grey label says which round
did not report it; it is never counted as 0.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any, NamedTuple

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from components.charts._common import HOVER_TEMPLATE, category_axis, finish, hover_text
from components.charts._trend_common import (
    DTM_HISTORY_INPUT,
    NATIONAL,
    OTHER,
    esc,
    nice_values,
    region_display_names,
    round_label,
    signed_int,
    wrapped_title,
)
from components.charts.rounds import Round, points, rounds_of
from components.charts.textfit import DESIGN_WIDTH, LABEL_SPACER, text_px
from components.theme import COLORS, MARGINS, OKABE_ITO, SIZES
from data.contracts import check
from text import MINUS, fmt_decimal, fmt_int, fmt_pct, t

CHANGE_KIND = "round_change"
COLUMNS: tuple[str, ...] = ("idps", "share")
_COLOURS = {"increase": COLORS["confirmed"], "decrease": OKABE_ITO["orange"]}
ROW_PX = 44  # height of one region's bar
ROW_GAP_PX = 70  # between the national row and the regions (room for the x ticks)
H_SPACING = 0.1
LABEL_PAD = 16  # px between a bar's end and its label
MAX_LABEL_SHARE = 0.42  # a label takes at most this share of its column
MIN_ROOM = 0.05  # the least share of a column left for a bar beside its label
ZERO_GRID = tuple(i / 20 for i in range(17))  # where the zero line may sit: 0 .. 0.8


class Change(NamedTuple):
    """One region's figures in rounds A and B (``None``: not reported there)."""

    region_id: str
    name: str
    a: float | None
    b: float | None
    share_a: float | None
    share_b: float | None

    @property
    def idps(self) -> float | None:
        return None if self.a is None or self.b is None else self.b - self.a

    @property
    def share(self) -> float | None:
        if self.share_a is None or self.share_b is None:
            return None
        return self.share_b - self.share_a


def signed_points(fraction: float, lang: str) -> str:
    """A change of share as percentage points: ``+1,2 pt`` / ``−0.8 pts``."""
    text = fmt_decimal(fraction * 100, lang, decimals=1)
    if not text.startswith(MINUS) and round(fraction * 1000) > 0:
        text = f"+{text}"
    return t("trend.change.points", lang, value=text)


def changes(
    history: pd.DataFrame, version_a: int, version_b: int, names: Mapping[str, str], lang: str
) -> list[Change]:
    """Every region of either round (national and other first), figures of both rounds."""
    check(history, DTM_HISTORY_INPUT, "round_change_bars", exact=False)
    by_version = {r.version: r for r in rounds_of(history, latest_per_date=False)}
    missing = [v for v in (version_a, version_b) if v not in by_version]
    if missing:
        raise ValueError(f"round_change_bars: version(s) {missing} not in the DTM history")
    pair = [by_version[version_a], by_version[version_b]]
    in_pair = history[history["version"].astype(int).isin([version_a, version_b])]
    shown = region_display_names(names, lang)
    found = []
    for rid in dict.fromkeys(in_pair["region_id"].astype(str)):
        a, b = points(in_pair, rid, pair)
        found.append(Change(rid, shown.get(rid, rid), a.idps, b.idps, a.share, b.share))
    return found


def _ordered(found: list[Change]) -> tuple[list[Change], list[Change]]:
    """(national and other regions, the named regions by change: largest increase first,
    unknown changes last)."""
    top = [c for rid in (NATIONAL, OTHER) for c in found if c.region_id == rid]
    rest = [c for c in found if c.region_id not in (NATIONAL, OTHER)]
    order = {c.region_id: i for i, c in enumerate(rest)}
    rest.sort(key=lambda c: (c.idps is None, -(c.idps or 0), order[c.region_id]))
    return top, rest


def _label(change: Change, column: str, lang: str) -> tuple[str, float, str]:
    """(group, x, text) of one bar."""
    value = change.idps if column == "idps" else change.share
    if value is None:
        before, after = (
            (change.a, change.b) if column == "idps" else (change.share_a, change.share_b)
        )
        fmt = (lambda v: fmt_int(v, lang)) if column == "idps" else (lambda v: fmt_pct(v, lang))
        if before is None and after is not None:
            return "unknown", 0, t("trend.change.from_not_reported", lang, value=fmt(after))
        if before is not None and after is None:
            return "unknown", 0, t("trend.change.to_not_reported", lang, value=fmt(before))
        return "unknown", 0, t("status.not_reported", lang)
    text = signed_int(value, lang) if column == "idps" else signed_points(value, lang)
    if (column == "idps" and round(value) == 0) or (column == "share" and round(value * 1000) == 0):
        return "unchanged", 0, text
    return ("increase" if value > 0 else "decrease"), value, text


def _hover(change: Change, pair: tuple[str, str], lang: str) -> str:
    return hover_text(
        [
            f"<b>{esc(change.name)}</b>",
            t("trend.change.hover_round", lang, round=pair[0], value=fmt_int(change.a, lang)),
            t("trend.change.hover_round", lang, round=pair[1], value=fmt_int(change.b, lang)),
            t("trend.change.hover_idps", lang, value=_label(change, "idps", lang)[2]),
            t("trend.change.hover_share", lang, value=_label(change, "share", lang)[2]),
        ]
    )


def _unknown_x(text: str, span: tuple[float, float], plot: float) -> float:
    """Where a grey label starts: at zero, or at the left edge when it would not fit."""
    lo, hi = span
    fits = hi / (hi - lo) * plot >= text_px(text, SIZES["bar_text"]) + LABEL_PAD
    return 0.0 if fits else lo


def _add_column(
    fig: go.Figure,
    rows: list[Change],
    where: tuple[int, int],
    pair: tuple[str, str],
    lang: str,
    place: tuple[set[str], tuple[float, float], float],
) -> None:
    """The bars (and grey labels) of one column of one row. ``place``: the groups already
    in the legend (each group once), the column's x range and plot width."""
    row, col = where
    in_legend, span, plot = place
    column = COLUMNS[col - 1]
    kept = [c for c in rows if not (column == "share" and c.region_id == NATIONAL)]
    groups: dict[str, list[tuple[Change, float, str]]] = {}
    for change in kept:
        group, x, text = _label(change, column, lang)
        if group == "unknown":
            x = _unknown_x(text, span, plot)
        groups.setdefault(group, []).append((change, x, text))
    for group, items in groups.items():
        common: dict[str, Any] = {
            "x": [x for _, x, _ in items],
            "y": [esc(c.name) for c, _, _ in items],
            "text": [text for _, _, text in items],
            "customdata": [c.region_id for c, _, _ in items],
            "hovertext": [_hover(c, pair, lang) for c, _, _ in items],
            "hovertemplate": HOVER_TEMPLATE,
            "cliponaxis": False,
            "meta": {
                "kind": CHANGE_KIND,
                "column": column,
                "group": group,
                "names": [c.name for c, _, _ in items],
                "pair": list(pair),
            },
        }
        if group in _COLOURS:
            fig.add_trace(
                go.Bar(
                    orientation="h",
                    name=t(f"legend.{group}", lang),
                    legendgroup=group,
                    legendrank=1 if group == "increase" else 2,
                    showlegend=group not in in_legend,
                    marker={"color": _COLOURS[group]},
                    textposition="outside",
                    textfont={"size": SIZES["bar_text"], "color": COLORS["text"]},
                    **common,
                ),
                row=row,
                col=col,
            )
            in_legend.add(group)
        else:
            fig.add_trace(
                go.Scatter(
                    mode="markers+text",
                    marker=LABEL_SPACER,
                    textposition="middle right",
                    textfont={"size": SIZES["bar_text"], "color": COLORS["muted_text"]},
                    showlegend=False,
                    **common,
                ),
                row=row,
                col=col,
            )


def _needs(rows: list[Change], column: str, lang: str) -> list[tuple[float, float, str]]:
    """Each label of a column: (x, width in px with its padding, side of the bar)."""
    found = []
    for change in rows:
        if column == "share" and change.region_id == NATIONAL:
            continue
        group, x, text = _label(change, column, lang)
        if group == "unknown":
            continue  # no bar: the label moves left if it does not fit (see _unknown_x)
        side = "left" if group == "decrease" else "right"
        found.append((x, text_px(text, SIZES["bar_text"]) + LABEL_PAD, side))
    return found


def _width(
    needs: list[tuple[float, float, str]], zero: float, plot: float, strict: bool = True
) -> float:
    """The narrowest x span (data units) with zero at the fraction ``zero`` from the left in
    which every bar and its label fit; ``inf`` when one cannot (``strict``), else a label
    too wide for its side spills over (cliponaxis off)."""
    width = 0.0
    for x, px, side in needs:
        if side == "left" and zero <= 0:
            return math.inf  # a decrease needs room left of zero
        share = min(px / plot, MAX_LABEL_SHARE)
        room = (1 - zero - share) if side == "right" else (zero - share)
        if room < MIN_ROOM:
            if strict:
                return math.inf
            room = MIN_ROOM
        width = max(width, (max(x, 0.0) if side == "right" else -x) / room)
    return width


def _ranges(blocks: list[list[Change]], column: str, plot: float, lang: str) -> list[tuple]:
    """The x range of each row of a column, zero at the same place in both rows: the place
    that costs the rows least (each row's span against its best alone)."""
    needs = [_needs(block, column, lang) for block in blocks]
    strict = all(min(_width(n, z, plot) for z in ZERO_GRID) < math.inf for n in needs)
    best = [min(_width(n, z, plot, strict) for z in ZERO_GRID) or 1.0 for n in needs]

    def cost(zero: float) -> float:
        widths = [_width(n, zero, plot, strict) for n in needs]
        return max(w / b for w, b in zip(widths, best, strict=True))

    zero = min(ZERO_GRID, key=lambda z: (cost(z), z))
    spans = []
    for n in needs:
        width = _width(n, zero, plot, strict) or (1.0 if column == "idps" else 0.01)
        spans.append((-zero * width, (1 - zero) * width))
    return spans


def _x_axis(fig: go.Figure, span: tuple[float, float], where: tuple[int, int], lang: str) -> None:
    row, col = where
    lo, hi = span
    ticks = [v for v in nice_values(hi, low=lo, n=4, steps=(1, 2, 5, 10)) if lo <= v <= hi]
    texts = [signed_int(v, lang) if col == 1 else signed_points(v, lang) for v in ticks]
    fig.update_xaxes(
        range=[lo, hi],
        tickvals=ticks,
        ticktext=texts,
        zeroline=True,
        zerolinewidth=2,
        zerolinecolor=COLORS["text"],
        row=row,
        col=col,
    )


def _keep_national_row(fig: go.Figure, block: list[Change], row: int) -> None:
    """An invisible point keeps the national total's place in the share column (its share
    is 100 % in every round: no change to draw)."""
    for change in block:
        if change.region_id == NATIONAL:
            fig.add_trace(
                go.Scatter(
                    x=[0],
                    y=[esc(change.name)],
                    mode="markers",
                    marker=LABEL_SPACER,
                    hoverinfo="skip",
                    showlegend=False,
                    meta={"kind": "round_change.spacer"},
                ),
                row=row,
                col=2,
            )


def _plot_px(found: list[Change]) -> float:
    """Width of one column's plot at the design width, after the region names."""
    names = max(text_px(esc(c.name), SIZES["tick"]) for c in found)
    return (DESIGN_WIDTH - MARGINS["l"] - MARGINS["r"] - names - 12) * (1 - H_SPACING) / 2


def round_change_bars(
    history: pd.DataFrame,
    version_a: int,
    version_b: int,
    *,
    names: Mapping[str, str],
    lang: str = "fr",
    source: str,
    as_of: Any,
    scenario: bool = False,
    title: str | None = None,
    height: int | None = None,
) -> go.Figure:
    """IDP change (left) and change of share in points (right) per region from the round of
    ``version_a`` to that of ``version_b``.

    Top row: the national total (IDPs only: its share is always 100 %) and the other
    regions; bottom row: the named regions, largest increase first. Increases blue,
    decreases orange (neither good nor bad), both labelled with the signed figure; a region
    not reported in one round gets a grey label ("not reported → 45 000") and no bar.
    """
    found = changes(history, version_a, version_b, names, lang)
    top, rest = _ordered(found)
    if not top and not rest:
        raise ValueError("round_change_bars: no region to draw")
    by_version = {r.version: r for r in rounds_of(history, latest_per_date=False)}
    ra: Round = by_version[version_a]
    rb: Round = by_version[version_b]
    pair = (round_label(ra.number, ra.date, lang), round_label(rb.number, rb.date, lang))
    blocks = [b for b in (top, rest) if b]
    if height is None:
        height = 250 + ROW_PX * len(found) + (ROW_GAP_PX if len(blocks) == 2 else 0)
    fig = make_subplots(
        rows=len(blocks),
        cols=2,
        row_heights=[len(b) for b in blocks],
        horizontal_spacing=H_SPACING,
        vertical_spacing=ROW_GAP_PX / height if len(blocks) == 2 else 0.0,
        column_titles=[t("trend.change.col_idps", lang), t("trend.change.col_share", lang)],
    )
    plot = _plot_px(found)
    spans = {col: _ranges(blocks, COLUMNS[col - 1], plot, lang) for col in (1, 2)}
    in_legend: set[str] = set()
    for r, block in enumerate(blocks, start=1):
        _keep_national_row(fig, block, r)
        for col in (1, 2):
            _add_column(fig, block, (r, col), pair, lang, (in_legend, spans[col][r - 1], plot))
            _x_axis(fig, spans[col][r - 1], (r, col), lang)
            fig.update_yaxes(
                category_axis([esc(c.name) for c in block]),
                showticklabels=col == 1,
                row=r,
                col=col,
            )
    for annotation in fig.layout.annotations:  # the column titles
        annotation.update(font={"size": SIZES["subtitle"], "color": COLORS["text"]})
    fig.update_layout(barmode="relative", bargap=0.3, hovermode="closest")
    default = t("trend.change.title", lang, a=pair[0], b=pair[1])
    return finish(
        fig,
        lang=lang,
        title=wrapped_title(title or default),
        source=source,
        as_of=as_of,
        scenario=scenario,
        height=height,
    )
