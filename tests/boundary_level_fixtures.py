"""COD-AB-shaped admin-2/3 boundaries the tests build (no download): ~700 communes, 53 cercles.

The communes are the cells of a grid laid over Mali (cells of :data:`CELL` degrees whose
centre is in the COD-AB admin-1 fixture, ``tests/fixtures/codab_adm1.geojson``; Bamako, a
hole smaller than a cell, takes the cell around it). Each cell edge is a wavy line of
:data:`EDGE_POINTS` points shared vertex for vertex with the neighbouring cell, so the
communes form an exact polygonal coverage with enough detail for simplification to matter.
The communes of each region are split into :data:`CERCLES` cercles (west to east), 53 in
all. Fields as OCHA's COD-AB names them: ``ADM3_FR``, ``ADM3_PCODE``, ``ADM2_FR``,
``ADM2_PCODE``, ``ADM1_FR``, ``ADM1_PCODE``, ``ADM0_FR``, ``ADM0_PCODE``. Test data only.
"""

from __future__ import annotations

import math
from functools import cache
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

FIXTURES = Path(__file__).parent / "fixtures"
CELL = 0.39
"""Grid spacing in degrees."""
EDGE_POINTS = 10
"""Points per cell edge, both ends included."""
WAVE = 0.02
"""Largest offset of an edge's wave, in degrees."""
CERCLES = {
    "ML01": 7,
    "ML02": 7,
    "ML03": 7,
    "ML04": 7,
    "ML05": 8,
    "ML06": 5,
    "ML07": 4,
    "ML08": 4,
    "ML09": 1,
    "ML10": 3,
}
"""Cercles per admin-1 unit (53 in all)."""
COD_STEM = "mli_admbnda_adm{level}_1m_gov_20211220"


def _wave(i: int, j: int, horizontal: bool) -> np.ndarray:
    """The offsets across one edge (zero at both ends), varied per edge."""
    t = np.linspace(0.0, 1.0, EDGE_POINTS)
    phase = ((i * 7 + j * 13 + (3 if horizontal else 0)) % 5 - 2) / 2
    return WAVE * phase * np.sin(2 * math.pi * t) * np.sin(math.pi * t * 3)


def _edge(x0: float, y0: float, i: int, j: int, horizontal: bool) -> list[tuple[float, float]]:
    """The edge from node (i, j) to (i + 1, j) (horizontal) or (i, j + 1)."""
    t = np.linspace(0.0, 1.0, EDGE_POINTS)
    offsets = _wave(i, j, horizontal)
    x, y = x0 + i * CELL, y0 + j * CELL
    if horizontal:
        return [(round(x + CELL * s, 6), round(y + o, 6)) for s, o in zip(t, offsets, strict=True)]
    return [(round(x + o, 6), round(y + CELL * s, 6)) for s, o in zip(t, offsets, strict=True)]


def _cell(x0: float, y0: float, i: int, j: int) -> shapely.Polygon:
    """Cell (i, j): its four shared wavy edges, counter-clockwise."""
    bottom = _edge(x0, y0, i, j, True)
    right = _edge(x0, y0, i + 1, j, False)
    top = _edge(x0, y0, i, j + 1, True)[::-1]
    left = _edge(x0, y0, i, j, False)[::-1]
    return shapely.Polygon(bottom + right[1:] + top[1:] + left[1:])


@cache
def communes() -> gpd.GeoDataFrame:
    """The admin-3 communes (a fresh copy is :func:`communes_copy`)."""
    regions = gpd.read_file(FIXTURES / "codab_adm1.geojson")  # test side: trusted fixture
    minx, miny, maxx, maxy = regions.total_bounds
    columns, rows = math.ceil((maxx - minx) / CELL), math.ceil((maxy - miny) / CELL)
    cells = {(i, j): _cell(minx, miny, i, j) for i in range(columns) for j in range(rows)}
    centres = {
        key: shapely.Point(minx + (key[0] + 0.5) * CELL, miny + (key[1] + 0.5) * CELL)
        for key in cells
    }
    owner: dict[tuple[int, int], int] = {}
    for key, centre in centres.items():
        inside = [r for r, geom in enumerate(regions.geometry) if geom.contains(centre)]
        if inside:
            owner[key] = inside[0]
    for r, geom in enumerate(regions.geometry):
        if r not in owner.values():  # Bamako: smaller than a cell
            point = geom.representative_point()
            key = (int((point.x - minx) // CELL), int((point.y - miny) // CELL))
            owner[key] = r
    records = []
    for r, region in regions.iterrows():
        keys = sorted(k for k, owned in owner.items() if owned == r)  # west to east
        adm1 = region["ADM1_PCODE"]
        for number, group in enumerate(np.array_split(np.arange(len(keys)), CERCLES[adm1]), 1):
            adm2 = f"{adm1}{number:02d}"
            for index, position in enumerate(group, 1):
                records.append(
                    {
                        "ADM3_FR": f"Commune {adm2}{index:02d}",
                        "ADM3_PCODE": f"{adm2}{index:02d}",
                        "ADM2_FR": f"{region['ADM1_FR']} {number}",
                        "ADM2_PCODE": adm2,
                        "ADM1_FR": region["ADM1_FR"],
                        "ADM1_PCODE": adm1,
                        "ADM0_FR": "Mali",
                        "ADM0_PCODE": "ML",
                        "geometry": cells[keys[position]],
                    }
                )
    return gpd.GeoDataFrame(records, crs="EPSG:4326")


def communes_copy() -> gpd.GeoDataFrame:
    return communes().copy()


def level(frame: gpd.GeoDataFrame, by: str, fields: list[str]) -> gpd.GeoDataFrame:
    """``frame`` dissolved by ``by``, keeping ``fields`` (test side: geopandas)."""
    out = frame[[*fields, "geometry"]].dissolve(by=by, as_index=False, aggfunc="first")
    return out[[*fields, "geometry"]]


@cache
def cercles() -> gpd.GeoDataFrame:
    """The 53 admin-2 cercles."""
    fields = ["ADM2_FR", "ADM2_PCODE", "ADM1_FR", "ADM1_PCODE", "ADM0_FR", "ADM0_PCODE"]
    return level(communes(), "ADM2_PCODE", fields)


@cache
def regions_adm1() -> gpd.GeoDataFrame:
    """The 10 admin-1 units the communes make up."""
    return level(communes(), "ADM1_PCODE", ["ADM1_FR", "ADM1_PCODE", "ADM0_FR", "ADM0_PCODE"])


@cache
def country() -> gpd.GeoDataFrame:
    """Admin-0: one feature."""
    return level(communes(), "ADM0_PCODE", ["ADM0_FR", "ADM0_PCODE"])


def all_levels() -> dict[int, gpd.GeoDataFrame]:
    return {0: country(), 1: regions_adm1(), 2: cercles(), 3: communes()}


def dtm_values() -> pd.DataFrame:
    """Two DTM regions with figures (counts as the join takes them)."""
    return pd.DataFrame(
        {
            "region": ["Mopti", "Ménaka"],
            "idps_estimate": pd.array([100_000, 20_000], dtype="Int64"),
            "share": pd.array([0.5, 0.1], dtype="Float64"),
        }
    )
