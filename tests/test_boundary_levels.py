"""Boundary files at admin-1, -2 or -3: listed by layer, mapped at their level or dissolved.

Fixtures are built by the tests (``tests/boundary_level_fixtures.py``: 706 communes on a grid
inside Mali, 53 cercles, 10 admin-1 units, COD-AB field names); nothing is downloaded.
"""

from __future__ import annotations

import io
import zipfile

import geopandas as gpd
import pandas as pd
import pyproj
import pytest
import shapefile
import shapely
from geopandas.testing import assert_geodataframe_equal
from pandas.testing import assert_frame_equal

from components.upload_notes import boundary_notes
from data.contracts import BOUNDARIES
from geo.boundaries import BoundaryFileError, LayerInfo, list_layers, load_boundaries
from geo.levels import SUB_UNITS, admin1_units
from geo.simplify import SIMPLIFY_TOLERANCE
from tests.boundary_level_fixtures import COD_STEM, all_levels, cercles, communes_copy
from tests.test_geo_readers import gpkg_bytes, shapefile_parts, zipped
from text import LANGS, fmt_int, t

EQUAL_AREA = "EPSG:6933"
COMMUNES, CERCLES, REGIONS = 706, 53, 10
STEMS = {level: COD_STEM.format(level=level) for level in range(4)}
LINES = "mli_admbndl_admALL_1m_gov_ocha_20211220"
ADM3_FIELDS = ("ADM3_FR", "ADM3_PCODE", "ADM2_FR", "ADM2_PCODE", "ADM1_FR", "ADM1_PCODE")
ADM3_FIELDS += ("ADM0_FR", "ADM0_PCODE")
SIMPLIFIED = {3: {"n": COMMUNES, "before": 26122, "after": 21634}}
SIMPLIFIED[2] = {"n": CERCLES, "before": 10010, "after": 7324}


def refused(content: bytes, name: str, **kwargs) -> BoundaryFileError:
    """The error ``load_boundaries`` raises, checked to be worded in both languages."""
    with pytest.raises(BoundaryFileError) as caught:
        load_boundaries(content, name=name, **kwargs)
    for lang in LANGS:
        assert name in t(caught.value.label_key, lang, **caught.value.params)
    return caught.value


def line_parts(frame: gpd.GeoDataFrame) -> dict[str, bytes]:
    """A lines shapefile (the admin-1 borders as polylines), like OCHA's ``admbndl``."""
    shp, shx, dbf = io.BytesIO(), io.BytesIO(), io.BytesIO()
    with shapefile.Writer(shp=shp, shx=shx, dbf=dbf, shapeType=shapefile.POLYLINE) as writer:
        writer.field("ADM1_PCODE", "C", 10)
        writer.field("ADM1_FR", "C", 40)
        for row in frame.itertuples(index=False):
            part = shapely.get_parts(row.geometry)[0]
            writer.line([[list(xy) for xy in part.exterior.coords]])
            writer.record(row.ADM1_PCODE, row.ADM1_FR)
    return {".shp": shp.getvalue(), ".shx": shx.getvalue(), ".dbf": dbf.getvalue()}


@pytest.fixture(scope="module")
def levels() -> dict[int, gpd.GeoDataFrame]:
    return all_levels()


@pytest.fixture(scope="module")
def hdx_zip(levels) -> bytes:
    """OCHA's all-levels zip: admin-0 to admin-3 areas, a lines layer and a README."""
    layers = {STEMS[n]: shapefile_parts(levels[n]) for n in (0, 1, 2, 3)}
    layers[LINES] = line_parts(levels[1])
    return zipped(layers, extra={"mli_adm_1m_gov_ocha_20211220_README.txt": b"COD-AB"})


@pytest.fixture(scope="module")
def communes_json(levels) -> bytes:
    return levels[3].to_json().encode()


@pytest.fixture(scope="module")
def kept_communes(communes_json) -> gpd.GeoDataFrame:
    return load_boundaries(communes_json, name="mli_adm3.geojson", keep_level=True)


# --- listing the layers ------------------------------------------------------------------------


def test_the_fixtures_are_what_the_tests_say(levels):
    assert [len(levels[n]) for n in range(4)] == [1, REGIONS, CERCLES, COMMUNES]
    adm3 = levels[3]
    assert adm3["ADM3_PCODE"].is_unique
    # The case: an admin-3 file repeats each cercle's ADM2_PCODE (ML0101 ...).
    assert (adm3["ADM2_PCODE"] == "ML0101").sum() == 10
    assert shapely.coverage_is_valid(adm3.geometry.to_numpy())


def test_hdx_all_levels_zip_lists_every_layer(hdx_zip, levels):
    layers = list_layers(hdx_zip, name="mli_adm_1m_gov_ocha_20211220_shp.zip")
    adm2_fields = ("ADM2_FR", "ADM2_PCODE", "ADM1_FR", "ADM1_PCODE", "ADM0_FR", "ADM0_PCODE")
    assert layers == [
        LayerInfo(STEMS[0], 1, None, ("ADM0_FR", "ADM0_PCODE"), "polygon"),
        LayerInfo(
            STEMS[1], REGIONS, 1, ("ADM1_FR", "ADM1_PCODE", "ADM0_FR", "ADM0_PCODE"), "polygon"
        ),
        LayerInfo(STEMS[2], CERCLES, 2, adm2_fields, "polygon"),
        LayerInfo(STEMS[3], COMMUNES, 3, ADM3_FIELDS, "polygon"),
        LayerInfo(LINES, REGIONS, None, ("ADM1_PCODE", "ADM1_FR"), "line"),
    ]


def test_geopackage_with_several_layers_is_listed(tmp_path, levels):
    raw = gpkg_bytes(tmp_path, {"adm1": levels[1], "adm2": levels[2], "communes": levels[3]})
    layers = list_layers(raw, name="mli.gpkg")
    assert [(i.name, i.features, i.level, i.geometry) for i in layers] == [
        ("adm1", REGIONS, 1, "polygon"),
        ("adm2", CERCLES, 2, "polygon"),
        ("communes", COMMUNES, 3, "polygon"),
    ]
    assert layers[2].fields == ("fid", *ADM3_FIELDS)
    kept = load_boundaries(raw, name="mli.gpkg", layer="communes", keep_level=True)
    assert len(kept) == COMMUNES
    assert kept.attrs["notes"] == (
        ("chose_layer", {"layer": "communes", "count": 3}),
        ("simplified", SIMPLIFIED[3]),
    )


def test_geojson_has_one_layer_named_after_the_file(communes_json):
    (layer,) = list_layers(communes_json, name="mli_adm3.geojson")
    assert layer == LayerInfo("mli_adm3", COMMUNES, 3, ADM3_FIELDS, "polygon")
    kept = load_boundaries(
        communes_json, name="mli_adm3.geojson", layer="mli_adm3", keep_level=True
    )
    assert len(kept) == COMMUNES
    err = refused(communes_json, "mli_adm3.geojson", layer="adm1")
    assert (err.code, err.params) == (
        "boundary.unknown_layer",
        {"file": "mli_adm3.geojson", "layer": "adm1", "count": 1, "layers": "mli_adm3"},
    )


def test_zip_with_escaping_paths_is_refused_before_listing(levels):
    parts = shapefile_parts(levels[1])
    raw = zipped({"../../etc/adm1": parts})
    with pytest.raises(BoundaryFileError) as caught:
        list_layers(raw, name="evil.zip")
    assert (caught.value.code, caught.value.params) == (
        "boundary.zip_unsafe_path",
        {"file": "evil.zip", "member": "'../../etc/adm1.shp'"},
    )
    assert refused(raw, "evil.zip", layer="adm1").code == "boundary.zip_unsafe_path"


def test_shapefiles_of_one_name_in_two_folders_are_listed_by_path(levels):
    parts = shapefile_parts(levels[1])
    raw = zipped({"a/adm1": parts, "b/adm1": parts, "c/mli_adm2": shapefile_parts(levels[2])})
    assert [layer.name for layer in list_layers(raw, name="f.zip")] == [
        "a/adm1",
        "b/adm1",
        "mli_adm2",
    ]
    units = load_boundaries(raw, name="f.zip", layer="b/adm1")
    # Quoted in notes and messages, as every value from a file that is not a plain name.
    assert units.attrs["notes"] == (("chose_layer", {"layer": "'b/adm1'", "count": 3}),)
    assert refused(raw, "f.zip", layer="adm1").params["layers"] == "'a/adm1', 'b/adm1', mli_adm2"


# --- choosing the layer ------------------------------------------------------------------------


def test_the_officer_picks_the_communes_and_keeps_them(hdx_zip):
    kept = load_boundaries(hdx_zip, name="hdx.zip", layer=STEMS[3], keep_level=True)
    assert kept.attrs == {
        "source": "hdx.zip",
        "kind": "cod-ab-adm3",
        "level": 3,
        "notes": (
            ("chose_layer", {"layer": STEMS[3], "count": 5}),
            ("simplified", SIMPLIFIED[3]),
        ),
    }
    assert len(kept) == COMMUNES and kept["pcode"].is_unique


def test_the_officer_picks_the_cercles_dissolved(hdx_zip):
    units = load_boundaries(hdx_zip, name="hdx.zip", layer=STEMS[2])
    assert units.attrs == {
        "source": "hdx.zip",
        "kind": "cod-ab-adm2",
        "notes": (
            ("chose_layer", {"layer": STEMS[2], "count": 5}),
            ("dissolved", {"n": CERCLES, "units": REGIONS, "level": 2}),
        ),
    }
    assert units["pcode"].to_list() == [f"ML{i:02d}" for i in range(1, 11)]


def test_without_a_choice_the_lowest_admin_level_is_used_as_before(hdx_zip):
    units = load_boundaries(hdx_zip, name="hdx.zip")
    assert units.attrs["notes"] == (("chose_layer", {"layer": STEMS[1], "count": 5}),)
    assert len(units) == REGIONS


def test_an_unknown_layer_names_the_layers_available(hdx_zip):
    err = refused(hdx_zip, "hdx.zip", layer="mli_adm4")
    assert (err.code, err.params) == (
        "boundary.unknown_layer",
        {
            "file": "hdx.zip",
            "layer": "mli_adm4",
            "count": 5,
            "layers": ", ".join([*(STEMS[n] for n in range(4)), LINES]),
        },
    )
    assert t(err.label_key, "fr", **err.params).startswith(
        "hdx.zip\u00a0: pas de couche mli_adm4 dans ce fichier\u00a0; couches disponibles (5)\u00a0: "
    )
    assert t(err.label_key, "en", **err.params).startswith(
        "hdx.zip: no layer mli_adm4 in this file; layers available (5): mli_admbnda_adm0"
    )


def test_the_admin0_or_lines_layer_is_refused_with_its_own_reason(hdx_zip):
    assert refused(hdx_zip, "hdx.zip", layer=STEMS[0]).code == "boundary.no_known_fields"
    err = refused(hdx_zip, "hdx.zip", layer=LINES)
    assert (err.code, err.params["type"]) == ("boundary.not_polygon", "LineString")


# --- admin-2 and admin-3 at their own level ----------------------------------------------------


def test_communes_kept_at_their_level(kept_communes, levels):
    assert list(kept_communes.columns) == list(SUB_UNITS.columns)
    assert kept_communes.attrs == {
        "source": "mli_adm3.geojson",
        "kind": "cod-ab-adm3",
        "level": 3,
        "notes": (("simplified", SIMPLIFIED[3]),),
    }
    source = levels[3].sort_values("ADM3_PCODE", ignore_index=True)
    assert kept_communes["pcode"].to_list() == source["ADM3_PCODE"].to_list()
    assert kept_communes["name_fr"].to_list() == source["ADM3_FR"].to_list()
    assert kept_communes["name_en"].isna().all()  # the file has no ADM3_EN
    assert kept_communes["parent_pcode"].to_list() == source["ADM1_PCODE"].to_list()
    per_region = kept_communes.groupby("region_id").size().to_dict()
    assert per_region == (
        source.groupby("ADM1_PCODE")
        .size()
        .rename(
            {"ML01": "kayes", "ML02": "koulikoro", "ML03": "sikasso", "ML04": "segou"}
            | {"ML05": "mopti", "ML06": "tombouctou", "ML07": "gao", "ML08": "kidal"}
            | {"ML09": "bamako", "ML10": "menaka"}
        )
        .to_dict()
    )
    assert set(kept_communes["level"]) == {3}
    assert kept_communes.crs == "EPSG:4326" and kept_communes.is_valid.all()
    assert not any(p.exterior.is_ccw for g in kept_communes.geometry for p in shapely.get_parts(g))


def test_simplified_communes_still_tile_the_country(kept_communes, levels):
    geoms = kept_communes.geometry.to_numpy()
    assert shapely.coverage_is_valid(geoms)  # shared borders kept: no gap, no overlap
    before = levels[3].to_crs(EQUAL_AREA).area.sum()
    after = kept_communes.to_crs(EQUAL_AREA).area.sum()
    assert after == pytest.approx(before, rel=1e-3)
    assert SIMPLIFY_TOLERANCE == {2: 0.01, 3: 0.005}


def test_cercles_mapped_and_dissolved(levels):
    raw = cercles().to_json().encode()
    kept = load_boundaries(raw, name="adm2.geojson", keep_level=True)
    assert kept.attrs["notes"] == (("simplified", SIMPLIFIED[2]),)
    assert (len(kept), kept["pcode"].to_list()[:2], set(kept["level"])) == (
        CERCLES,
        ["ML0101", "ML0102"],
        {2},
    )
    assert kept.set_index("pcode").loc[
        "ML1003", ["name_fr", "parent_pcode", "region_id"]
    ].to_list() == [
        "Ménaka 3",
        "ML10",
        "menaka",
    ]
    dissolved = load_boundaries(raw, name="adm2.geojson")
    assert dissolved.attrs["notes"] == (
        ("dissolved", {"n": CERCLES, "units": REGIONS, "level": 2}),
    )
    assert list(dissolved.columns) == list(BOUNDARIES.columns)


def test_communes_dissolved_despite_repeated_cercle_pcodes(communes_json):
    # Was refused as "duplicate p-code ML0101" (the cercle's p-code, repeated by its communes).
    units = load_boundaries(communes_json, name="mli_adm3.geojson")
    assert units.attrs["notes"] == (("dissolved", {"n": COMMUNES, "units": REGIONS, "level": 3}),)
    assert units["region_id"].to_list()[-1] == "menaka"


def test_admin1_units_of_kept_communes_match_the_dissolved_file(kept_communes, communes_json):
    from_kept = admin1_units(kept_communes)
    dissolved = load_boundaries(communes_json, name="mli_adm3.geojson")
    assert_frame_equal(
        pd.DataFrame(from_kept.drop(columns="geometry")),
        pd.DataFrame(dissolved.drop(columns="geometry")),
    )
    assert from_kept.attrs["notes"] == (
        ("simplified", SIMPLIFIED[3]),
        ("dissolved", {"n": COMMUNES, "units": REGIONS, "level": 3}),
    )
    ratio = from_kept.to_crs(EQUAL_AREA).area / dissolved.to_crs(EQUAL_AREA).area
    assert ratio.between(0.995, 1.005).all(), ratio.to_list()
    assert admin1_units(dissolved) is dissolved


def test_keep_level_changes_nothing_for_an_admin1_file(levels):
    raw = levels[1].to_json().encode()
    assert_geodataframe_equal(
        load_boundaries(raw, name="a.geojson", keep_level=True),
        load_boundaries(raw, name="a.geojson"),
    )


def test_kept_communes_in_a_projected_crs_are_reprojected(levels, kept_communes):
    utm = levels[3].to_crs("EPSG:32630")
    prj = pyproj.CRS.from_epsg(32630).to_wkt("WKT1_ESRI")
    raw = zipped({STEMS[3]: shapefile_parts(utm, prj=prj)})
    kept = load_boundaries(raw, name="utm.zip", keep_level=True)
    assert kept.attrs["notes"][0] == ("reprojected", {"crs": "EPSG:32630"})
    assert [code for code, _ in kept.attrs["notes"]] == ["reprojected", "simplified"]
    assert kept["pcode"].to_list() == kept_communes["pcode"].to_list()
    area = kept.to_crs(EQUAL_AREA).area.sum()
    assert area == pytest.approx(kept_communes.to_crs(EQUAL_AREA).area.sum(), rel=1e-3)


def test_an_invalid_commune_is_repaired_and_reported(levels):
    frame = communes_copy()
    ring = list(frame.geometry.iloc[100].exterior.coords)
    ring.insert(2, ring[-3])  # a spike back to a later vertex: self-intersection
    frame.loc[100, "geometry"] = shapely.Polygon(ring)
    assert not frame.geometry.iloc[100].is_valid
    kept = load_boundaries(frame.to_json().encode(), name="bowtie.geojson", keep_level=True)
    assert [note[0] for note in kept.attrs["notes"]] == ["repaired", "simplified"]
    assert kept.attrs["notes"][0] == ("repaired", {"n": 1})
    assert len(kept) == COMMUNES and kept.is_valid.all()


def test_duplicate_commune_pcode_is_refused_when_kept():
    frame = communes_copy()
    frame.loc[5, "ADM3_PCODE"] = frame.loc[4, "ADM3_PCODE"]
    err = refused(frame.to_json().encode(), "adm3.geojson", keep_level=True)
    assert (err.code, err.params) == (
        "boundary.duplicate_pcode",
        {"file": "adm3.geojson", "pcode": "ML010105", "features": "4, 5"},
    )


def test_communes_without_their_own_names_cannot_be_kept():
    frame = communes_copy().drop(columns=["ADM3_FR"])
    raw = frame.to_json().encode()
    assert len(load_boundaries(raw, name="n.geojson")) == REGIONS  # dissolving needs no names
    err = refused(raw, "n.geojson", keep_level=True)
    assert err.code == "boundary.missing_fields"
    assert err.params["missing"] == "ADM3_FR or ADM3_EN"
    assert err.params["kind"] == "cod-ab-adm3"


def test_communes_disagreeing_on_their_region_name_are_refused():
    frame = communes_copy()
    frame.loc[0, "ADM1_FR"] = "Koulikoro"  # a Kayes commune naming its region otherwise
    err = refused(frame.to_json().encode(), "d.geojson", keep_level=True)
    assert (err.code, err.params) == (
        "boundary.names_disagree",
        {"file": "d.geojson", "pcode": "ML01", "field": "ADM1_FR"},
    )


def test_the_simplified_note_is_worded_with_numbers_in_each_language(kept_communes):
    fr, en = (boundary_notes(kept_communes, lang) for lang in ("fr", "en"))
    assert fr == [
        f"Contours des 706 unités simplifiés pour l’affichage\u00a0: {fmt_int(26122, 'fr')} "
        f"sommets ramenés à {fmt_int(21634, 'fr')}."
    ]
    assert en == [
        "Outlines of 706 units simplified for display: 26,122 vertices reduced to 21,634."
    ]


def test_zip_listing_reads_no_more_than_headers(levels, monkeypatch):
    """A layer's .shp is not read to be listed: a truncated one lists, and fails to load."""
    parts = shapefile_parts(levels[2])
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(STEMS[2] + ".shp", parts[".shp"][:120])
        archive.writestr(STEMS[2] + ".dbf", parts[".dbf"])
    raw = out.getvalue()
    assert [(i.features, i.level) for i in list_layers(raw, name="t.zip")] == [(CERCLES, 2)]
    assert refused(raw, "t.zip").code == "boundary.bad_shapefile"
