"""Load, validate and normalise an admin-1 boundary file to one schema.

Three shapes are accepted (field names are matched case-insensitively):

``default``
    ``geo/mli_adm1.geojson`` built by :mod:`geo.build_boundaries`: ``pcode``, ``name_fr``
    (or ``name_en``), optionally ``region_id``.
``cod-ab-adm1``
    An OCHA COD-AB admin-1 file: ``ADM1_PCODE``, ``ADM1_FR`` (or ``ADM1_EN``).
``cod-ab-adm2``
    OCHA COD-AB admin-2 cercles: ``ADM2_PCODE``, ``ADM1_PCODE``, ``ADM1_FR`` (or
    ``ADM1_EN``); the cercles are dissolved into their admin-1 units.

Whatever the shape, the result has the columns :data:`BOUNDARY_COLUMNS`, CRS EPSG:4326,
one row per admin-1 unit sorted by p-code, valid Polygon/MultiPolygon geometries with
clockwise exterior rings (what plotly's ``go.Choropleth`` needs), and every unit's name
resolved through the alias table of :mod:`geo.regions`. What was done to get there
(reprojection, dissolving, repairs) is listed in ``gdf.attrs["notes"]``.
"""

from __future__ import annotations

import io
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

import geopandas as gpd
import pandas as pd
import pyogrio
import shapely

from geo.regions import UnknownRegionError, load_regions, resolve_region

DEFAULT_BOUNDARIES = Path(__file__).with_name("mli_adm1.geojson")
BOUNDARY_COLUMNS = ["pcode", "region_id", "name_fr", "name_en", "level", "geometry"]
CRS = "EPSG:4326"
MALI_BOUNDS = (-13.5, 9.0, 5.5, 26.0)
"""Generous lon/lat box around Mali (minx, miny, maxx, maxy), to catch a wrong CRS."""

BoundarySource = str | os.PathLike[str] | bytes | BinaryIO

# (kind, p-code field, name fields in order of preference); first match wins.
_SHAPES: list[tuple[str, str, tuple[str, ...]]] = [
    ("cod-ab-adm2", "ADM2_PCODE", ("ADM1_FR", "ADM1_EN")),
    ("cod-ab-adm1", "ADM1_PCODE", ("ADM1_FR", "ADM1_EN")),
    ("default", "PCODE", ("NAME_FR", "NAME_EN")),
]
_POLYGONAL = {"Polygon", "MultiPolygon"}


class BoundaryFileError(ValueError):
    """A boundary file that cannot be used; the message names the file and the problem."""

    def __init__(self, source: str, problem: str) -> None:
        self.source = source
        self.problem = problem
        super().__init__(f"{source}: {problem}")


def load_boundaries(
    source: BoundarySource = DEFAULT_BOUNDARIES, *, name: str | None = None
) -> gpd.GeoDataFrame:
    """Read a boundary file (path, bytes or binary file-like) and normalise it.

    Parameters
    ----------
    source
        Path to a GeoJSON (or any vector file GDAL reads: GeoPackage, shapefile, zipped
        shapefile), or its content as bytes / a binary file-like such as an upload.
    name
        Display name used in error messages; defaults to the file name.

    Returns
    -------
    GeoDataFrame with columns :data:`BOUNDARY_COLUMNS`, one row per admin-1 unit.

    Raises
    ------
    BoundaryFileError
        Not a readable vector file, empty, missing fields, duplicate p-codes, non-polygon
        or missing geometry, unknown region name, p-code contradicting the reference table.
    """
    display = _display_name(source, name)
    frame = _read(source, display)
    if len(frame) == 0:
        raise BoundaryFileError(display, "contains no features")
    notes: list[str] = []
    frame = _to_wgs84(frame, display, notes)
    kind, pcode_col, name_col = _detect_shape(frame, display)
    _check_geometries(frame, display, pcode_col, notes)
    _check_filled(frame, display, [pcode_col, name_col])
    if kind == "cod-ab-adm2":
        frame = _dissolve_cercles(frame, display, name_col, notes)
        pcode_col = _column(frame, "ADM1_PCODE")
    _check_unique(frame, display, pcode_col)
    units = _resolve_units(frame, display, pcode_col, name_col)
    _check_within_mali(units, display)
    units.attrs = {"source": display, "kind": kind, "notes": tuple(notes)}
    return units


def _display_name(source: BoundarySource, name: str | None) -> str:
    if name:
        return name
    if isinstance(source, str | os.PathLike):
        return Path(source).name
    return str(getattr(source, "name", "") or "uploaded boundary file")


def _read(source: BoundarySource, display: str) -> gpd.GeoDataFrame:
    """Read with GDAL; JSON-looking input is parsed first for a precise message."""
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        if not path.exists():
            raise BoundaryFileError(display, f"file not found ({path})")
        data: bytes | Path = path
        head = path.read_bytes() if path.suffix.lower() in {".json", ".geojson"} else b""
    else:
        data = source if isinstance(source, bytes) else _read_all(source)
        if not isinstance(data, bytes):
            raise BoundaryFileError(display, "expected binary content (bytes), got text")
        if not data.strip():
            raise BoundaryFileError(display, "is empty (no content)")
        head = data
    if head.lstrip()[:1] in (b"{", b"["):
        _check_geojson_text(head, display)
    try:
        reader = data if isinstance(data, Path) else io.BytesIO(data)
        return gpd.read_file(reader)
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError) as err:
        raise BoundaryFileError(
            display, "not a GeoJSON or other vector file that GDAL can read"
        ) from err


def _read_all(handle: BinaryIO) -> bytes:
    """All of an upload's content, wherever its read position is."""
    getvalue = getattr(handle, "getvalue", None)
    if callable(getvalue):
        return getvalue()
    if handle.seekable():
        handle.seek(0)
    return handle.read()


def _check_geojson_text(raw: bytes, display: str) -> None:
    try:
        doc = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as err:
        raise BoundaryFileError(display, f"not a GeoJSON: not UTF-8 text ({err.reason})") from err
    except json.JSONDecodeError as err:
        raise BoundaryFileError(
            display, f"not a GeoJSON: invalid JSON at line {err.lineno}, column {err.colno}"
        ) from err
    kind = doc.get("type") if isinstance(doc, dict) else type(doc).__name__
    if kind not in {"FeatureCollection", "Feature"}:
        raise BoundaryFileError(
            display, f"not a GeoJSON FeatureCollection (top-level type is {kind!r})"
        )


def _to_wgs84(frame: gpd.GeoDataFrame, display: str, notes: list[str]) -> gpd.GeoDataFrame:
    if frame.crs is None:
        minx, miny, maxx, maxy = frame.total_bounds
        if not (-180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90):
            raise BoundaryFileError(
                display, "has no CRS and its coordinates are not longitude/latitude"
            )
        notes.append("no CRS declared; assumed EPSG:4326 (longitude/latitude)")
        return frame.set_crs(CRS)
    if frame.crs.to_epsg() != 4326:
        notes.append(f"reprojected from {frame.crs.to_string()} to {CRS}")
        return frame.to_crs(CRS)
    return frame


def _column(frame: pd.DataFrame, wanted: str) -> str | None:
    """The actual name of column ``wanted`` matched case-insensitively, or None."""
    for column in frame.columns:
        if str(column).upper() == wanted:
            return str(column)
    return None


def _detect_shape(frame: gpd.GeoDataFrame, display: str) -> tuple[str, str, str]:
    fields = [str(c) for c in frame.columns if c != frame.geometry.name]
    for kind, pcode_field, name_fields in _SHAPES:
        pcode_col = _column(frame, pcode_field)
        if pcode_col is None:
            continue
        missing = []
        if kind == "cod-ab-adm2" and _column(frame, "ADM1_PCODE") is None:
            missing.append("ADM1_PCODE")
        name_col = next((c for f in name_fields if (c := _column(frame, f))), None)
        if name_col is None:
            missing.append(" or ".join(name_fields))
        if missing:
            raise BoundaryFileError(
                display,
                f"missing required field(s) {', '.join(missing)} for a {kind} file; "
                f"fields found: {', '.join(fields) or 'none'}",
            )
        return kind, pcode_col, name_col
    raise BoundaryFileError(
        display,
        "missing required fields: expected pcode + name_fr (default file), "
        "ADM1_PCODE + ADM1_FR (COD-AB admin-1) or ADM2_PCODE + ADM1_PCODE + ADM1_FR "
        f"(COD-AB admin-2); fields found: {', '.join(fields) or 'none'}",
    )


def _feature(frame: pd.DataFrame, position: int, pcode_col: str) -> str:
    pcode = frame[pcode_col].iloc[position]
    return f"feature {position}" + ("" if pd.isna(pcode) else f" ({pcode})")


def _check_geometries(
    frame: gpd.GeoDataFrame, display: str, pcode_col: str, notes: list[str]
) -> None:
    """Polygonal, non-empty geometries; invalid ones are repaired in place (noted)."""
    geoms = frame.geometry.to_numpy()
    for position, geom in enumerate(geoms):
        where = _feature(frame, position, pcode_col)
        if geom is None or geom.is_empty:
            raise BoundaryFileError(display, f"{where} has no geometry")
        if geom.geom_type not in _POLYGONAL:
            raise BoundaryFileError(
                display,
                f"{where} has geometry type {geom.geom_type}; "
                "boundaries must be Polygon or MultiPolygon",
            )
    invalid = ~shapely.is_valid(geoms)
    if invalid.any():
        repaired = shapely.make_valid(geoms[invalid], method="structure", keep_collapsed=False)
        for position, geom in zip(invalid.nonzero()[0], repaired, strict=True):
            if geom.is_empty or geom.geom_type not in _POLYGONAL:
                where = _feature(frame, int(position), pcode_col)
                raise BoundaryFileError(
                    display, f"{where} has an invalid polygon that cannot be repaired"
                )
        geoms = geoms.copy()
        geoms[invalid] = repaired
        frame[frame.geometry.name] = geoms
        notes.append(f"repaired {int(invalid.sum())} invalid polygon(s) with make_valid")


def _check_filled(frame: pd.DataFrame, display: str, columns: Sequence[str]) -> None:
    for column in columns:
        blank = frame[column].isna() | (frame[column].astype("string").str.strip() == "")
        if blank.any():
            rows = ", ".join(str(i) for i in blank.to_numpy().nonzero()[0][:5])
            raise BoundaryFileError(display, f"field {column} is empty in feature(s) {rows}")


def _check_unique(frame: pd.DataFrame, display: str, pcode_col: str) -> None:
    pcodes = frame[pcode_col].astype("string").str.strip()
    duplicated = pcodes[pcodes.duplicated(keep=False)]
    if len(duplicated):
        first = duplicated.iloc[0]
        rows = ", ".join(str(i) for i in (pcodes == first).to_numpy().nonzero()[0])
        raise BoundaryFileError(display, f"duplicate p-code {first} (features {rows})")


def _dissolve_cercles(
    frame: gpd.GeoDataFrame, display: str, name_col: str, notes: list[str]
) -> gpd.GeoDataFrame:
    adm2_col = _column(frame, "ADM2_PCODE")
    adm1_col = _column(frame, "ADM1_PCODE")
    assert adm2_col is not None and adm1_col is not None
    _check_unique(frame, display, adm2_col)
    _check_filled(frame, display, [adm1_col])
    names = frame.groupby(adm1_col)[name_col].nunique()
    if (names > 1).any():
        pcode = names[names > 1].index[0]
        raise BoundaryFileError(display, f"cercles of {pcode} disagree on {name_col}")
    units = frame[[adm1_col, name_col, frame.geometry.name]].dissolve(
        by=adm1_col, aggfunc="first", as_index=False
    )
    notes.append(f"dissolved {len(frame)} cercles into {len(units)} admin-1 units")
    return units


def _resolve_units(
    frame: gpd.GeoDataFrame, display: str, pcode_col: str, name_col: str
) -> gpd.GeoDataFrame:
    """Resolve names through the alias table and build the output schema."""
    regions = load_regions()
    ref_by_pcode = regions.dropna(subset=["pcode"]).set_index("pcode")["region_id"]
    pcodes = frame[pcode_col].astype("string").str.strip().to_list()
    region_ids = []
    for pcode, name in zip(pcodes, frame[name_col], strict=True):
        try:
            region_id = resolve_region(str(name))
        except UnknownRegionError as err:
            raise BoundaryFileError(display, f"unit {pcode}: {err}") from err
        reference = regions.loc[region_id, "pcode"]
        owner = ref_by_pcode.get(pcode)
        if not pd.isna(reference) and reference != pcode:
            raise BoundaryFileError(
                display,
                f"unit {pcode} is named {name!r}, whose p-code is {reference} "
                "in the reference table (geo/regions.csv)",
            )
        if owner is not None and owner != region_id:
            raise BoundaryFileError(
                display,
                f"unit {pcode} is named {name!r}, but {pcode} is "
                f"{regions.loc[owner, 'name_fr']} in the reference table (geo/regions.csv)",
            )
        region_ids.append(region_id)
    declared = _column(frame, "REGION_ID")
    if declared is not None:
        given = frame[declared].astype("string").str.strip().fillna("").to_list()
        pairs = enumerate(zip(given, region_ids, strict=True))
        clash = [position for position, (a, b) in pairs if a != b]
        if clash:
            position = clash[0]
            raise BoundaryFileError(
                display,
                f"unit {pcodes[position]}: region_id {frame[declared].iloc[position]!r} "
                f"does not match its name {frame[name_col].iloc[position]!r}",
            )
    ref = regions.loc[region_ids]
    duplicated = ref["region_id"].duplicated(keep=False)
    if duplicated.any():
        clash = [p for p, d in zip(pcodes, duplicated, strict=True) if d]
        raise BoundaryFileError(
            display,
            f"units {', '.join(clash)} all resolve to region {ref['name_fr'][duplicated].iloc[0]}",
        )
    geometry = shapely.orient_polygons(frame.geometry.to_numpy(), exterior_cw=True)
    units = gpd.GeoDataFrame(
        {
            "pcode": pd.array(pcodes, dtype="string"),
            "region_id": pd.array(ref["region_id"].to_numpy(), dtype="string"),
            "name_fr": pd.array(ref["name_fr"].to_numpy(), dtype="string"),
            "name_en": pd.array(ref["name_en"].to_numpy(), dtype="string"),
            "level": pd.array([1] * len(pcodes), dtype="Int64"),
        },
        geometry=gpd.GeoSeries(geometry, crs=CRS),
    )
    return units.sort_values("pcode", ignore_index=True)[BOUNDARY_COLUMNS]


def _check_within_mali(units: gpd.GeoDataFrame, display: str) -> None:
    minx, miny, maxx, maxy = units.total_bounds
    bx0, by0, bx1, by1 = MALI_BOUNDS
    if not (bx0 <= minx and by0 <= miny and maxx <= bx1 and maxy <= by1):
        raise BoundaryFileError(
            display,
            f"features extend beyond Mali (bounds {minx:.2f}, {miny:.2f}, {maxx:.2f}, "
            f"{maxy:.2f}); is the CRS declared correctly?",
        )
