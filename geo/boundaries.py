"""Load, validate and normalise an admin-1 boundary file to one schema.

The file's bytes (an upload, or a path such as the bundled ``geo/mli_adm1.geojson``) are
parsed by :mod:`geo.readers`, never by GDAL: GeoJSON, a zipped ESRI shapefile or a
GeoPackage, recognised by content. Four shapes of attributes are accepted (field names are
matched case-insensitively):

``default``
    ``geo/mli_adm1.geojson`` built by :mod:`geo.build_boundaries`: ``pcode``, ``name_fr``
    (or ``name_en``), optionally ``region_id``.
``cod-ab-adm1``
    An OCHA COD-AB admin-1 file: ``ADM1_PCODE``, ``ADM1_FR`` (or ``ADM1_EN``).
``cod-ab-adm2``
    OCHA COD-AB admin-2 cercles: ``ADM2_PCODE``, ``ADM1_PCODE``, ``ADM1_FR`` (or
    ``ADM1_EN``); the cercles are dissolved into their admin-1 units.
``cod-ab-adm3``
    OCHA COD-AB admin-3 communes: ``ADM3_PCODE``, ``ADM1_PCODE``, ``ADM1_FR`` (or
    ``ADM1_EN``); the communes are dissolved into their admin-1 units.

With ``keep_level=True`` an admin-2/3 file keeps its cercles or communes instead (their own
names from ``ADM2_FR``/``ADM3_FR``, else ``_EN``, required then): see :mod:`geo.levels`,
whose :func:`~geo.levels.admin1_units` gives the admin-1 units they make up. A file of
several layers (OCHA's all-levels zip, a GeoPackage) is listed by :func:`list_layers`, and
the layer to read named with ``layer=``.

Whatever the shape, the result has the columns :data:`BOUNDARY_COLUMNS`, CRS EPSG:4326,
one row per admin-1 unit sorted by p-code, valid Polygon/MultiPolygon geometries with
clockwise exterior rings (what plotly's ``go.Choropleth`` needs), and every unit's name
resolved through the alias table of :mod:`geo.regions`.

What was done to get there is listed in ``gdf.attrs["notes"]`` as ``(code, params)`` pairs,
worded by the page through ``geo.note.<code>`` in :mod:`components.labels_geo`:

``("assumed_wgs84", {})``
    No CRS declared; the coordinates were taken as longitude/latitude.
``("reprojected", {"crs": "EPSG:32630"})``
    Reprojected from that CRS to EPSG:4326.
``("repaired", {"n": 2})``
    ``n`` invalid polygons (self-intersections...) repaired with ``make_valid`` (in a child
    process bounded in time and memory, see :mod:`geo.features`).
``("dissolved", {"n": 17, "units": 9, "level": 2})``
    ``n`` admin-``level`` units dissolved into ``units`` admin-1 units.
``("chose_layer", {"layer": "mli_admbnda_adm1_1m", "count": 4})``
    The file held ``count`` layers; this one was used (the one asked for with ``layer=``,
    else the lowest admin level, see :mod:`geo.readers`).
``("simplified", {"n": 701, "before": 48210, "after": 9630})``
    With ``keep_level``: the outlines of ``n`` cercles or communes simplified for display,
    from ``before`` to ``after`` vertices (borders shared, see :mod:`geo.simplify`).
``("decoded_latin1", {})``
    Shapefile text without a ``.cpg`` that is not UTF-8, decoded as Latin-1.

Every problem raises :class:`BoundaryFileError` with a ``code`` (``boundary.<problem>``,
worded through ``geo.error.<code>``) and ``params`` (always ``file``).

Here: reading and the CRS; the fields, geometries and dissolving are checked by
:mod:`geo.features`, the names resolved by :mod:`geo.units`. The result has the contract
:data:`data.contracts.BOUNDARIES`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import BinaryIO

import geopandas as gpd
import numpy as np
import pyproj
import shapely

from data.contracts import BOUNDARIES, check
from data.errors import MAX_UPLOAD_BYTES
from geo.features import (
    DISSOLVED,
    Note,
    check_filled,
    check_geometries,
    check_unique,
    detect_shape,
    dissolve,
    fail,
    field_named,
)
from geo.levels import keep_units
from geo.readers import BoundaryFileError, LayerInfo, check_size, read_vector, shown
from geo.readers import list_layers as read_layers
from geo.units import CRS, resolve_units

__all__ = [
    "BOUNDARY_COLUMNS",
    "CRS",
    "DEFAULT_BOUNDARIES",
    "MALI_BOUNDS",
    "BoundaryFileError",
    "BoundarySource",
    "LayerInfo",
    "list_layers",
    "load_boundaries",
]

DEFAULT_BOUNDARIES = Path(__file__).with_name("mli_adm1.geojson")
BOUNDARY_COLUMNS = list(BOUNDARIES.columns)
MALI_BOUNDS = (-13.5, 9.0, 5.5, 26.0)
"""Generous lon/lat box around Mali (minx, miny, maxx, maxy), to catch a wrong CRS."""

BoundarySource = str | os.PathLike[str] | bytes | BinaryIO


def list_layers(
    source: BoundarySource, *, name: str | None = None, max_bytes: int = MAX_UPLOAD_BYTES
) -> list[LayerInfo]:
    """The layers of a boundary file (path, bytes or upload), for the officer to pick one.

    See :func:`geo.readers.list_layers`; a layer's ``name`` is what ``load_boundaries(...,
    layer=)`` takes. Raises :class:`BoundaryFileError` for a file that cannot be listed.
    """
    display = _display_name(source, name)
    return read_layers(_read(source, display, max_bytes), name=display, max_bytes=max_bytes)


def load_boundaries(
    source: BoundarySource = DEFAULT_BOUNDARIES,
    *,
    name: str | None = None,
    max_bytes: int = MAX_UPLOAD_BYTES,
    layer: str | None = None,
    keep_level: bool = False,
) -> gpd.GeoDataFrame:
    """Read a boundary file (path, bytes or binary file-like) and normalise it.

    Parameters
    ----------
    source
        Path to a boundary file, or its content as bytes / a binary file-like such as an
        upload: a GeoJSON, a zipped ESRI shapefile or a GeoPackage (see :mod:`geo.readers`).
    name
        Display name used in error messages; defaults to the file name.
    max_bytes
        Largest accepted file size (pages pass ``CRP_DASHBOARD_MAX_UPLOAD_MB``).
    layer
        The layer to read, by the name :func:`list_layers` gives; None reads the only
        layer, or the lowest admin level >= 1 of several (noted ``chose_layer``).
    keep_level
        For an admin-2/3 file: keep the cercles or communes at their own level
        (:data:`geo.levels.SUB_UNITS`, simplified for display, noted ``simplified``)
        instead of dissolving them into admin-1 units. An admin-1 file is the same either way.

    Returns
    -------
    GeoDataFrame with columns :data:`BOUNDARY_COLUMNS`, one row per admin-1 unit; with
    ``keep_level`` and an admin-2/3 file, the columns of :data:`geo.levels.SUB_UNITS`, one
    row per unit, and ``attrs["level"]`` (2 or 3).

    Raises
    ------
    BoundaryFileError
        Not a supported or readable file, no layer ``layer`` (``boundary.unknown_layer``,
        naming the layers the file holds), too large, empty, missing fields, duplicate
        p-codes, non-polygon or missing geometry, coordinates that are not finite
        longitude/latitude, unknown region name, p-code contradicting the reference table,
        an invalid polygon too large or too costly to repair, geometries GEOS fails on
        (``boundary.geometry_failed``).
    """
    display = _display_name(source, name)
    data = _read(source, display, max_bytes)
    frame = read_vector(data, name=display, max_bytes=max_bytes, layer=layer)
    try:
        return _normalise(frame, display, keep_level)
    except (shapely.errors.GEOSException, MemoryError) as err:
        # GEOS out of memory (std::bad_alloc) or failing on a hostile geometry: the file's fault.
        raise BoundaryFileError(
            display,
            "has geometries that could not be processed (too large or too complex)",
            code="boundary.geometry_failed",
        ) from err


def _normalise(frame: gpd.GeoDataFrame, display: str, keep_level: bool) -> gpd.GeoDataFrame:
    """The features read checked, in longitude/latitude, dissolved and resolved to units."""
    notes: list[Note] = list(frame.attrs.get("notes", ()))
    if len(frame) == 0:
        fail(display, "no_features", "contains no features")
    frame = _to_wgs84(frame, display, notes)
    kind, pcode_col, name_col = detect_shape(frame, display)
    check_geometries(frame, display, pcode_col, notes)
    check_filled(frame, display, [pcode_col, name_col])
    if kind in DISSOLVED and keep_level:
        level = DISSOLVED[kind]
        kept = keep_units(frame, display, pcode_col, name_col, level, notes)
        _check_within_mali(kept, display)
        kept.attrs = {"source": display, "kind": kind, "level": level, "notes": tuple(notes)}
        return kept
    if kind in DISSOLVED:
        frame = dissolve(frame, display, pcode_col, name_col, DISSOLVED[kind], notes)
        adm1_col = field_named(frame, "ADM1_PCODE")
        assert adm1_col is not None  # dissolve() groups by it
        pcode_col = adm1_col
    check_unique(frame, display, pcode_col)
    units = resolve_units(frame, display, pcode_col, name_col)
    _check_within_mali(units, display)
    units.attrs = {"source": display, "kind": kind, "notes": tuple(notes)}
    return check(units, BOUNDARIES, "load_boundaries")


def _display_name(source: BoundarySource, name: str | None) -> str:
    if name:
        return name
    if isinstance(source, str | os.PathLike):
        return Path(source).name
    return str(getattr(source, "name", "") or "uploaded boundary file")


def _read(source: BoundarySource, display: str, max_bytes: int) -> bytes:
    """The content of a path or an upload, reading at most ``max_bytes`` + 1 bytes."""
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        if not path.is_file():
            fail(display, "not_found", f"file not found ({path})")
        check_size(path.stat().st_size, max_bytes, display)
        with path.open("rb") as handle:
            return handle.read(max_bytes + 1)
    if isinstance(source, bytes | bytearray | memoryview):
        return bytes(source)
    getvalue = getattr(source, "getvalue", None)
    if callable(getvalue):  # streamlit's UploadedFile, io.BytesIO
        data = getvalue()
    else:
        if source.seekable():
            source.seek(0)
        data = source.read(max_bytes + 1)
    if not isinstance(data, bytes | bytearray):
        fail(display, "not_binary", "expected binary content (bytes), got text")
    return bytes(data)


_WGS84_LONLAT = (pyproj.CRS.from_epsg(4326), pyproj.CRS.from_user_input("OGC:CRS84"))


def _to_wgs84(frame: gpd.GeoDataFrame, display: str, notes: list[Note]) -> gpd.GeoDataFrame:
    """Longitude/latitude in EPSG:4326, reprojecting (noted) or assuming it (noted)."""
    if frame.crs is None:
        if not _lonlat(frame):
            fail(
                display,
                "not_lonlat",
                "has no CRS and its coordinates are not longitude/latitude",
            )
        notes.append(("assumed_wgs84", {}))
        return frame.set_crs(CRS)
    if frame.crs.to_epsg() == 4326 or any(frame.crs == c for c in _WGS84_LONLAT):
        frame = frame.set_crs(CRS, allow_override=True)
    else:
        authority = frame.crs.to_authority()
        label = ":".join(authority) if authority else shown(frame.crs.name)
        try:
            frame = frame.to_crs(CRS)
        except (pyproj.exceptions.ProjError, ValueError) as err:
            raise BoundaryFileError(
                display,
                f"could not be reprojected from {label} to longitude/latitude",
                code="boundary.reprojection_failed",
                params={"crs": label},
            ) from err
        notes.append(("reprojected", {"crs": label}))
    if not _lonlat(frame):
        fail(
            display,
            "not_lonlat",
            "has coordinates that are not finite longitude/latitude (is the CRS right?)",
        )
    return frame


def _lonlat(frame: gpd.GeoDataFrame) -> bool:
    """Every coordinate finite and within longitude -180..180, latitude -90..90."""
    xy = shapely.get_coordinates(frame.geometry.to_numpy())
    if not np.isfinite(xy).all():
        return False
    return bool(len(xy) == 0 or (np.abs(xy[:, 0]).max() <= 180 and np.abs(xy[:, 1]).max() <= 90))


def _check_within_mali(units: gpd.GeoDataFrame, display: str) -> None:
    minx, miny, maxx, maxy = units.total_bounds
    bx0, by0, bx1, by1 = MALI_BOUNDS
    if not (bx0 <= minx and by0 <= miny and maxx <= bx1 and maxy <= by1):
        bounds = f"{minx:.2f}, {miny:.2f}, {maxx:.2f}, {maxy:.2f}"
        fail(
            display,
            "outside_mali",
            f"features extend beyond Mali (bounds {bounds}); is the CRS declared correctly?",
            bounds=bounds,
        )
