"""Admin-2 cercles or admin-3 communes kept at their own level, and their admin-1 units.

``load_boundaries(..., keep_level=True)`` keeps the units of a COD-AB admin-2/3 file
(:func:`keep_units`) instead of dissolving them: one row per unit with its own p-code and
name, its admin-1 parent's p-code and the region of that parent (resolved through the
alias table and checked against ``geo/regions.csv`` as an admin-1 file is), simplified for
display (:mod:`geo.simplify`). :func:`admin1_units` dissolves such units into their admin-1
units (what an admin-1 file gives), for the choropleth they are drawn over.

DTM figures are reported per admin-1 region: nothing here carries a value to a cercle or a
commune (see :func:`geo.overlay.regional_overlay`).
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import shapely

from data.contracts import BOUNDARIES, Contract, check
from geo.features import (
    Note,
    check_filled,
    check_parent_names,
    check_unique,
    fail,
    field_list,
    field_named,
)
from geo.regions import load_regions
from geo.simplify import SIMPLIFY_TOLERANCE, simplify_units
from geo.units import CRS, resolve_units

SUB_UNITS = Contract(
    "sub-units",
    {
        "pcode": "string",
        "name_fr": "string",
        "name_en": "string",
        "parent_pcode": "string",
        "region_id": "string",
        "level": "Int64",
        "geometry": "geometry",
    },
)
"""``load_boundaries(..., keep_level=True)`` of an admin-2/3 file: one row per cercle or
commune, sorted by p-code. ``name_en`` is <NA> when the file has no English names;
``parent_pcode`` the admin-1 p-code the file gives, ``region_id`` that unit's region."""


def keep_units(
    frame: gpd.GeoDataFrame,
    display: str,
    pcode_col: str,
    parent_name_col: str,
    level: int,
    notes: list[Note],
) -> gpd.GeoDataFrame:
    """The admin-``level`` units of a COD-AB file at their own level (:data:`SUB_UNITS`).

    ``frame`` is read, in EPSG:4326, its geometries checked (repaired); ``pcode_col`` is
    ``ADM<level>_PCODE``, ``parent_name_col`` the admin-1 name field (``ADM1_FR``...).

    Raises
    ------
    BoundaryFileError
        No ``ADM<level>_FR``/``_EN`` name field, a missing value, a duplicate p-code, units
        of one admin-1 p-code naming it differently, or an admin-1 unit whose name or
        p-code contradicts the reference table (as for an admin-1 file).
    """
    adm1_col = field_named(frame, "ADM1_PCODE")
    assert adm1_col is not None  # detect_shape() requires it for admin-2/3 files
    own_fr = field_named(frame, f"ADM{level}_FR")
    own_en = field_named(frame, f"ADM{level}_EN")
    own = own_fr or own_en
    if own is None:
        found = field_list([str(c) for c in frame.columns if c != frame.geometry.name])
        fail(
            display,
            "missing_fields",
            f"missing required field(s) ADM{level}_FR or ADM{level}_EN for a cod-ab-adm{level} "
            f"file kept at its level; fields found: {found}",
            kind=f"cod-ab-adm{level}",
            missing=f"ADM{level}_FR or ADM{level}_EN",
            found=found,
        )
    check_unique(frame, display, pcode_col)
    check_filled(frame, display, [adm1_col, own])
    check_parent_names(frame, display, adm1_col, parent_name_col, level)
    parents = _parent_regions(frame, display, adm1_col, parent_name_col)

    simplified = simplify_units(frame.geometry.to_numpy(), SIMPLIFY_TOLERANCE[level])
    if simplified.after < simplified.before:
        notes.append(
            (
                "simplified",
                {"n": len(frame), "before": simplified.before, "after": simplified.after},
            )
        )
    parent_pcodes = frame[adm1_col].astype("string").str.strip()
    units = gpd.GeoDataFrame(
        {
            "pcode": frame[pcode_col].astype("string").str.strip().to_numpy(),
            "name_fr": _text(frame[own]),
            "name_en": _text(frame[own_en]) if own_en else pd.NA,
            "parent_pcode": parent_pcodes.to_numpy(),
            "region_id": parent_pcodes.map(parents).to_numpy(),
            "level": level,
        },
        geometry=gpd.GeoSeries(
            shapely.orient_polygons(simplified.geometries, exterior_cw=True), crs=CRS
        ),
    )
    units = units.astype(
        dict.fromkeys(("pcode", "name_fr", "name_en", "parent_pcode", "region_id"), "string")
    ).astype({"level": "Int64"})
    return check(units.sort_values("pcode", ignore_index=True), SUB_UNITS, "load_boundaries")


def _text(values: pd.Series) -> pd.Series:
    return values.astype("string").str.strip().to_numpy()


def _parent_regions(
    frame: gpd.GeoDataFrame, display: str, adm1_col: str, name_col: str
) -> dict[str, str]:
    """Admin-1 p-code -> region id, each admin-1 unit resolved as in an admin-1 file."""
    first = frame.assign(**{adm1_col: frame[adm1_col].astype("string").str.strip()})
    first = first.drop_duplicates(adm1_col).reset_index(drop=True)
    resolved = resolve_units(first, display, adm1_col, name_col)
    return dict(zip(resolved["pcode"], resolved["region_id"], strict=True))


def admin1_units(units: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Cercles or communes (:data:`SUB_UNITS`) dissolved into their admin-1 units.

    Returns the frame :func:`geo.boundaries.load_boundaries` gives for an admin-1 file
    (:data:`data.contracts.BOUNDARIES`, names from the reference table), with the units'
    ``source`` and ``notes`` plus ``("dissolved", {"n", "units", "level"})`` in ``attrs``.
    An admin-1 frame is returned as it is.
    """
    if list(units.columns) == list(BOUNDARIES.columns):
        return units
    check(units, SUB_UNITS, "admin1_units")
    display = str(units.attrs.get("source", "boundaries"))
    regions = load_regions()
    groups = units.groupby("parent_pcode", sort=True)
    parents = pd.DataFrame(
        {
            "pcode": list(groups.groups),
            "name_fr": [regions.loc[r, "name_fr"] for r in groups["region_id"].first()],
        }
    )
    geometry = [shapely.union_all(g.geometry.to_numpy()) for _, g in groups]
    frame = gpd.GeoDataFrame(parents, geometry=gpd.GeoSeries(geometry, crs=CRS))
    resolved = resolve_units(frame, display, "pcode", "name_fr")
    level = int(units["level"].iloc[0]) if len(units) else 0
    dissolved = ("dissolved", {"n": len(units), "units": len(resolved), "level": level})
    resolved.attrs = {
        "source": display,
        "kind": units.attrs.get("kind", f"cod-ab-adm{level}"),
        "notes": (*units.attrs.get("notes", ()), dissolved),
    }
    return check(resolved, BOUNDARIES, "admin1_units")
