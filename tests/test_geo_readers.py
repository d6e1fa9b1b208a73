"""geo.readers: GeoJSON, zipped shapefiles (pyshp) and GeoPackages parsed without GDAL.

Shapefiles are written in the tests with pyshp, GeoPackages with geopandas/GDAL: both are
our own trusted fixtures. Reading goes through the project's parsers only.
"""

from __future__ import annotations

import codecs
import io
import json
import re
import sqlite3
import zipfile
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyproj
import pytest
import shapefile
import shapely
from geopandas.testing import assert_geoseries_equal
from pandas.testing import assert_frame_equal

import geo.readers as readers
from geo.boundaries import DEFAULT_BOUNDARIES, BoundaryFileError, load_boundaries
from geo.readers import common as readers_common
from geo.readers import read_vector, sniff_format
from geo.readers import shapefiles as readers_shapefiles
from text import LANGS, has_label, is_plural, nt, t, template

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
EQUAL_AREA = "EPSG:6933"
COD_STEM = "mli_admbnda_adm{level}_1m_gov_20211220"
ESRI_WGS84 = pyproj.CRS.from_epsg(4326).to_wkt("WKT1_ESRI")


@pytest.fixture(scope="module")
def default() -> gpd.GeoDataFrame:
    return load_boundaries()


@pytest.fixture(scope="module")
def codab1() -> gpd.GeoDataFrame:
    """The 10 admin-1 units of the COD-AB fixture (with Ménaka), as loaded."""
    return load_boundaries(FIXTURES / "codab_adm1.geojson")


def refused(content: bytes, name: str = "upload", **kwargs) -> BoundaryFileError:
    """The BoundaryFileError raised for ``content``; also checks it can be worded."""
    with pytest.raises(BoundaryFileError) as caught:
        load_boundaries(content, name=name, **kwargs)
    err = caught.value
    assert str(err).startswith(f"{name}: ")
    assert "\n" not in str(err)
    for lang in LANGS:
        assert name in t(f"geo.error.{err.code}", lang, **err.params)
    return err


# --- pyshp fixtures -------------------------------------------------------------------------


def shapefile_parts(
    frame: gpd.GeoDataFrame,
    *,
    encoding: str = "utf-8",
    prj: str | None = ESRI_WGS84,
    cpg: str | None = None,
) -> dict[str, bytes]:
    """The .shp/.shx/.dbf (and .prj/.cpg) of a polygon layer, written with pyshp."""
    shp, shx, dbf = io.BytesIO(), io.BytesIO(), io.BytesIO()
    fields = [c for c in frame.columns if c != "geometry"]
    with shapefile.Writer(
        shp=shp, shx=shx, dbf=dbf, shapeType=shapefile.POLYGON, encoding=encoding
    ) as writer:
        for field in fields:
            writer.field(field, "C", 60)
        for row in frame.itertuples(index=False):
            geom = shapely.orient_polygons(row.geometry, exterior_cw=True)
            rings = []
            for polygon in shapely.get_parts(geom):
                rings.append([list(xy) for xy in polygon.exterior.coords])
                rings.extend([list(xy) for xy in ring.coords] for ring in polygon.interiors)
            writer.poly(rings)
            writer.record(*[str(getattr(row, f)) for f in fields])
    parts = {".shp": shp.getvalue(), ".shx": shx.getvalue(), ".dbf": dbf.getvalue()}
    if prj is not None:
        parts[".prj"] = prj.encode()
    if cpg is not None:
        parts[".cpg"] = cpg.encode()
    return parts


def zipped(layers: dict[str, dict[str, bytes]], extra: dict[str, bytes] | None = None) -> bytes:
    """A zip holding each layer's parts as ``<stem><ext>`` (and extra members)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for stem, parts in layers.items():
            for ext, content in parts.items():
                archive.writestr(stem + ext, content)
        for member, content in (extra or {}).items():
            archive.writestr(member, content)
    return out.getvalue()


def codab(frame: gpd.GeoDataFrame, level: int) -> gpd.GeoDataFrame:
    """COD-AB style attributes of one level of the fixture files."""
    columns = {0: ["ADM0_FR", "ADM0_PCODE"], 1: ["ADM1_FR", "ADM1_PCODE"]}
    columns[2] = ["ADM2_FR", "ADM2_PCODE", "ADM1_FR", "ADM1_PCODE"]
    return frame[[*columns[level], "geometry"]]


@pytest.fixture(scope="module")
def cod_levels() -> dict[int, gpd.GeoDataFrame]:
    """COD-AB-like layers 0, 1, 2 read (test side) from the GeoJSON fixtures."""
    adm1 = gpd.read_file(FIXTURES / "codab_adm1.geojson")
    adm2 = gpd.read_file(FIXTURES / "codab_adm2.geojson")
    adm0 = gpd.GeoDataFrame(
        {"ADM0_FR": ["Mali"], "ADM0_PCODE": ["ML"]},
        geometry=[shapely.union_all(adm1.geometry.to_numpy())],
        crs="EPSG:4326",
    )
    return {0: codab(adm0, 0), 1: codab(adm1, 1), 2: codab(adm2, 2)}


# --- format recognition ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (b'{"type": "FeatureCollection"}', "geojson"),
        (codecs.BOM_UTF8 + b' \r\n\t{"type": 1}', "geojson"),
        (b"[1, 2]", None),
        (b"PK\x03\x04rest", "zip"),
        (b"PK\x05\x06" + bytes(18), "zip"),
        (b"SQLite format 3\x00" + bytes(52) + b"GPKG" + bytes(28), "gpkg"),
        (b"SQLite format 3\x00" + bytes(52) + b"GP11" + bytes(28), "gpkg"),
        (b"SQLite format 3\x00" + bytes(84), "sqlite"),
        (b"<OGRVRTDataSource>", None),
        (b"pcode,name\nML01,Kayes\n", None),
        (b'<?xml version="1.0"?><kml/>', None),
        (b"\x00\x00\x27\x0a" + bytes(96), None),  # a bare .shp
        (b"", None),
    ],
)
def test_sniff_format_by_content(content, kind):
    assert sniff_format(content) == kind


# --- GeoJSON ---------------------------------------------------------------------------------


def test_geojson_reader_frame(default):
    frame = read_vector(DEFAULT_BOUNDARIES.read_bytes(), name="mli_adm1.geojson")
    assert list(frame.columns) == ["pcode", "region_id", "name_fr", "name_en", "geometry"]
    assert frame.crs == "EPSG:4326"
    assert frame["pcode"].to_list() == [f"ML0{i}" for i in range(1, 10)]
    assert frame.attrs == {"format": "geojson", "layer": None, "notes": ()}
    assert_geoseries_equal(frame.geometry, default.geometry, check_less_precise=True)


def test_geojson_with_bom(default):
    units = load_boundaries(codecs.BOM_UTF8 + DEFAULT_BOUNDARIES.read_bytes(), name="bom.json")
    assert units["pcode"].to_list() == default["pcode"].to_list()
    assert units.attrs["notes"] == ()


@pytest.mark.parametrize("crs_name", sorted(readers.WGS84_NAMES))
def test_geojson_crs_naming_wgs84_is_accepted(default, crs_name):
    doc = json.loads(DEFAULT_BOUNDARIES.read_text(encoding="utf-8"))
    doc["crs"] = {"type": "name", "properties": {"name": crs_name.upper()}}
    units = load_boundaries(json.dumps(doc).encode(), name="crs84.geojson")
    assert units.attrs["notes"] == ()
    assert_frame_equal(
        pd.DataFrame(units.drop(columns="geometry")), pd.DataFrame(default.drop(columns="geometry"))
    )


@pytest.mark.parametrize(
    ("crs", "shown"),
    [
        ({"type": "name", "properties": {"name": "EPSG:3857"}}, "'EPSG:3857'"),
        ({"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::32630"}}, None),
        ({"type": "link", "properties": {"href": "http://example.invalid/crs"}}, "link"),
        ({"type": "name"}, "None"),
        ("EPSG:4326", "str"),
    ],
)
def test_geojson_other_crs_is_refused(crs, shown):
    doc = json.loads(DEFAULT_BOUNDARIES.read_text(encoding="utf-8"))
    doc["crs"] = crs
    err = refused(json.dumps(doc).encode(), "crs.geojson")
    assert err.code == "boundary.crs_refused"
    expected = shown or "'urn:ogc:def:crs:EPSG::32630'"
    assert err.params == {"file": "crs.geojson", "crs": expected}


def test_geojson_single_feature_and_property_types():
    feature = {
        "type": "Feature",
        "properties": {
            "s": "Ségou",
            "i": 3,
            "f": 1.5,
            "b": True,
            "n": None,
            "nested": {"a": [1, "é"]},
            "list": [1, 2],
        },
        "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]},
    }
    frame = read_vector(json.dumps(feature).encode(), name="one.geojson")
    assert len(frame) == 1
    row = frame.iloc[0]
    assert (row["s"], row["i"], row["f"], row["b"]) == ("Ségou", 3, 1.5, True)
    assert pd.isna(row["n"])
    assert (row["nested"], row["list"]) == ('{"a": [1, "é"]}', "[1, 2]")
    assert row["geometry"].equals(shapely.Polygon([(0, 0), (1, 0), (1, 1)]))


def test_geojson_z_coordinates_are_dropped():
    ring = [[0, 0, 5], [1, 0, 5], [1, 1, 5], [0, 0, 5]]
    feature = {
        "type": "Feature",
        "properties": {},
        "geometry": {"type": "Polygon", "coordinates": [ring]},
    }
    frame = read_vector(json.dumps(feature).encode())
    assert not frame.geometry.iloc[0].has_z


def _with_coordinate(value) -> bytes:
    doc = json.loads(DEFAULT_BOUNDARIES.read_text(encoding="utf-8"))
    doc["features"][3]["geometry"]["coordinates"][0][2] = value
    return json.dumps(doc, allow_nan=True).encode()


@pytest.mark.parametrize(
    ("value", "code", "params"),
    [
        (float("nan"), "boundary.json_constant", {"token": "NaN"}),
        (float("inf"), "boundary.json_constant", {"token": "Infinity"}),
        ([-6.0, float("-inf")], "boundary.json_constant", {"token": "-Infinity"}),
        ([-6.0, "HUGE"], "boundary.not_finite", {"feature": 3}),  # 1e400 parses as inf
        ([200.0, 14.0], "boundary.out_of_range", {"feature": 3}),
        ([-6.0, -91], "boundary.out_of_range", {"feature": 3}),
        ([10**400, 14.0], "boundary.out_of_range", {"feature": 3}),
        (["-6.0", 14.0], "boundary.bad_coordinate", {"feature": 3}),
        ([True, 14.0], "boundary.bad_coordinate", {"feature": 3}),
        ([-6.0, None], "boundary.bad_coordinate", {"feature": 3}),
        ([-6.0, 14.0, 1.0, 2.0], "boundary.bad_geometry", {"feature": 3, "type": "Polygon"}),
        ([-6.0], "boundary.bad_geometry", {"feature": 3, "type": "Polygon"}),
        ("x", "boundary.bad_geometry", {"feature": 3, "type": "Polygon"}),
    ],
)
def test_geojson_bad_coordinates(value, code, params):
    raw = _with_coordinate(value).replace(b'"HUGE"', b"1e400")
    err = refused(raw, "coords.geojson")
    assert (err.code, err.params) == (code, {"file": "coords.geojson", **params})


def test_geojson_nesting_is_bounded():
    err = refused(b"[" * 1000 + b"]" * 1000, "deep.json")
    assert err.code == "boundary.unsupported_format"  # an array is not GeoJSON at all
    err = refused(b'{"a": ' + b"[" * 1000 + b"]" * 1000 + b"}", "deep.json")
    assert (err.code, err.params) == ("boundary.too_deep", {"file": "deep.json", "max": 32})
    err = refused(b'{"a": ' + b"[" * 40 + b"]" * 40 + b"}", "deep.json")
    assert (err.code, err.params) == ("boundary.too_deep", {"file": "deep.json", "max": 32})
    # Brackets inside strings do not count.
    doc = json.loads(DEFAULT_BOUNDARIES.read_text(encoding="utf-8"))
    doc["note"] = "[" * 100 + '"{'
    assert len(load_boundaries(json.dumps(doc).encode())) == 9


def test_feature_and_coordinate_limits(monkeypatch):
    raw = DEFAULT_BOUNDARIES.read_bytes()
    monkeypatch.setattr(readers_common, "MAX_FEATURES", 8)
    err = refused(raw, "many.geojson")
    assert (err.code, err.params) == (
        "boundary.too_many_features",
        {"file": "many.geojson", "max": 8},
    )
    monkeypatch.setattr(readers_common, "MAX_FEATURES", 10_000)
    monkeypatch.setattr(readers_common, "MAX_COORDINATES", 1000)
    err = refused(raw, "many.geojson")
    assert (err.code, err.params) == (
        "boundary.too_many_coordinates",
        {"file": "many.geojson", "max": 1000},
    )


@pytest.mark.parametrize(
    ("doc", "code", "params"),
    [
        ({"type": "FeatureCollection", "features": {}}, "boundary.bad_features", {}),
        ({"type": "FeatureCollection", "features": [1]}, "boundary.bad_feature", {"feature": 0}),
        (
            {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": []}]},
            "boundary.bad_feature",
            {"feature": 0},
        ),
        (
            {
                "type": "Feature",
                "properties": {},
                "geometry": {"type": "Circle", "coordinates": [0, 0]},
            },
            "boundary.bad_geometry",
            {"feature": 0, "type": "Circle"},
        ),
        (
            {"type": "Feature", "properties": {"geometry": 1}, "geometry": None},
            "boundary.reserved_field",
            {},
        ),
    ],
)
def test_geojson_bad_structure(doc, code, params):
    err = refused(json.dumps(doc).encode(), "s.geojson")
    assert (err.code, err.params) == (code, {"file": "s.geojson", **params})


def test_geojson_not_utf8():
    err = refused('{"type": "Feature", "properties": {"n": "Ségou"}}'.encode("latin-1"), "l.json")
    assert err.code == "boundary.not_utf8"
    assert str(err) == "l.json: not a GeoJSON: not UTF-8 text (invalid continuation byte)"


# --- zipped shapefiles ----------------------------------------------------------------------


def test_shapefile_zip_one_level(codab1, cod_levels):
    raw = zipped({COD_STEM.format(level=1): shapefile_parts(cod_levels[1])})
    frame = read_vector(raw, name="adm1.zip")
    assert list(frame.columns) == ["ADM1_FR", "ADM1_PCODE", "geometry"]
    assert frame.crs == "EPSG:4326"
    assert frame.attrs == {
        "format": "zip",
        "layer": "mli_admbnda_adm1_1m_gov_20211220",
        "notes": (),
    }
    units = load_boundaries(raw, name="adm1.zip")
    assert units["pcode"].to_list() == [f"ML{i:02d}" for i in range(1, 11)]
    assert units["name_fr"].to_list()[3] == "Ségou"
    assert units.attrs == {"source": "adm1.zip", "kind": "cod-ab-adm1", "notes": ()}
    assert_geoseries_equal(units.geometry, codab1.geometry, check_less_precise=True)


def test_shapefile_zip_all_levels_picks_admin1(codab1, cod_levels):
    layers = {COD_STEM.format(level=n): shapefile_parts(cod_levels[n]) for n in (2, 0, 1)}
    layers["mli_admbndl_adm1_1m_gov_20211220"] = shapefile_parts(cod_levels[1])  # lines
    raw = zipped(layers, extra={"README.txt": b"COD-AB", "mli.vrt": b"<OGRVRTDataSource/>"})
    units = load_boundaries(raw, name="mli_adm_1m_gov_20211220.zip")
    assert units.attrs["kind"] == "cod-ab-adm1"
    assert units.attrs["notes"] == (
        ("chose_layer", {"layer": "mli_admbnda_adm1_1m_gov_20211220", "count": 4}),
    )
    assert units["pcode"].to_list() == codab1["pcode"].to_list()


def test_shapefile_zip_admin2_only_is_dissolved(cod_levels):
    layers = {COD_STEM.format(level=n): shapefile_parts(cod_levels[n]) for n in (2, 0)}
    units = load_boundaries(zipped(layers), name="adm02.zip")
    assert units.attrs["kind"] == "cod-ab-adm2"
    assert units.attrs["notes"] == (
        ("chose_layer", {"layer": "mli_admbnda_adm2_1m_gov_20211220", "count": 2}),
        ("dissolved", {"n": 17, "units": 9, "level": 2}),
    )
    assert units["pcode"].to_list() == [f"ML0{i}" for i in range(1, 10)]


def test_shapefile_zip_several_layers_without_levels_is_ambiguous(cod_levels):
    raw = zipped({"a": shapefile_parts(cod_levels[1]), "b": shapefile_parts(cod_levels[1])})
    err = refused(raw, "two.zip")
    assert (err.code, err.params) == (
        "boundary.ambiguous_layers",
        {"file": "two.zip", "count": 2, "layers": "a, b"},
    )


def test_shapefile_cpg_latin1(cod_levels):
    parts = shapefile_parts(cod_levels[1], encoding="latin-1", cpg="ISO-8859-1")
    assert "Ségou".encode("latin-1") in parts[".dbf"]
    frame = read_vector(zipped({"adm1": parts}))
    assert frame["ADM1_FR"].to_list()[3] == "Ségou"
    assert frame.attrs["notes"] == ()


def test_shapefile_without_cpg_falls_back_to_latin1_and_says_so(cod_levels):
    parts = shapefile_parts(cod_levels[1], encoding="latin-1")
    units = load_boundaries(zipped({"adm1": parts}), name="latin.zip")
    assert units.attrs["notes"] == (("decoded_latin1", {}),)
    assert units.set_index("pcode").loc["ML04", "name_fr"] == "Ségou"


def test_shapefile_cpg_lies_or_is_unknown(cod_levels):
    lying = shapefile_parts(cod_levels[1], encoding="latin-1", cpg="UTF-8")
    assert refused(zipped({"adm1": lying}), "lie.zip").code == "boundary.bad_shapefile"
    unknown = shapefile_parts(cod_levels[1], cpg="KOI8-R")
    err = refused(zipped({"adm1": unknown}), "koi.zip")
    assert (err.code, err.params) == (
        "boundary.bad_encoding",
        {"file": "koi.zip", "encoding": "koi8-r"},
    )


def test_shapefile_in_utm_is_reprojected_and_noted(codab1, cod_levels):
    utm = cod_levels[1].to_crs("EPSG:32630")
    prj = pyproj.CRS.from_epsg(32630).to_wkt("WKT1_ESRI")
    units = load_boundaries(zipped({"adm1": shapefile_parts(utm, prj=prj)}), name="utm.zip")
    assert units.attrs["notes"] == (("reprojected", {"crs": "EPSG:32630"}),)
    assert_geoseries_equal(units.geometry, codab1.geometry, check_less_precise=True)


def test_shapefile_without_prj_is_assumed_wgs84_and_noted(cod_levels):
    units = load_boundaries(zipped({"adm1": shapefile_parts(cod_levels[1], prj=None)}))
    assert units.attrs["notes"] == (("assumed_wgs84", {}),)
    utm = cod_levels[1].to_crs("EPSG:32630")
    err = refused(zipped({"adm1": shapefile_parts(utm, prj=None)}), "noprj.zip")
    assert (err.code, err.params) == ("boundary.not_lonlat", {"file": "noprj.zip"})


def test_shapefile_self_intersection_is_repaired_and_noted(cod_levels):
    frame = cod_levels[1].copy()
    segou = frame.geometry.iloc[3]
    ring = list(segou.exterior.coords)
    ring.insert(2, ring[-3])  # a spike back to a later vertex: self-intersection
    frame.loc[frame.index[3], "geometry"] = shapely.Polygon(ring)
    assert not frame.geometry.iloc[3].is_valid
    units = load_boundaries(zipped({"adm1": shapefile_parts(frame)}), name="bowtie.zip")
    assert units.attrs["notes"] == (("repaired", {"n": 1}),)
    assert units.is_valid.all()
    assert len(units) == 10


def test_shapefile_broken_parts(cod_levels):
    parts = shapefile_parts(cod_levels[1])
    no_dbf = {k: v for k, v in parts.items() if k != ".dbf"}
    err = refused(zipped({"adm1": no_dbf}), "nodbf.zip")
    assert (err.code, err.params) == (
        "boundary.missing_part",
        {"file": "nodbf.zip", "part": ".dbf"},
    )
    truncated = {**parts, ".shp": parts[".shp"][:-10]}
    assert refused(zipped({"adm1": truncated}), "t.zip").code == "boundary.bad_shapefile"
    other = shapefile_parts(cod_levels[0])
    mixed = {**parts, ".dbf": other[".dbf"]}  # 1 record for 10 shapes
    err = refused(zipped({"adm1": mixed}), "mixed.zip")
    assert str(err) == "mixed.zip: the .dbf does not match the .shp (1 records for 10 shapes)"
    not_shp = {**parts, ".shp": b"x" * 200}
    assert refused(zipped({"adm1": not_shp}), "x.zip").code == "boundary.bad_shapefile"
    # A zip without a .shp, even named .json (an IndexError inside GDAL's path before).
    err = refused(zipped({}, {"readme.txt": b"hi"}), "boundaries.json")
    assert (err.code, err.params) == ("boundary.no_shapefile", {"file": "boundaries.json"})


def test_shapefile_without_shx_is_read(cod_levels):
    parts = {k: v for k, v in shapefile_parts(cod_levels[1]).items() if k != ".shx"}
    assert len(load_boundaries(zipped({"adm1": parts}))) == 10


def _zip_with(info: zipfile.ZipInfo, content: bytes = b"x") -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(info, content)
    return out.getvalue()


def test_zip_refusals(monkeypatch):
    err = refused(_zip_with(zipfile.ZipInfo("../../etc/a.shp")), "up.zip")
    assert (err.code, err.params) == (
        "boundary.zip_unsafe_path",
        {"file": "up.zip", "member": "'../../etc/a.shp'"},
    )
    assert (
        refused(_zip_with(zipfile.ZipInfo("C:/a.shp")), "c.zip").code == "boundary.zip_unsafe_path"
    )
    link = zipfile.ZipInfo("a.shp")
    link.external_attr = (0o120777 << 16) | 0
    err = refused(_zip_with(link, b"/etc/passwd"), "link.zip")
    assert (err.code, err.params) == (
        "boundary.zip_symlink",
        {"file": "link.zip", "member": "'a.shp'"},
    )
    plain = _zip_with(zipfile.ZipInfo("a.shp"))
    # zipfile cannot write encrypted members: set the "encrypted" flag bit in both headers.
    encrypted = plain.replace(b"PK\x03\x04\x14\x00\x00\x00", b"PK\x03\x04\x14\x00\x01\x00")
    encrypted = encrypted.replace(
        b"PK\x01\x02\x14\x03\x14\x00\x00\x00", b"PK\x01\x02\x14\x03\x14\x00\x01\x00"
    )
    assert zipfile.ZipFile(io.BytesIO(encrypted)).infolist()[0].flag_bits & 0x1
    assert refused(encrypted, "enc.zip").code == "boundary.zip_encrypted"
    many = zipped({}, {f"f{i}.txt": b"" for i in range(201)})
    err = refused(many, "many.zip")
    assert (err.code, err.params) == (
        "boundary.zip_too_many_members",
        {"file": "many.zip", "max": 200},
    )


def test_zip_bombs_are_refused(monkeypatch):
    bomb = zipped({}, {"a.shp": bytes(2 * 1024 * 1024)})  # 2 MiB of zeros: ratio ~ 500
    err = refused(bomb, "bomb.zip")
    assert (err.code, err.params) == ("boundary.zip_too_large", {"file": "bomb.zip", "max_mb": 200})
    monkeypatch.setattr(readers_shapefiles, "MAX_UNZIPPED_BYTES", 100_000)
    big = zipped({}, {"a.shp": bytes(60_000), "a.dbf": bytes(60_000)})
    assert refused(big, "big.zip").code == "boundary.zip_too_large"


def test_zip_member_larger_than_declared_is_not_read_past_its_size(cod_levels):
    raw = bytearray(zipped({"adm1": shapefile_parts(cod_levels[1])}))
    # Shrink the .dbf's declared uncompressed size in the central directory and local header.
    archive = zipfile.ZipFile(io.BytesIO(bytes(raw)))
    info = archive.getinfo("adm1.dbf")
    real = info.file_size.to_bytes(4, "little")
    fake = (info.file_size // 2).to_bytes(4, "little")
    assert raw.count(real) >= 2
    raw = bytearray(bytes(raw).replace(real, fake))
    err = refused(bytes(raw), "lie.zip")
    assert err.code == "boundary.zip_unreadable"


# --- GeoPackage -----------------------------------------------------------------------------


def gpkg_bytes(tmp_path: Path, layers: dict[str, gpd.GeoDataFrame], name: str = "t.gpkg") -> bytes:
    path = tmp_path / name
    for layer, frame in layers.items():
        frame.to_file(path, driver="GPKG", layer=layer)  # our own trusted fixture
    return path.read_bytes()


def test_geopackage_one_layer(tmp_path, codab1, cod_levels):
    raw = gpkg_bytes(tmp_path, {"adm1": cod_levels[1]})
    frame = read_vector(raw, name="adm1.gpkg")
    assert list(frame.columns) == ["fid", "ADM1_FR", "ADM1_PCODE", "geometry"]
    assert frame.crs == "EPSG:4326"
    assert frame.attrs == {"format": "gpkg", "layer": "adm1", "notes": ()}
    units = load_boundaries(raw, name="adm1.gpkg")
    assert units.attrs == {"source": "adm1.gpkg", "kind": "cod-ab-adm1", "notes": ()}
    assert units["pcode"].to_list() == [f"ML{i:02d}" for i in range(1, 11)]
    assert_geoseries_equal(units.geometry, codab1.geometry, check_less_precise=True)


def test_geopackage_all_levels_picks_admin1(tmp_path, cod_levels):
    layers = {COD_STEM.format(level=n): cod_levels[n] for n in (0, 1, 2)}
    units = load_boundaries(gpkg_bytes(tmp_path, layers), name="cod.gpkg")
    assert units.attrs["notes"] == (
        ("chose_layer", {"layer": "mli_admbnda_adm1_1m_gov_20211220", "count": 3}),
    )
    assert len(units) == 10


def test_geopackage_in_utm_is_reprojected(tmp_path, codab1, cod_levels):
    raw = gpkg_bytes(tmp_path, {"adm1": cod_levels[1].to_crs("EPSG:32630")})
    units = load_boundaries(raw, name="utm.gpkg")
    assert units.attrs["notes"] == (("reprojected", {"crs": "EPSG:32630"}),)
    assert_geoseries_equal(units.geometry, codab1.geometry, check_less_precise=True)


def _edit(raw: bytes, tmp_path: Path, *statements: str) -> bytes:
    """The GeoPackage after ``statements`` (triggers dropped: they call GDAL's ST_ functions)."""
    path = tmp_path / "edit.gpkg"
    path.write_bytes(raw)
    with sqlite3.connect(path) as db:
        triggers = db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall()
        for (trigger,) in triggers:
            db.execute(f'DROP TRIGGER "{trigger}"')
        for statement in statements:
            db.execute(statement)
    db.close()
    return path.read_bytes()


def test_geopackage_empty_and_broken_geometries(tmp_path, cod_levels):
    raw = gpkg_bytes(tmp_path, {"adm1": cod_levels[1]})
    empty = _edit(raw, tmp_path, "UPDATE adm1 SET geom = NULL WHERE ADM1_PCODE = 'ML03'")
    err = refused(empty, "e.gpkg")
    assert (err.code, err.params) == (
        "boundary.no_geometry",
        {"file": "e.gpkg", "feature": 2, "pcode": "ML03"},
    )
    broken = _edit(raw, tmp_path, "UPDATE adm1 SET geom = X'4750000300000000' WHERE fid = 2")
    assert refused(broken, "b.gpkg").code == "boundary.bad_wkb"
    huge = "4750000100000000" + "01" + "03000000" + "ffffff7f"  # a polygon claiming 2**31 rings
    broken = _edit(raw, tmp_path, f"UPDATE adm1 SET geom = X'{huge}' WHERE fid = 2")
    err = refused(broken, "h.gpkg")
    assert (err.code, err.params) == ("boundary.bad_wkb", {"file": "h.gpkg", "feature": 1})
    collection = "4750000100000000" + "01" + "07000000" + "00000000"
    broken = _edit(raw, tmp_path, f"UPDATE adm1 SET geom = X'{collection}' WHERE fid = 2")
    assert refused(broken, "gc.gpkg").code == "boundary.bad_wkb"


def test_geopackage_plain_sqlite_and_missing_tables(tmp_path):
    path = tmp_path / "plain.sqlite"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE t (a)")
    db.close()
    err = refused(path.read_bytes(), "plain.gpkg")
    assert err.code == "boundary.not_geopackage"
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA application_id = 1196444487")  # 'GPKG', but no GeoPackage tables
    db.close()
    err = refused(path.read_bytes(), "fake.gpkg")
    assert str(err) == "fake.gpkg: is not a readable GeoPackage (no gpkg_contents table)"


def test_geopackage_corrupt_bytes_are_refused(tmp_path, cod_levels):
    raw = bytearray(gpkg_bytes(tmp_path, {"adm1": cod_levels[1]}))
    raw[4096:8192] = b"\xff" * 4096  # a page of garbage
    assert refused(bytes(raw), "c.gpkg").code == "boundary.bad_geopackage"


# --- every code can be worded ---------------------------------------------------------------


def geo_source() -> str:
    """The source of every module of ``geo/`` (readers, boundaries, features, units...)."""
    paths = sorted((ROOT / "geo").rglob("*.py"))
    assert {"boundaries.py", "common.py", "shapefiles.py"} <= {path.name for path in paths}
    return "".join(path.read_text(encoding="utf-8") for path in paths)


def test_every_error_code_has_french_and_english_templates():
    source = geo_source()
    codes = set(re.findall(r'fail\(\s*(?:display,\s*)?"([a-z_0-9]+)"', source))
    codes |= set(re.findall(r'code="boundary\.([a-z_0-9]+)"', source))
    assert len(codes) >= 50
    for code in codes | {"invalid"}:
        key = f"geo.error.boundary.{code}"
        assert has_label(key), key
        assert "{file}" in template(key, "fr") and "{file}" in template(key, "en"), key


def test_every_note_code_has_templates():
    notes = {
        "assumed_wgs84": {},
        "reprojected": {"crs": "EPSG:32630"},
        "repaired": {"n": 2},
        "dissolved": {"n": 53, "units": 10, "level": 3},
        "chose_layer": {"layer": "adm1", "count": 4},
        "decoded_latin1": {},
        "simplified": {"n": 706, "before": 26122, "after": 21634},
    }
    source = geo_source()
    assert set(re.findall(r'notes\.append\(\s*\(\s*"([a-z_0-9]+)"', source)) == set(notes)
    assert t("geo.note.reprojected", "en", crs="EPSG:32630") == (
        "Reprojected from EPSG:32630 to longitude/latitude (EPSG:4326)."
    )
    assert t("geo.note.dissolved", "fr", **notes["dissolved"]) == (
        "53 unités d’admin-3 regroupées en 10 unités d’admin-1."
    )
    for code, params in notes.items():
        for lang in LANGS:
            key = f"geo.note.{code}"
            if is_plural(key):  # "1 polygon repaired" / "2 polygons repaired"
                rest = {name: value for name, value in params.items() if name != "n"}
                assert nt(key, int(params["n"]), lang, **rest)
            else:
                assert t(key, lang, **params)


def test_geopackage_corrupt_schema_with_non_utf8_message(tmp_path, cod_levels):
    # Found by fuzzing: SQLite's "malformed database schema" message quotes the bad token,
    # and CPython raises UnicodeDecodeError (not sqlite3.Error) when it is not UTF-8.
    raw = gpkg_bytes(tmp_path, {"adm1": cod_levels[1]})
    assert raw.count(b"feature_count - 1 WHERE") == 1
    corrupt = raw.replace(b"feature_count - 1 WHERE", b"feature_count - 1\x80WHERE")
    err = refused(corrupt, "schema.gpkg")
    assert (err.code, err.params) == ("boundary.bad_geopackage", {"file": "schema.gpkg"})
    assert isinstance(err.__cause__, UnicodeDecodeError)
