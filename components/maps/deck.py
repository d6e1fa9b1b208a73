"""The IDP map in 3D (pydeck): units extruded by their estimate, no base map, no tiles.

Why ``map_provider=None``: in Streamlit, ``pdk.Deck(map_style=None)`` does *not* mean "no
base map" (the frontend then picks a CARTO basemap); only pydeck's "unset" sentinel
(``map_provider=None`` with the default ``map_style``) makes it draw none.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from typing import Any

import geopandas as gpd
import pydeck as pdk
import shapely
from shapely.geometry.polygon import orient

from components.maps._shared import (
    BORDER_COLOR,
    as_of_text,
    aspect,
    check_units,
    label,
    rgb,
    scale_max,
    unit_labels,
    value_color,
    value_of,
)
from components.theme import SIZES
from text import fmt_int, fmt_pct

DECK_MAX_ELEVATION_M = 400_000.0
DECK_LAYER_ID = "idp-extrusion"


class CompactDeck(pdk.Deck):
    """A ``pdk.Deck`` whose JSON is compact: pydeck indents it (two spaces, a line per value),
    which made the deck sent to the browser about five times its size."""

    def to_json(self) -> str:
        return json.dumps(json.loads(super().to_json()), separators=(",", ":"))


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
    span = max(bounds[2] - bounds[0], (bounds[3] - bounds[1]) * aspect(bounds), 0.01)
    return round(math.log2(360 * size_px / (512 * span)) - 0.1, 2)


def _features(
    frame: gpd.GeoDataFrame, values: list[int | None], lang: str, as_of: str | None, top_m: float
) -> list[dict[str, Any]]:
    """One GeoJSON feature per unit: p-code, label, value, elevation, fill, tooltip lines."""
    vmax = scale_max(values)
    tip_as_of = label("map.hover.as_of", lang, value=as_of) if as_of else ""
    labels = unit_labels(frame, lang)
    features = []
    for (_, row), value, unit_label in zip(frame.iterrows(), values, labels, strict=True):
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
                    "label": unit_label,
                    "value": value,
                    "elevation": 0.0 if value is None else value / vmax * top_m,
                    "fill": [*rgb(value_color(value, vmax)), 255],
                    "tip_value": tip_value,
                    "tip_share": tip_share,
                    "tip_as_of": tip_as_of,
                },
            }
        )
    return features


def _layer(features: list[dict[str, Any]]) -> pdk.Layer:
    return pdk.Layer(
        "GeoJsonLayer",
        data={"type": "FeatureCollection", "features": features},
        id=DECK_LAYER_ID,
        filled=True,
        stroked=True,
        extruded=True,
        wireframe=True,
        get_elevation="properties.elevation",
        get_fill_color="properties.fill",
        get_line_color=rgb(BORDER_COLOR),
        line_width_min_pixels=1,
        pickable=True,
        auto_highlight=True,
    )


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
    ``hover`` takes the same extras as :func:`~components.maps.choropleth.idp_choropleth`.
    """
    check_units(gdf, value_col, "idp_deck")
    hover = dict(hover or {})
    as_of_label = as_of_text(hover.get("as_of", as_of), lang)
    values = [value_of(v) for v in gdf[value_col]]
    layer = _layer(_features(gdf, values, lang, as_of_label, max_elevation_m))
    minx, miny, maxx, maxy = (float(b) for b in gdf.total_bounds)
    view = pdk.ViewState(
        longitude=round((minx + maxx) / 2, 4),
        latitude=round((miny + maxy) / 2 - (maxy - miny) * 0.05, 4),
        zoom=_zoom_for(gdf.total_bounds),
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
