"""The admin-1 units of a boundary file resolved through the reference table of regions.

Each unit's name goes through the alias table of :mod:`geo.regions`; its p-code must agree
with the reference (``geo/regions.csv``), a declared ``region_id`` with its name, and no two
units may be one region. The result has the columns of :data:`data.contracts.BOUNDARIES`
(names from the reference table, so every map names a region the same way), sorted by
p-code, with clockwise exterior rings (what plotly's ``go.Choropleth`` needs).
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import shapely

from data.contracts import BOUNDARIES
from data.errors import excerpt
from geo.features import fail, field_named
from geo.readers import BoundaryFileError, shown
from geo.regions import UnknownRegionError, load_regions, resolve_region

CRS = "EPSG:4326"


def _region_id(display: str, position: int, pcode: str, name: object) -> str:
    """The region of one unit, its name and p-code checked against the reference table."""
    regions = load_regions()
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
            row=position,
        ) from err
    reference = regions.loc[region_id, "pcode"]
    owner = regions.dropna(subset=["pcode"]).set_index("pcode")["region_id"].get(pcode)
    if not pd.isna(reference) and reference != pcode:
        fail(
            display,
            "pcode_mismatch",
            f"unit {shown(pcode)} is named {excerpt(name)}, whose p-code is {reference} "
            "in the reference table (geo/regions.csv)",
            unit=shown(pcode),
            name=excerpt(name),
            reference=reference,
        )
    if owner is not None and owner != region_id:
        fail(
            display,
            "pcode_taken",
            f"unit {shown(pcode)} is named {excerpt(name)}, but {pcode} is "
            f"{regions.loc[owner, 'name_fr']} in the reference table (geo/regions.csv)",
            unit=shown(pcode),
            name=excerpt(name),
            owner=regions.loc[owner, "name_fr"],
        )
    return region_id


def _check_declared_ids(
    frame: gpd.GeoDataFrame, display: str, name_col: str, pcodes: list[str], region_ids: list[str]
) -> None:
    """A ``region_id`` field, when the file has one, agrees with each unit's name."""
    declared = field_named(frame, "REGION_ID")
    if declared is None:
        return
    given = frame[declared].astype("string").str.strip().fillna("").to_list()
    pairs = enumerate(zip(given, region_ids, strict=True))
    clash = [position for position, (a, b) in pairs if a != b]
    if clash:
        position = clash[0]
        unit = shown(pcodes[position])
        given_id = excerpt(frame[declared].iloc[position])
        name = excerpt(frame[name_col].iloc[position])
        fail(
            display,
            "region_id_mismatch",
            f"unit {unit}: region_id {given_id} does not match its name {name}",
            unit=unit,
            region_id=given_id,
            name=name,
        )


def _check_one_unit_per_region(display: str, pcodes: list[str], ref: pd.DataFrame) -> None:
    duplicated = ref["region_id"].duplicated(keep=False)
    if duplicated.any():
        units = ", ".join(shown(p) for p, d in zip(pcodes, duplicated, strict=True) if d)
        region = ref["name_fr"][duplicated].iloc[0]
        fail(
            display,
            "same_region",
            f"units {units} all resolve to region {region}",
            units=units,
            region=region,
        )


def resolve_units(
    frame: gpd.GeoDataFrame, display: str, pcode_col: str, name_col: str
) -> gpd.GeoDataFrame:
    """Resolve the units' names through the alias table and build the boundaries' columns.

    Raises
    ------
    BoundaryFileError
        An unknown region name, a p-code contradicting the reference table, a ``region_id``
        contradicting its unit's name, or two units naming one region.
    """
    pcodes = frame[pcode_col].astype("string").str.strip().to_list()
    region_ids = [
        _region_id(display, position, pcode, name)
        for position, (pcode, name) in enumerate(zip(pcodes, frame[name_col], strict=True))
    ]
    _check_declared_ids(frame, display, name_col, pcodes, region_ids)
    ref = load_regions().loc[region_ids]
    _check_one_unit_per_region(display, pcodes, ref)
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
    return units.sort_values("pcode", ignore_index=True)[list(BOUNDARIES.columns)]
