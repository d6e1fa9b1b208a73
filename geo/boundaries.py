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
    ``n`` invalid polygons (self-intersections...) repaired with ``make_valid``.
``("dissolved", {"n": 17, "units": 9, "level": 2})``
    ``n`` admin-``level`` units dissolved into ``units`` admin-1 units.
``("chose_layer", {"layer": "mli_admbnda_adm1_1m", "count": 4})``
    The file held ``count`` layers; this one was used (see :mod:`geo.readers`).
``("decoded_latin1", {})``
    Shapefile text without a ``.cpg`` that is not UTF-8, decoded as Latin-1.

Every problem raises :class:`BoundaryFileError` with a ``code`` (``boundary.<problem>``,
worded through ``geo.error.<code>``) and ``params`` (always ``file``).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO, NoReturn

import geopandas as gpd
import numpy as np
import pandas as pd
import pyproj
import shapely

from data.errors import MAX_UPLOAD_BYTES, excerpt
from geo.readers import BoundaryFileError, check_size, read_vector, shown
from geo.regions import UnknownRegionError, load_regions, resolve_region

__all__ = [
    "BOUNDARY_COLUMNS",
    "CRS",
    "DEFAULT_BOUNDARIES",
    "MALI_BOUNDS",
    "BoundaryFileError",
    "BoundarySource",
    "load_boundaries",
]

DEFAULT_BOUNDARIES = Path(__file__).with_name("mli_adm1.geojson")
BOUNDARY_COLUMNS = ["pcode", "region_id", "name_fr", "name_en", "level", "geometry"]
CRS = "EPSG:4326"
MALI_BOUNDS = (-13.5, 9.0, 5.5, 26.0)
"""Generous lon/lat box around Mali (minx, miny, maxx, maxy), to catch a wrong CRS."""

BoundarySource = str | os.PathLike[str] | bytes | BinaryIO

# (kind, p-code field, name fields in order of preference); first match wins.
_SHAPES: list[tuple[str, str, tuple[str, ...]]] = [
    ("cod-ab-adm3", "ADM3_PCODE", ("ADM1_FR", "ADM1_EN")),
    ("cod-ab-adm2", "ADM2_PCODE", ("ADM1_FR", "ADM1_EN")),
    ("cod-ab-adm1", "ADM1_PCODE", ("ADM1_FR", "ADM1_EN")),
    ("default", "PCODE", ("NAME_FR", "NAME_EN")),
]
_POLYGONAL = {"Polygon", "MultiPolygon"}
_DISSOLVED = {"cod-ab-adm2": 2, "cod-ab-adm3": 3}
Note = tuple[str, dict[str, object]]


def _fail(display: str, code: str, problem: str, **params: object) -> NoReturn:
    raise BoundaryFileError(display, problem, code=f"boundary.{code}", params=params)


def load_boundaries(
    source: BoundarySource = DEFAULT_BOUNDARIES,
    *,
    name: str | None = None,
    max_bytes: int = MAX_UPLOAD_BYTES,
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

    Returns
    -------
    GeoDataFrame with columns :data:`BOUNDARY_COLUMNS`, one row per admin-1 unit.

    Raises
    ------
    BoundaryFileError
        Not a supported or readable file, too large, empty, missing fields, duplicate
        p-codes, non-polygon or missing geometry, coordinates that are not finite
        longitude/latitude, unknown region name, p-code contradicting the reference table.
    """
    display = _display_name(source, name)
    frame = read_vector(_read(source, display, max_bytes), name=display, max_bytes=max_bytes)
    notes: list[Note] = list(frame.attrs.get("notes", ()))
    if len(frame) == 0:
        _fail(display, "no_features", "contains no features")
    frame = _to_wgs84(frame, display, notes)
    kind, pcode_col, name_col = _detect_shape(frame, display)
    _check_geometries(frame, display, pcode_col, notes)
    _check_filled(frame, display, [pcode_col, name_col])
    if kind in _DISSOLVED:
        frame = _dissolve(frame, display, pcode_col, name_col, _DISSOLVED[kind], notes)
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


def _read(source: BoundarySource, display: str, max_bytes: int) -> bytes:
    """The content of a path or an upload, reading at most ``max_bytes`` + 1 bytes."""
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        if not path.is_file():
            _fail(display, "not_found", f"file not found ({path})")
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
        _fail(display, "not_binary", "expected binary content (bytes), got text")
    return bytes(data)


_WGS84_LONLAT = (pyproj.CRS.from_epsg(4326), pyproj.CRS.from_user_input("OGC:CRS84"))


def _to_wgs84(frame: gpd.GeoDataFrame, display: str, notes: list[Note]) -> gpd.GeoDataFrame:
    """Longitude/latitude in EPSG:4326, reprojecting (noted) or assuming it (noted)."""
    if frame.crs is None:
        if not _lonlat(frame):
            _fail(
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
        _fail(
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
        if kind in _DISSOLVED and _column(frame, "ADM1_PCODE") is None:
            missing.append("ADM1_PCODE")
        name_col = next((c for f in name_fields if (c := _column(frame, f))), None)
        if name_col is None:
            missing.append(" or ".join(name_fields))
        if missing:
            found = _field_list(fields)
            _fail(
                display,
                "missing_fields",
                f"missing required field(s) {', '.join(missing)} for a {kind} file; "
                f"fields found: {found}",
                kind=kind,
                missing=", ".join(missing),
                found=found,
            )
        return kind, pcode_col, name_col
    found = _field_list(fields)
    _fail(
        display,
        "no_known_fields",
        "missing required fields: expected pcode + name_fr (default file), "
        "ADM1_PCODE + ADM1_FR (COD-AB admin-1), ADM2_PCODE + ADM1_PCODE + ADM1_FR "
        "(COD-AB admin-2) or ADM3_PCODE + ADM1_PCODE + ADM1_FR (COD-AB admin-3); "
        f"fields found: {found}",
        found=found,
    )


def _field_list(fields: Sequence[str], shown_at_most: int = 12) -> str:
    """Field names of a file for a message: the first few, then how many more."""
    listed = ", ".join(shown(f) for f in fields[:shown_at_most]) or "none"
    extra = len(fields) - shown_at_most
    return listed + (f" and {extra} more" if extra > 0 else "")


def _feature(frame: pd.DataFrame, position: int, pcode_col: str) -> tuple[str, str]:
    """'feature 3 (ML04)' for messages, and the p-code alone ('?' when missing) for params."""
    pcode = frame[pcode_col].iloc[position]
    if pd.isna(pcode):
        return f"feature {position}", "?"
    return f"feature {position} ({shown(pcode)})", shown(pcode)


def _check_geometries(
    frame: gpd.GeoDataFrame, display: str, pcode_col: str, notes: list[Note]
) -> None:
    """Polygonal, non-empty geometries; invalid ones are repaired in place (noted)."""
    geoms = frame.geometry.to_numpy()
    for position, geom in enumerate(geoms):
        if geom is None or geom.is_empty:
            where, pcode = _feature(frame, position, pcode_col)
            _fail(display, "no_geometry", f"{where} has no geometry", feature=position, pcode=pcode)
        if geom.geom_type not in _POLYGONAL:
            where, pcode = _feature(frame, position, pcode_col)
            _fail(
                display,
                "not_polygon",
                f"{where} has geometry type {geom.geom_type}; "
                "boundaries must be Polygon or MultiPolygon",
                feature=position,
                pcode=pcode,
                type=geom.geom_type,
            )
    invalid = ~shapely.is_valid(geoms)
    if invalid.any():
        repaired = shapely.make_valid(geoms[invalid], method="structure", keep_collapsed=False)
        for position, geom in zip(invalid.nonzero()[0], repaired, strict=True):
            if geom.is_empty or geom.geom_type not in _POLYGONAL:
                where, pcode = _feature(frame, int(position), pcode_col)
                _fail(
                    display,
                    "unrepairable",
                    f"{where} has an invalid polygon that cannot be repaired",
                    feature=int(position),
                    pcode=pcode,
                )
        geoms = geoms.copy()
        geoms[invalid] = repaired
        frame[frame.geometry.name] = geoms
        notes.append(("repaired", {"n": int(invalid.sum())}))


def _check_filled(frame: pd.DataFrame, display: str, columns: Sequence[str]) -> None:
    for column in columns:
        blank = frame[column].isna() | (frame[column].astype("string").str.strip() == "")
        if blank.any():
            rows = ", ".join(str(i) for i in blank.to_numpy().nonzero()[0][:5])
            _fail(
                display,
                "empty_field",
                f"field {shown(column)} is empty in feature(s) {rows}",
                field=shown(column),
                features=rows,
            )


def _check_unique(frame: pd.DataFrame, display: str, pcode_col: str) -> None:
    pcodes = frame[pcode_col].astype("string").str.strip()
    duplicated = pcodes[pcodes.duplicated(keep=False)]
    if len(duplicated):
        first = duplicated.iloc[0]
        rows = ", ".join(str(i) for i in (pcodes == first).to_numpy().nonzero()[0][:10])
        _fail(
            display,
            "duplicate_pcode",
            f"duplicate p-code {shown(first)} (features {rows})",
            pcode=shown(first),
            features=rows,
        )


def _dissolve(
    frame: gpd.GeoDataFrame,
    display: str,
    pcode_col: str,
    name_col: str,
    level: int,
    notes: list[Note],
) -> gpd.GeoDataFrame:
    """Dissolve admin-2 cercles or admin-3 communes into their admin-1 units (noted)."""
    adm1_col = _column(frame, "ADM1_PCODE")
    assert adm1_col is not None
    _check_unique(frame, display, pcode_col)
    _check_filled(frame, display, [adm1_col])
    names = frame.groupby(adm1_col)[name_col].nunique()
    if (names > 1).any():
        pcode = shown(names[names > 1].index[0])
        _fail(
            display,
            "names_disagree",
            f"admin-{level} units of {pcode} disagree on {shown(name_col)}",
            pcode=pcode,
            field=shown(name_col),
        )
    units = frame[[adm1_col, name_col, frame.geometry.name]].dissolve(
        by=adm1_col, aggfunc="first", as_index=False
    )
    notes.append(("dissolved", {"n": len(frame), "units": len(units), "level": level}))
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
            hint = ", ".join(err.suggestions)
            raise BoundaryFileError(
                display,
                f"unit {shown(pcode)}: unknown region name {excerpt(name)}"
                + (f"; closest known names: {hint}" if hint else ""),
                code="boundary.unknown_region",
                params={"unit": shown(pcode), "name": excerpt(name), "suggestions": hint},
            ) from err
        reference = regions.loc[region_id, "pcode"]
        owner = ref_by_pcode.get(pcode)
        if not pd.isna(reference) and reference != pcode:
            _fail(
                display,
                "pcode_mismatch",
                f"unit {shown(pcode)} is named {excerpt(name)}, whose p-code is {reference} "
                "in the reference table (geo/regions.csv)",
                unit=shown(pcode),
                name=excerpt(name),
                reference=reference,
            )
        if owner is not None and owner != region_id:
            _fail(
                display,
                "pcode_taken",
                f"unit {shown(pcode)} is named {excerpt(name)}, but {pcode} is "
                f"{regions.loc[owner, 'name_fr']} in the reference table (geo/regions.csv)",
                unit=shown(pcode),
                name=excerpt(name),
                owner=regions.loc[owner, "name_fr"],
            )
        region_ids.append(region_id)
    declared = _column(frame, "REGION_ID")
    if declared is not None:
        given = frame[declared].astype("string").str.strip().fillna("").to_list()
        pairs = enumerate(zip(given, region_ids, strict=True))
        clash = [position for position, (a, b) in pairs if a != b]
        if clash:
            position = clash[0]
            unit = shown(pcodes[position])
            given_id = excerpt(frame[declared].iloc[position])
            name = excerpt(frame[name_col].iloc[position])
            _fail(
                display,
                "region_id_mismatch",
                f"unit {unit}: region_id {given_id} does not match its name {name}",
                unit=unit,
                region_id=given_id,
                name=name,
            )
    ref = regions.loc[region_ids]
    duplicated = ref["region_id"].duplicated(keep=False)
    if duplicated.any():
        clash = ", ".join(shown(p) for p, d in zip(pcodes, duplicated, strict=True) if d)
        region = ref["name_fr"][duplicated].iloc[0]
        _fail(
            display,
            "same_region",
            f"units {clash} all resolve to region {region}",
            units=clash,
            region=region,
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
        bounds = f"{minx:.2f}, {miny:.2f}, {maxx:.2f}, {maxy:.2f}"
        _fail(
            display,
            "outside_mali",
            f"features extend beyond Mali (bounds {bounds}); is the CRS declared correctly?",
            bounds=bounds,
        )
