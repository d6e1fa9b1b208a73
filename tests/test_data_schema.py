"""Malformed plan files give specific errors naming file, row and column."""

from __future__ import annotations

import pytest

from data.plan import load_plan
from data.schema import DataValidationError


def _edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        (
            "activity_areas.csv",
            "shelter,obj1,Shelter and settlements,Abris et établissements humains,5400000",
            "shelter,obj1,Shelter and settlements,Abris et établissements humains,five million",
            "activity_areas.csv, row 2, column 'required_usd': 'five million' is not a whole number",
        ),
        (
            "activity_areas.csv",
            "1000000,403415",
            "1000000,-403415",
            "activity_areas.csv, row 3, column 'confirmed_usd': -403415 is negative",
        ),
        (
            "activity_areas.csv",
            "area_id,objective_id",
            "area,objective_id",
            "activity_areas.csv, column 'area_id': required column is missing",
        ),
        (
            "activity_areas.csv",
            "cccm,obj1",
            "shelter,obj1",
            "activity_areas.csv, row 3, column 'area_id': duplicate value 'shelter' (first on row 2)",
        ),
        (
            "activity_areas.csv",
            "cccm,obj1",
            "cccm,obj9",
            "activity_areas.csv, row 3, column 'objective_id': unknown objective 'obj9'",
        ),
        (
            "objectives.csv",
            "17700000,1860594",
            "17700000,1.860.594",
            "objectives.csv, row 2, column 'confirmed_usd': '1.860.594' is not a whole number",
        ),
        (
            "objectives.csv",
            "502000,5,",
            "502000,105,",
            "objectives.csv, row 3, column 'printed_coverage_pct': 105 is above the maximum 100",
        ),
        (
            "area_regions.csv",
            "mhpss,Kidal",
            "mhpsss,Kidal",
            "area_regions.csv, row 18, column 'area_id': unknown activity area 'mhpsss'",
        ),
        (
            "plan_summary.csv",
            "required_usd,24600000",
            "required_usd,-24600000",
            "plan_summary.csv, row 6, column 'value': required_usd: '-24600000' is not a non-negative whole number",
        ),
    ],
)
def test_malformed_plan_file(csv_copy, file, old, new, message):
    _edit(csv_copy / file, old, new)
    with pytest.raises(DataValidationError) as info:
        load_plan(csv_copy)
    assert message in str(info.value)


def test_amount_with_thousands_separators_is_accepted(csv_copy):
    _edit(csv_copy / "activity_areas.csv", ",5400000,451968,", ',"5,400,000",451968,')
    plan = load_plan(csv_copy)
    assert plan.areas.loc[0, "required_usd"] == 5_400_000


def test_every_problem_is_listed(csv_copy):
    _edit(csv_copy / "activity_areas.csv", "1000000,403415", "x,-1")
    with pytest.raises(DataValidationError) as info:
        load_plan(csv_copy)
    assert len(info.value.issues) == 2
