"""IDP maps of several DTM rounds side by side (small multiples) on ONE colour scale.

Why small multiples and not a round slider: the rounds are compared at a glance, without
remembering the last frame; the one figure works the same in the browser, in a PNG/SVG and
in the PDF/PPTX pack (a slider's other rounds would be lost there); and its text summary
covers every round at once. The price is smaller maps, so at most :data:`MAX_ROUNDS`
rounds (1 x 2, 1 x 3, 2 x 2), labelled with figures only (names are in the hover and the
summary). A shared scale is the point: the same blue means the same number of IDPs in
every map (``cmin`` 0, ``cmax`` the largest figure of all the rounds).

Polygons are drawn as in :mod:`components.maps.choropleth` (filled SVG paths on hidden
axes, no base map, no fetch); a unit without a figure is grey and hatched, never 0.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import geopandas as gpd
import plotly.graph_objects as go
import shapely
from plotly.subplots import make_subplots
from shapely.ops import polylabel

from components.charts._trend_common import esc, nice_values
from components.maps._shared import (
    BORDER_COLOR,
    MAP_COLORSCALE,
    aspect,
    check_units,
    dtm_region_names,
    hover_lines,
    label,
    unit_labels,
    value_color,
    value_of,
)
from components.maps.choropleth import BOUNDS_PADDING, label_colours, rings
from components.theme import COLORS, NOT_REPORTED_PATTERN, SIZES, add_stamp, base_layout
from text import fmt_int, t

MAX_ROUNDS = 4
UNIT_KIND = "round_map.unit"
LABEL_KIND = "round_map.labels"
MAP_LABEL_SIZE = 13
ROUND_TITLE_PX = 24
_GRIDS = {1: (1, 1), 2: (1, 2), 3: (1, 3), 4: (2, 2)}
_HEIGHTS = {1: 620, 2: 560, 3: 480, 4: 900}


def _label_point(geometry: shapely.Geometry) -> shapely.Point:
    """The pole of inaccessibility of the largest part (labels stay off the borders)."""
    parts = [p for p in shapely.get_parts(geometry) if isinstance(p, shapely.Polygon)]
    if not parts:
        return geometry.representative_point()
    return polylabel(max(parts, key=lambda p: p.area), tolerance=0.01)


def shared_max(joins: Sequence[tuple[str, gpd.GeoDataFrame]], value_col: str) -> int:
    """The top of the one colour scale: the largest figure of every round (at least 1)."""
    values = [value_of(v) for _, gdf in joins for v in gdf[value_col]]
    present = [v for v in values if v is not None]
    return max(present) if present and max(present) > 0 else 1


def _add_round(
    fig: go.Figure,
    k: int,
    cols: int,
    round_label: str,
    gdf: gpd.GeoDataFrame,
    value_col: str,
    vmax: int,
    lang: str,
    na_shown: list[bool],
) -> None:
    """The units of round ``k`` in subplot ``k`` (largest first), then their figures."""
    row, col = divmod(k, cols)
    where = {"row": row + 1, "col": col + 1}
    labels = unit_labels(gdf, lang)
    names = dtm_region_names(lang)
    values = [value_of(v) for v in gdf[value_col]]
    order = sorted(range(len(gdf)), key=lambda i: -gdf.geometry.iloc[i].area)
    for i in order:
        row_i = gdf.iloc[i]
        xs, ys = rings(row_i.geometry)
        hover = "<br>".join(
            [f"<b>{round_label}</b>", *hover_lines(row_i, labels[i], values[i], lang, None, names)]
        )
        trace: dict[str, Any] = {
            "x": xs,
            "y": ys,
            "mode": "lines",
            "fill": "toself",
            "fillcolor": value_color(values[i], vmax),
            "line": {"color": BORDER_COLOR, "width": 1},
            "hoveron": "fills",
            "hoverinfo": "text",
            "text": hover,
            "name": labels[i],
            "showlegend": False,
            "meta": {
                "kind": UNIT_KIND,
                "round": k,
                "round_label": round_label,
                "unit": str(row_i.pcode),
                "label": labels[i],
                "value": values[i],
            },
        }
        if values[i] is None:
            trace["fillpattern"] = NOT_REPORTED_PATTERN
            trace["name"] = label("map.no_dtm_share", lang)
            trace["legendgroup"] = "no_dtm_share"
            trace["showlegend"] = not na_shown[0]
            na_shown[0] = True
        fig.add_trace(go.Scatter(**trace), **where)
    valued = [i for i in order if values[i] is not None]
    anchors = [_label_point(gdf.geometry.iloc[i]) for i in valued]
    colours = [label_colours(value_color(values[i], vmax)) for i in valued]
    fig.add_trace(
        go.Scatter(
            x=[p.x for p in anchors],
            y=[p.y for p in anchors],
            mode="text",
            text=[fmt_int(values[i], lang) for i in valued],
            textfont={
                "size": MAP_LABEL_SIZE,
                "color": [c for c, _ in colours],
                "shadow": [h for _, h in colours],
            },
            hoverinfo="skip",
            showlegend=False,
            meta={"kind": LABEL_KIND, "round": k},
        ),
        **where,
    )


def _colour_bar(fig: go.Figure, vmax: int, lang: str, title: str) -> None:
    """An invisible marker carrying the one colour bar (0 .. ``vmax``) for every map."""
    fig.add_trace(
        go.Scatter(
            x=[None],
            y=[None],
            mode="markers",
            showlegend=False,
            hoverinfo="skip",
            marker={
                "size": 1,
                "opacity": 0,
                "color": [0, vmax],
                "colorscale": MAP_COLORSCALE,
                "cmin": 0,
                "cmax": vmax,
                "showscale": True,
                "colorbar": {
                    "title": {"text": title},
                    "thickness": 16,
                    "len": 0.7,
                    "tickvals": _bar_ticks(vmax),
                    "ticktext": [fmt_int(v, lang) for v in _bar_ticks(vmax)],
                },
            },
            meta={"kind": "round_map.scale", "cmax": vmax},
        ),
        row=1,
        col=1,
    )


def _bar_ticks(vmax: int) -> list[float]:
    return nice_values(vmax, n=4)


def _fit(fig: go.Figure, n: int, bounds: Sequence[float]) -> None:
    minx, miny, maxx, maxy = (float(b) for b in bounds)
    padx = (maxx - minx) * BOUNDS_PADDING or 0.5
    pady = (maxy - miny) * BOUNDS_PADDING or 0.5
    hidden = {"visible": False, "showgrid": False, "zeroline": False}
    for k in range(n):
        suffix = "" if k == 0 else str(k + 1)
        fig.layout[f"xaxis{suffix}"].update(
            range=[minx - padx, maxx + padx], constrain="domain", **hidden
        )
        fig.layout[f"yaxis{suffix}"].update(
            range=[miny - pady, maxy + pady],
            scaleanchor=f"x{suffix}",
            scaleratio=aspect(bounds),
            constrain="domain",
            **hidden,
        )


def round_maps(
    joins: Sequence[tuple[str, gpd.GeoDataFrame]],
    value_col: str = "idps_estimate",
    *,
    lang: str = "fr",
    source: str,
    as_of: Any,
    scenario: bool = False,
    title: str | None = None,
    colorbar_title: str | None = None,
    height: int | None = None,
) -> go.Figure:
    """One map per round (``joins``: ``(label, gdf)`` in the order shown, gdf joined like
    :func:`components.maps.idp_choropleth`'s input), 1 to :data:`MAX_ROUNDS`, on one colour
    scale. Each unit's figure is written on it; hover gives the round, the unit, IDPs,
    share and DTM regions. Round labels are escaped (they may come from files).
    """
    if not 1 <= len(joins) <= MAX_ROUNDS:
        raise ValueError(f"round_maps: 1 to {MAX_ROUNDS} rounds, not {len(joins)}")
    for _, gdf in joins:
        check_units(gdf, value_col, "round_maps")
    labels = [esc(name) for name, _ in joins]
    rows, cols = _GRIDS[len(joins)]
    fig = make_subplots(
        rows=rows,
        cols=cols,
        subplot_titles=labels,
        horizontal_spacing=0.03,
        vertical_spacing=0.08,
    )
    vmax = shared_max(joins, value_col)
    na_shown = [False]
    for k, ((_, gdf), name) in enumerate(zip(joins, labels, strict=True)):
        _add_round(fig, k, cols, name, gdf, value_col, vmax, lang, na_shown)
    _colour_bar(fig, vmax, lang, colorbar_title or t("trend.map.colorbar", lang))
    bounds = [
        min(float(g.total_bounds[0]) for _, g in joins),
        min(float(g.total_bounds[1]) for _, g in joins),
        max(float(g.total_bounds[2]) for _, g in joins),
        max(float(g.total_bounds[3]) for _, g in joins),
    ]
    _fit(fig, len(joins), bounds)
    for annotation in fig.layout.annotations:  # the round labels over the maps
        annotation.update(font={"size": SIZES["subtitle"], "color": COLORS["text"]})
    base_layout(
        fig,
        lang,
        title or t("trend.map.title", lang),
        height=height or _HEIGHTS[len(joins)],
        legend=na_shown[0],
    )
    # Room between the legend band and the round labels over the maps.
    fig.update_layout(
        hovermode="closest", dragmode="pan", margin={"t": fig.layout.margin.t + ROUND_TITLE_PX}
    )
    return add_stamp(fig, source, as_of, lang, scenario=scenario)
