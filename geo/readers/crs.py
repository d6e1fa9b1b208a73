"""A coordinate reference system from WKT text only (``.prj``, ``gpkg_spatial_ref_sys``).

No PROJ strings, URLs or grid files: the text must be WKT, is rebuilt from the EPSG registry
when it matches an entry, and PROJ's network access is off (:mod:`geo`).
"""

from __future__ import annotations

import re
from typing import NoReturn

import pyproj

from geo.readers.common import Reading

MAX_WKT_CHARS = 64 * 1024
"""Longest CRS definition (``.prj`` or ``gpkg_spatial_ref_sys.definition``)."""

_WKT = re.compile(
    r"\s*(GEOGCS|PROJCS|GEOCCS|COMPD_CS|VERT_CS|LOCAL_CS|GEOGCRS|GEOGRAPHICCRS|PROJCRS|"
    r"PROJECTEDCRS|GEODCRS|GEODETICCRS|COMPOUNDCRS|BOUNDCRS|VERTCRS|ENGCRS)\s*\[",
    re.I,
)


class CrsReading(Reading):
    """A read that may meet a CRS definition."""

    def crs_from_wkt(self, text: str, where: str) -> pyproj.CRS:
        """A CRS from WKT only (no PROJ strings, URLs or grid files); the network is off."""
        if len(text) > MAX_WKT_CHARS or not _WKT.match(text):
            self._bad_crs(where)
        try:
            crs = pyproj.CRS.from_wkt(text)
            authority = crs.to_authority(min_confidence=90)
            if authority is not None:  # rebuild from the registry: nothing custom carried over
                return pyproj.CRS.from_authority(*authority)
        except pyproj.exceptions.CRSError as err:
            self._bad_crs(where, err)
        if re.search(r"EXTENSION|grids|@|://|file:", text, re.I):
            self._bad_crs(where)
        return crs

    def _bad_crs(self, where: str, cause: BaseException | None = None) -> NoReturn:
        self.fail(
            "bad_crs",
            f"the CRS definition ({where}) is not a usable WKT coordinate reference system",
            cause=cause,
            where=where,
        )
