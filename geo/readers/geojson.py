"""GeoJSON: parsed with :func:`json.loads` (no NaN/Infinity, nesting bounded), never GDAL.

Every coordinate is checked to be a finite longitude/latitude before shapely sees it. A
``crs`` member is accepted only when it names WGS84 longitude/latitude (:data:`WGS84_NAMES`);
links are refused, never fetched. Properties become columns; nested objects and arrays are
kept as their JSON text.
"""

from __future__ import annotations

import json
import re
from typing import NoReturn

import geopandas as gpd
import numpy as np

from data.errors import excerpt
from geo.readers.common import Reading, shown

MAX_JSON_DEPTH = 32
"""Deepest nesting of JSON arrays/objects (a MultiPolygon in a FeatureCollection is 8)."""

WGS84_NAMES = frozenset(
    name.lower()
    for name in (
        "urn:ogc:def:crs:OGC:1.3:CRS84",
        "urn:ogc:def:crs:OGC::CRS84",
        "EPSG:4326",
        "urn:ogc:def:crs:EPSG::4326",
        "urn:ogc:def:crs:EPSG:6.6:4326",
    )
)
"""``crs`` names a GeoJSON may declare (compared case-insensitively): WGS84 lon/lat."""

_JSON_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.S)


class GeoJSONReading(Reading):
    """A read of GeoJSON text."""

    def geojson(self, data: bytes) -> gpd.GeoDataFrame:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as err:
            self.fail("not_utf8", f"not a GeoJSON: not UTF-8 text ({err.reason})", cause=err)
        try:
            doc = json.loads(text, parse_constant=self._json_constant)
        except json.JSONDecodeError as err:
            self.fail(
                "invalid_json",
                f"not a GeoJSON: invalid JSON at line {err.lineno}, column {err.colno}",
                cause=err,
                line=err.lineno,
                column=err.colno,
            )
        except RecursionError as err:
            self._too_deep(err)
        if _json_depth(data) > MAX_JSON_DEPTH:
            self._too_deep()
        kind = doc.get("type") if isinstance(doc, dict) else type(doc).__name__
        if kind == "Feature":
            features = [doc]
        elif kind == "FeatureCollection":
            features = doc.get("features")
            if not isinstance(features, list):
                self.fail("bad_features", "'features' is not a list of features")
        else:
            self.fail(
                "not_feature_collection",
                f"not a GeoJSON FeatureCollection (top-level type is {excerpt(kind)})",
                type=excerpt(kind),
            )
        self._check_crs(doc.get("crs"))
        self._check_count(len(features))
        rows, geoms = [], []
        for index, feature in enumerate(features):
            if not isinstance(feature, dict) or feature.get("type") != "Feature":
                self.fail("bad_feature", f"feature {index} is not a GeoJSON Feature", feature=index)
            self._check_crs(feature.get("crs"))
            properties = feature.get("properties")
            if properties is None:
                properties = {}
            if not isinstance(properties, dict):
                self.fail(
                    "bad_feature", f"feature {index}: 'properties' is not an object", feature=index
                )
            rows.append(properties)
            geoms.append(self.geometry(feature.get("geometry"), index, lonlat=True))
        return self.frame(rows, geoms, "EPSG:4326")

    def _too_deep(self, cause: BaseException | None = None) -> NoReturn:
        self.fail(
            "too_deep",
            f"JSON nested too deeply (more than {MAX_JSON_DEPTH} levels)",
            cause=cause,
            max=MAX_JSON_DEPTH,
        )

    def _json_constant(self, token: str) -> NoReturn:
        self.fail(
            "json_constant",
            f"not a GeoJSON: JSON holds {token}, which is not a number",
            token=token,
        )

    def _check_crs(self, crs: object) -> None:
        """Absent, null or a WGS84 name; a link or any other CRS is refused, never fetched."""
        if crs is None:
            return
        if isinstance(crs, dict) and crs.get("type") == "name":
            properties = crs.get("properties")
            name = properties.get("name") if isinstance(properties, dict) else None
            if isinstance(name, str) and name.strip().lower() in WGS84_NAMES:
                return
            self.fail(
                "crs_refused",
                f"declares the CRS {shown(name)}; GeoJSON boundaries must be in "
                "longitude/latitude (WGS84, RFC 7946): remove the 'crs' member or reproject",
                crs=shown(name),
            )
        kind = crs.get("type") if isinstance(crs, dict) else type(crs).__name__
        self.fail(
            "crs_refused",
            f"declares a CRS of type {shown(kind)}, which is not accepted (links are never "
            "followed); GeoJSON boundaries must be in longitude/latitude (WGS84, RFC 7946)",
            crs=shown(kind),
        )


def _json_depth(data: bytes) -> int:
    """Deepest nesting of arrays/objects in valid JSON text, brackets in strings ignored.

    Only for text :func:`json.loads` accepted: every string is closed, so the string pattern
    matches in linear time.
    """
    bare = np.frombuffer(_JSON_STRING.sub(b'""', data), dtype=np.uint8)
    opens = (bare == ord("[")) | (bare == ord("{"))
    brackets = np.flatnonzero(opens | (bare == ord("]")) | (bare == ord("}")))
    steps = np.where(opens[brackets], 1, -1).astype(np.int32)
    return int(np.cumsum(steps).max(initial=0))
