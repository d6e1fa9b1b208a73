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
  pattern in the member name is chosen (areas, ``admbnda``, before lines or points). The
  ``.shx`` index is not needed: records are walked in the ``.shp`` with bounds checks.
  Text is decoded with the ``.cpg`` encoding (:data:`ENCODINGS` only), else UTF-8, else
  Latin-1 (noted). The CRS comes from the ``.prj`` WKT through pyproj (network disabled).
- A GeoPackage is written to a private temporary directory (mode 0700) and opened with
  :mod:`sqlite3` read-only and immutable, untrusted schema off, an authorizer allowing only
  reads, and a step budget. Feature tables only (no views, no virtual tables), chosen like
  a zip's layers; the GeoPackage binary header is parsed here and the WKB structure walked
  (Point to MultiPolygon only: no collections, no curves) before :func:`shapely.from_wkb`.
  Every column but the geometry becomes a column (``fid`` included; BLOB values -> None).
  The CRS comes from ``gpkg_spatial_ref_sys`` (EPSG code, else its WKT).

Sizes are bounded first (:func:`check_size`, ``max_bytes``) and then per format:
:data:`MAX_FEATURES`, :data:`MAX_COORDINATES`, :data:`MAX_FIELDS`, :data:`MAX_JSON_DEPTH`,
:data:`MAX_ZIP_MEMBERS`, :data:`MAX_UNZIPPED_BYTES`, :data:`MAX_COMPRESSION_RATIO`.
Coordinates must be finite numbers (and longitude/latitude for GeoJSON). Every failure
raises :class:`BoundaryFileError` (an :class:`data.errors.InputError`) with a stable
``code`` (``boundary.<problem>``) and ``params``; values quoted from a file go through
:func:`shown`. Nothing else escapes for any input bytes: an unexpected parser error becomes
``boundary.unreadable`` (logged), which the tests require never to happen. What the reader
did silently (choosing one layer, decoding as Latin-1) is listed as ``(code, params)`` pairs
in ``frame.attrs["notes"]``.

Pure layer: never imports streamlit, plotly or ``components``.
"""

from __future__ import annotations

import io
import json
import logging
import math
import os
import re
import sqlite3
import struct
import tempfile
import warnings
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NoReturn

import geopandas as gpd
import numpy as np
import pandas as pd
import pyproj
import shapefile
import shapely
import shapely.geometry

from data.errors import MAX_UPLOAD_BYTES, InputError, excerpt

MAX_FEATURES = 10_000
"""Most features (rows) a boundary file may hold; Mali has about 700 communes."""

MAX_COORDINATES = 2_000_000
"""Most coordinate positions over all geometries of one file."""

MAX_JSON_DEPTH = 32
"""Deepest nesting of JSON arrays/objects (a MultiPolygon in a FeatureCollection is 8)."""

MAX_FIELDS = 500
"""Most distinct property names (columns)."""

MAX_ZIP_MEMBERS = 200
"""Most entries in a zip archive."""

MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
"""Largest total uncompressed size of a zip archive's members."""

MAX_COMPRESSION_RATIO = 200
"""Largest uncompressed/compressed ratio of a member above 1 MiB (zip bombs go far beyond)."""

MAX_WKT_CHARS = 64 * 1024
"""Longest CRS definition (``.prj`` or ``gpkg_spatial_ref_sys.definition``)."""

MAX_SQLITE_STEPS = 200_000_000
"""SQLite virtual-machine steps allowed for reading one GeoPackage."""

COORDINATE_LIMIT = 1e9
"""Projected coordinates beyond this many units are refused (Earth is 4e7 m around)."""

WGS84_NAMES = frozenset(
    name.lower()
    for name in (
        "urn:ogc:def:crs:OGC:1.3:CRS84",
        "urn:ogc:def:crs:OGC::CRS84",
        "EPSG:4326",
        "urn:ogc:def:crs:EPSG::4326",
        "urn:ogc:def:crs:EPSG:6.6:4326",
    )
)
"""``crs`` names a GeoJSON may declare (compared case-insensitively): WGS84 lon/lat."""

ENCODINGS = {
    "utf-8": "utf-8",
    "utf8": "utf-8",
    "65001": "utf-8",
    "ascii": "ascii",
    "us-ascii": "ascii",
    "latin-1": "latin-1",
    "latin1": "latin-1",
    "iso-8859-1": "latin-1",
    "iso8859-1": "latin-1",
    "88591": "latin-1",
    "cp1252": "cp1252",
    "windows-1252": "cp1252",
    "1252": "cp1252",
    "ansi 1252": "cp1252",
}
"""``.cpg`` contents accepted (lower case, ``_`` read as ``-``) and the codec used."""

ACCEPTED = (
    "a GeoJSON FeatureCollection (.geojson), a zipped ESRI shapefile (.zip) or a GeoPackage (.gpkg)"
)
_GPKG_IDS = (b"GPKG", b"GP10", b"GP11")
_SQLITE_MAGIC = b"SQLite format 3\x00"
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_JSON_START = re.compile(rb"(?:\xef\xbb\xbf)?[ \t\r\n]*\{")
_JSON_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.S)
_ADMIN_LEVEL = re.compile(r"adm(\d)", re.I)
_SHOWN = re.compile(r"[\w][\w .’'()-]{0,39}")
_WKT = re.compile(
    r"\s*(GEOGCS|PROJCS|GEOCCS|COMPD_CS|VERT_CS|LOCAL_CS|GEOGCRS|GEOGRAPHICCRS|PROJCRS|"
    r"PROJECTEDCRS|GEODCRS|GEODETICCRS|COMPOUNDCRS|BOUNDCRS|VERTCRS|ENGCRS)\s*\[",
    re.I,
)
_NESTING = {
    "Point": 0,
    "MultiPoint": 1,
    "LineString": 1,
    "MultiLineString": 2,
    "Polygon": 2,
    "MultiPolygon": 3,
}
_WKB_TYPES = {1: "Point", 2: "LineString", 3: "Polygon", 4: "MultiPoint", 5: "MultiLineString"}
_WKB_TYPES[6] = "MultiPolygon"
_ENVELOPE_BYTES = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}
_PYSHP_ERRORS = (
    shapefile.ShapefileException,
    shapefile.GeoJSON_Error,
    shapefile.RingSamplingError,
    struct.error,
    KeyError,
    IndexError,
    ValueError,
    TypeError,
    OverflowError,
    ZeroDivisionError,
    AssertionError,
)
"""What pyshp raises on a malformed .shp or .dbf (its own checks are partly asserts)."""
_LOG = logging.getLogger(__name__)


class BoundaryFileError(InputError):
    """A boundary file that cannot be used; ``str(err)`` is "<file>: <problem>" in English.

    ``code`` (``boundary.<problem>``) and ``params`` (always with ``file``) let a page word it
    again: the templates are ``geo.error.<code>`` in :mod:`components.labels_geo`.
    """

    def __init__(
        self,
        source: str,
        problem: str,
        *,
        code: str = "boundary.invalid",
        params: Mapping[str, object] | None = None,
    ) -> None:
        self.source = source
        self.problem = problem
        super().__init__(
            f"{source}: {problem}", code=code, params={"file": source, **dict(params or {})}
        )

    @property
    def label_key(self) -> str:
        """The translation key of this error's template: ``geo.error.<code>``."""
        return f"geo.error.{self.code}"


def shown(value: object) -> str:
    """A value from a file as it may appear in a message.

    A short one-line name or code (``ML05``, ``Ségou``, ``ADM1_FR``) is shown as is; anything
    else through :func:`data.errors.excerpt` (quoted, single line, capped).
    """
    text = str(value)
    return text if _SHOWN.fullmatch(text) else excerpt(text)


def check_size(size: int, max_bytes: int, name: str) -> None:
    """Refuse a file of ``size`` bytes above ``max_bytes`` (code ``boundary.too_large``)."""
    if size > max_bytes:
        size_mb, max_mb = (_megabytes(n) for n in (size, max_bytes))
        raise BoundaryFileError(
            name,
            f"is {size_mb} MB; the limit is {max_mb} MB",
            code="boundary.too_large",
            params={"size_mb": size_mb, "max_mb": max_mb},
        )


def _megabytes(size: int) -> float | int:
    """Size in MB (MiB) to one decimal, a whole number without its ".0"."""
    value = round(size / (1024 * 1024), 1)
    return int(value) if value.is_integer() else value


def sniff_format(data: bytes) -> str | None:
    """What the content is: ``geojson``, ``zip``, ``gpkg``, ``sqlite`` (not a GeoPackage) or None."""
    if data.startswith(_SQLITE_MAGIC):
        return "gpkg" if data[68:72] in _GPKG_IDS else "sqlite"
    if data.startswith(_ZIP_MAGIC):
        return "zip"
    if _JSON_START.match(data):
        return "geojson"
    return None


def read_vector(
    data: bytes, *, name: str = "uploaded boundary file", max_bytes: int = MAX_UPLOAD_BYTES
) -> gpd.GeoDataFrame:
    """Parse a boundary file's content into a GeoDataFrame.

    Parameters
    ----------
    data
        The file's content.
    name
        Display name used in messages.
    max_bytes
        Largest accepted size (pages pass ``CRP_DASHBOARD_MAX_UPLOAD_MB`` here).

    Returns
    -------
    GeoDataFrame with one column per property and ``geometry`` (None where a feature has
    none); CRS EPSG:4326 for GeoJSON, the declared CRS or None for the other formats.
    ``attrs`` holds ``format``, ``layer`` and ``notes`` (``(code, params)`` pairs).

    Raises
    ------
    BoundaryFileError
        For every problem, whatever the bytes.
    """
    reading = _Reading(name)
    if isinstance(data, bytearray | memoryview):
        data = bytes(data)
    if not isinstance(data, bytes):
        reading.fail("not_binary", "expected binary content (bytes), got text")
    check_size(len(data), max_bytes, name)
    if not data.strip():
        reading.fail("empty", "is empty (no content)")
    kind = sniff_format(data)
    try:
        if kind == "geojson":
            frame = reading.geojson(data)
        elif kind == "zip":
            frame = reading.zipped_shapefile(data)
        elif kind == "gpkg":
            frame = reading.geopackage(data, max_bytes)
        elif kind == "sqlite":
            reading.fail("not_geopackage", "is an SQLite database but not a GeoPackage")
        else:
            reading.fail(
                "unsupported_format", f"not a supported boundary file; expected {ACCEPTED}"
            )
    except BoundaryFileError:
        raise
    except (MemoryError, RecursionError) as err:
        reading.fail("too_complex", "is too large or too complex to read", cause=err)
    except Exception as err:  # a parser bug on foreign bytes must still be a refusal
        _LOG.warning("unexpected error while reading %s", name, exc_info=True)
        reading.fail("unreadable", "could not be read", cause=err)
    frame.attrs = {"format": kind, "layer": reading.layer, "notes": tuple(reading.notes)}
    return frame


class _Reading:
    """State of one read: display name, notes, the coordinate budget."""

    def __init__(self, display: str) -> None:
        self.display = display
        self.notes: list[tuple[str, dict[str, object]]] = []
        self.layer: str | None = None
        self.coordinates = 0

    def fail(
        self, code: str, problem: str, *, cause: BaseException | None = None, **params: object
    ) -> NoReturn:
        raise BoundaryFileError(
            self.display, problem, code=f"boundary.{code}", params=params
        ) from cause

    # --- GeoJSON --------------------------------------------------------------------------

    def geojson(self, data: bytes) -> gpd.GeoDataFrame:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as err:
            self.fail("not_utf8", f"not a GeoJSON: not UTF-8 text ({err.reason})", cause=err)
        try:
            doc = json.loads(text, parse_constant=self._json_constant)
        except json.JSONDecodeError as err:
            self.fail(
                "invalid_json",
                f"not a GeoJSON: invalid JSON at line {err.lineno}, column {err.colno}",
                cause=err,
                line=err.lineno,
                column=err.colno,
            )
        except RecursionError as err:
            self._too_deep(err)
        if _json_depth(data) > MAX_JSON_DEPTH:
            self._too_deep()
        kind = doc.get("type") if isinstance(doc, dict) else type(doc).__name__
        if kind == "Feature":
            features = [doc]
        elif kind == "FeatureCollection":
            features = doc.get("features")
            if not isinstance(features, list):
                self.fail("bad_features", "'features' is not a list of features")
        else:
            self.fail(
                "not_feature_collection",
                f"not a GeoJSON FeatureCollection (top-level type is {excerpt(kind)})",
                type=excerpt(kind),
            )
        self._check_crs(doc.get("crs"))
        self._check_count(len(features))
        rows, geoms = [], []
        for index, feature in enumerate(features):
            if not isinstance(feature, dict) or feature.get("type") != "Feature":
                self.fail("bad_feature", f"feature {index} is not a GeoJSON Feature", feature=index)
            self._check_crs(feature.get("crs"))
            properties = feature.get("properties")
            if properties is None:
                properties = {}
            if not isinstance(properties, dict):
                self.fail(
                    "bad_feature", f"feature {index}: 'properties' is not an object", feature=index
                )
            rows.append(properties)
            geoms.append(self.geometry(feature.get("geometry"), index, lonlat=True))
        return self.frame(rows, geoms, "EPSG:4326")

    def _too_deep(self, cause: BaseException | None = None) -> NoReturn:
        self.fail(
            "too_deep",
            f"JSON nested too deeply (more than {MAX_JSON_DEPTH} levels)",
            cause=cause,
            max=MAX_JSON_DEPTH,
        )

    def _json_constant(self, token: str) -> NoReturn:
        self.fail(
            "json_constant",
            f"not a GeoJSON: JSON holds {token}, which is not a number",
            token=token,
        )

    def _check_crs(self, crs: object) -> None:
        """Absent, null or a WGS84 name; a link or any other CRS is refused, never fetched."""
        if crs is None:
            return
        if isinstance(crs, dict) and crs.get("type") == "name":
            properties = crs.get("properties")
            name = properties.get("name") if isinstance(properties, dict) else None
            if isinstance(name, str) and name.strip().lower() in WGS84_NAMES:
                return
            self.fail(
                "crs_refused",
                f"declares the CRS {shown(name)}; GeoJSON boundaries must be in "
                "longitude/latitude (WGS84, RFC 7946): remove the 'crs' member or reproject",
                crs=shown(name),
            )
        kind = crs.get("type") if isinstance(crs, dict) else type(crs).__name__
        self.fail(
            "crs_refused",
            f"declares a CRS of type {shown(kind)}, which is not accepted (links are never "
            "followed); GeoJSON boundaries must be in longitude/latitude (WGS84, RFC 7946)",
            crs=shown(kind),
        )

    # --- geometries (GeoJSON-like mappings, also from pyshp) ------------------------------

    def geometry(self, geom: object, index: int, *, lonlat: bool, nested: bool = False):
        """A shapely geometry from a GeoJSON-like mapping, every coordinate checked first."""
        if geom is None:
            return None
        kind = geom.get("type") if isinstance(geom, dict) else None
        if kind == "GeometryCollection" and not nested:
            members = geom.get("geometries")
            if not isinstance(members, list):
                self._bad_geometry(index, "GeometryCollection")
            parts = [self.geometry(m, index, lonlat=lonlat, nested=True) for m in members]
            return shapely.GeometryCollection([p for p in parts if p is not None])
        if kind not in _NESTING:
            self.fail(
                "bad_geometry",
                f"feature {index} has an unknown geometry type {shown(kind)}",
                feature=index,
                type=shown(kind),
            )
        coordinates = self._coordinates(
            geom.get("coordinates"), _NESTING[kind], index, kind, lonlat
        )
        try:
            return shapely.geometry.shape({"type": kind, "coordinates": coordinates})
        except (ValueError, TypeError, IndexError, shapely.errors.ShapelyError) as err:
            self._bad_geometry(index, kind, err)

    def _bad_geometry(self, index: int, kind: str, cause: BaseException | None = None) -> NoReturn:
        self.fail(
            "bad_geometry",
            f"feature {index} has an invalid {kind} geometry (its coordinates do not form one)",
            cause=cause,
            feature=index,
            type=kind,
        )

    def _coordinates(self, value: object, depth: int, index: int, kind: str, lonlat: bool) -> Any:
        if depth == 0:
            return self._position(value, index, kind, lonlat)
        if not isinstance(value, list | tuple):
            self._bad_geometry(index, kind)
        return [self._coordinates(item, depth - 1, index, kind, lonlat) for item in value]

    def _position(self, value: object, index: int, kind: str, lonlat: bool) -> tuple[float, float]:
        """(x, y) of one position: 2 or 3 numbers for GeoJSON (x, y first for shapefiles)."""
        if not isinstance(value, list | tuple) or not 2 <= len(value) <= (3 if lonlat else 4):
            self._bad_geometry(index, kind)
        self.coordinates += 1
        if self.coordinates > MAX_COORDINATES:
            self.fail(
                "too_many_coordinates",
                f"has more than {MAX_COORDINATES:,} coordinates; simplify the boundaries",
                max=MAX_COORDINATES,
            )
        numbers = value if lonlat else value[:2]
        for number in numbers:
            if type(number) is not float and type(number) is not int:
                self.fail(
                    "bad_coordinate",
                    f"feature {index} has a coordinate that is not a number",
                    feature=index,
                )
            if type(number) is float and not math.isfinite(number):
                self.fail(
                    "not_finite",
                    f"feature {index} has a coordinate that is not a finite number",
                    feature=index,
                )
        x, y = value[0], value[1]
        inside = (
            -180 <= x <= 180 and -90 <= y <= 90
            if lonlat
            else abs(x) <= COORDINATE_LIMIT and abs(y) <= COORDINATE_LIMIT
        )
        if not inside:
            self.fail(
                "out_of_range",
                f"feature {index} has a coordinate outside longitude -180..180 / latitude -90..90"
                if lonlat
                else f"feature {index} has a coordinate beyond ±{COORDINATE_LIMIT:.0e}",
                feature=index,
            )
        return float(x), float(y)

    # --- frame --------------------------------------------------------------------------

    def _check_count(self, count: int) -> None:
        if count > MAX_FEATURES:
            self.fail(
                "too_many_features",
                f"has more than {MAX_FEATURES:,} features",
                max=MAX_FEATURES,
            )

    def frame(self, rows: list[Mapping[str, object]], geoms: list, crs: object) -> gpd.GeoDataFrame:
        """One column per property name (in order of first appearance), then ``geometry``."""
        columns: dict[str, None] = {}
        records = []
        for row in rows:
            record = {}
            for key, value in row.items():
                key = str(key)
                if key not in columns:
                    if key == "geometry":
                        self.fail("reserved_field", "has a property named 'geometry' (reserved)")
                    if len(columns) >= MAX_FIELDS:
                        self.fail(
                            "too_many_fields", f"has more than {MAX_FIELDS} fields", max=MAX_FIELDS
                        )
                    columns[key] = None
                record[key] = _scalar(value)
            records.append(record)
        table = pd.DataFrame(records, columns=list(columns), index=pd.RangeIndex(len(records)))
        series = gpd.GeoSeries(geoms, index=table.index, crs=crs)
        return gpd.GeoDataFrame(table, geometry=series, crs=crs)

    # --- zipped shapefile ---------------------------------------------------------------

    def zipped_shapefile(self, data: bytes) -> gpd.GeoDataFrame:
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
            infos = archive.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as err:
            self.fail("zip_unreadable", "is not a readable zip archive", cause=err)
        with archive:
            self._check_zip(infos)
            members = {info.filename.lower(): info for info in infos if not info.is_dir()}
            shps = [
                info.filename[:-4]
                for info in infos
                if info.filename.lower().endswith(".shp") and not _is_resource_fork(info.filename)
            ]
            if not shps:
                self.fail(
                    "no_shapefile",
                    f"is a zip archive without a shapefile (.shp); expected {ACCEPTED}",
                )
            stem = self.choose_layer(shps)
            self.layer = Path(stem).name

            def part(ext: str) -> bytes | None:
                info = members.get(stem.lower() + ext)
                if info is None:
                    return None
                if ext == ".prj" and info.file_size > MAX_WKT_CHARS:
                    self._bad_crs(ext)
                if ext == ".cpg" and info.file_size > MAX_WKT_CHARS:
                    self._bad_encoding("?")
                return self._member(archive, info, MAX_UNZIPPED_BYTES)

            shp, dbf = part(".shp"), part(".dbf")
            if dbf is None:
                self.fail(
                    "missing_part",
                    f"the shapefile {shown(self.layer)} has no .dbf (attributes) in the zip",
                    part=".dbf",
                )
            prj, cpg = part(".prj"), part(".cpg")
        crs = None if prj is None else self.crs_from_wkt(self._text(prj, ".prj"), ".prj")
        return self._shapefile(shp or b"", dbf, crs, cpg)

    def _check_zip(self, infos: list[zipfile.ZipInfo]) -> None:
        if len(infos) > MAX_ZIP_MEMBERS:
            self.fail(
                "zip_too_many_members",
                f"zip archive has more than {MAX_ZIP_MEMBERS} entries",
                max=MAX_ZIP_MEMBERS,
            )
        total = 0
        for info in infos:
            name = info.filename
            parts = re.split(r"[/\\]", name)
            if name.startswith(("/", "\\")) or re.match(r"[A-Za-z]:", name) or ".." in parts:
                self.fail(
                    "zip_unsafe_path",
                    f"zip archive has an entry with an unsafe path {excerpt(name)}",
                    member=excerpt(name),
                )
            if info.flag_bits & 0x1:
                self.fail("zip_encrypted", "zip archive has encrypted entries")
            if (info.external_attr >> 16) & 0o170000 == 0o120000:
                self.fail(
                    "zip_symlink",
                    f"zip archive has a symbolic link {excerpt(name)}",
                    member=excerpt(name),
                )
            total += info.file_size
            ratio = info.file_size / max(info.compress_size, 1)
            if total > MAX_UNZIPPED_BYTES or (
                info.file_size > 1024 * 1024 and ratio > MAX_COMPRESSION_RATIO
            ):
                self._zip_too_large()

    def _zip_too_large(self) -> NoReturn:
        self.fail(
            "zip_too_large",
            f"zip archive unpacks to more than {MAX_UNZIPPED_BYTES // (1024 * 1024)} MB "
            "or is compressed implausibly well",
            max_mb=MAX_UNZIPPED_BYTES // (1024 * 1024),
        )

    def _member(self, archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
        """A member's bytes, reading no further than its declared size and ``limit``."""
        if info.file_size > limit:
            self._zip_too_large()
        chunks, size = [], 0
        try:
            with archive.open(info) as handle:
                while chunk := handle.read(64 * 1024):
                    size += len(chunk)
                    if size > info.file_size or size > limit:
                        break
                    chunks.append(chunk)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError) as err:
            self.fail("zip_unreadable", "is not a readable zip archive", cause=err)
        except NotImplementedError as err:
            self.fail("zip_unreadable", "uses an unsupported zip compression", cause=err)
        if size > info.file_size or size > limit:
            self._zip_too_large()  # the member inflates beyond what it declares
        return b"".join(chunks)

    def choose_layer(self, names: list[str]) -> str:
        """The only layer, else the lowest admin level >= 1 (``adm<digit>`` in its name)."""
        if len(names) == 1:
            return names[0]
        areas = [n for n in names if "admbnda" in Path(n).name.lower()] or names
        levels = {}
        for candidate in areas:
            found = _ADMIN_LEVEL.findall(Path(candidate).name)
            levels[candidate] = int(found[-1]) if found else None
        usable = {n: level for n, level in levels.items() if level is not None and level >= 1}
        lowest = min(usable.values(), default=None)
        chosen = [n for n, level in usable.items() if level == lowest]
        if len(chosen) != 1:
            listed = ", ".join(shown(Path(n).name) for n in names[:5])
            more = f" and {len(names) - 5} more" if len(names) > 5 else ""
            self.fail(
                "ambiguous_layers",
                f"holds {len(names)} layers ({listed}{more}) and none is clearly admin-1; "
                "upload one layer",
                count=len(names),
                layers=listed + more,
            )
        layer = Path(chosen[0]).name
        self.notes.append(("chose_layer", {"layer": shown(layer), "count": len(names)}))
        return chosen[0]

    def _shapefile(
        self, shp: bytes, dbf: bytes, crs: pyproj.CRS | None, cpg: bytes | None
    ) -> gpd.GeoDataFrame:
        lengths = self._shp_records(shp)
        self._check_dbf(dbf, len(lengths))
        if cpg is not None:
            label = self._text(cpg, ".cpg").strip().lower().replace("_", "-")
            encoding = ENCODINGS.get(label)
            if encoding is None:
                self._bad_encoding(shown(label))
            fields, records = self._dbf_records(dbf, encoding)
        else:
            try:
                fields, records = self._dbf_records(dbf, "utf-8")
            except BoundaryFileError:
                fields, records = self._dbf_records(dbf, "latin-1")
                self.notes.append(("decoded_latin1", {}))
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                reader = shapefile.ShpReader(io.BytesIO(shp))
                shapes = list(reader.iterShapes(shape_lengths_B=lengths))
                mappings = [
                    None
                    if shape is None or shape.shapeType == shapefile.NULL
                    else shape.__geo_interface__
                    for shape in shapes
                ]
        except _PYSHP_ERRORS as err:
            self.fail("bad_shapefile", "the .shp could not be read", cause=err)
        if len(shapes) != len(records):
            self.fail(
                "bad_shapefile",
                f"the shapefile has {len(shapes)} shapes but {len(records)} attribute records",
            )
        rows, geoms = [], []
        for index, (mapping, record) in enumerate(zip(mappings, records, strict=True)):
            if record is None:  # a deleted record
                continue
            rows.append(dict(zip(fields, record, strict=True)))
            geoms.append(self.geometry(mapping, index, lonlat=False))
        return self.frame(rows, geoms, crs)

    def _shp_records(self, shp: bytes) -> list[int]:
        """Byte length of each record of a .shp, every header checked against the file."""
        if len(shp) < 100 or shp[:4] != b"\x00\x00\x27\x0a":
            self.fail("bad_shapefile", "the .shp is not an ESRI shapefile")
        lengths, position = [], 100
        while position < len(shp):
            if position + 12 > len(shp):
                self.fail("bad_shapefile", "the .shp is truncated")
            length = 2 * int.from_bytes(shp[position + 4 : position + 8], "big", signed=True)
            if length < 4 or position + 8 + length > len(shp):
                self.fail("bad_shapefile", "the .shp has a record of impossible length")
            lengths.append(length)
            self._check_count(len(lengths))
            position += 8 + length
        return lengths

    def _check_dbf(self, dbf: bytes, shapes: int) -> None:
        if len(dbf) < 33:
            self.fail("bad_shapefile", "the .dbf is not a dBASE table")
        count = int.from_bytes(dbf[4:8], "little")
        header = int.from_bytes(dbf[8:10], "little")
        record = int.from_bytes(dbf[10:12], "little")
        self._check_count(count)
        if header < 33 or header + count * record > len(dbf) or count != shapes:
            self.fail(
                "bad_shapefile",
                f"the .dbf does not match the .shp ({count} records for {shapes} shapes)",
            )

    def _dbf_records(self, dbf: bytes, encoding: str) -> tuple[list[str], list]:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                reader = shapefile.DbfReader(
                    io.BytesIO(dbf), encoding=encoding, encodingErrors="strict"
                )
                fields = [field.name for field in reader.fields[1:]]
                records = [
                    None if record is None else list(record)
                    for record in reader.iterRecords(deleted_as_None=True)
                ]
        except _PYSHP_ERRORS as err:
            self.fail("bad_shapefile", f"the .dbf could not be read as {encoding}", cause=err)
        if any(r is not None and len(r) != len(fields) for r in records):
            self.fail("bad_shapefile", "the .dbf has records that do not match its fields")
        return fields, records

    def _bad_encoding(self, label: str) -> NoReturn:
        self.fail(
            "bad_encoding",
            f"the .cpg names the encoding {label}; accepted: UTF-8, ISO-8859-1 (Latin-1), "
            "Windows-1252",
            encoding=label,
        )

    def _text(self, raw: bytes, part: str) -> str:
        """A small text member (.prj, .cpg) as text."""
        try:
            return raw.decode("utf-8-sig")
        except UnicodeDecodeError as err:
            if part == ".cpg":
                self._bad_encoding("?")
            self._bad_crs(part, err)

    # --- CRS ----------------------------------------------------------------------------

    def crs_from_wkt(self, text: str, where: str) -> pyproj.CRS:
        """A CRS from WKT only (no PROJ strings, URLs or grid files); the network is off."""
        if len(text) > MAX_WKT_CHARS or not _WKT.match(text):
            self._bad_crs(where)
        try:
            crs = pyproj.CRS.from_wkt(text)
            authority = crs.to_authority(min_confidence=90)
            if authority is not None:  # rebuild from the registry: nothing custom carried over
                return pyproj.CRS.from_authority(*authority)
        except pyproj.exceptions.CRSError as err:
            self._bad_crs(where, err)
        if re.search(r"EXTENSION|grids|@|://|file:", text, re.I):
            self._bad_crs(where)
        return crs

    def _bad_crs(self, where: str, cause: BaseException | None = None) -> NoReturn:
        self.fail(
            "bad_crs",
            f"the CRS definition ({where}) is not a usable WKT coordinate reference system",
            cause=cause,
            where=where,
        )

    # --- GeoPackage ---------------------------------------------------------------------

    def geopackage(self, data: bytes, max_bytes: int) -> gpd.GeoDataFrame:
        with tempfile.TemporaryDirectory(prefix="crp-gpkg-") as folder:
            os.chmod(folder, 0o700)
            path = Path(folder) / "upload.gpkg"
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(data)
            try:
                connection = sqlite3.connect(f"{path.as_uri()}?mode=ro&immutable=1", uri=True)
            except (sqlite3.Error, UnicodeDecodeError) as err:  # a non-UTF-8 error message
                self._bad_geopackage(err)
            try:
                return self._geopackage_features(connection, max_bytes)
            except (sqlite3.Error, UnicodeDecodeError) as err:  # a non-UTF-8 error message
                self._bad_geopackage(err)
            finally:
                connection.close()

    def _bad_geopackage(self, cause: BaseException | None = None, why: str = "") -> NoReturn:
        detail = f" ({why})" if why else ""
        self.fail("bad_geopackage", f"is not a readable GeoPackage{detail}", cause=cause)

    def _geopackage_features(self, db: sqlite3.Connection, max_bytes: int) -> gpd.GeoDataFrame:
        _harden(db, max_bytes)
        schema = {}
        for name, kind, sql in db.execute("SELECT name, type, sql FROM sqlite_master").fetchmany(
            10_000
        ):
            if isinstance(name, str):
                schema[name.lower()] = (kind, sql if isinstance(sql, str) else "")
        for table in ("gpkg_contents", "gpkg_geometry_columns", "gpkg_spatial_ref_sys"):
            if schema.get(table, ("",))[0] != "table":
                self._bad_geopackage(why=f"no {table} table")
        contents = db.execute("SELECT table_name, data_type FROM gpkg_contents").fetchmany(1000)
        tables = [t for t, kind in contents if kind == "features" and isinstance(t, str)]
        if not tables:
            self.fail("no_feature_table", "is a GeoPackage without a features table")
        table = self.choose_layer(tables)
        self.layer = table
        if table.lower() not in schema:
            self._bad_geopackage(why=f"layer {shown(table)} has no table")
        kind, sql = schema[table.lower()]
        if kind != "table" or sql.lstrip().upper().startswith("CREATE VIRTUAL"):
            self.fail(
                "view_refused",
                f"layer {shown(table)} is a view or virtual table, not a plain table; "
                "export it as a table",
                layer=shown(table),
            )
        found = db.execute(
            "SELECT column_name, srs_id FROM gpkg_geometry_columns WHERE table_name = ?", (table,)
        ).fetchmany(2)
        if len(found) != 1 or not isinstance(found[0][0], str):
            self._bad_geopackage(why="no single geometry column")
        column, srs_id = found[0]
        crs = self._geopackage_crs(db, srs_id)
        cursor = db.execute(f"SELECT * FROM {_quote(table)} LIMIT ?", (MAX_FEATURES + 1,))
        names = [d[0] for d in cursor.description]
        lowered = [str(n).lower() for n in names]
        if column.lower() not in lowered:
            self._bad_geopackage(why="the geometry column is missing")
        at = lowered.index(column.lower())
        result = cursor.fetchall()
        self._check_count(len(result))
        rows, geoms = [], []
        for index, row in enumerate(result):
            rows.append(
                {
                    str(n): (None if isinstance(v, bytes) else v)
                    for i, (n, v) in enumerate(zip(names, row, strict=True))
                    if i != at
                }
            )
            geoms.append(self._gpkg_geometry(row[at], index))
        return self.frame(rows, geoms, crs)

    def _geopackage_crs(self, db: sqlite3.Connection, srs_id: object) -> pyproj.CRS | None:
        if srs_id in (0, -1, None):
            return None  # "undefined geographic / cartesian": checked as lon/lat later
        found = db.execute(
            "SELECT organization, organization_coordsys_id, definition "
            "FROM gpkg_spatial_ref_sys WHERE srs_id = ?",
            (srs_id,),
        ).fetchmany(2)
        if len(found) != 1:
            self._bad_geopackage(why="the layer's spatial reference system is not defined")
        organization, code, definition = found[0]
        if isinstance(organization, str) and organization.upper() == "EPSG" and type(code) is int:
            try:
                return pyproj.CRS.from_epsg(code)
            except pyproj.exceptions.CRSError as err:
                self._bad_crs("gpkg_spatial_ref_sys", err)
        if not isinstance(definition, str) or definition.strip().lower() == "undefined":
            return None
        return self.crs_from_wkt(definition, "gpkg_spatial_ref_sys")

    def _gpkg_geometry(self, blob: object, index: int):
        """Parse GeoPackage binary: header (magic, version, flags, srs_id, envelope) + WKB."""
        if blob is None:
            return None
        if not isinstance(blob, bytes) or len(blob) < 8 or blob[:2] != b"GP" or blob[2] != 0:
            self._bad_wkb(index)
        flags = blob[3]
        envelope = (flags >> 1) & 0x07
        if flags & 0x20 or envelope not in _ENVELOPE_BYTES:
            self._bad_wkb(index)  # extended geometry types or an invalid envelope code
        if flags & 0x10:
            return None  # empty geometry
        wkb = blob[8 + _ENVELOPE_BYTES[envelope] :]
        try:
            end, count = _walk_wkb(wkb, 0, None)
        except (struct.error, ValueError, IndexError) as err:
            self._bad_wkb(index, err)
        self.coordinates += count
        if end != len(wkb):
            self._bad_wkb(index)
        if self.coordinates > MAX_COORDINATES:
            self.fail(
                "too_many_coordinates",
                f"has more than {MAX_COORDINATES:,} coordinates; simplify the boundaries",
                max=MAX_COORDINATES,
            )
        try:
            geom = shapely.from_wkb(wkb)
        except (shapely.errors.ShapelyError, ValueError, TypeError) as err:
            self._bad_wkb(index, err)
        coordinates = shapely.get_coordinates(geom)
        if not np.isfinite(coordinates).all():
            self.fail(
                "not_finite",
                f"feature {index} has a coordinate that is not a finite number",
                feature=index,
            )
        if len(coordinates) and abs(coordinates).max() > COORDINATE_LIMIT:
            self.fail(
                "out_of_range",
                f"feature {index} has a coordinate beyond ±{COORDINATE_LIMIT:.0e}",
                feature=index,
            )
        return geom

    def _bad_wkb(self, index: int, cause: BaseException | None = None) -> NoReturn:
        self.fail(
            "bad_wkb",
            f"feature {index} has a geometry that is not valid GeoPackage binary "
            "(Point, LineString, Polygon or their Multi- types)",
            cause=cause,
            feature=index,
        )


def _json_depth(data: bytes) -> int:
    """Deepest nesting of arrays/objects in valid JSON text, brackets in strings ignored.

    Only for text :func:`json.loads` accepted: every string is closed, so the string pattern
    matches in linear time.
    """
    bare = np.frombuffer(_JSON_STRING.sub(b'""', data), dtype=np.uint8)
    opens = (bare == ord("[")) | (bare == ord("{"))
    brackets = np.flatnonzero(opens | (bare == ord("]")) | (bare == ord("}")))
    steps = np.where(opens[brackets], 1, -1).astype(np.int32)
    return int(np.cumsum(steps).max(initial=0))


def _scalar(value: object) -> object:
    """A property value as a cell: scalars kept, arrays/objects as their JSON text."""
    if value is None or type(value) in (str, int, float, bool):
        return value
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)  # dates from a .dbf


def _is_resource_fork(name: str) -> bool:
    return name.startswith("__MACOSX/") or Path(name).name.startswith("._")


def _quote(identifier: str) -> str:
    """An SQL identifier in double quotes, inner quotes doubled."""
    if "\x00" in identifier:
        raise sqlite3.DatabaseError("identifier with a NUL character")
    return '"' + identifier.replace('"', '""') + '"'


def _harden(db: sqlite3.Connection, max_bytes: int) -> None:
    """Treat the database as hostile: no schema functions, reads only, bounded work."""
    db.execute("PRAGMA trusted_schema = OFF")
    db.execute("PRAGMA cell_size_check = ON")
    db.execute("PRAGMA mmap_size = 0")
    db.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, max(max_bytes, 1_000_000))
    db.setlimit(sqlite3.SQLITE_LIMIT_ATTACHED, 0)
    steps = [0]

    def progress() -> int:
        steps[0] += 1
        return int(steps[0] * 10_000 > MAX_SQLITE_STEPS)

    db.set_progress_handler(progress, 10_000)

    def authorize(action: int, *_args: object) -> int:
        allowed = action in (sqlite3.SQLITE_SELECT, sqlite3.SQLITE_READ)
        return sqlite3.SQLITE_OK if allowed else sqlite3.SQLITE_DENY

    db.set_authorizer(authorize)


def _walk_wkb(wkb: bytes, offset: int, expected: int | None) -> tuple[int, int]:
    """Check one WKB geometry's structure; return where it ends and its number of positions.

    Only types 1-6 (no collections or curves, so no unbounded recursion in GEOS); every
    count is checked against the bytes that remain before anything is allocated.
    """
    order = wkb[offset]
    if order not in (0, 1):
        raise ValueError("byte order")
    endian = "<" if order == 1 else ">"
    (code,) = struct.unpack_from(endian + "I", wkb, offset + 1)
    offset += 5
    has_z, has_m = bool(code & 0x80000000), bool(code & 0x40000000)
    if code & 0x20000000:
        raise ValueError("embedded SRID")
    thousands, base = divmod(code & 0x0FFFFFFF, 1000)
    if thousands > 3 or base not in _WKB_TYPES or (expected is not None and base != expected):
        raise ValueError("geometry type")
    width = 8 * (2 + (has_z or thousands in (1, 3)) + (has_m or thousands in (2, 3)))

    def count_at(position: int, item_bytes: int) -> int:
        (n,) = struct.unpack_from(endian + "I", wkb, position)
        if n * item_bytes > len(wkb) - position - 4:
            raise ValueError("count beyond the data")
        return n

    if base == 1:
        if offset + width > len(wkb):
            raise ValueError("truncated point")
        return offset + width, 1
    if base == 2:
        n = count_at(offset, width)
        return offset + 4 + n * width, n
    if base == 3:
        rings = count_at(offset, 4)
        offset, total = offset + 4, 0
        for _ in range(rings):
            n = count_at(offset, width)
            offset, total = offset + 4 + n * width, total + n
        return offset, total
    parts = count_at(offset, 9)
    offset, total = offset + 4, 0
    for _ in range(parts):
        offset, n = _walk_wkb(wkb, offset, base - 3)
        total += n
    return offset, total
