"""IDP map figures that render fully offline: a choropleth (plotly), a 3D view (pydeck) and
the table of the same figures.

Pure: a GeoDataFrame in, a ``go.Figure`` / ``pdk.Deck`` / ``DataFrame`` out; no file I/O, no
streamlit. Modules: :mod:`~components.maps.choropleth`, :mod:`~components.maps.deck`,
:mod:`~components.maps.table` and :mod:`~components.maps._shared` (columns, colour scale,
hover lines).

``gdf`` is in EPSG:4326 with the columns of :func:`geo.join.join_regional_values`; the maps
read ``pcode, region_id, idps_estimate`` (Int64, <NA> where the unit has no DTM figure),
``share`` (Float64 0..1) and ``dtm_regions`` (list of region_ids). A unit's label is worded
from its ``region_id`` and ``dtm_regions`` by :func:`geo.names.rollup_label`.

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

Labels come from :mod:`text` (keys ``map.*``); formats, colours and stamp names from
:mod:`text.formats` and ``components.theme``.
"""

from __future__ import annotations

from components.maps._shared import (
    BORDER_COLOR,
    DEFAULT_MAP_HEIGHT,
    MAP_COLORSCALE,
    NA_COLOR,
    PRESENCE_COLOR,
    REQUIRED_COLUMNS,
    label,
    value_color,
)
from components.maps.choropleth import (
    BOUNDS_PADDING,
    LABEL_SIZE,
    LABELS_TRACE,
    add_map_stamp,
    idp_choropleth,
    label_colours,
    rings,
    unit_label_text,
)
from components.maps.deck import DECK_LAYER_ID, DECK_MAX_ELEVATION_M, CompactDeck, idp_deck
from components.maps.table import idp_table

__all__ = [
    "BORDER_COLOR",
    "BOUNDS_PADDING",
    "DECK_LAYER_ID",
    "DECK_MAX_ELEVATION_M",
    "DEFAULT_MAP_HEIGHT",
    "LABELS_TRACE",
    "LABEL_SIZE",
    "MAP_COLORSCALE",
    "NA_COLOR",
    "PRESENCE_COLOR",
    "REQUIRED_COLUMNS",
    "CompactDeck",
    "add_map_stamp",
    "idp_choropleth",
    "idp_deck",
    "idp_table",
    "label",
    "label_colours",
    "rings",
    "unit_label_text",
    "value_color",
]
