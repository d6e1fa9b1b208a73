"""Joining regional values onto boundaries: own polygons, roll-ups, missing values, errors."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from geopandas.testing import assert_geoseries_equal
from pandas.testing import assert_frame_equal, assert_series_equal

from data.contracts import ContractError
from geo.boundaries import load_boundaries
from geo.join import (
    JoinResult,
    RegionJoinError,
    join_regional_values,
    region_presence,
    unit_assignments,
)
from geo.names import rollup_label
from geo.regions import UnknownRegionError

FIXTURES = Path(__file__).parent / "fixtures"
TOTAL_IDPS = 391_961
# The plan's six DTM regions (shares of 391,961 IDPs, April 2023) and rounded estimates.
PLAN_DTM = pd.DataFrame(
    {
        "region": pd.array(
            ["Mopti", "Timbuktu", "Bandiagara", "Ménaka", "Gao", "Ségou"], dtype="string"
        ),
        "idps_estimate": pd.array([90151, 62714, 54875, 47035, 35276, 35276], dtype="Int64"),
        "share": pd.array([0.23, 0.16, 0.14, 0.12, 0.09, 0.09], dtype="Float64"),
    }
)
VALUES = ["idps_estimate", "share"]
NA = pd.NA


@pytest.fixture(scope="module")
def default() -> gpd.GeoDataFrame:
    return load_boundaries()


@pytest.fixture(scope="module")
def codab_adm1() -> gpd.GeoDataFrame:
    return load_boundaries(FIXTURES / "codab_adm1.geojson")


@pytest.fixture(scope="module")
def codab_adm2() -> gpd.GeoDataFrame:
    return load_boundaries(FIXTURES / "codab_adm2.geojson")


def attributes(result: JoinResult) -> pd.DataFrame:
    return pd.DataFrame(result.gdf.drop(columns="geometry"))


def expected_default() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "pcode": pd.array([f"ML0{i}" for i in range(1, 10)], dtype="string"),
            "region_id": pd.array(
                [
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
                dtype="string",
            ),
            "name_fr": pd.array(
                [
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
                dtype="string",
            ),
            "name_en": pd.array(
                [
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
                dtype="string",
            ),
            "idps_estimate": pd.array(
                [NA, NA, NA, 35276, 90151 + 54875, 62714, 35276 + 47035, NA, NA], dtype="Int64"
            ),
            "share": pd.array(
                [NA, NA, NA, 0.09, 0.23 + 0.14, 0.16, 0.09 + 0.12, NA, NA], dtype="Float64"
            ),
            "dtm_regions": [
                [],
                [],
                [],
                ["segou"],
                ["mopti", "bandiagara"],
                ["tombouctou"],
                ["gao", "menaka"],
                [],
                [],
            ],
            "label_fr": pd.array(
                [
                    "Kayes",
                    "Koulikoro",
                    "Sikasso",
                    "Ségou",
                    "Mopti (y c. Bandiagara)",
                    "Tombouctou",
                    "Gao (y c. Ménaka)",
                    "Kidal",
                    "Bamako",
                ],
                dtype="string",
            ),
            "label_en": pd.array(
                [
                    "Kayes",
                    "Koulikoro",
                    "Sikasso",
                    "Ségou",
                    "Mopti (incl. Bandiagara)",
                    "Timbuktu",
                    "Gao (incl. Ménaka)",
                    "Kidal",
                    "Bamako",
                ],
                dtype="string",
            ),
        }
    )


def test_plan_estimates_match_the_shares():
    estimates = (PLAN_DTM["share"] * TOTAL_IDPS).round().astype("Int64")
    assert_series_equal(estimates, PLAN_DTM["idps_estimate"], check_names=False)


# --- the default 9-unit boundaries ----------------------------------------------------------


def test_join_on_default_rolls_up_bandiagara_and_menaka(default):
    result = join_regional_values(default, PLAN_DTM, VALUES)
    assert isinstance(result.gdf, gpd.GeoDataFrame)
    assert result.gdf.crs == "EPSG:4326"
    assert_frame_equal(attributes(result), expected_default())
    assert_geoseries_equal(result.gdf.geometry, default.geometry)

    by_pcode = result.gdf.set_index("pcode")
    assert by_pcode.loc["ML05", "idps_estimate"] == 145026
    assert by_pcode.loc["ML07", "idps_estimate"] == 82311
    assert by_pcode.loc["ML05", "dtm_regions"] == ["mopti", "bandiagara"]
    assert by_pcode.loc["ML07", "dtm_regions"] == ["gao", "menaka"]
    assert pd.isna(by_pcode.loc["ML01", "idps_estimate"])  # Kayes: not reported, not zero
    assert result.gdf["idps_estimate"].sum() == 325_327  # the six regions: 83 % of 391,961


def test_rollups_and_unmatched_units_on_default(default):
    result = join_regional_values(default, PLAN_DTM, VALUES)
    expected = pd.DataFrame(
        {
            "region": pd.array(
                ["Mopti", "Timbuktu", "Bandiagara", "Ménaka", "Gao", "Ségou"], dtype="string"
            ),
            "region_id": pd.array(
                ["mopti", "tombouctou", "bandiagara", "menaka", "gao", "segou"], dtype="string"
            ),
            "pcode": pd.array(["ML05", "ML06", "ML05", "ML07", "ML07", "ML04"], dtype="string"),
            "rolled_up": [False, False, True, True, False, False],
        }
    )
    assert_frame_equal(result.rollups, expected)
    assert result.unmatched_units["pcode"].to_list() == ["ML01", "ML02", "ML03", "ML08", "ML09"]
    assert list(result.unmatched_units.columns) == ["pcode", "region_id", "name_fr", "name_en"]


def test_result_is_frozen(default):
    result = join_regional_values(default, PLAN_DTM, VALUES)
    with pytest.raises(AttributeError):
        result.gdf = None  # type: ignore[misc]


# --- COD-AB boundaries ----------------------------------------------------------------------


def test_join_on_codab_admin1_gives_menaka_its_own_unit(codab_adm1):
    result = join_regional_values(codab_adm1, PLAN_DTM, VALUES)
    by_pcode = result.gdf.set_index("pcode")
    assert by_pcode.loc["ML10", "idps_estimate"] == 47035
    assert by_pcode.loc["ML07", "idps_estimate"] == 35276
    assert by_pcode.loc["ML05", "idps_estimate"] == 145026
    assert by_pcode.loc["ML10", "dtm_regions"] == ["menaka"]
    assert by_pcode.loc["ML07", "dtm_regions"] == ["gao"]
    assert (by_pcode.loc["ML07", "label_en"], by_pcode.loc["ML10", "label_fr"]) == ("Gao", "Ménaka")
    menaka = result.rollups.set_index("region_id").loc["menaka"]
    assert (menaka["pcode"], menaka["rolled_up"]) == ("ML10", False)
    assert len(result.gdf) == 10


def test_join_on_codab_admin2_equals_default(default, codab_adm2):
    on_default = join_regional_values(default, PLAN_DTM, VALUES)
    on_cercles = join_regional_values(codab_adm2, PLAN_DTM, VALUES)
    assert_frame_equal(attributes(on_cercles), attributes(on_default))
    assert_frame_equal(on_cercles.rollups, on_default.rollups)
    assert_frame_equal(on_cercles.unmatched_units, on_default.unmatched_units)


# --- roll-ups of the 2023 regions -----------------------------------------------------------

ROLLUPS_ON_DEFAULT = {
    "Bandiagara": "ML05",
    "Douentza": "ML05",
    "Ménaka": "ML07",
    "Taoudénit": "ML06",
    "San": "ML04",
    "Kita": "ML01",
    "Nioro du Sahel": "ML01",
    "Dioïla": "ML02",
    "Nara": "ML02",
    "Bougouni": "ML03",
    "Koutiala": "ML03",
    "Kidal": "ML08",
    "District de Bamako": "ML09",
}


def test_every_2023_region_rolls_up_to_its_parent(default):
    values = pd.DataFrame(
        {
            "region": list(ROLLUPS_ON_DEFAULT),
            "idps_estimate": np.arange(1, len(ROLLUPS_ON_DEFAULT) + 1),
        }
    )
    result = join_regional_values(default, values, ["idps_estimate"])
    assert dict(zip(result.rollups["region"], result.rollups["pcode"], strict=True)) == (
        ROLLUPS_ON_DEFAULT
    )
    by_pcode = result.gdf.set_index("pcode")
    assert by_pcode.loc["ML05", "dtm_regions"] == ["douentza", "bandiagara"]
    assert by_pcode.loc["ML05", "idps_estimate"] == 1 + 2
    assert by_pcode.loc["ML01", "idps_estimate"] == 6 + 7
    assert by_pcode.loc["ML01", "label_en"] == "Kayes (incl. Nioro, Kita)"
    assert by_pcode.loc["ML05", "label_fr"] == "Mopti (y c. Douentza, Bandiagara)"
    assert result.unmatched_units.empty


def test_region_with_no_unit_is_an_error(default):
    without_mopti = default[default["pcode"] != "ML05"]
    values = pd.DataFrame({"region": ["Bandiagara"], "idps_estimate": [1]})
    with pytest.raises(RegionJoinError, match=r"region Bandiagara has no unit .* parent \(ML05\)"):
        join_regional_values(without_mopti, values, ["idps_estimate"])


def test_unit_assignments(codab_adm1):
    frame = unit_assignments(codab_adm1, ["menaka", "bandiagara", "taoudenit"])
    assert frame["pcode"].to_list() == ["ML10", "ML05", "ML06"]
    assert frame["rolled_up"].to_list() == [False, True, True]


# --- missing values and dtypes --------------------------------------------------------------


def test_missing_stays_missing_and_partial_sums_count(default):
    values = pd.DataFrame(
        {
            "region": ["Mopti", "Bandiagara", "Gao", "Ménaka"],
            "idps_estimate": pd.array([NA, NA, NA, 10], dtype="Int64"),
        }
    )
    result = join_regional_values(default, values, ["idps_estimate"])
    by_pcode = result.gdf.set_index("pcode")
    assert pd.isna(by_pcode.loc["ML05", "idps_estimate"])  # all missing: <NA>, not 0
    assert by_pcode.loc["ML05", "dtm_regions"] == ["mopti", "bandiagara"]
    assert by_pcode.loc["ML07", "idps_estimate"] == 10
    # A unit holding regions with no values is still matched (it holds regions).
    assert "ML05" not in set(result.unmatched_units["pcode"])


def test_numpy_dtypes_become_nullable(default):
    values = pd.DataFrame(
        {"region": ["Mopti", "Gao"], "count": [5, 7], "rate": [0.5, np.nan]},
        index=[10, 20],  # any index: values are aligned by position
    )
    result = join_regional_values(default, values, ["count", "rate"])
    assert result.gdf["count"].dtype == "Int64"
    assert result.gdf["rate"].dtype == "Float64"
    by_pcode = result.gdf.set_index("pcode")
    assert by_pcode.loc["ML05", "count"] == 5
    assert by_pcode.loc["ML07", "count"] == 7
    assert by_pcode.loc["ML05", "rate"] == 0.5
    assert pd.isna(by_pcode.loc["ML07", "rate"])


def test_empty_values_leave_every_unit_unmatched(default):
    values = pd.DataFrame({"region": pd.Series([], dtype="string"), "n": pd.array([], "Int64")})
    result = join_regional_values(default, values, ["n"])
    assert result.gdf["n"].isna().all()
    assert len(result.unmatched_units) == 9


# --- errors ---------------------------------------------------------------------------------


def test_unknown_region_names_closest_names(default):
    values = pd.DataFrame({"region": ["Mopti", "Tombuktoo"], "idps_estimate": [1, 2]})
    with pytest.raises(UnknownRegionError) as caught:
        join_regional_values(default, values, ["idps_estimate"])
    assert caught.value.name == "Tombuktoo"
    assert "Tombouctou" in caught.value.suggestions
    assert str(caught.value).startswith("values row 1: unknown region name 'Tombuktoo'")
    assert "Tombouctou" in str(caught.value)


def test_duplicate_region_after_resolution(default):
    values = pd.DataFrame({"region": ["Timbuktu", "Gao", "Tombouctou"], "idps_estimate": [1, 2, 3]})
    with pytest.raises(
        RegionJoinError,
        match=r"values rows 0 \('Timbuktu'\) and 2 \('Tombouctou'\) are the same region, Tombouctou",
    ):
        join_regional_values(default, values, ["idps_estimate"])


@pytest.mark.parametrize(
    "values, columns, message",
    [
        (pd.DataFrame({"region": ["Mopti"], "n": ["1"]}), ["n"], "column 'n' is not numeric"),
        (pd.DataFrame({"region": ["Mopti"], "n": [True]}), ["n"], "column 'n' is not numeric"),
        (pd.DataFrame({"region": [None], "n": [1]}), ["n"], "values row 0: region is missing"),
    ],
)
def test_bad_values_frames(default, values, columns, message):
    with pytest.raises(ValueError) as caught:
        join_regional_values(default, values, columns)
    assert message in str(caught.value)


@pytest.mark.parametrize(
    "values, columns, missing",
    [
        (pd.DataFrame({"name": ["Mopti"], "n": [1]}), ["n"], "region"),
        (pd.DataFrame({"region": ["Mopti"], "n": [1]}), ["m"], "m"),
    ],
)
def test_values_without_their_columns_break_the_contract(default, values, columns, missing):
    # A frame the code built without the columns it names is a mistake in the code, not
    # in the user's input: a ContractError, which pages do not word as an input problem.
    with pytest.raises(ContractError) as caught:
        join_regional_values(default, values, columns)
    assert str(caught.value) == (
        f"join_regional_values: the values frame breaks its contract: missing column(s) {missing}"
    )
    assert not isinstance(caught.value, ValueError)


# --- presence and labels --------------------------------------------------------------------


def test_region_presence_rolls_up_like_the_join(default, codab_adm1):
    present = region_presence(default, ["menaka", "Bandiagara", "douentza"])
    expected = pd.Series(
        [False, False, False, False, True, False, True, False, False],
        index=pd.Index(default["pcode"], name="pcode"),
        name="present",
    )
    assert_series_equal(present, expected)

    on_codab = region_presence(codab_adm1, ["menaka"])
    assert on_codab[on_codab].index.to_list() == ["ML10"]
    assert not region_presence(default, []).any()
    with pytest.raises(UnknownRegionError, match="Tombouctou"):
        region_presence(default, ["Tombuktoo"])


def test_rollup_labels_are_worded_from_the_parts():
    assert rollup_label("mopti", ["mopti", "bandiagara"], "en") == "Mopti (incl. Bandiagara)"
    assert rollup_label("mopti", ["mopti", "bandiagara"], "fr") == "Mopti (y c. Bandiagara)"
    assert rollup_label("gao", ["gao"], "en") == "Gao"
    assert rollup_label("gao", [], "fr") == "Gao"


def test_the_join_gives_the_parts_and_the_labels_worded_from_them(default):
    gdf = join_regional_values(default, PLAN_DTM, VALUES).gdf
    for lang in ("fr", "en"):
        worded = [
            rollup_label(unit, parts, lang)
            for unit, parts in zip(gdf["region_id"], gdf["dtm_regions"], strict=True)
        ]
        assert gdf[f"label_{lang}"].to_list() == worded
