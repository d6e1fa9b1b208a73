"""Reading a boundary file's bytes: recognise the format by content, then parse it.

See :mod:`geo.readers` for what is accepted and how; :func:`read_vector` is the entry point.
"""

from __future__ import annotations

import logging

import geopandas as gpd

from data.errors import MAX_UPLOAD_BYTES
from geo.readers.common import ACCEPTED, BoundaryFileError, check_size, sniff_format
from geo.readers.geojson import GeoJSONReading
from geo.readers.geopackage import GeoPackageReading
from geo.readers.shapefiles import ShapefileReading

_LOG = logging.getLogger("geo.readers")


class _Reading(GeoJSONReading, ShapefileReading, GeoPackageReading):
    """One read, able to parse each accepted format."""


def read_vector(
    data: bytes, *, name: str = "uploaded boundary file", max_bytes: int = MAX_UPLOAD_BYTES
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

    Returns
    -------
    GeoDataFrame with one column per property and ``geometry`` (None where a feature has
    none); CRS EPSG:4326 for GeoJSON, the declared CRS or None for the other formats.
    ``attrs`` holds ``format``, ``layer`` and ``notes`` (``(code, params)`` pairs).

    Raises
    ------
    BoundaryFileError
        For every problem, whatever the bytes.
    """
    reading = _Reading(name)
    if isinstance(data, bytearray | memoryview):
        data = bytes(data)
    if not isinstance(data, bytes):
        reading.fail("not_binary", "expected binary content (bytes), got text")
    check_size(len(data), max_bytes, name)
    if not data.strip():
        reading.fail("empty", "is empty (no content)")
    kind = sniff_format(data)
    try:
        if kind == "geojson":
            frame = reading.geojson(data)
        elif kind == "zip":
            frame = reading.zipped_shapefile(data)
        elif kind == "gpkg":
            frame = reading.geopackage(data, max_bytes)
        elif kind == "sqlite":
            reading.fail("not_geopackage", "is an SQLite database but not a GeoPackage")
        else:
            reading.fail(
                "unsupported_format", f"not a supported boundary file; expected {ACCEPTED}"
            )
    except BoundaryFileError:
        raise
    except (MemoryError, RecursionError) as err:
        reading.fail("too_complex", "is too large or too complex to read", cause=err)
    except Exception as err:  # a parser bug on foreign bytes must still be a refusal
        _LOG.warning("unexpected error while reading %s", name, exc_info=True)
        reading.fail("unreadable", "could not be read", cause=err)
    frame.attrs = {"format": kind, "layer": reading.layer, "notes": tuple(reading.notes)}
    return frame
