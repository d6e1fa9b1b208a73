"""Regional DTM values on a map of cercles or communes, never split across them.

DTM reports internally displaced people per admin-1 region. A map at admin-2/3 level keeps
the figures where they were reported: :func:`regional_overlay` joins the values onto the
admin-1 units (:func:`geo.join.join_regional_values`, rollups included) for the choropleth,
and gives the cercles or communes as outlines only, each with the admin-1 unit that holds its
parent region, for drawing and naming; no value column is ever attached to them.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import pandas as pd

from data.contracts import ANY, Contract, check
from geo.join import JoinResult, join_regional_values, unit_assignments
from geo.levels import SUB_UNITS

OUTLINES = Contract(
    "sub-unit outlines",
    {
        "pcode": "string",
        "name_fr": "string",
        "name_en": "string",
        "level": "Int64",
        "region_id": "string",
        "unit_pcode": "string",
        "geometry": "geometry",
    },
)
""":attr:`RegionalOverlay.outlines`: one row per cercle or commune; ``region_id`` is its
parent's region, ``unit_pcode`` the admin-1 unit of the map that holds that region."""

_SUB_INPUT = Contract("sub-units", dict.fromkeys(SUB_UNITS.columns, ANY))


@dataclass(frozen=True)
class RegionalOverlay:
    """What a map at admin-2/3 level draws.

    Attributes
    ----------
    regions
        The values joined onto the admin-1 units (:class:`geo.join.JoinResult`): the
        choropleth's fills, labels and hover figures.
    outlines
        The cercles or communes (:data:`OUTLINES`), to draw as light outlines over the
        choropleth: names and p-codes only, no values.
    level
        Their admin level (2 or 3).
    """

    regions: JoinResult
    outlines: gpd.GeoDataFrame
    level: int


def regional_overlay(
    units_at_level: gpd.GeoDataFrame,
    admin1: gpd.GeoDataFrame,
    values: pd.DataFrame,
    value_columns: list[str],
) -> RegionalOverlay:
    """Regional values on ``admin1`` and ``units_at_level`` as outlines (no values).

    Parameters
    ----------
    units_at_level
        ``load_boundaries(..., keep_level=True)`` of an admin-2/3 file (:data:`SUB_UNITS`).
    admin1
        The admin-1 units the values are drawn on: ``geo.levels.admin1_units(units_at_level)``
        (the same file's outlines) or any other admin-1 boundaries.
    values, value_columns
        As for :func:`geo.join.join_regional_values` (one row per DTM region).

    Raises
    ------
    RegionJoinError
        A DTM region, or the region of a cercle's parent, with no unit in ``admin1``; as
        :func:`geo.join.join_regional_values` for the values.
    """
    check(units_at_level, _SUB_INPUT, "regional_overlay", exact=False)
    regions = join_regional_values(admin1, values, value_columns)
    parent_regions = list(dict.fromkeys(units_at_level["region_id"].astype(str)))
    held = unit_assignments(admin1, parent_regions)
    unit_of = dict(zip(held["region_id"], held["pcode"], strict=True))
    outlines = gpd.GeoDataFrame(
        {
            "pcode": units_at_level["pcode"].astype("string"),
            "name_fr": units_at_level["name_fr"].astype("string"),
            "name_en": units_at_level["name_en"].astype("string"),
            "level": units_at_level["level"].astype("Int64"),
            "region_id": units_at_level["region_id"].astype("string"),
            "unit_pcode": units_at_level["region_id"].astype(str).map(unit_of).astype("string"),
        },
        geometry=units_at_level.geometry,
        crs=units_at_level.crs,
    ).reset_index(drop=True)
    levels = set(outlines["level"].dropna().astype(int))
    level = levels.pop() if len(levels) == 1 else 0
    return RegionalOverlay(regions, check(outlines, OUTLINES, "regional_overlay"), level)
