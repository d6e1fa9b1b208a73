"""What every boundary-file reader shares: limits, the error, the geometry and frame builders.

:class:`Reading` holds the state of one read (display name, notes, layer, the coordinate
budget) and builds shapely geometries from GeoJSON-like mappings (GeoJSON features, pyshp
shapes), every coordinate checked before shapely sees it, and the frame of one column per
property. The format readers (:mod:`geo.readers.geojson`, :mod:`geo.readers.shapefiles`,
:mod:`geo.readers.geopackage`) extend it.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, NoReturn

import geopandas as gpd
import pandas as pd
import shapely
import shapely.geometry

from data.errors import DashboardError, excerpt, short_name

MAX_FEATURES = 10_000
"""Most features (rows) a boundary file may hold; Mali has about 700 communes."""

MAX_COORDINATES = 2_000_000
"""Most coordinate positions over all geometries of one file."""

MAX_FIELDS = 500
"""Most distinct property names (columns)."""

COORDINATE_LIMIT = 1e9
"""Projected coordinates beyond this many units are refused (Earth is 4e7 m around)."""

ACCEPTED = (
    "a GeoJSON FeatureCollection (.geojson), a zipped ESRI shapefile (.zip) or a GeoPackage (.gpkg)"
)
_GPKG_IDS = (b"GPKG", b"GP10", b"GP11")
_SQLITE_MAGIC = b"SQLite format 3\x00"
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_JSON_START = re.compile(rb"(?:\xef\xbb\xbf)?[ \t\r\n]*\{")
ADMIN_LEVEL = re.compile(r"adm(\d)", re.I)
_SHOWN = re.compile(r"[\w][\w .’'()-]{0,39}")
_NESTING = {
    "Point": 0,
    "MultiPoint": 1,
    "LineString": 1,
    "MultiLineString": 2,
    "Polygon": 2,
    "MultiPolygon": 3,
}


_WITHOUT_HINT = {"boundary.unknown_region": "boundary.unknown_region_no_hint"}
"""Codes whose template lists ``suggestions``, and the code to use when there are none."""


class BoundaryFileError(DashboardError):
    """A boundary file that cannot be used; ``str(err)`` is "<file>: <problem>" in English.

    ``code`` (``boundary.<problem>``) and ``params`` (always with ``file``) let a page word it
    again: the templates are ``geo.error.<code>`` in the text catalogs. ``file`` is the
    file's display name, at most :data:`data.errors.MAX_NAME_CHARS` characters on one line
    (:func:`data.errors.short_name`); an ``unknown_region`` without suggestions is
    ``unknown_region_no_hint``; ``row`` the feature's position when one feature is at fault
    (``params["feature"]``), ``column`` the field when one is (``params["field"]``), unless
    given.
    """

    def __init__(
        self,
        source: str,
        problem: str,
        *,
        code: str = "boundary.invalid",
        params: Mapping[str, object] | None = None,
        row: int | None = None,
        column: str | None = None,
    ) -> None:
        source = short_name(source)  # a 300-character name is shown by its last 80
        self.source = source
        self.problem = problem
        params = {**dict(params or {}), "file": source}
        if code in _WITHOUT_HINT and not params.get("suggestions"):
            code = _WITHOUT_HINT[code]  # no "(closest names: )" with nothing after it
        feature, field = params.get("feature"), params.get("field")
        super().__init__(
            f"{source}: {problem}",
            code=code,
            params=params,
            file=source,
            row=row if row is not None else (feature if type(feature) is int else None),
            column=column if column is not None else (field if isinstance(field, str) else None),
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


class Reading:
    """State of one read: display name, notes, chosen layer, the coordinate budget."""

    def __init__(self, display: str, wanted: str | None = None) -> None:
        self.display = display
        self.wanted = wanted  # the layer the officer picked (see choose_layer), or None
        self.notes: list[tuple[str, dict[str, object]]] = []
        self.layer: str | None = None
        self.coordinates = 0

    def fail(
        self, code: str, problem: str, *, cause: BaseException | None = None, **params: object
    ) -> NoReturn:
        raise BoundaryFileError(
            self.display, problem, code=f"boundary.{code}", params=params
        ) from cause

    # --- geometries (GeoJSON-like mappings, also from pyshp) ------------------------------

    def geometry(
        self, geom: object, index: int, *, lonlat: bool, nested: bool = False
    ) -> shapely.Geometry | None:
        """A shapely geometry from a GeoJSON-like mapping, every coordinate checked first."""
        if geom is None:
            return None
        mapping: dict = geom if isinstance(geom, dict) else {}  # not a mapping: no type
        kind = mapping.get("type")
        if kind == "GeometryCollection" and not nested:
            members = mapping.get("geometries")
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
            mapping.get("coordinates"), _NESTING[kind], index, kind, lonlat
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

    def count_coordinates(self, count: int) -> None:
        """Spend ``count`` positions of the file's budget of :data:`MAX_COORDINATES`."""
        self.coordinates += count
        if self.coordinates > MAX_COORDINATES:
            self.fail(
                "too_many_coordinates",
                f"has more than {MAX_COORDINATES:,} coordinates; simplify the boundaries",
                max=MAX_COORDINATES,
            )

    def _position(self, value: object, index: int, kind: str, lonlat: bool) -> tuple[float, float]:
        """(x, y) of one position: 2 or 3 numbers for GeoJSON (x, y first for shapefiles)."""
        if not isinstance(value, list | tuple) or not 2 <= len(value) <= (3 if lonlat else 4):
            self._bad_geometry(index, kind)
        self.count_coordinates(1)
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

    def frame(
        self, rows: Sequence[Mapping[str, object]], geoms: list, crs: object
    ) -> gpd.GeoDataFrame:
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

    def choose_layer(self, names: list[str], listed: Sequence[str] | None = None) -> str:
        """The layer asked for (:attr:`wanted`, one of ``listed``, the names the layers are
        listed by), else the only layer, else the lowest admin level >= 1 (``adm<digit>`` in
        its name). Returns the entry of ``names``."""
        if self.wanted is not None:
            return self._wanted_layer(names, list(listed or names))
        if len(names) == 1:
            return names[0]
        areas = [n for n in names if "admbnda" in Path(n).name.lower()] or names
        levels = {}
        for candidate in areas:
            found = ADMIN_LEVEL.findall(Path(candidate).name)
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

    def _wanted_layer(self, names: list[str], listed: list[str]) -> str:
        """The layer named :attr:`wanted` (exactly as listed); refused when there is none."""
        if self.wanted in listed:
            position = listed.index(str(self.wanted))
            if len(names) > 1:
                self.notes.append(
                    ("chose_layer", {"layer": shown(listed[position]), "count": len(names)})
                )
            return names[position]
        self.unknown_layer(listed)

    def unknown_layer(self, listed: Sequence[str]) -> NoReturn:
        """Refuse :attr:`wanted`, naming the layers the file holds."""
        shown_names = ", ".join(shown(n) for n in listed[:MAX_LAYERS_SHOWN])
        more = "…" if len(listed) > MAX_LAYERS_SHOWN else ""
        self.fail(
            "unknown_layer",
            f"has no layer {shown(self.wanted)}; its {len(listed)} layer(s): {shown_names}{more}",
            layer=shown(self.wanted),
            count=len(listed),
            layers=shown_names + more,
        )


MAX_LAYERS_SHOWN = 10
"""Layer names quoted in a message (then an ellipsis)."""


def _scalar(value: object) -> object:
    """A property value as a cell: scalars kept, arrays/objects as their JSON text."""
    if value is None or type(value) in (str, int, float, bool):
        return value
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)  # dates from a .dbf
