"""IDP map figures that render fully offline: a choropleth (plotly) and a 3D view (pydeck).

Pure: a GeoDataFrame in, a ``go.Figure`` / ``pdk.Deck`` out; no file I/O, no streamlit.

``gdf`` is in EPSG:4326 with the columns of :func:`geo.join.join_regional_values`:
``pcode, region_id, name_fr, name_en, label_fr, label_en, idps_estimate`` (Int64, <NA> where
the unit has no DTM figure), ``share`` (Float64 0..1), ``dtm_regions`` (list of region_ids).

Why no ``go.Choropleth`` / ``go.Choroplethmap``
    A ``go.Choropleth`` (geo subplot) fetches ``https://cdn.plot.ly/un/world_110m.json`` even
    with its own GeoJSON and every base layer hidden (plotly.js sets *needsTopojson* for any
    trace with a ``locationmode``, which a choropleth always has), and draws nothing when
    that fetch fails: offline, in the browser *and* in kaleido. ``go.Choroplethmap`` needs
    WebGL (MapLibre) and exports to SVG as a raster. So the choropleth is drawn as filled
    polygons on plain, hidden cartesian axes (equirectangular, aspect corrected at Mali's
    mean latitude): pure SVG, no fetch, no config, no vendored asset, the same in the
    browser and in kaleido PNG/SVG.
Why ``map_provider=None`` in the deck
    In Streamlit, ``pdk.Deck(map_style=None)`` does *not* mean "no base map": the frontend
    then picks a CARTO basemap (``basemaps.cartocdn.com``) from the theme. Only pydeck's
    "unset" sentinel (``map_provider=None`` with the default ``map_style``) makes the
    frontend draw no base map at all.

Labels come from ``components.i18n`` (keys ``map.*``); formats, colours and stamp names
from ``components.formats`` and ``components.theme``.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from typing import Any

import geopandas as gpd
import pandas as pd
import plotly.graph_objects as go
import pydeck as pdk
import shapely
from plotly.colors import hex_to_rgb, sample_colorscale, unlabel_rgb
from shapely.geometry.polygon import orient
from shapely.ops import polylabel

from components.formats import fmt_date, fmt_int, fmt_pct, is_missing
from components.i18n import t
from components.theme import (
    COLORS,
    NOT_REPORTED_PATTERN,
    SEQUENTIAL_BLUES,
    SIZES,
    add_stamp_line,
    base_layout,
    stamp_text,
)

# Sequential scale: the house blues without the near-white first stop, so the lowest value
# stays visible on white and on a washed-out projector; single hue, monotone lightness
# (readable with every colour-vision deficiency and in greyscale).
MAP_COLORSCALE: list[list[float | str]] = [
    [(stop - SEQUENTIAL_BLUES[1][0]) / (1 - SEQUENTIAL_BLUES[1][0]), colour]
    for stop, colour in SEQUENTIAL_BLUES[1:]
]
BORDER_COLOR = COLORS["muted_text"]
PRESENCE_COLOR = COLORS["text"]
NA_COLOR = COLORS["not_reported"]
DEFAULT_MAP_HEIGHT = 640
BOUNDS_PADDING = 0.03  # fraction of the extent added on each side
DECK_MAX_ELEVATION_M = 400_000.0
DECK_LAYER_ID = "idp-extrusion"
LABELS_TRACE = "labels"  # the on-map text labels (name and estimate of each valued unit)
LABEL_SIZE = 15
_HALO = "0 0 2px {colour}, 0 0 2px {colour}, 0 0 4px {colour}"  # CSS text-shadow
REQUIRED_COLUMNS: tuple[str, ...] = ("pcode", "label_fr", "label_en", "share", "dtm_regions")


def label(key: str, lang: str, **params: object) -> str:
    """A map string from the one translation table (``components.i18n``, keys ``map.*``)."""
    return t(key, lang, **params)


# --- data preparation ----------------------------------------------------------------------
def _check(gdf: gpd.GeoDataFrame, value_col: str) -> None:
    missing = [c for c in (*REQUIRED_COLUMNS, value_col) if c not in gdf.columns]
    if missing:
        raise ValueError(f"map data: missing column(s) {missing}")
    if gdf.crs is not None and not gdf.crs.equals("EPSG:4326"):
        raise ValueError(f"map data: expected EPSG:4326, got {gdf.crs}")
    dupes = gdf["pcode"][gdf["pcode"].duplicated()].tolist()
    if dupes:
        raise ValueError(f"map data: duplicate pcode(s) {dupes}")
    negative = (pd.to_numeric(gdf[value_col], errors="coerce") < 0).fillna(False).to_numpy(bool)
    if negative.any():
        rows = gdf.loc[negative, "pcode"].tolist()
        raise ValueError(f"map data: negative {value_col} for {rows}")


def _value(raw: object) -> int | None:
    return None if is_missing(raw) else int(raw)


def _as_of_text(as_of: object, lang: str) -> str | None:
    if as_of is None or is_missing(as_of):
        return None
    if isinstance(as_of, str):
        try:
            return fmt_date(as_of, lang)
        except ValueError:
            return as_of  # already a human label, e.g. "avril 2023"
    return fmt_date(as_of, lang)


def _hover_lines(
    row: Mapping[str, Any],
    value: int | None,
    lang: str,
    as_of: str | None,
    region_names: Mapping[str, str] | None,
) -> list[str]:
    """Label, estimate, share, as-of, DTM regions: one string per line (plain text)."""
    lines = [str(row[f"label_{lang}"])]
    if value is None:
        lines.append(label("map.no_dtm_share", lang))
    else:
        lines.append(label("map.hover.idps", lang, value=fmt_int(value, lang)))
        lines.append(label("map.hover.share", lang, value=fmt_pct(row["share"], lang)))
    if as_of:
        lines.append(label("map.hover.as_of", lang, value=as_of))
    held = list(row["dtm_regions"]) if row["dtm_regions"] is not None else []
    if held:
        names = [str((region_names or {}).get(r, r)) for r in held]
        lines.append(label("map.hover.dtm_regions", lang, value=", ".join(names)))
    return lines


def _rings(geometry: shapely.Geometry) -> tuple[list[float | None], list[float | None]]:
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


def _relative_luminance(colour: str) -> float:
    """WCAG relative luminance (0 black .. 1 white) of ``#rrggbb`` / ``rgb(...)``."""

    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in _rgb(colour))
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


def _label_point(geometry: shapely.Geometry) -> shapely.Point:
    """Where a unit's label goes: the pole of inaccessibility of its largest part (the point
    farthest inside it), so a label stays off the borders where it can."""
    parts = [p for p in shapely.get_parts(geometry) if isinstance(p, shapely.Polygon)]
    if not parts:
        return geometry.representative_point()
    largest = max(parts, key=lambda p: p.area)
    return polylabel(largest, tolerance=0.01)


def _scale_max(values: Sequence[int | None]) -> int:
    present = [v for v in values if v is not None]
    return max(present) if present and max(present) > 0 else 1


def value_color(value: int | None, vmax: int) -> str:
    """The fill of one unit: ``rgb(...)`` from :data:`MAP_COLORSCALE`, grey when missing."""
    if value is None:
        return NA_COLOR
    return sample_colorscale(MAP_COLORSCALE, [min(max(value / vmax, 0.0), 1.0)])[0]


def _rgb(colour: str) -> list[int]:
    if colour.startswith("#"):
        return list(hex_to_rgb(colour))
    return [round(float(c)) for c in unlabel_rgb(colour)]


def _presence_flags(presence: pd.Series | None, pcodes: Sequence[str]) -> dict[str, bool]:
    if presence is None:
        return {}
    unknown = sorted(set(map(str, presence.index)) - set(pcodes))
    if unknown:
        raise ValueError(f"presence: p-code(s) not on the map {unknown}")
    return {str(p): bool(v) for p, v in presence.items() if not is_missing(v) and bool(v)}


def _aspect(bounds: Sequence[float]) -> float:
    """y/x scale ratio of an equirectangular plot true to shape at the mean latitude."""
    mid_lat = (bounds[1] + bounds[3]) / 2
    return 1 / math.cos(math.radians(mid_lat))


# --- choropleth ----------------------------------------------------------------------------
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
        Units in EPSG:4326 (see the module docstring for the columns).
    value_col
        Column with the (nullable integer) estimate; <NA> draws the unit grey and hatched,
        labelled "no DTM share (part of 'other regions')", never as zero.
    hover
        Optional extras: ``as_of`` (hover date, defaults to ``as_of``) and
        ``region_names`` (region_id -> display name for the "DTM regions" line).
    title, stamp
        Figure title; the full source/as-of line. Without ``stamp`` it is composed from
        ``source`` and ``as_of`` by :func:`components.theme.stamp_text`.
    scenario
        Adds the diagonal scenario watermark and the title prefix.
    presence
        Bool Series indexed by pcode: units where the chosen activity area plans to work,
        outlined in black with a legend entry (``presence_label`` or a default).

    Trace layout: one filled ``scatter`` per unit (largest first, enclaves on top), named
    by its label, ``meta={"pcode", "value"}``; then one invisible marker trace
    (``name="values"``) at each valued unit that carries the colour bar and, in
    ``customdata``, the pcode for selections; then one text trace (``name="labels"``) with
    the label and estimate of each valued unit, in a colour chosen for its fill; then one
    outline trace per present unit.
    """
    _check(gdf, value_col)
    if stamp is None:
        if not source:
            raise ValueError("idp_choropleth needs a stamp, or a source (and as_of)")
        stamp = stamp_text(source, as_of, lang)
    hover = dict(hover or {})
    as_of_text = _as_of_text(hover.get("as_of", as_of), lang)
    region_names = hover.get("region_names")

    frame = gdf
    pcodes = [str(p) for p in frame["pcode"]]
    values = [_value(v) for v in frame[value_col]]
    vmax = _scale_max(values)
    present = _presence_flags(presence, pcodes)
    order = sorted(range(len(frame)), key=lambda i: -frame.geometry.iloc[i].area)

    fig = go.Figure()
    na_in_legend = False
    for i in order:
        row = frame.iloc[i]
        value = values[i]
        xs, ys = _rings(row.geometry)
        text = "<br>".join(_hover_lines(row, value, lang, as_of_text, region_names))
        trace: dict[str, Any] = {
            "x": xs,
            "y": ys,
            "mode": "lines",
            "fill": "toself",
            "fillcolor": value_color(value, vmax),
            "line": {"color": BORDER_COLOR, "width": 1},
            "hoveron": "fills",
            "hoverinfo": "text",
            "text": text,
            "name": str(row[f"label_{lang}"]),
            "meta": {"pcode": pcodes[i], "value": value},
            "showlegend": False,
        }
        if value is None:
            trace["fillpattern"] = NOT_REPORTED_PATTERN
            trace["name"] = label("map.no_dtm_share", lang)
            trace["legendgroup"] = "no_dtm_share"
            trace["showlegend"] = not na_in_legend
            na_in_legend = True
        fig.add_trace(go.Scatter(**trace))

    valued = [i for i in order if values[i] is not None]
    points = [frame.geometry.iloc[i].representative_point() for i in valued]
    fig.add_trace(
        go.Scatter(
            x=[p.x for p in points],
            y=[p.y for p in points],
            mode="markers",
            name="values",
            customdata=[pcodes[i] for i in valued],
            text=[
                "<br>".join(_hover_lines(frame.iloc[i], values[i], lang, as_of_text, region_names))
                for i in valued
            ],
            hovertemplate="%{text}<extra></extra>",
            marker={
                "size": 14,
                "opacity": 0,
                "color": [values[i] for i in valued],
                "colorscale": MAP_COLORSCALE,
                "cmin": 0,
                "cmax": vmax,
                "showscale": bool(valued),
                "colorbar": {
                    "title": {"text": label("map.colorbar", lang)},
                    "thickness": 18,
                    "len": 0.75,
                    "tickformat": ",d",
                },
            },
            showlegend=False,
        )
    )

    # Visible labels (projected, hover is no use): name and estimate of each valued unit.
    colours = [label_colours(value_color(values[i], vmax)) for i in valued]
    anchors = [_label_point(frame.geometry.iloc[i]) for i in valued]
    fig.add_trace(
        go.Scatter(
            x=[p.x for p in anchors],
            y=[p.y for p in anchors],
            mode="text",
            name=LABELS_TRACE,
            text=[
                unit_label_text(str(frame.iloc[i][f"label_{lang}"]), values[i], lang)
                for i in valued
            ],
            customdata=[pcodes[i] for i in valued],
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
    )

    first = True
    for i in order:
        if not present.get(pcodes[i]):
            continue
        xs, ys = _rings(frame.geometry.iloc[i])
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                line={"color": PRESENCE_COLOR, "width": 3.5},
                name=presence_label or label("map.presence", lang),
                legendgroup="presence",
                showlegend=first,
                hoverinfo="skip",
                meta={"pcode": pcodes[i], "presence": True},
            )
        )
        first = False

    legend = na_in_legend or bool(present)
    base_layout(fig, lang, title, height=height, legend=legend)
    _fit_axes(fig, frame.total_bounds)
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


def _fit_axes(fig: go.Figure, bounds: Sequence[float]) -> None:
    minx, miny, maxx, maxy = (float(b) for b in bounds)
    padx = (maxx - minx) * BOUNDS_PADDING or 0.5
    pady = (maxy - miny) * BOUNDS_PADDING or 0.5
    hidden = {"visible": False, "showgrid": False, "zeroline": False, "fixedrange": False}
    fig.update_xaxes(range=[minx - padx, maxx + padx], constrain="domain", **hidden)
    fig.update_yaxes(
        range=[miny - pady, maxy + pady],
        scaleanchor="x",
        scaleratio=_aspect(bounds),
        constrain="domain",
        **hidden,
    )


def add_map_stamp(fig: go.Figure, stamp: str, lang: str, *, scenario: bool = False) -> go.Figure:
    """The source/as-of line (bottom left) and, for scenarios, the watermark: the shared
    :func:`components.theme.add_stamp_line`, with the line passed in ready-made."""
    return add_stamp_line(fig, stamp, lang, scenario=scenario)


# --- table ---------------------------------------------------------------------------------
def idp_table(
    gdf: gpd.GeoDataFrame | pd.DataFrame,
    *,
    lang: str,
    other_idps: int,
    other_share: float,
    region_names: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """The map's figures as a display table (all strings, formatted for ``lang``).

    One row per unit with an estimate, largest first: the unit label, the estimate
    (:func:`~components.formats.fmt_int`), its share (:func:`~components.formats.fmt_pct`)
    and the DTM regions it holds (display names, comma-separated); then one 'other regions'
    row with ``other_idps`` / ``other_share``. Units without an estimate are left out (the
    'other regions' row counts them). ``region_names`` maps region_id to display name;
    by default the names of ``geo.regions`` in ``lang``.
    """
    value_col = "idps_estimate"
    missing = [c for c in (*REQUIRED_COLUMNS, value_col) if c not in gdf.columns]
    if missing:
        raise ValueError(f"map data: missing column(s) {missing}")
    if region_names is None:
        from geo.regions import region_labels  # pure layer; only needed for the default

        region_names = region_labels(lang)
    columns = [
        label("label.region", lang),
        label("map.table.idps", lang),
        label("map.table.share", lang),
        label("map.table.dtm_regions", lang),
    ]
    valued = gdf[gdf[value_col].notna()]
    order = sorted(
        range(len(valued)),
        key=lambda i: (-int(valued[value_col].iloc[i]), str(valued["pcode"].iloc[i])),
    )
    rows = []
    for i in order:
        row = valued.iloc[i]
        held = list(row["dtm_regions"]) if row["dtm_regions"] is not None else []
        rows.append(
            [
                str(row[f"label_{lang}"]),
                fmt_int(row[value_col], lang),
                fmt_pct(row["share"], lang),
                ", ".join(str(region_names.get(r, r)) for r in held),
            ]
        )
    rows.append(
        [
            label("label.other_regions", lang),
            fmt_int(other_idps, lang),
            fmt_pct(other_share, lang),
            "",
        ]
    )
    return pd.DataFrame(rows, columns=columns)


# --- 3D deck -------------------------------------------------------------------------------
def _geojson_coords(geometry: shapely.Geometry) -> dict[str, Any]:
    parts = [
        orient(p, sign=1.0) for p in shapely.get_parts(geometry) if isinstance(p, shapely.Polygon)
    ]
    rings = [
        [
            [[round(x, 5), round(y, 5)] for x, y in ring.coords]
            for ring in (p.exterior, *p.interiors)
        ]
        for p in parts
    ]
    if len(rings) == 1:
        return {"type": "Polygon", "coordinates": rings[0]}
    return {"type": "MultiPolygon", "coordinates": rings}


def _zoom_for(bounds: Sequence[float], size_px: int = 560) -> float:
    """deck.gl zoom (512 px world at zoom 0) fitting the bounds in ``size_px``, pitch margin."""
    span = max(bounds[2] - bounds[0], (bounds[3] - bounds[1]) * _aspect(bounds), 0.01)
    return round(math.log2(360 * size_px / (512 * span)) - 0.1, 2)


class CompactDeck(pdk.Deck):
    """A ``pdk.Deck`` whose JSON is compact: pydeck indents it (two spaces, a line per value),
    which made the deck sent to the browser about five times its size."""

    def to_json(self) -> str:
        return json.dumps(json.loads(super().to_json()), separators=(",", ":"))


def idp_deck(
    gdf: gpd.GeoDataFrame,
    value_col: str = "idps_estimate",
    *,
    lang: str = "fr",
    hover: Mapping[str, Any] | None = None,
    as_of: object = None,
    max_elevation_m: float = DECK_MAX_ELEVATION_M,
    pitch: float = 45,
    bearing: float = -12,
) -> pdk.Deck:
    """Units extruded in 3D, height proportional to the estimate; no base map, no tiles.

    Units without a figure are flat and grey. The layer (id :data:`DECK_LAYER_ID`) holds a
    GeoJSON FeatureCollection whose feature properties are ``pcode, label, value,
    elevation, fill`` and the tooltip lines ``tip_value, tip_share, tip_as_of``.
    ``hover`` takes the same extras as :func:`idp_choropleth`.
    """
    _check(gdf, value_col)
    hover = dict(hover or {})
    as_of_text = _as_of_text(hover.get("as_of", as_of), lang)
    frame = gdf
    values = [_value(v) for v in frame[value_col]]
    vmax = _scale_max(values)

    features = []
    for (_, row), value in zip(frame.iterrows(), values, strict=True):
        if value is None:
            tip_value, tip_share = label("map.no_dtm_share", lang), ""
        else:
            tip_value = label("map.hover.idps", lang, value=fmt_int(value, lang))
            tip_share = label("map.hover.share", lang, value=fmt_pct(row["share"], lang))
        features.append(
            {
                "type": "Feature",
                "geometry": _geojson_coords(row.geometry),
                "properties": {
                    "pcode": str(row["pcode"]),
                    "label": str(row[f"label_{lang}"]),
                    "value": value,
                    "elevation": 0.0 if value is None else value / vmax * max_elevation_m,
                    "fill": [*_rgb(value_color(value, vmax)), 255],
                    "tip_value": tip_value,
                    "tip_share": tip_share,
                    "tip_as_of": label("map.hover.as_of", lang, value=as_of_text)
                    if as_of_text
                    else "",
                },
            }
        )

    layer = pdk.Layer(
        "GeoJsonLayer",
        data={"type": "FeatureCollection", "features": features},
        id=DECK_LAYER_ID,
        filled=True,
        stroked=True,
        extruded=True,
        wireframe=True,
        get_elevation="properties.elevation",
        get_fill_color="properties.fill",
        get_line_color=_rgb(BORDER_COLOR),
        line_width_min_pixels=1,
        pickable=True,
        auto_highlight=True,
    )
    minx, miny, maxx, maxy = (float(b) for b in frame.total_bounds)
    view = pdk.ViewState(
        longitude=round((minx + maxx) / 2, 4),
        latitude=round((miny + maxy) / 2 - (maxy - miny) * 0.05, 4),
        zoom=_zoom_for(frame.total_bounds),
        pitch=pitch,
        bearing=bearing,
    )
    tooltip = {
        "html": "<b>{label}</b><br/>{tip_value}<br/>{tip_share}<br/>{tip_as_of}",
        "style": {"fontSize": f"{SIZES['hover']}px", "backgroundColor": "#1A1A1A"},
    }
    # map_provider=None keeps pydeck's "unset" map style: Streamlit then draws no base map
    # (map_style=None would make it fetch a CARTO basemap).
    return CompactDeck(
        layers=[layer],
        initial_view_state=view,
        map_provider=None,
        tooltip=tooltip,
        views=[pdk.View(type="MapView", controller=True)],
    )
