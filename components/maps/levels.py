"""The IDP map at admin-2/3 level: the admin-1 choropleth with cercle or commune outlines.

DTM reports IDPs per admin-1 region, so the colours, labels and colour bar stay those of
:func:`~components.maps.choropleth.idp_choropleth` on the admin-1 units; the cercles or
communes (:class:`geo.overlay.RegionalOverlay`) are drawn over it as thin light outlines
(one trace, whatever their number), with a legend entry naming them. Hovering near a
cercle's centre names it, its region, and the figure *of the region* said to be the
region's, not the cercle's: the map never shows a number per cercle or commune.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

import geopandas as gpd
import pandas as pd
import plotly.graph_objects as go

from components.maps._shared import (
    DEFAULT_MAP_HEIGHT,
    as_of_text,
    label,
    unit_labels,
    value_of,
)
from components.maps.choropleth import idp_choropleth, rings
from components.theme import base_layout
from geo.overlay import RegionalOverlay
from geo.regions import region_names
from text import fmt_int

OUTLINE_COLOR = "rgba(255, 255, 255, 0.85)"
"""Cercle and commune borders: white, thin, over every fill (blues and the hatched grey)."""
LEGEND_COLOR = "#9A9A9A"
"""The outlines' legend line: white does not show on the white legend, a light grey does."""
OUTLINE_WIDTH = {2: 1.0, 3: 0.6}
OUTLINES_TRACE = "sub_unit_outlines"
LEGEND_TRACE = "sub_unit_legend"
UNIT_HOVER_TRACE = "sub_unit_hover"
MAX_NAME_CHARS = 60


def _title(row: Any, lang: str) -> str:
    """A cercle's name in ``lang`` (French when the file has no English) in bold and its
    p-code, escaped: text from a file, never plotly's HTML."""
    name = row.name_en if lang == "en" and not pd.isna(row.name_en) else row.name_fr
    name = html.escape(" ".join(str(name).split())[:MAX_NAME_CHARS], quote=False)
    return f"<b>{name}</b> ({html.escape(str(row.pcode)[:MAX_NAME_CHARS], quote=False)})"


def _outline_trace(outlines: gpd.GeoDataFrame, level: int, lang: str) -> go.Scatter:
    """Every cercle's or commune's rings in one line trace (``None`` between rings)."""
    xs: list[float | None] = []
    ys: list[float | None] = []
    for geometry in outlines.geometry:
        x, y = rings(geometry)
        if xs:
            xs.append(None)
            ys.append(None)
        xs.extend(x)
        ys.extend(y)
    return go.Scatter(
        x=xs,
        y=ys,
        mode="lines",
        line={"color": OUTLINE_COLOR, "width": OUTLINE_WIDTH.get(level, 0.6)},
        name=label(f"map.units.outlines.{level}", lang),
        legendgroup=OUTLINES_TRACE,
        hoverinfo="skip",
        showlegend=False,
        meta={"kind": OUTLINES_TRACE, "level": level, "units": len(outlines)},
    )


def _legend_trace(level: int, lang: str) -> go.Scatter:
    """The outlines' legend entry (no data; clicking it hides or shows the outlines)."""
    return go.Scatter(
        x=[None],
        y=[None],
        mode="lines",
        line={"color": LEGEND_COLOR, "width": 1.5},
        name=label(f"map.units.outlines.{level}", lang),
        legendgroup=OUTLINES_TRACE,
        hoverinfo="skip",
        showlegend=True,
        meta={"kind": LEGEND_TRACE, "level": level},
    )


def _unit_hover_traces(
    overlay: RegionalOverlay, value_col: str, lang: str, as_of: str | None
) -> list[go.Scatter]:
    """Invisible markers at the cercles, one trace per admin-1 unit holding them: each
    cercle's name, then its region's figure said to be the region's (in the trace's
    template, so the per-cercle data is the name alone). Between the markers the hover of
    the regions' fills stays reachable."""
    regions = overlay.regions.gdf
    labels = dict(zip(regions["pcode"], unit_labels(regions, lang), strict=True))
    values = {p: value_of(v) for p, v in zip(regions["pcode"], regions[value_col], strict=True)}
    names = region_names(lang)
    level, traces = overlay.level, []
    for (unit, region_id), group in overlay.outlines.groupby(
        ["unit_pcode", "region_id"], sort=True
    ):
        region = names.get(str(region_id), str(region_id))
        lines = [label(f"map.units.hover.unit.{level}", lang, region=region)]
        value, unit_label = values.get(str(unit)), labels.get(str(unit), str(unit))
        if value is None:
            lines.append(label("map.units.hover.no_value", lang, unit=unit_label))
        else:
            lines.append(
                label(
                    f"map.units.hover.value.{level}",
                    lang,
                    unit=unit_label,
                    value=fmt_int(value, lang),
                )
            )
        if as_of:
            lines.append(label("map.hover.as_of", lang, value=as_of))
        # Our own words in the template ("%" doubled: plotly reads "%{" there); the file's
        # names only in ``text``, escaped.
        template = "<br>".join(line.replace("%", "%%") for line in lines)
        points = [g.representative_point() for g in group.geometry]
        traces.append(
            go.Scatter(
                x=[round(p.x, 4) for p in points],
                y=[round(p.y, 4) for p in points],
                mode="markers",
                marker={"size": 10, "opacity": 0},
                text=[_title(row, lang) for row in group.itertuples(index=False)],
                hovertemplate="%{text}<br>" + template + "<extra></extra>",
                showlegend=False,
                name=UNIT_HOVER_TRACE,
                meta={"kind": UNIT_HOVER_TRACE, "level": level, "unit_pcode": str(unit)},
            )
        )
    return traces


def idp_map_with_units(
    overlay: RegionalOverlay,
    value_col: str = "idps_estimate",
    *,
    lang: str = "fr",
    title: str,
    unit_hover: bool = True,
    height: int = DEFAULT_MAP_HEIGHT,
    **choropleth: Any,
) -> go.Figure:
    """Estimated IDPs per admin-1 region with the cercles or communes outlined over them.

    Parameters
    ----------
    overlay
        :func:`geo.overlay.regional_overlay`: the values on the admin-1 units and the
        cercles or communes (outlines only, no values).
    value_col, lang, title, height
        As for :func:`~components.maps.choropleth.idp_choropleth`.
    unit_hover
        Name each cercle or commune on hover (with its region's figure, worded as the
        region's); False leaves only the regions' hover (a lighter figure).
    **choropleth
        Passed to :func:`~components.maps.choropleth.idp_choropleth`: ``hover``, ``stamp``
        or ``source`` (and ``as_of``), ``scenario``, ``presence``, ``presence_label``.

    Trace layout: the choropleth's unit fills; then one line trace of every outline
    (``meta={"kind": "sub_unit_outlines", "level", "units"}``) and its legend entry (an
    empty trace of the same ``legendgroup``, ``meta["kind"] == "sub_unit_legend"``); then, with
    ``unit_hover``, one invisible marker trace per admin-1 unit holding cercles
    (``meta={"kind": "sub_unit_hover", "level", "unit_pcode"}``); then
    the choropleth's values, labels and presence traces.
    """
    fig = idp_choropleth(
        overlay.regions.gdf, value_col, lang=lang, title=title, height=height, **choropleth
    )
    hover: Mapping[str, Any] = choropleth.get("hover") or {}
    as_of = as_of_text(hover.get("as_of", choropleth.get("as_of")), lang)
    first = len(fig.data)
    fig.add_trace(_outline_trace(overlay.outlines, overlay.level, lang))
    fig.add_trace(_legend_trace(overlay.level, lang))
    if unit_hover:
        fig.add_traces(_unit_hover_traces(overlay, value_col, lang, as_of))
    fills = len(overlay.regions.gdf)  # the choropleth draws one fill trace per unit first
    data = list(fig.data)
    fig.data = tuple(data[:fills] + data[first:] + data[fills:first])
    if not fig.layout.showlegend:  # the choropleth had nothing in its legend
        probe = base_layout(go.Figure(), lang, title, height=height, legend=True)
        fig.update_layout(
            showlegend=True, legend=probe.layout.legend, margin_t=probe.layout.margin.t
        )
    return fig
