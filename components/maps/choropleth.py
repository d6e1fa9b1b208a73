"""The IDP choropleth: filled polygons on hidden cartesian axes, labels, presence outlines.

Why no ``go.Choropleth`` / ``go.Choroplethmap``: see :mod:`components.maps`. The polygons
are plain SVG paths (equirectangular, aspect corrected at Mali's mean latitude): no fetch,
no config, the same in the browser and in kaleido PNG/SVG.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

import geopandas as gpd
import pandas as pd
import plotly.graph_objects as go
import shapely
from shapely.geometry.polygon import orient
from shapely.ops import polylabel

from components.maps._shared import (
    BORDER_COLOR,
    DEFAULT_MAP_HEIGHT,
    MAP_COLORSCALE,
    PRESENCE_COLOR,
    as_of_text,
    aspect,
    check_units,
    dtm_region_names,
    hover_lines,
    label,
    rgb,
    scale_max,
    unit_labels,
    value_color,
    value_of,
)
from components.theme import (
    COLORS,
    NOT_REPORTED_PATTERN,
    add_stamp_line,
    base_layout,
    stamp_text,
)
from text import fmt_int, is_missing

BOUNDS_PADDING = 0.03  # fraction of the extent added on each side
LABELS_TRACE = "labels"  # the on-map text labels (name and estimate of each valued unit)
LABEL_SIZE = 15
_HALO = "0 0 2px {colour}, 0 0 2px {colour}, 0 0 4px {colour}"  # CSS text-shadow


# --- geometry ----------------------------------------------------------------------------------
def rings(geometry: shapely.Geometry) -> tuple[list[float | None], list[float | None]]:
    """Polygon rings as one x/y sequence with ``None`` gaps (plotly's separate sub-paths).

    Exteriors counter-clockwise and holes clockwise whatever the input winding, so the SVG
    non-zero fill leaves holes (Bamako inside Koulikoro) unfilled and un-hoverable.
    """
    xs: list[float | None] = []
    ys: list[float | None] = []
    for part in shapely.get_parts(geometry):
        if not isinstance(part, shapely.Polygon) or part.is_empty:
            continue
        part = orient(part, sign=1.0)
        for ring in (part.exterior, *part.interiors):
            rx, ry = ring.xy
            xs.extend(round(v, 5) for v in rx)
            ys.extend(round(v, 5) for v in ry)
            xs.append(None)
            ys.append(None)
    return xs[:-1], ys[:-1]


def _label_point(geometry: shapely.Geometry) -> shapely.Point:
    """Where a unit's label goes: the pole of inaccessibility of its largest part (the point
    farthest inside it), so a label stays off the borders where it can."""
    parts = [p for p in shapely.get_parts(geometry) if isinstance(p, shapely.Polygon)]
    if not parts:
        return geometry.representative_point()
    largest = max(parts, key=lambda p: p.area)
    return polylabel(largest, tolerance=0.01)


# --- labels ------------------------------------------------------------------------------------
def _relative_luminance(colour: str) -> float:
    """WCAG relative luminance (0 black .. 1 white) of ``#rrggbb`` / ``rgb(...)``."""

    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def label_colours(fill: str) -> tuple[str, str]:
    """Text colour and halo (text shadow) for a label drawn on ``fill``.

    White text with a dark halo on dark fills, dark text with a white halo on light ones:
    whichever of the two contrasts more with the fill (WCAG contrast ratio), so the label
    stays readable where it spills over a neighbour of another shade.
    """
    lum = _relative_luminance(fill)
    dark = _relative_luminance(COLORS["text"])
    on_white = (1.05) / (lum + 0.05)
    on_dark = (lum + 0.05) / (dark + 0.05)
    if on_white >= on_dark:
        return "#FFFFFF", _HALO.format(colour="#000000")
    return COLORS["text"], _HALO.format(colour="#FFFFFF")


def unit_label_text(label_text: str, value: int, lang: str) -> str:
    """The on-map label of a valued unit: its name (a bracketed part such as "(y c.
    Bandiagara)" on a line of its own, to keep the label narrow), then the estimate in bold.
    """
    name = str(label_text).replace(" (", "<br>(", 1)
    return f"{name}<br><b>{fmt_int(value, lang)}</b>"


# --- the units ---------------------------------------------------------------------------------
class _Units(NamedTuple):
    """The units in drawing order (largest first, enclaves on top) and their hover context."""

    frame: gpd.GeoDataFrame
    pcodes: list[str]
    labels: list[str]
    values: list[int | None]
    vmax: int
    order: list[int]
    lang: str
    as_of: str | None
    region_names: Mapping[str, str]

    def hover(self, i: int) -> str:
        row = self.frame.iloc[i]
        lines = hover_lines(
            row, self.labels[i], self.values[i], self.lang, self.as_of, self.region_names
        )
        return "<br>".join(lines)

    def valued(self) -> list[int]:
        return [i for i in self.order if self.values[i] is not None]


def _presence_flags(presence: pd.Series | None, pcodes: Sequence[str]) -> dict[str, bool]:
    if presence is None:
        return {}
    unknown = sorted(set(map(str, presence.index)) - set(pcodes))
    if unknown:
        raise ValueError(f"presence: p-code(s) not on the map {unknown}")
    return {str(p): bool(v) for p, v in presence.items() if not is_missing(v) and bool(v)}


def _add_units(fig: go.Figure, units: _Units) -> bool:
    """One filled trace per unit; True if a unit without a figure is in the legend."""
    lang, na_in_legend = units.lang, False
    for i in units.order:
        row, value = units.frame.iloc[i], units.values[i]
        xs, ys = rings(row.geometry)
        trace: dict[str, Any] = {
            "x": xs,
            "y": ys,
            "mode": "lines",
            "fill": "toself",
            "fillcolor": value_color(value, units.vmax),
            "line": {"color": BORDER_COLOR, "width": 1},
            "hoveron": "fills",
            "hoverinfo": "text",
            "text": units.hover(i),
            "name": units.labels[i],
            "meta": {"pcode": units.pcodes[i], "value": value, "region_id": str(row.region_id)},
            "showlegend": False,
        }
        if value is None:
            trace["fillpattern"] = NOT_REPORTED_PATTERN
            trace["name"] = label("map.no_dtm_share", lang)
            trace["legendgroup"] = "no_dtm_share"
            trace["showlegend"] = not na_in_legend
            na_in_legend = True
        fig.add_trace(go.Scatter(**trace))
    return na_in_legend


def _values_trace(units: _Units) -> go.Scatter:
    """Invisible markers at the valued units: the colour bar, hover and selection p-codes."""
    valued = units.valued()
    points = [units.frame.geometry.iloc[i].representative_point() for i in valued]
    return go.Scatter(
        x=[p.x for p in points],
        y=[p.y for p in points],
        mode="markers",
        name="values",
        customdata=[units.pcodes[i] for i in valued],
        text=[units.hover(i) for i in valued],
        hovertemplate="%{text}<extra></extra>",
        marker={
            "size": 14,
            "opacity": 0,
            "color": [units.values[i] for i in valued],
            "colorscale": MAP_COLORSCALE,
            "cmin": 0,
            "cmax": units.vmax,
            "showscale": bool(valued),
            "colorbar": {
                "title": {"text": label("map.colorbar", units.lang)},
                "thickness": 18,
                "len": 0.75,
                "tickformat": ",d",
            },
        },
        showlegend=False,
    )


def _labels_trace(units: _Units) -> go.Scatter:
    """Visible labels (projected, hover is no use): name and estimate of each valued unit."""
    valued, frame, lang = units.valued(), units.frame, units.lang
    colours = [label_colours(value_color(units.values[i], units.vmax)) for i in valued]
    anchors = [_label_point(frame.geometry.iloc[i]) for i in valued]
    return go.Scatter(
        x=[p.x for p in anchors],
        y=[p.y for p in anchors],
        mode="text",
        name=LABELS_TRACE,
        text=[unit_label_text(units.labels[i], int(units.values[i] or 0), lang) for i in valued],
        customdata=[units.pcodes[i] for i in valued],
        textposition="middle center",
        textfont={
            "size": LABEL_SIZE,
            "color": [c for c, _ in colours],
            "shadow": [h for _, h in colours],
        },
        hoverinfo="skip",
        showlegend=False,
        meta={"kind": LABELS_TRACE},
    )


def _add_presence(fig: go.Figure, units: _Units, present: dict[str, bool], name: str) -> None:
    """A black outline around each unit where the chosen activity area works."""
    first = True
    for i in units.order:
        if not present.get(units.pcodes[i]):
            continue
        xs, ys = rings(units.frame.geometry.iloc[i])
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                line={"color": PRESENCE_COLOR, "width": 3.5},
                name=name,
                legendgroup="presence",
                showlegend=first,
                hoverinfo="skip",
                meta={"pcode": units.pcodes[i], "presence": True},
            )
        )
        first = False


# --- the figure --------------------------------------------------------------------------------
def _fit_axes(fig: go.Figure, bounds: Sequence[float]) -> None:
    minx, miny, maxx, maxy = (float(b) for b in bounds)
    padx = (maxx - minx) * BOUNDS_PADDING or 0.5
    pady = (maxy - miny) * BOUNDS_PADDING or 0.5
    hidden = {"visible": False, "showgrid": False, "zeroline": False, "fixedrange": False}
    fig.update_xaxes(range=[minx - padx, maxx + padx], constrain="domain", **hidden)
    fig.update_yaxes(
        range=[miny - pady, maxy + pady],
        scaleanchor="x",
        scaleratio=aspect(bounds),
        constrain="domain",
        **hidden,
    )


def add_map_stamp(fig: go.Figure, stamp: str, lang: str, *, scenario: bool = False) -> go.Figure:
    """The source/as-of line (bottom left) and, for scenarios, the watermark: the shared
    :func:`components.theme.add_stamp_line`, with the line passed in ready-made."""
    return add_stamp_line(fig, stamp, lang, scenario=scenario)


def _units(
    gdf: gpd.GeoDataFrame, value_col: str, lang: str, hover: Mapping[str, Any] | None, as_of: object
) -> _Units:
    hover = dict(hover or {})
    values = [value_of(v) for v in gdf[value_col]]
    return _Units(
        frame=gdf,
        pcodes=[str(p) for p in gdf["pcode"]],
        labels=unit_labels(gdf, lang),
        values=values,
        vmax=scale_max(values),
        order=sorted(range(len(gdf)), key=lambda i: -gdf.geometry.iloc[i].area),
        lang=lang,
        as_of=as_of_text(hover.get("as_of", as_of), lang),
        region_names=dtm_region_names(lang, hover.get("region_names")),
    )


def idp_choropleth(
    gdf: gpd.GeoDataFrame,
    value_col: str = "idps_estimate",
    *,
    lang: str = "fr",
    hover: Mapping[str, Any] | None = None,
    title: str,
    stamp: str | None = None,
    source: str | None = None,
    as_of: object = None,
    scenario: bool = False,
    presence: pd.Series | None = None,
    presence_label: str | None = None,
    height: int = DEFAULT_MAP_HEIGHT,
) -> go.Figure:
    """Estimated IDPs per unit as filled polygons on hidden axes (no base map, no fetch).

    Parameters
    ----------
    gdf
        Units in EPSG:4326 (see :mod:`components.maps` for the columns).
    value_col
        Column with the (nullable integer) estimate; <NA> draws the unit grey and hatched,
        labelled "no DTM share (part of 'other regions')", never as zero.
    hover
        Optional extras: ``as_of`` (hover date, defaults to ``as_of``) and
        ``region_names`` (region_id -> display name for the "DTM regions" line, over the
        names of :func:`geo.regions.region_names`).
    title, stamp
        Figure title; the full source/as-of line. Without ``stamp`` it is composed from
        ``source`` and ``as_of`` by :func:`components.theme.stamp_text`.
    scenario
        Adds the diagonal scenario watermark and the title prefix.
    presence
        Bool Series indexed by pcode: units where the chosen activity area plans to work,
        outlined in black with a legend entry (``presence_label`` or a default).

    Trace layout: one filled ``scatter`` per unit (largest first, enclaves on top), named
    by its label (:func:`geo.names.rollup_label` of its ``region_id`` and ``dtm_regions``), ``meta={"pcode", "value", "region_id"}``; then one invisible marker trace
    (``name="values"``) at each valued unit that carries the colour bar and, in
    ``customdata``, the pcode for selections; then one text trace (``name="labels"``) with
    the label and estimate of each valued unit, in a colour chosen for its fill; then one
    outline trace per present unit.
    """
    check_units(gdf, value_col, "idp_choropleth")
    if stamp is None:
        if not source:
            raise ValueError("idp_choropleth needs a stamp, or a source (and as_of)")
        stamp = stamp_text(source, as_of, lang)
    units = _units(gdf, value_col, lang, hover, as_of)
    present = _presence_flags(presence, units.pcodes)

    fig = go.Figure()
    na_in_legend = _add_units(fig, units)
    fig.add_trace(_values_trace(units))
    fig.add_trace(_labels_trace(units))
    _add_presence(fig, units, present, presence_label or label("map.presence", lang))

    base_layout(fig, lang, title, height=height, legend=na_in_legend or bool(present))
    _fit_axes(fig, gdf.total_bounds)
    fig.update_layout(
        hovermode="closest",
        dragmode="pan",
        hoverlabel={
            "bgcolor": COLORS["background"],
            "bordercolor": COLORS["muted_text"],
            "font": {"color": COLORS["text"]},
        },
    )
    return add_map_stamp(fig, stamp, lang, scenario=scenario)
