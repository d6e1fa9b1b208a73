"""Turn an uploaded boundary file into a GeoDataFrame without GDAL ever seeing the bytes.

GDAL opens anything it knows whatever a file is called (VRT XML that reads server files or
sends HTTP requests, ``/vsicurl/`` paths, CRS links it fetches), so uploads are parsed here
by the project, format by format, with bounds on everything:

- The format is recognised by content (magic bytes), never by name (:func:`sniff_format`):
  GeoJSON text (``{`` after an optional UTF-8 BOM and whitespace), a zip archive holding an
  ESRI shapefile, or a GeoPackage (SQLite header with application_id ``GPKG``, ``GP10`` or
  ``GP11``). Anything else (VRT, CSV, KML, GML, a plain SQLite file, random bytes) is refused.
- GeoJSON is parsed with :func:`json.loads` (no NaN/Infinity, nesting at most
  :data:`MAX_JSON_DEPTH`); every coordinate is checked to be a finite longitude/latitude
  before :func:`shapely.geometry.shape` sees it. A ``crs`` member is accepted only when it
  names WGS84 longitude/latitude (:data:`WGS84_NAMES`); links are refused, never fetched.
  Properties become columns; nested objects and arrays are kept as their JSON text.
- A zipped shapefile is read from memory with :mod:`zipfile` (no encrypted members, no
  absolute or ``..`` paths, no symlinks, bounded members, size and compression ratio) and
  the pure-Python ``pyshp``. When an archive holds several shapefiles (OCHA COD-AB ships all
  levels in one zip), the lowest administrative level >= 1 found by the ``adm<digit>``
  pattern in the member name is chosen (areas, ``admbnda``, before lines or points), unless
  the caller names the layer (``layer=``, as listed by :func:`list_layers`). The
  ``.shx`` index is not needed: records are walked in the ``.shp`` with bounds checks.
  Text is decoded with the ``.cpg`` encoding (:data:`ENCODINGS` only), else UTF-8, else
  Latin-1 (noted). The CRS comes from the ``.prj`` WKT through pyproj (network disabled;
  text naming a file, a grid or a URL is refused before PROJ parses it: :mod:`~geo.readers.crs`).
- A GeoPackage is written to a private temporary directory (mode 0700) and opened with
  :mod:`sqlite3` read-only and immutable, untrusted schema off, an authorizer allowing only
  reads, a step budget and a length limit on every value. Feature tables only (no views, no
  virtual tables, no generated columns, which SQLite would compute), chosen like a zip's
  layers; the GeoPackage binary header is parsed here and the WKB structure walked (Point to
  MultiPolygon only: no collections, no curves) before :func:`shapely.from_wkb`.
  Every column but the geometry becomes a column (``fid`` included; BLOB values -> None).
  The CRS comes from ``gpkg_spatial_ref_sys`` (EPSG code, else its WKT).

Sizes are bounded first (:func:`check_size`, ``max_bytes``) and then per format:
:data:`MAX_FEATURES`, :data:`MAX_COORDINATES`, :data:`MAX_FIELDS`, :data:`MAX_JSON_DEPTH`,
:data:`MAX_ZIP_MEMBERS`, :data:`MAX_UNZIPPED_BYTES`, :data:`MAX_COMPRESSION_RATIO`.
Coordinates must be finite numbers (and longitude/latitude for GeoJSON). Every failure
raises :class:`BoundaryFileError` (an :class:`data.errors.DashboardError`) with a stable
``code`` (``boundary.<problem>``) and ``params``; values quoted from a file go through
:func:`shown`. Nothing else escapes for any input bytes: an unexpected parser error becomes
``boundary.unreadable`` (logged), which the tests require never to happen. What the reader
did silently (choosing one layer, decoding as Latin-1) is listed as ``(code, params)`` pairs
in ``frame.attrs["notes"]``.

Modules: :mod:`~geo.readers.common` (limits, :class:`BoundaryFileError`, geometries and
frames), :mod:`~geo.readers.geojson`, :mod:`~geo.readers.shapefiles`,
:mod:`~geo.readers.geopackage`, :mod:`~geo.readers.crs` (WKT), :mod:`~geo.readers.layers`
(:class:`LayerInfo`) and :mod:`~geo.readers.vector` (:func:`read_vector`, :func:`list_layers`). A limit is read from the module that
defines it (``geo.readers.common.MAX_FEATURES``); the names here are copies for reading.

Pure layer: never imports streamlit, plotly or ``components``.
"""

from __future__ import annotations

from geo.readers.common import (
    ACCEPTED,
    COORDINATE_LIMIT,
    MAX_COORDINATES,
    MAX_FEATURES,
    MAX_FIELDS,
    BoundaryFileError,
    check_size,
    shown,
    sniff_format,
)
from geo.readers.crs import MAX_WKT_CHARS
from geo.readers.geojson import MAX_JSON_DEPTH, WGS84_NAMES
from geo.readers.geopackage import MAX_SQLITE_STEPS
from geo.readers.layers import LayerInfo
from geo.readers.shapefiles import (
    ENCODINGS,
    MAX_COMPRESSION_RATIO,
    MAX_UNZIPPED_BYTES,
    MAX_ZIP_MEMBERS,
)
from geo.readers.vector import list_layers, read_vector

__all__ = [
    "ACCEPTED",
    "COORDINATE_LIMIT",
    "ENCODINGS",
    "MAX_COMPRESSION_RATIO",
    "MAX_COORDINATES",
    "MAX_FEATURES",
    "MAX_FIELDS",
    "MAX_JSON_DEPTH",
    "MAX_SQLITE_STEPS",
    "MAX_UNZIPPED_BYTES",
    "MAX_WKT_CHARS",
    "MAX_ZIP_MEMBERS",
    "WGS84_NAMES",
    "BoundaryFileError",
    "LayerInfo",
    "check_size",
    "list_layers",
    "read_vector",
    "shown",
    "sniff_format",
]
