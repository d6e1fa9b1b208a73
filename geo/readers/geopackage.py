"""A GeoPackage, opened with :mod:`sqlite3` as hostile input, never with GDAL.

The bytes are written to a private temporary directory (mode 0700) and opened read-only and
immutable, untrusted schema off, an authorizer allowing only reads, and a step budget.
Feature tables only (no views, no virtual tables, no generated columns; SQLite builds no value
above :data:`MAX_SQLITE_VALUE_BYTES`), chosen like a zip's layers; the GeoPackage
binary header is parsed here and the WKB structure walked (Point to MultiPolygon only: no
collections, no curves) before :func:`shapely.from_wkb`. Every column but the geometry becomes
a column (``fid`` included; BLOB values -> None). The CRS comes from ``gpkg_spatial_ref_sys``
(EPSG code, else its WKT).
"""

from __future__ import annotations

import os
import sqlite3
import struct
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn, TypeVar

import geopandas as gpd
import numpy as np
import pyproj
import shapely

from geo.readers.common import COORDINATE_LIMIT, MAX_FEATURES, MAX_FIELDS, shown
from geo.readers.crs import CrsReading
from geo.readers.layers import GPKG_TYPES, LayerInfo, detect_level

Result = TypeVar("Result")

MAX_SQLITE_STEPS = 200_000_000
"""SQLite virtual-machine steps allowed for reading one GeoPackage."""

MAX_SQLITE_VALUE_BYTES = 16 * 1024 * 1024
"""Longest text or blob SQLite may build or return while reading (``SQLITE_LIMIT_LENGTH``)."""

MAX_READ_BYTES_FACTOR = 4
"""The feature rows read may hold at most this many times the upload limit in text and blobs
(pages shared by several rows cannot make a small file read as gigabytes)."""

_GPKG_TABLES = ("gpkg_contents", "gpkg_geometry_columns", "gpkg_spatial_ref_sys")

_WKB_TYPES = {1: "Point", 2: "LineString", 3: "Polygon", 4: "MultiPoint", 5: "MultiLineString"}
_WKB_TYPES[6] = "MultiPolygon"
_ENVELOPE_BYTES = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}


class GeoPackageReading(CrsReading):
    """A read of a GeoPackage (an SQLite database with the GeoPackage tables)."""

    def geopackage(self, data: bytes, max_bytes: int) -> gpd.GeoDataFrame:
        return self._with_geopackage(data, max_bytes, self._geopackage_features)

    def geopackage_layers(self, data: bytes, max_bytes: int) -> list[LayerInfo]:
        """Each plain feature table: its name, rows, fields, geometry type, admin level."""
        return self._with_geopackage(data, max_bytes, self._layer_infos)

    def _with_geopackage(
        self, data: bytes, max_bytes: int, work: Callable[[sqlite3.Connection, int], Result]
    ) -> Result:
        """``work(connection, max_bytes)`` on the GeoPackage, opened read-only and hardened."""
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
                _harden(connection, max_bytes)
                return work(connection, max_bytes)
            except (sqlite3.Error, UnicodeDecodeError) as err:  # a non-UTF-8 error message
                self._bad_geopackage(err)
            finally:
                connection.close()

    def _bad_geopackage(self, cause: BaseException | None = None, why: str = "") -> NoReturn:
        detail = f" ({why})" if why else ""
        self.fail("bad_geopackage", f"is not a readable GeoPackage{detail}", cause=cause)

    def _feature_tables(
        self, db: sqlite3.Connection
    ) -> tuple[dict[str, tuple[str, str]], list[str]]:
        """The schema (lower-case name -> (type, SQL)) and the feature tables listed."""
        schema = {}
        for name, kind, sql in db.execute("SELECT name, type, sql FROM sqlite_master").fetchmany(
            10_000
        ):
            if isinstance(name, str):
                schema[name.lower()] = (kind, sql if isinstance(sql, str) else "")
        for table in _GPKG_TABLES:
            if schema.get(table, ("",))[0] != "table":
                self._bad_geopackage(why=f"no {table} table")
            self._check_plain_columns(db, table)
        contents = db.execute("SELECT table_name, data_type FROM gpkg_contents").fetchmany(1000)
        tables = [t for t, kind in contents if kind == "features" and isinstance(t, str)]
        if not tables:
            self.fail("no_feature_table", "is a GeoPackage without a features table")
        return schema, tables

    def _layer_infos(self, db: sqlite3.Connection, _max_bytes: int) -> list[LayerInfo]:
        schema, tables = self._feature_tables(db)
        layers = []
        for table in tables:
            kind, sql = schema.get(table.lower(), ("", ""))
            if kind != "table" or sql.lstrip().upper().startswith("CREATE VIRTUAL"):
                continue  # a view or virtual table: refused when read, so not offered
            columns = db.execute(f"PRAGMA table_xinfo({_quote(table)})").fetchmany(MAX_FIELDS + 2)
            if any(row[6] != 0 for row in columns):
                continue  # generated columns: refused when read
            found = db.execute(
                "SELECT column_name, geometry_type_name FROM gpkg_geometry_columns "
                "WHERE table_name = ?",
                (table,),
            ).fetchmany(2)
            column, type_name = found[0] if len(found) == 1 else (None, None)
            geometry = GPKG_TYPES.get(str(type_name).upper())
            fields = [str(row[1]) for row in columns if str(row[1]).lower() != str(column).lower()]
            # Rows counted one by one: the authorizer refuses every function, COUNT() too.
            rows = db.execute(f"SELECT 1 FROM {_quote(table)} LIMIT ?", (MAX_FEATURES + 1,))
            count = len(rows.fetchall())
            self._check_count(count)
            level = detect_level(fields, table, geometry)
            layers.append(LayerInfo(table, count, level, tuple(fields), geometry))
        if not layers:
            self.fail("no_feature_table", "is a GeoPackage without a features table")
        return layers

    def _geopackage_features(self, db: sqlite3.Connection, max_bytes: int) -> gpd.GeoDataFrame:
        schema, tables = self._feature_tables(db)
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
        self._check_plain_columns(db, table)
        cursor = db.execute(f"SELECT * FROM {_quote(table)} LIMIT ?", (MAX_FEATURES + 1,))
        names = [d[0] for d in cursor.description]
        lowered = [str(n).lower() for n in names]
        if column.lower() not in lowered:
            self._bad_geopackage(why="the geometry column is missing")
        at = lowered.index(column.lower())
        result = self._fetch_rows(cursor, MAX_READ_BYTES_FACTOR * max(max_bytes, 1_000_000))
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

    def _check_plain_columns(self, db: sqlite3.Connection, table: str) -> None:
        """Refuse a table with generated (or hidden) columns.

        A generated column is an expression SQLite computes as the row is read; one
        expression is one step of SQLite's machine, so ``printf('%.*c', 2147483647, 'x')``
        runs for seconds whatever the step budget or the length limit (both are checked
        between steps or once the value is built). Plain columns hold stored values only.
        """
        # The statement, not the pragma_table_xinfo() table, which the authorizer would have
        # to allow more for (SQLite asks to update sqlite_master to set it up).
        rows = db.execute(f"PRAGMA table_xinfo({_quote(table)})").fetchmany(10_000)
        # (cid, name, type, notnull, dflt_value, pk, hidden); hidden: 1 for a virtual table's
        # hidden column, 2 for a VIRTUAL generated column, 3 for a STORED one.
        generated = [row[1] for row in rows if row[6] != 0]
        if generated:
            self.fail(
                "generated_columns",
                f"table {shown(table)} has computed (generated) columns such as "
                f"{shown(generated[0])}; export the layer with plain columns",
                layer=shown(table),
                field=shown(generated[0]),
            )

    def _fetch_rows(self, cursor: sqlite3.Cursor, budget: int) -> list[tuple]:
        """Every row of ``cursor``, stopping when their text and blobs pass ``budget`` bytes."""
        rows, spent = [], 0
        for row in cursor:
            spent += sum(len(v) for v in row if isinstance(v, str | bytes))
            if spent > budget:
                self.fail("too_complex", "is too large or too complex to read")
            rows.append(row)
        return rows

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

    def _gpkg_geometry(self, blob: object, index: int) -> shapely.Geometry | None:
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
        if end != len(wkb):
            self._bad_wkb(index)
        self.count_coordinates(count)
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
    # No text or blob SQLite builds or returns may be longer (a geometry included).
    db.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, min(max(max_bytes, 1_000_000), MAX_SQLITE_VALUE_BYTES))
    db.setlimit(sqlite3.SQLITE_LIMIT_ATTACHED, 0)
    steps = [0]

    def progress() -> int:
        steps[0] += 1
        return int(steps[0] * 10_000 > MAX_SQLITE_STEPS)

    db.set_progress_handler(progress, 10_000)

    def authorize(action: int, arg1: object, *_args: object) -> int:
        allowed = action in (sqlite3.SQLITE_SELECT, sqlite3.SQLITE_READ) or (
            action == sqlite3.SQLITE_PRAGMA and arg1 == "table_xinfo"  # reads the schema only
        )
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
