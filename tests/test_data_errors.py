"""One error base for everything a user can cause: code, params, and where (file, row, column)."""

from __future__ import annotations

import pandas as pd
import pytest

from data.errors import DashboardError, DataValidationError, Issue
from data.plan import load_plan
from geo.boundaries import BoundaryFileError, load_boundaries
from geo.join import RegionJoinError, join_regional_values
from geo.regions import UnknownRegionError, resolve_region


def test_the_base_carries_code_params_and_place():
    err = DashboardError("bad", code="upload.too_large", params={"size": 3})
    assert (err.code, err.params, str(err)) == ("upload.too_large", {"size": 3}, "bad")
    assert (err.file, err.row, err.column) == (None, None, None)
    err = DashboardError("bad", file="a.csv", row=3, column="x")
    assert (err.code, err.file, err.row, err.column) == ("input", "a.csv", 3, "x")


def test_every_user_error_is_a_dashboard_error():
    for kind in (DataValidationError, BoundaryFileError, UnknownRegionError, RegionJoinError):
        assert issubclass(kind, DashboardError)


def test_a_table_error_says_where_when_it_is_one_place(csv_copy):
    path = csv_copy / "activity_areas.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace(",5400000,", ",-5400000,"), encoding="utf-8"
    )
    with pytest.raises(DataValidationError) as caught:
        load_plan(csv_copy)
    err = caught.value
    assert (err.file, err.row, err.column) == ("activity_areas.csv", 2, "required_usd")
    assert (err.code, err.params) == ("table.invalid", {"count": 1})


def test_a_table_error_with_several_issues_names_only_the_file():
    issues = [Issue("a.csv", 2, "x", "bad"), Issue("a.csv", 3, "y", "bad")]
    err = DataValidationError(issues)
    assert (err.file, err.row, err.column) == ("a.csv", None, None)
    err = DataValidationError([*issues, Issue("b.csv", 2, "x", "bad")])
    assert err.file is None


def test_a_boundary_error_says_which_file_feature_and_field():
    with pytest.raises(BoundaryFileError) as caught:
        load_boundaries(b'{"type": "FeatureCollection", "features": [1]}', name="up.geojson")
    err = caught.value
    assert (err.code, err.file, err.row, err.column) == (
        "boundary.bad_feature",
        "up.geojson",
        0,
        None,
    )
    assert err.params == {"file": "up.geojson", "feature": 0}


def test_an_unknown_region_is_quoted_bounded_with_a_code():
    with pytest.raises(UnknownRegionError) as caught:
        resolve_region("Tombuktoo", where="values row 1", row=1, column="region")
    err = caught.value
    assert str(err).startswith("values row 1: unknown region name 'Tombuktoo'; closest known")
    assert err.code == "region.unknown"
    assert err.params["name"] == "'Tombuktoo'"
    assert "Tombouctou" in err.params["suggestions"]
    assert (err.row, err.column) == (1, "region")
    long_name = "Atlantis\n" * 1000
    with pytest.raises(UnknownRegionError) as caught:
        resolve_region(long_name)
    assert len(str(caught.value)) < 100 and "\n" not in str(caught.value)
    assert caught.value.params == {
        "name": "'Atlantis Atlantis Atlantis Atlantis Atl…'",
        "suggestions": "",
    }


def test_region_join_errors_have_codes_and_rows():
    boundaries = load_boundaries()
    values = pd.DataFrame({"region": ["Gao", None], "n": [1, 2]})
    with pytest.raises(RegionJoinError) as caught:
        join_regional_values(boundaries, values, ["n"])
    assert (caught.value.code, caught.value.row, caught.value.column) == (
        "region.missing",
        1,
        "region",
    )
    values = pd.DataFrame({"region": ["Timbuktu", "Tombouctou"], "n": [1, 2]})
    with pytest.raises(RegionJoinError) as caught:
        join_regional_values(boundaries, values, ["n"])
    err = caught.value
    assert (err.code, err.row, err.column) == ("region.duplicate", 1, "region")
    assert err.params == {
        "first_row": 0,
        "first": "'Timbuktu'",
        "row": 1,
        "name": "'Tombouctou'",
        "region": "Tombouctou",
    }
    without_mopti = boundaries[boundaries["pcode"] != "ML05"]
    with pytest.raises(RegionJoinError) as caught:
        join_regional_values(
            without_mopti, pd.DataFrame({"region": ["Bandiagara"], "n": [1]}), ["n"]
        )
    assert caught.value.code == "region.no_unit"
    assert caught.value.params == {"region": "Bandiagara", "own": "none", "parent": "ML05"}
