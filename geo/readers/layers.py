"""The layers of a boundary file, as the page lists them for the officer to pick one.

OCHA's all-levels COD-AB zip on HDX holds one shapefile per level (``mli_admbnda_adm0`` to
``adm3``, with lines and points layers), and a GeoPackage may hold several feature tables.
:class:`LayerInfo` describes one layer without reading its geometries; the listing itself is
:func:`geo.readers.list_layers` (the zip's and GeoPackage's checks apply as for reading).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from geo.readers.common import ADMIN_LEVEL

POLYGON, LINE, POINT = "polygon", "line", "point"
"""The kinds of geometry a layer may declare (:attr:`LayerInfo.geometry`)."""

SHAPE_TYPES = {5: POLYGON, 15: POLYGON, 25: POLYGON, 3: LINE, 13: LINE, 23: LINE}
SHAPE_TYPES |= dict.fromkeys((1, 8, 11, 18, 21, 28), POINT)
"""ESRI shape type (``.shp`` header) -> kind of geometry; 0 (null) and others: unknown."""

GPKG_TYPES = dict.fromkeys(("POLYGON", "MULTIPOLYGON", "CURVEPOLYGON", "MULTISURFACE"), POLYGON)
GPKG_TYPES |= dict.fromkeys(("LINESTRING", "MULTILINESTRING", "CIRCULARSTRING"), LINE)
GPKG_TYPES |= dict.fromkeys(("COMPOUNDCURVE", "MULTICURVE"), LINE)
GPKG_TYPES |= dict.fromkeys(("POINT", "MULTIPOINT"), POINT)
"""GeoPackage ``geometry_type_name`` -> kind of geometry; ``GEOMETRY`` and others: unknown."""


@dataclass(frozen=True)
class LayerInfo:
    """One layer of a boundary file.

    Attributes
    ----------
    name
        What the layer is listed and chosen by (``load_boundaries(..., layer=name)``): a
        shapefile's file name without ``.shp`` and folders (its path in the archive when two
        share a name), a GeoPackage table's name, a GeoJSON's file name without extension.
        Text from the file: data, never markup.
    features
        Number of features (records) the layer declares.
    level
        Admin level 1, 2 or 3 found by :func:`detect_level`; None for admin-0, lines,
        points or a layer without recognisable fields or name.
    fields
        The attribute names, in file order (text from the file).
    geometry
        ``"polygon"``, ``"line"``, ``"point"`` or None (not declared or mixed).
    """

    name: str
    features: int
    level: int | None
    fields: tuple[str, ...]
    geometry: str | None = None


def layer_names(stems: Sequence[str]) -> list[str]:
    """The names the shapefiles of a zip are listed and chosen by: each file name without its
    folders, or its whole path in the archive when two shapefiles share a file name."""
    bases = [Path(stem).name for stem in stems]
    return [
        base if bases.count(base) == 1 else stem for stem, base in zip(stems, bases, strict=True)
    ]


def single_layer_name(display: str) -> str:
    """The name of the one layer of a file without layer names (GeoJSON): its file name's stem."""
    return Path(display).stem or display


def detect_level(fields: Sequence[str], name: str, geometry: str | None) -> int | None:
    """The admin level (1, 2 or 3) of a layer, from its fields, else its name; None otherwise.

    ``ADM3_PCODE`` -> 3, ``ADM2_PCODE`` -> 2, ``ADM1_PCODE`` or ``pcode`` (the default
    shape) -> 1 (any case); else ``adm<digit>`` in the layer's name. Layers of lines or points
    (``geometry`` other than ``polygon``), and admin-0, have no level.
    """
    if geometry not in (None, POLYGON):
        return None
    upper = {str(field).upper() for field in fields}
    for level, field in ((3, "ADM3_PCODE"), (2, "ADM2_PCODE"), (1, "ADM1_PCODE"), (1, "PCODE")):
        if field in upper:
            return level
    if "ADM0_PCODE" in upper:
        return None
    found = ADMIN_LEVEL.findall(Path(name).name)
    named = int(found[-1]) if found else None
    return named if named in (1, 2, 3) else None
