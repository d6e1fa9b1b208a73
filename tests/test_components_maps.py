"""components.maps: trace values equal the data, missing stays grey, nothing is fetched."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
import shapely
from shapely.geometry import MultiPolygon, Polygon, box

from components.maps import (
    DECK_LAYER_ID,
    DECK_MAX_ELEVATION_M,
    LABELS_TRACE,
    MAP_COLORSCALE,
    NA_COLOR,
    idp_choropleth,
    idp_deck,
    idp_table,
    label,
    label_colours,
    rings,
    value_color,
)
from components.theme import STAMP_NAME, WATERMARK_NAME
from data.contracts import ContractError
from geo.names import rollup_label

ROOT = Path(__file__).resolve().parents[1]
NNBSP = "\u202f"


@pytest.fixture
def gdf() -> gpd.GeoDataFrame:
    """Three units: a square with a hole, a two-part unit with no figure, a small square."""
    holed = Polygon(
        [(-6, 13), (-1, 13), (-1, 18), (-6, 18)], holes=[[(-4, 15), (-4, 16), (-3, 16), (-3, 15)]]
    )
    two_parts = MultiPolygon([box(0, 18, 3, 21), box(3.5, 19, 4, 20)])
    return gpd.GeoDataFrame(
        {
            "pcode": ["ML05", "ML08", "ML09"],
            "region_id": ["mopti", "kidal", "bamako"],
            "name_fr": ["Mopti", "Kidal", "Bamako"],
            "name_en": ["Mopti", "Kidal", "Bamako"],
            "idps_estimate": pd.array([152_700, None, 30_120], dtype="Int64"),
            "share": pd.array([0.4321, None, 0.0852], dtype="Float64"),
            "dtm_regions": [["mopti", "bandiagara"], [], ["bamako"]],
        },
        geometry=[holed, two_parts, box(-4, 15, -3, 16)],
        crs="EPSG:4326",
    )


def _fig(gdf, **kw):
    kw = {"title": "PDI", "stamp": "Source : test — données au 31 mars 2024", **kw}
    return idp_choropleth(gdf, **kw)


def _units(fig) -> dict[str, object]:
    return {
        tr.meta["pcode"]: tr
        for tr in fig.data
        if isinstance(tr.meta, dict) and "value" in tr.meta and tr.fill == "toself"
    }


def test_fill_per_unit_equals_data_and_missing_is_grey(gdf):
    fig = _fig(gdf, lang="fr")
    units = _units(fig)
    assert set(units) == {"ML05", "ML08", "ML09"}
    assert units["ML05"].meta["value"] == 152_700
    assert units["ML09"].meta["value"] == 30_120
    assert units["ML08"].meta["value"] is None
    assert units["ML05"].fillcolor == value_color(152_700, 152_700) == "rgb(8, 48, 107)"
    assert units["ML09"].fillcolor == value_color(30_120, 152_700)
    assert units["ML08"].fillcolor == NA_COLOR
    assert units["ML08"].fillpattern.shape == "/"
    assert units["ML05"].fillpattern.shape is None
    # The grey unit is in the legend, under the "no DTM share" label, once.
    assert units["ML08"].showlegend is True
    assert units["ML08"].name == label("map.no_dtm_share", "fr")
    assert label("map.no_dtm_share", "en") == "no DTM share (part of 'other regions')"
    assert not units["ML05"].showlegend and not units["ML09"].showlegend


def test_values_trace_carries_colour_bar_and_pcodes(gdf):
    fig = _fig(gdf, lang="en")
    (values,) = [tr for tr in fig.data if tr.name == "values"]
    by_pcode = dict(zip(values.customdata, values.marker.color, strict=True))
    assert by_pcode == {"ML05": 152_700, "ML09": 30_120}  # the NA unit has no value point
    assert values.marker.cmin == 0 and values.marker.cmax == 152_700
    assert values.marker.showscale is True
    assert [list(s) for s in values.marker.colorscale] == [list(s) for s in MAP_COLORSCALE]
    assert MAP_COLORSCALE[0][0] == 0 and MAP_COLORSCALE[-1] == [1.0, "#08306B"]


def test_hover_text_has_estimate_share_as_of_and_regions(gdf):
    names = {"mopti": "Mopti", "bandiagara": "Bandiagara"}
    fig = _fig(gdf, lang="fr", hover={"as_of": "2024-03-31", "region_names": names})
    units = _units(fig)
    assert units["ML05"].text.split("<br>") == [
        "Mopti (y c. Bandiagara)",
        f"PDI estimées\u00a0: 152{NNBSP}700",
        "Part du total DTM\u00a0: 43,2\u00a0%",
        "Données au 31 mars 2024",
        "Régions DTM\u00a0: Mopti, Bandiagara",
    ]
    assert units["ML05"].hoveron == "fills" and units["ML05"].hoverinfo == "text"
    na_text = units["ML08"].text
    assert label("map.no_dtm_share", "fr") in na_text
    assert "PDI estimées" not in na_text and " 0" not in na_text

    en = _units(_fig(gdf, lang="en", as_of="2024-03-31"))
    assert "Estimated IDPs: 30,120" in en["ML09"].text
    assert "Share of DTM total: 8.5%" in en["ML09"].text
    assert "Data as of 31 Mar 2024" in en["ML09"].text
    assert "DTM regions: Bamako" in en["ML09"].text  # geo/regions.csv names by default


@pytest.mark.parametrize(
    ("lang", "mopti", "bamako"),
    [
        (
            "fr",
            f"Mopti<br>(y c. Bandiagara)<br><b>152{NNBSP}700</b>",
            f"Bamako<br><b>30{NNBSP}120</b>",
        ),
        ("en", "Mopti<br>(incl. Bandiagara)<br><b>152,700</b>", "Bamako<br><b>30,120</b>"),
    ],
)
def test_visible_labels_on_valued_units_only(gdf, lang, mopti, bamako):
    fig = _fig(gdf, lang=lang)
    (labels,) = [tr for tr in fig.data if tr.name == LABELS_TRACE]
    assert labels.mode == "text" and labels.hoverinfo == "skip"
    text = dict(zip(labels.customdata, labels.text, strict=True))
    assert text == {"ML05": mopti, "ML09": bamako}  # no label, no number, for ML08
    colours = dict(zip(labels.customdata, labels.textfont.color, strict=True))
    assert colours["ML05"] == "#FFFFFF"  # darkest fill: white text, dark halo
    assert colours["ML09"] == "#1A1A1A"  # light fill: dark text, white halo
    assert all("#" in shadow for shadow in labels.textfont.shadow)
    # The labels trace comes after the values trace (hover marker first in the DOM).
    names = [tr.name for tr in fig.data]
    assert names.index("values") < names.index(LABELS_TRACE)


def test_label_colours_follow_fill_lightness():
    assert label_colours("#08306B")[0] == "#FFFFFF"
    assert label_colours("rgb(189, 215, 238)")[0] == "#1A1A1A"
    assert label_colours("#FFFFFF")[1].startswith("0 0 2px #FFFFFF")


def test_idp_table_exact_strings(dtm):
    from geo.boundaries import load_boundaries
    from geo.join import join_regional_values

    joined = join_regional_values(load_boundaries(), dtm.regions, ["idps_estimate", "share"])
    kw = {"other_idps": dtm.other_idps, "other_share": dtm.other_share}
    en = idp_table(joined.gdf, lang="en", **kw)
    expected_en = pd.DataFrame(
        [
            ["Mopti (incl. Bandiagara)", "145,026", "37.0%", "Mopti, Bandiagara"],
            ["Gao (incl. Ménaka)", "82,311", "21.0%", "Gao, Ménaka"],
            ["Timbuktu", "62,714", "16.0%", "Timbuktu"],
            ["Ségou", "35,276", "9.0%", "Ségou"],
            ["other regions", "66,634", "17.0%", ""],
        ],
        columns=["Region", "Estimated IDPs", "Share", "DTM regions"],
    )
    pd.testing.assert_frame_equal(en, expected_en)
    fr = idp_table(joined.gdf, lang="fr", **kw)
    assert list(fr.columns) == ["Région", "PDI estimées", "Part", "Régions DTM"]
    assert fr.iloc[0].tolist() == [
        "Mopti (y c. Bandiagara)",
        f"145{NNBSP}026",
        "37,0\u00a0%",
        "Mopti, Bandiagara",
    ]
    assert fr.iloc[-1].tolist() == ["autres régions", f"66{NNBSP}634", "17,0\u00a0%", ""]
    assert "Kidal" not in fr["Région"].tolist()  # no value: left out


def test_idp_table_fixture_sorted_and_named(gdf):
    table = idp_table(
        gdf,
        lang="en",
        other_idps=10,
        other_share=0.5,
        region_names={"mopti": "Mopti", "bandiagara": "Bandiagara"},
    )
    assert table["Region"].tolist() == ["Mopti (incl. Bandiagara)", "Bamako", "other regions"]
    assert table["DTM regions"].tolist() == ["Mopti, Bandiagara", "Bamako", ""]
    assert table["Share"].tolist() == ["43.2%", "8.5%", "50.0%"]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_labels_are_worded_from_the_units_parts(gdf, lang):
    # A stale label column is never read: the label is rollup_label(region_id, dtm_regions).
    stale = gdf.assign(**{f"label_{lang}": ["stale", "stale", "stale"]})
    mopti = rollup_label("mopti", ["mopti", "bandiagara"], lang)
    assert mopti == {"fr": "Mopti (y c. Bandiagara)", "en": "Mopti (incl. Bandiagara)"}[lang]
    units = _units(_fig(stale, lang=lang))
    assert {p: tr.name for p, tr in units.items() if p != "ML08"} == {
        "ML05": mopti,
        "ML09": "Bamako",
    }
    assert units["ML05"].text.split("<br>")[0] == mopti
    table = idp_table(stale, lang=lang, other_idps=0, other_share=0.0)
    assert table.iloc[:2, 0].tolist() == [mopti, "Bamako"]
    deck = json.loads(idp_deck(stale, lang=lang).to_json())
    labels = {
        f["properties"]["pcode"]: f["properties"]["label"]
        for f in deck["layers"][0]["data"]["features"]
    }
    assert labels == {"ML05": mopti, "ML08": "Kidal", "ML09": "Bamako"}


def test_rings_wind_exteriors_ccw_and_holes_cw(gdf):
    xs, ys = rings(gdf.geometry.iloc[0])
    assert xs.count(None) == 1 and ys.count(None) == 1  # exterior, gap, hole
    cut = xs.index(None)
    outer = shapely.LinearRing(list(zip(xs[:cut], ys[:cut], strict=True)))
    hole = shapely.LinearRing(list(zip(xs[cut + 1 :], ys[cut + 1 :], strict=True)))
    assert outer.is_ccw and not hole.is_ccw
    xs2, _ = rings(gdf.geometry.iloc[1])
    assert xs2.count(None) == 1  # two parts


def test_enclave_drawn_after_its_surroundings(gdf):
    order = [tr.meta["pcode"] for tr in _fig(gdf).data if tr.fill == "toself"]
    assert order.index("ML09") > order.index("ML05")


def test_presence_overlay_outlines_units_with_one_legend_entry(gdf):
    presence = pd.Series([True, False, True], index=gdf["pcode"])
    fig = _fig(gdf, lang="en", presence=presence)
    overlay = [tr for tr in fig.data if isinstance(tr.meta, dict) and tr.meta.get("presence")]
    assert sorted(tr.meta["pcode"] for tr in overlay) == ["ML05", "ML09"]
    assert [tr.showlegend for tr in overlay] == [True, False]
    assert overlay[0].name == "Planned activity area"
    assert all(tr.hoverinfo == "skip" and tr.fill in (None, "none") for tr in overlay)
    with pytest.raises(ValueError, match="ML99"):
        _fig(gdf, presence=pd.Series([True], index=["ML99"]))


def test_layout_fits_mali_without_base_map(gdf):
    fig = _fig(gdf)
    minx, miny, maxx, maxy = gdf.total_bounds
    x0, x1 = fig.layout.xaxis.range
    y0, y1 = fig.layout.yaxis.range
    assert x0 < minx < maxx < x1 and y0 < miny < maxy < y1
    assert fig.layout.xaxis.visible is False and fig.layout.yaxis.visible is False
    assert fig.layout.yaxis.scaleanchor == "x" and fig.layout.yaxis.scaleratio > 1
    assert {tr.type for tr in fig.data} == {"scatter"}  # no geo / map subplot to fetch for
    text = fig.to_json()
    assert "topojson" not in text and "http" not in text


def test_stamp_and_scenario_watermark(gdf):
    fig = _fig(gdf, lang="fr")
    names = [a.name for a in fig.layout.annotations]
    assert names == [STAMP_NAME]
    assert fig.layout.annotations[0].text == "Source : test — données au 31 mars 2024"
    scen = _fig(gdf, lang="fr", scenario=True)
    marks = [a for a in scen.layout.annotations if a.name == WATERMARK_NAME]
    assert len(marks) == 1 and "SCÉNARIO" in marks[0].text
    assert scen.layout.title.text == "<b>SCÉNARIO — PDI</b>"
    composed = idp_choropleth(gdf, lang="en", title="t", source="IOM DTM", as_of="2024-03-31")
    assert composed.layout.annotations[0].text == "Source: IOM DTM — data as of 31 Mar 2024"
    with pytest.raises(ValueError, match="stamp"):
        idp_choropleth(gdf, title="t")


def test_bad_input_is_named(gdf):
    with pytest.raises(ContractError, match="idp_choropleth.*share"):
        _fig(gdf.drop(columns="share"))
    with pytest.raises(ContractError, match="idp_deck.*region_id"):
        idp_deck(gdf.drop(columns="region_id"))
    with pytest.raises(ContractError, match="idp_table.*dtm_regions"):
        idp_table(gdf.drop(columns="dtm_regions"), lang="en", other_idps=0, other_share=0.0)
    with pytest.raises(ValueError, match="EPSG:4326"):
        _fig(gdf.to_crs(3857))
    negative = gdf.copy()
    negative["idps_estimate"] = pd.array([-1, None, 3], dtype="Int64")
    with pytest.raises(ValueError, match="ML05"):
        _fig(negative)


def test_deck_layer_data_and_no_base_map(gdf):
    deck = idp_deck(gdf, lang="en", as_of="2024-03-31")
    (layer,) = deck.layers
    assert layer.type == "GeoJsonLayer" and layer.id == DECK_LAYER_ID
    spec = json.loads(deck.to_json())
    (layer_spec,) = spec["layers"]
    assert layer_spec["extruded"] is True and layer_spec["pickable"] is True
    assert layer_spec["getElevation"] == "@@=properties.elevation"
    props = {f["properties"]["pcode"]: f["properties"] for f in layer_spec["data"]["features"]}
    assert {p: v["value"] for p, v in props.items()} == {
        "ML05": 152_700,
        "ML08": None,
        "ML09": 30_120,
    }
    assert props["ML05"]["elevation"] == DECK_MAX_ELEVATION_M
    assert props["ML09"]["elevation"] == pytest.approx(30_120 / 152_700 * DECK_MAX_ELEVATION_M)
    assert props["ML08"]["elevation"] == 0.0
    assert props["ML08"]["fill"][:3] == [0xD4, 0xD4, 0xD4]
    assert props["ML05"]["tip_value"] == "Estimated IDPs: 152,700"
    assert props["ML05"]["tip_share"] == "Share of DTM total: 43.2%"
    assert props["ML08"]["tip_value"] == "no DTM share (part of 'other regions')"
    assert props["ML05"]["tip_as_of"] == "Data as of 31 Mar 2024"
    assert "{label}" in deck._tooltip["html"] and "{tip_value}" in deck._tooltip["html"]
    assert spec["layers"][0]["data"]["features"][1]["geometry"]["type"] == "MultiPolygon"

    # No tiles: pydeck's "unset" style and no provider. Streamlit draws no base map for it;
    # map_style=None or "" would make it load a CARTO basemap instead.
    assert spec["mapStyle"] == "__MAP_STYLE__" and "mapProvider" not in spec
    assert deck.map_style == "__MAP_STYLE__"
    assert "http" not in deck.to_json()
    view = spec["initialViewState"]
    assert view["pitch"] > 0 and 3 < view["zoom"] < 8
    assert gdf.total_bounds[0] < view["longitude"] < gdf.total_bounds[2]


def test_maps_module_is_pure():
    code = (
        "import sys, components.maps; "
        "assert 'streamlit' not in sys.modules, 'components.maps imports streamlit'"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)
