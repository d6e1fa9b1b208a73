"""Coverage donuts: one donut (confirmed vs gap, coverage in the centre) and the grid of
small multiples for the activity areas with a reported figure.

Missing is never zero: a single donut whose confirmed amount is not reported is a grey
hatched ring saying "not reported"; the grid lists not-reported areas in a caption instead
of drawing them as 0 %.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any, NamedTuple

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from components.charts._common import (
    AREAS_INPUT,
    DONUT_HOLE,
    HOVER_TEMPLATE,
    OBJECTIVE_NAMES_INPUT,
    area_name,
    area_short_name,
    centre_size,
    coverage_of,
    donut_px,
    finish,
    flag,
    hover_text,
    num,
    objective_name,
)
from components.charts.textfit import DESIGN_WIDTH, LINE, bold_lines, chars
from components.theme import (
    COLORS,
    LEGEND_BAND,
    MARGINS,
    NOT_REPORTED_PATTERN,
    SIZES,
    STAMP_NAME,
    TITLE_BAND,
    add_stamp,
    base_layout,
    wrap,
)
from data.contracts import check
from text import fmt_pct, fmt_usd, is_missing, nt, t

# A single donut is drawn in a page column (a third of the width): wrap its stamp, and its
# title to about 400 px (the title is bold, at the house title size).
DONUT_STAMP_WRAP = 36
DONUT_WIDTH = 400
DONUT_TITLE_WRAP = chars(DONUT_WIDTH - 24, SIZES["title"], bold=True)
MIN_DONUT_PX = 130
"""Smallest height of one donut in the grid, in pixels at the design size."""
GRID_HSPACE = 0.04


def _donut_hover(confirmed: float | None, required: float, name: str, lang: str) -> str:
    coverage = None if confirmed is None else confirmed / required
    gap = None if confirmed is None else required - confirmed
    return hover_text(
        [
            f"<b>{name}</b>",
            t("hover.required", lang, value=fmt_usd(required, lang)),
            t("hover.confirmed", lang, value=fmt_usd(confirmed, lang)),
            t("hover.gap", lang, value=fmt_usd(gap, lang)),
            t("hover.coverage", lang, value=fmt_pct(coverage, lang)),
        ]
    )


def donut_trace(
    confirmed: int | float | None,
    required: int | float,
    lang: str,
    *,
    name: str,
    domain: dict | None = None,
    showlegend: bool = True,
) -> go.Pie:
    """Confirmed and gap as a ring; one grey hatched slice when confirmed is not reported."""
    if confirmed is None:
        values, labels = [required], [t("legend.not_reported", lang)]
        colors = [COLORS["not_reported"]]
        patterns = [NOT_REPORTED_PATTERN["shape"]]
    else:
        values = [confirmed, max(required - confirmed, 0)]
        labels = [t("legend.confirmed", lang), t("legend.gap", lang)]
        colors = [COLORS["confirmed"], COLORS["gap"]]
        patterns = ["", ""]
    return go.Pie(
        values=values,
        labels=labels,
        hole=DONUT_HOLE,
        sort=False,
        direction="clockwise",
        rotation=0,
        textinfo="none",
        marker={
            "colors": colors,
            "line": {"color": "#FFFFFF", "width": 2},
            "pattern": {
                "shape": patterns,
                "fgcolor": COLORS["not_reported_hatch"],
                "solidity": NOT_REPORTED_PATTERN["solidity"],
            },
        },
        hovertext=[_donut_hover(confirmed, required, name, lang)] * len(values),
        hovertemplate=HOVER_TEMPLATE,
        showlegend=showlegend,
        domain=domain,
        name=name,
    )


def _centre(fig: go.Figure, name: str, text: str, x: float, y: float, size: float) -> None:
    """The bold label in the hole of a donut."""
    fig.add_annotation(
        name=name,
        text=f"<b>{text}</b>",
        x=x,
        y=y,
        xref="paper",
        yref="paper",
        xanchor="center",
        yanchor="middle",
        showarrow=False,
        font={"size": size, "color": COLORS["text"]},
    )


# --- one donut ---------------------------------------------------------------------------------
def coverage_donut(
    confirmed: Any,
    required: Any,
    *,
    title: str,
    lang: str = "fr",
    source: str,
    as_of: Any,
    scenario: bool = False,
    height: int | None = 460,
) -> go.Figure:
    """One donut: confirmed vs gap, centre label = coverage % (one decimal, locale).

    A not-reported ``confirmed`` gives a grey hatched ring with "not reported" in the
    centre, never 0 %.
    """
    required_value = num(required)
    if required_value is None or required_value <= 0:
        raise ValueError("coverage_donut needs a positive required amount")
    confirmed_value = num(confirmed)
    fig = go.Figure(donut_trace(confirmed_value, required_value, lang, name=title))
    # Wrap the title as shown: with the scenario prefix when there is one (the stamp then
    # finds the prefix already there and only sets the scenario colour below).
    shown = wrap(
        t("scenario.title_prefix", lang, title=title) if scenario else title, DONUT_TITLE_WRAP
    )
    centre = (
        fmt_pct(confirmed_value / required_value, lang)
        if confirmed_value is not None
        else t("status.not_reported", lang)
    )
    _centre(fig, "centre", centre, 0.5, 0.5, SIZES["donut_centre"])
    finish(
        fig,
        lang=lang,
        title=shown,
        source=source,
        as_of=as_of,
        scenario=scenario,
        height=height,
        stamp_wrap=DONUT_STAMP_WRAP,
    )
    fig.update_layout(title={"text": bold_lines(shown)})
    if scenario:
        fig.update_layout(title={"font": {"color": COLORS["scenario"]}})
    _fit_centre(fig)
    return fig


def _fit_centre(fig: go.Figure) -> None:
    """Fit a single donut's centre label (and "100,0 %", so a row shares one size) in its hole;
    the ring is as wide as the smaller side of the plot area at :data:`DONUT_WIDTH`."""
    centre = next(a for a in fig.layout.annotations if a.name == "centre")
    ring = min(donut_px(fig, DONUT_WIDTH))
    texts = [centre.text, "<b>100,0\u00a0%</b>"]
    centre.font.size = centre_size(texts, ring, SIZES["donut_centre"] + 10)


def same_donut_size(charts: Sequence[tuple[go.Figure, str]]) -> list[tuple[go.Figure, str]]:
    """A row of :func:`coverage_donut` figures (``(figure, basename)``) drawn one size: the
    row's largest top and bottom margins and lowest legend for all, so rings and legends line
    up. Changed in place only when every figure is a single donut (one pie, a centre label)."""
    figs = [fig for fig, _ in charts]
    single = [len(f.data) == 1 and f.data[0].type == "pie" for f in figs]
    centres = ["centre" in {a.name for a in f.layout.annotations} for f in figs]
    if not figs or not all(single) or not all(centres):
        return list(charts)
    top = max(fig.layout.margin.t for fig in figs)
    bottom = max(fig.layout.margin.b for fig in figs)
    legend_y = min((fig.layout.legend.y for fig in figs if fig.layout.showlegend), default=None)
    for fig in figs:
        fig.update_layout(margin={"t": top, "b": bottom})
        if fig.layout.showlegend and legend_y is not None:
            fig.update_layout(legend={"y": legend_y})
        for annotation in fig.layout.annotations:
            if annotation.name == STAMP_NAME:
                annotation.yshift = -bottom + 4
        _fit_centre(fig)
    return list(charts)


# --- the grid ----------------------------------------------------------------------------------
class _Grid(NamedTuple):
    """The grid's shape in px at the design size."""

    rows: int
    cols: int
    titles: list[str]
    title_px: float
    caption: str | None
    caption_px: int
    height: int
    spacing: float


def _reported(areas: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(areas with a reported confirmed figure, the others)."""
    mask = [
        flag(r) and not is_missing(c)
        for r, c in zip(areas["reported"], areas["confirmed_usd"], strict=True)
    ]
    return areas[mask], areas[[not m for m in mask]]


def _caption(missing: pd.DataFrame, plot_width: float, lang: str) -> tuple[str | None, int]:
    """The not-reported areas' caption under the grid, wrapped, and its height in px."""
    if not len(missing):
        return None, 0
    names = ", ".join(area_short_name(row, lang) for row in missing.itertuples(index=False))
    text = nt("label.not_reported_areas", len(missing), lang, areas=names)
    caption = wrap(text, chars(plot_width, SIZES["annotation"]))
    return caption, round((caption.count("<br>") + 1) * SIZES["annotation"] * LINE) + 16


def _grid(drawn: pd.DataFrame, missing: pd.DataFrame, cols: int, height: int | None, lang: str):
    """Rows, titles (short names wrapped to the cell width so neighbours never touch),
    caption and a height that keeps room for a readable donut in every row."""
    n = len(drawn)
    rows, ncols = max(1, math.ceil(n / cols)), min(cols, max(n, 1))
    plot_width = DESIGN_WIDTH - MARGINS["l"] - MARGINS["r"]
    cell_px = plot_width * (1 - GRID_HSPACE * (ncols - 1)) / ncols
    title_size = SIZES["subtitle"]
    titles = [
        wrap(area_short_name(row, lang), chars(cell_px - 8, title_size))
        for row in drawn.itertuples(index=False)
    ]
    title_lines = max((ttl.count("<br>") + 1 for ttl in titles), default=1)
    title_px = title_lines * title_size * LINE + 6
    caption, caption_px = _caption(missing, plot_width, lang)
    top_px = TITLE_BAND + LEGEND_BAND + 10 + title_px
    # An update that reports more areas makes the figure taller instead of squeezing rows
    # (plotly refuses a vertical spacing above 1 / (rows - 1), which 17 or more donuts in
    # 720 px reached).
    row_px = MIN_DONUT_PX + title_px + 12
    height = max(height or 720, round(top_px + MARGINS["b"] + caption_px + rows * row_px))
    paper_px = height - top_px - MARGINS["b"] - caption_px
    spacing = 0.0
    if rows > 1:
        spacing = min((title_px + 12) / max(paper_px, 1.0), 0.3, 0.9 / (rows - 1))
    return _Grid(rows, ncols, titles, title_px, caption, caption_px, height, spacing)


def _add_donuts(fig: go.Figure, drawn: pd.DataFrame, ncols: int, lang: str) -> None:
    """One donut per area, its coverage centred in it, its title named ``title:<area_id>``."""
    for i, row in enumerate(drawn.itertuples(index=False)):
        r, c = divmod(i, ncols)
        confirmed = num(row.confirmed_usd)
        required = num(row.required_usd) or 0
        trace = donut_trace(
            confirmed, required, lang, name=area_name(row, lang), showlegend=(i == 0)
        )
        fig.add_trace(trace, row=r + 1, col=c + 1)
        domain = fig.data[-1].domain
        cx = (domain.x[0] + domain.x[1]) / 2
        cy = (domain.y[0] + domain.y[1]) / 2
        text = fmt_pct(coverage_of(row), lang)
        _centre(fig, f"centre:{row.area_id}", text, cx, cy, SIZES["donut_centre"])
    unnamed = [a for a in fig.layout.annotations if not a.name]  # make_subplots titles
    for annotation, row in zip(unnamed, drawn.itertuples(index=False), strict=True):
        annotation.name = f"title:{row.area_id}"
        annotation.font = {"size": SIZES["subtitle"], "color": COLORS["text"]}


def _fit_grid_centres(fig: go.Figure, lang: str) -> None:
    """One centre size for the grid, fitted to a cell's hole (at :data:`DESIGN_WIDTH`) for the
    widest label shown or "100,0 %", whichever is wider."""
    centres = [a for a in fig.layout.annotations if (a.name or "").startswith("centre:")]
    if centres:  # every cell has the same size: the first pie's
        ring = min(donut_px(fig, DESIGN_WIDTH, fig.data[0].domain))
        size = centre_size(
            [a.text for a in centres] + [fmt_pct(1.0, lang)], ring, SIZES["donut_centre"]
        )
        for annotation in centres:
            annotation.font.size = size


def _add_caption(fig: go.Figure, caption: str) -> None:
    fig.add_annotation(
        name="not_reported_caption",
        text=caption,
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        xanchor="left",
        yanchor="top",
        yshift=-10,
        showarrow=False,
        align="left",
        font={"size": SIZES["annotation"], "color": COLORS["muted_text"]},
    )


def coverage_donuts_grid(
    areas: pd.DataFrame,
    *,
    lang: str = "fr",
    source: str,
    as_of: Any,
    scenario: bool = False,
    cols: int = 4,
    title: str | None = None,
    height: int | None = 720,
) -> go.Figure:
    """Small-multiple donuts for the areas WITH a reported confirmed figure.

    Not-reported areas are listed in a caption under the grid, not drawn as 0 %. Centre
    annotations are named ``centre:<area_id>``; the caption ``not_reported_caption``.
    """
    check(areas, AREAS_INPUT, "coverage_donuts_grid", exact=False)
    drawn, missing = _reported(areas)
    grid = _grid(drawn, missing, cols, height, lang)
    fig = make_subplots(
        rows=grid.rows,
        cols=grid.cols,
        specs=[[{"type": "domain"}] * grid.cols for _ in range(grid.rows)],
        subplot_titles=grid.titles or None,
        vertical_spacing=grid.spacing,
        horizontal_spacing=GRID_HSPACE,
    )
    _add_donuts(fig, drawn, grid.cols, lang)
    if grid.caption is not None:
        _add_caption(fig, grid.caption)
    base_layout(fig, lang, title or t("chart.coverage_donuts.title", lang), height=grid.height)
    fig.update_layout(
        margin={
            "t": fig.layout.margin.t + round(grid.title_px),
            "b": fig.layout.margin.b + grid.caption_px,
        }
    )
    _fit_grid_centres(fig, lang)
    return add_stamp(fig, source, as_of, lang, scenario=scenario)


def objective_donuts(
    objectives: pd.DataFrame,
    *,
    short_titles: bool = False,
    lang: str = "fr",
    source: str,
    as_of: Any,
    scenario: bool = False,
) -> list[tuple[go.Figure, str]]:
    """One :func:`coverage_donut` per objective, titled by its full (or short) name
    (``name_<lang>``, ``short_name_<lang>``), with its chart name ``coverage-<objective_id>``,
    in the frame's order."""
    check(objectives, OBJECTIVE_NAMES_INPUT, "objective_donuts", exact=False)
    charts = []
    for row in objectives.itertuples(index=False):
        oid = row.objective_id
        title = objective_name(row, lang, short=short_titles)
        fig = coverage_donut(
            row.confirmed_usd,
            row.required_usd,
            title=title,
            lang=lang,
            source=source,
            as_of=as_of,
            scenario=scenario,
        )
        charts.append((fig, f"coverage-{oid}"))
    return charts
