"""DTM values on a map of cercles or communes: joined per region, never split across units.

``geo.overlay.regional_overlay`` (pure) and ``components.maps.levels.idp_map_with_units``
(the figure), on the fixtures of ``tests/boundary_level_fixtures.py``.
"""

from __future__ import annotations

import re

import geopandas as gpd
import pytest
import shapely

from components.charts.summary import figure_summary
from components.maps import idp_choropleth
from components.maps.levels import (
    LEGEND_TRACE,
    OUTLINES_TRACE,
    UNIT_HOVER_TRACE,
    idp_map_with_units,
)
from geo.boundaries import load_boundaries
from geo.join import RegionJoinError
from geo.levels import admin1_units
from geo.overlay import OUTLINES, regional_overlay
from tests.boundary_level_fixtures import cercles, communes, communes_copy, dtm_values
from text import fmt_date, fmt_int

COLUMNS = ["idps_estimate", "share"]
STAMP = {"source": "DTM Mali", "as_of": "2023-04-30"}


@pytest.fixture(scope="module")
def kept() -> gpd.GeoDataFrame:
    return load_boundaries(communes().to_json().encode(), name="adm3.geojson", keep_level=True)


@pytest.fixture(scope="module")
def overlay(kept):
    return regional_overlay(kept, admin1_units(kept), dtm_values(), COLUMNS)


def _traces(fig, kind: str) -> list:
    return [trace for trace in fig.data if (trace.meta or {}).get("kind") == kind]


# --- the pure join ------------------------------------------------------------------------------


def test_values_stay_on_the_regions_and_outlines_carry_none(overlay, kept):
    regions = overlay.regions.gdf.set_index("pcode")
    assert regions.loc["ML05", "idps_estimate"] == 100_000  # Mopti, as reported
    assert regions.loc["ML10", "idps_estimate"] == 20_000  # Ménaka, as reported
    assert regions["idps_estimate"].isna().sum() == 8  # other regions: not reported, not 0
    assert list(overlay.outlines.columns) == list(OUTLINES.columns)  # no value column
    assert overlay.level == 3 and len(overlay.outlines) == len(kept) == 706
    assert (overlay.outlines["unit_pcode"] == kept["parent_pcode"]).all()


def test_communes_of_a_region_missing_from_the_map_sit_in_its_parent(kept):
    bundled = load_boundaries()  # 9 units: Ménaka is part of Gao there
    overlay = regional_overlay(kept, bundled, dtm_values(), COLUMNS)
    outlines = overlay.outlines
    menaka = outlines[outlines["region_id"] == "menaka"]
    assert len(menaka) == (kept["region_id"] == "menaka").sum() == 24
    assert set(menaka["unit_pcode"]) == {"ML07"}
    gao = overlay.regions.gdf.set_index("pcode").loc["ML07"]
    assert gao["idps_estimate"] == 20_000 and gao["dtm_regions"] == ["menaka"]


def test_a_parent_region_without_a_unit_is_refused(kept):
    without_kidal = admin1_units(kept).query("pcode != 'ML08'")
    with pytest.raises(RegionJoinError) as caught:
        regional_overlay(kept, without_kidal, dtm_values(), COLUMNS)
    assert caught.value.code == "region.no_unit"
    assert caught.value.params["region"] == "Kidal"


# --- the figure ---------------------------------------------------------------------------------


def test_map_is_the_admin1_choropleth_with_one_outline_trace(overlay):
    fig = idp_map_with_units(overlay, lang="fr", title="PDI", **STAMP)
    plain = idp_choropleth(overlay.regions.gdf, lang="fr", title="PDI", **STAMP)
    fills = [t for t in fig.data if "pcode" in (t.meta or {})]
    assert [t.meta for t in fills] == [t.meta for t in plain.data if "pcode" in (t.meta or {})]
    (outline,) = _traces(fig, OUTLINES_TRACE)
    assert outline.meta == {"kind": OUTLINES_TRACE, "level": 3, "units": 706}
    assert outline.name == "Contours des communes (admin-3)" and outline.hoverinfo == "skip"
    (legend,) = _traces(fig, LEGEND_TRACE)  # white lines: a grey line in the legend
    assert (legend.name, legend.showlegend, outline.showlegend) == (outline.name, True, False)
    assert legend.legendgroup == outline.legendgroup == OUTLINES_TRACE and legend.x == (None,)
    rings = sum(len(shapely.get_rings(g)) for g in overlay.outlines.geometry)
    assert sum(1 for x in outline.x if x is None) == rings - 1
    names = [t.name for t in fig.data]
    # Order: fills, outlines, cercle hover, then the choropleth's values and labels on top.
    assert names.index(outline.name) == len(fills)
    assert names.index("values") > names.index(UNIT_HOVER_TRACE) > names.index(outline.name)
    assert fig.layout.showlegend is True
    assert figure_summary(fig, "fr") == figure_summary(plain, "fr")


def test_no_number_is_shown_per_commune(overlay):
    fig = idp_map_with_units(overlay, lang="fr", title="PDI", **STAMP)
    hover = _traces(fig, UNIT_HOVER_TRACE)
    assert sum(len(t.x) for t in hover) == 706
    for trace in hover:  # per commune: its name and p-code only
        for text in trace.text:
            assert re.fullmatch(r"<b>Commune ML\d{6}</b> \(ML\d{6}\)", text), text
    mopti = next(t for t in hover if t.meta["unit_pcode"] == "ML05")
    value = fmt_int(100_000, "fr")
    assert mopti.hovertemplate == (
        "%{text}<br>Commune (admin-3), région Mopti<br>"
        f"PDI estimées de Mopti (admin-1)\u00a0: {value}\u00a0; chiffre de la région, "
        f"pas de cette commune<br>Données au {fmt_date('2023-04-30', 'fr')}<extra></extra>"
    )
    kayes = next(t for t in hover if t.meta["unit_pcode"] == "ML01")
    assert "pas de part DTM" in kayes.hovertemplate
    figures = {m for t in hover for m in re.findall(r"\d{1,3}(?:\u202f\d{3})+", t.hovertemplate)}
    assert figures == {value, fmt_int(20_000, "fr")}  # the two regional figures, nothing else


def test_english_hover_and_cercles(kept):
    adm2 = load_boundaries(cercles().to_json().encode(), name="adm2.geojson", keep_level=True)
    overlay = regional_overlay(adm2, admin1_units(adm2), dtm_values(), COLUMNS)
    fig = idp_map_with_units(overlay, lang="en", title="IDPs", **STAMP)
    (outline,) = _traces(fig, OUTLINES_TRACE)
    assert (outline.name, outline.line.width) == ("Cercle outlines (admin-2)", 1.0)
    menaka = next(t for t in _traces(fig, UNIT_HOVER_TRACE) if t.meta["unit_pcode"] == "ML10")
    assert menaka.text == (
        "<b>Ménaka 1</b> (ML1001)",
        "<b>Ménaka 2</b> (ML1002)",
        "<b>Ménaka 3</b> (ML1003)",
    )
    assert "Estimated IDPs of Ménaka (admin-1): 20,000; the region's figure, not this cercle's" in (
        menaka.hovertemplate
    )


def test_names_from_the_file_are_escaped_and_percent_is_inert():
    frame = communes_copy()
    frame.loc[0, "ADM3_FR"] = "<a href='javascript:alert(1)'>x</a> %{y}"
    kept = load_boundaries(frame.to_json().encode(), name="x.geojson", keep_level=True)
    overlay = regional_overlay(kept, admin1_units(kept), dtm_values(), COLUMNS)
    fig = idp_map_with_units(overlay, lang="fr", title="PDI", **STAMP)
    texts = [text for t in _traces(fig, UNIT_HOVER_TRACE) for text in t.text]
    assert "<b>&lt;a href='javascript:alert(1)'&gt;x&lt;/a&gt; %{y}</b> (ML010101)" in texts
    assert all("<a" not in t.hovertemplate for t in _traces(fig, UNIT_HOVER_TRACE))


def test_without_unit_hover_the_figure_is_lighter(overlay):
    with_hover = idp_map_with_units(overlay, lang="fr", title="PDI", **STAMP)
    without = idp_map_with_units(overlay, lang="fr", title="PDI", unit_hover=False, **STAMP)
    assert not _traces(without, UNIT_HOVER_TRACE)
    assert len(without.to_json()) < len(with_hover.to_json())


def test_figure_sizes_for_10_53_and_706_units(overlay):
    """The bytes a browser receives; simplification keeps the commune map under 600 kB."""
    regions = overlay.regions.gdf  # the 10 admin-1 units alone
    sizes = {10: len(idp_choropleth(regions, lang="fr", title="PDI", **STAMP).to_json())}
    adm2 = load_boundaries(cercles().to_json().encode(), name="adm2.geojson", keep_level=True)
    over2 = regional_overlay(adm2, admin1_units(adm2), dtm_values(), COLUMNS)
    sizes[53] = len(idp_map_with_units(over2, lang="fr", title="PDI", **STAMP).to_json())
    sizes[706] = len(idp_map_with_units(overlay, lang="fr", title="PDI", **STAMP).to_json())
    assert sizes[10] < sizes[53] < sizes[706] < 600_000, sizes


def test_units_without_english_names_are_named_in_french_in_english(overlay):
    assert overlay.outlines["name_en"].isna().all()
    fig = idp_map_with_units(overlay, lang="en", title="IDPs", **STAMP)
    assert _traces(fig, UNIT_HOVER_TRACE)[0].text[0] == "<b>Commune ML010101</b> (ML010101)"
