"""A coordinate reference system from WKT text only (``.prj``, ``gpkg_spatial_ref_sys``).

No PROJ strings, URLs, grid files or file paths: the text must be WKT, is checked before PROJ
parses it, is rebuilt from the EPSG registry when it matches an entry, and PROJ's network
access is off (:mod:`geo`). PROJ opens any file a WKT names (``PARAMETERFILE["…",
"/proc/self/environ"]`` in a ``BOUNDCRS``'s transformation, a ``+grids=`` of a PROJ-based
method), so such text is refused before it is parsed; a bound CRS (``BOUNDCRS``, WKT1
``TOWGS84``) is kept only when its transformation is one of the parameter-only methods of
:data:`BOUND_METHODS` (Helmert, Molodensky).
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
_PROJ4_EXTENSION = re.compile(r',\s*EXTENSION\s*\[\s*"PROJ4"\s*,\s*"[^"\]]*"\s*\]', re.I)
# What makes PROJ read a file or the network, refused anywhere in the text (any case):
# grid files of a transformation (PARAMETERFILE, WKT1 EXTENSION["PROJ4_GRIDS", …], the
# +grids/+nadgrids/+geoidgrids of a PROJ string), PROJ strings inside a method
# ("PROJ-based operation method: +proj=…", "+init=…"), URLs and e-mail-like references.
_FORBIDDEN = re.compile(
    r"PARAMETERFILE|EXTENSION|GRIDS|PROJ-based|\+\s*[a-z_]+\s*=|@|://|file:", re.I
)
# A quoted WKT string that names a file: an absolute, home, relative or Windows path, or a
# grid file's extension ("ntv2_0.gsb", "egm96_15.gtx").
_PATH = re.compile(
    r'"\s*(?:/|~|\.{1,2}[/\\]|[a-z]:[/\\]|\\\\)'
    r'|\.(?:gsb|gtx|gtg|tiff?|byn|las|los|lla|ct2|gvb|ntv[12]|nad|asc|gri|grd)\s*"',
    re.I,
)
BOUND_METHODS = frozenset(
    {
        "position vector transformation",
        "coordinate frame rotation",
        "geocentric translations",
        "molodensky",
        "abridged molodensky",
        "molodensky-badekas",
    }
)
"""Transformations a bound CRS may carry (parameters only, never a file); the suffixes
``(geog2D domain)``, ``(geocentric domain)`` and ``(geog3D domain)`` are allowed."""
_DOMAIN = re.compile(r"\s*\((?:geog2d|geog3d|geocentric) domain\)\Z")


class CrsReading(Reading):
    """A read that may meet a CRS definition."""

    def crs_from_wkt(self, text: str, where: str) -> pyproj.CRS:
        """A CRS from WKT only (no PROJ strings, URLs, grid files or paths); the network is off.

        A WKT1 ``EXTENSION["PROJ4", "…"]`` (GDAL writes one for EPSG:3857) is cut before
        PROJ sees the text; the rest must then match an EPSG entry, which is used instead.
        """
        if len(text) > MAX_WKT_CHARS or not _WKT.match(text):
            self._bad_crs(where)
        wkt = _PROJ4_EXTENSION.sub("", text)
        if _FORBIDDEN.search(wkt) or _PATH.search(wkt):
            self._bad_crs(where)
        try:
            crs = pyproj.CRS.from_wkt(wkt)
            if not _only_parameter_transformations(crs):
                self._bad_crs(where)
            authority = crs.to_authority(min_confidence=90)
            if authority is not None:  # rebuild from the registry: nothing custom carried over
                return pyproj.CRS.from_authority(*authority)
        except pyproj.exceptions.CRSError as err:
            self._bad_crs(where, err)
        if wkt != text:  # a custom CRS whose PROJ string was cut: not what the file meant
            self._bad_crs(where)
        return crs

    def _bad_crs(self, where: str, cause: BaseException | None = None) -> NoReturn:
        self.fail(
            "bad_crs",
            f"the CRS definition ({where}) is not a usable WKT coordinate reference system",
            cause=cause,
            where=where,
        )


def _only_parameter_transformations(crs: pyproj.CRS, depth: int = 0) -> bool:
    """Whether every bound part of ``crs`` (itself, the parts of a compound CRS) carries a
    transformation of :data:`BOUND_METHODS`, and no bound CRS is nested in another."""
    if depth > 2:
        return False
    if crs.is_bound:
        operation = crs.coordinate_operation
        method = _DOMAIN.sub("", (operation.method_name if operation else "").lower())
        if method not in BOUND_METHODS:
            return False
        source, target = crs.source_crs, crs.target_crs
        if source is None or target is None:
            return False
        return not source.is_bound and not target.is_bound
    return all(_only_parameter_transformations(part, depth + 1) for part in crs.sub_crs_list)
