"""Lighter outlines for maps of many units (53 cercles, ~700 communes), shared borders kept.

A map draws every vertex it is given: a commune file at full detail makes a figure of
megabytes. :func:`simplify_units` simplifies a set of units once, at load, keeping their
topology: when they form a polygonal coverage (no overlaps, shared borders vertex for vertex,
as COD-AB files are built), with ``shapely.coverage_simplify`` (GEOS >= 3.12, shapely >= 2.1;
a border shared by two units is simplified once, the same for both, so no gap or overlap
appears); otherwise each unit alone with ``simplify(preserve_topology=True)``. A unit whose
simplified shape is not a valid, non-empty polygon keeps its own shape.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import shapely

SIMPLIFY_TOLERANCE = {2: 0.01, 3: 0.005}
"""Tolerance in degrees by admin level (about 1.1 km for cercles, 550 m for communes): below
a pixel of a full-country map even 1920 pixels wide (Mali spans 17 degrees of longitude, a
pixel is 0.01 degrees or more), so the outlines look the same until zoomed far in."""

POLYGONAL = ("Polygon", "MultiPolygon")


class Simplified(NamedTuple):
    """The simplified geometries and what it did (for the ``simplified`` note)."""

    geometries: np.ndarray
    before: int
    after: int
    coverage: bool


def simplify_units(geometries: np.ndarray, tolerance: float) -> Simplified:
    """``geometries`` (polygons, EPSG:4326) simplified to ``tolerance`` degrees, topology kept.

    Parameters
    ----------
    geometries
        Valid Polygon/MultiPolygon geometries (repaired already), one per unit.
    tolerance
        Coverage simplification: roughly the square root of the largest triangle area
        removed; per unit: the largest distance a vertex may move.

    Returns
    -------
    Simplified, with the number of vertices before and after and whether the units were
    simplified as one coverage.
    """
    geoms = np.asarray(geometries, dtype=object)
    before = int(shapely.get_num_coordinates(geoms).sum())
    coverage = bool(len(geoms)) and bool(shapely.coverage_is_valid(geoms))
    if coverage:
        out = np.asarray(shapely.coverage_simplify(geoms, tolerance), dtype=object)
    else:
        out = np.asarray(shapely.simplify(geoms, tolerance, preserve_topology=True), dtype=object)
    kinds = shapely.get_type_id(out)
    polygonal = (kinds == shapely.GeometryType.POLYGON) | (
        kinds == shapely.GeometryType.MULTIPOLYGON
    )
    keep = ~(shapely.is_valid(out) & ~shapely.is_empty(out) & polygonal)
    out[keep] = geoms[keep]
    after = int(shapely.get_num_coordinates(out).sum())
    return Simplified(out, before, after, coverage)
