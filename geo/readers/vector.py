"""Reading a boundary file's bytes: recognise the format by content, then parse or list it.

See :mod:`geo.readers` for what is accepted and how; :func:`read_vector` and
:func:`list_layers` are the entry points.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

import geopandas as gpd

from data.errors import MAX_UPLOAD_BYTES
from geo.readers.common import ACCEPTED, BoundaryFileError, check_size, sniff_format
from geo.readers.geojson import GeoJSONReading
from geo.readers.geopackage import GeoPackageReading
from geo.readers.layers import POLYGON, LayerInfo, detect_level, single_layer_name
from geo.readers.shapefiles import ShapefileReading

_LOG = logging.getLogger("geo.readers")
Result = TypeVar("Result")


class _Reading(GeoJSONReading, ShapefileReading, GeoPackageReading):
    """One read, able to parse each accepted format."""

    def geojson_read(self, data: bytes) -> gpd.GeoDataFrame:
        """A GeoJSON, whose one layer is named after the file (:func:`single_layer_name`)."""
        listed = [single_layer_name(self.display)]
        if self.wanted is not None and self.wanted not in listed:
            self.unknown_layer(listed)
        return self.geojson(data)

    def geojson_layers(self, data: bytes) -> list[LayerInfo]:
        frame = self.geojson(data)
        name = single_layer_name(self.display)
        fields = tuple(str(c) for c in frame.columns if c != frame.geometry.name)
        types = set(frame.geometry.dropna().geom_type)
        geometry = POLYGON if types and types <= {"Polygon", "MultiPolygon"} else None
        return [LayerInfo(name, len(frame), detect_level(fields, name, geometry), fields, geometry)]


def _parse(
    reading: _Reading,
    data: bytes,
    max_bytes: int,
    handlers: dict[str, Callable[[bytes], Result]],
) -> Result:
    """Checks shared by every entry point, then the handler of the format found."""
    if isinstance(data, bytearray | memoryview):
        data = bytes(data)
    if not isinstance(data, bytes):
        reading.fail("not_binary", "expected binary content (bytes), got text")
    check_size(len(data), max_bytes, reading.display)
    if not data.strip():
        reading.fail("empty", "is empty (no content)")
    kind = sniff_format(data)
    try:
        if kind in handlers:
            return handlers[kind](data)
        if kind == "sqlite":
            reading.fail("not_geopackage", "is an SQLite database but not a GeoPackage")
        reading.fail("unsupported_format", f"not a supported boundary file; expected {ACCEPTED}")
    except BoundaryFileError:
        raise
    except (MemoryError, RecursionError) as err:
        reading.fail("too_complex", "is too large or too complex to read", cause=err)
    except Exception as err:  # a parser bug on foreign bytes must still be a refusal
        _LOG.warning("unexpected error while reading %s", reading.display, exc_info=True)
        reading.fail("unreadable", "could not be read", cause=err)


def read_vector(
    data: bytes,
    *,
    name: str = "uploaded boundary file",
    max_bytes: int = MAX_UPLOAD_BYTES,
    layer: str | None = None,
) -> gpd.GeoDataFrame:
    """Parse a boundary file's content into a GeoDataFrame.

    Parameters
    ----------
    data
        The file's content.
    name
        Display name used in messages.
    max_bytes
        Largest accepted size (pages pass ``CRP_DASHBOARD_MAX_UPLOAD_MB`` here).
    layer
        The layer to read, by its :attr:`LayerInfo.name` (see :func:`list_layers`); None
        reads the only layer, or the lowest admin level of several (noted ``chose_layer``).

    Returns
    -------
    GeoDataFrame with one column per property and ``geometry`` (None where a feature has
    none); CRS EPSG:4326 for GeoJSON, the declared CRS or None for the other formats.
    ``attrs`` holds ``format``, ``layer`` and ``notes`` (``(code, params)`` pairs).

    Raises
    ------
    BoundaryFileError
        For every problem, whatever the bytes; ``boundary.unknown_layer`` (naming the
        layers the file holds) when ``layer`` is not one of them.
    """
    reading = _Reading(name, layer)
    frame = _parse(
        reading,
        data,
        max_bytes,
        {
            "geojson": reading.geojson_read,
            "zip": reading.zipped_shapefile,
            "gpkg": lambda raw: reading.geopackage(raw, max_bytes),
        },
    )
    frame.attrs = {
        "format": sniff_format(data),
        "layer": reading.layer,
        "notes": tuple(reading.notes),
    }
    return frame


def list_layers(
    data: bytes, *, name: str = "uploaded boundary file", max_bytes: int = MAX_UPLOAD_BYTES
) -> list[LayerInfo]:
    """The layers of a boundary file, for the officer to pick one (:class:`LayerInfo`).

    A zip lists each shapefile (OCHA's all-levels COD-AB zip: admin-0 to admin-3, lines,
    points), a GeoPackage each plain feature table, a GeoJSON its one layer; geometries are
    not read (a GeoJSON's are parsed, it has no other index). The zip and GeoPackage
    checks of :func:`read_vector` apply.

    Raises
    ------
    BoundaryFileError
        As :func:`read_vector`, for a file that cannot be listed.
    """
    reading = _Reading(name)
    return _parse(
        reading,
        data,
        max_bytes,
        {
            "geojson": reading.geojson_layers,
            "zip": reading.zip_layers,
            "gpkg": lambda raw: reading.geopackage_layers(raw, max_bytes),
        },
    )
