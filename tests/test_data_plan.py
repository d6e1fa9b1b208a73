"""Every figure of the plan, exactly, and the reconciliation amounts."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from data.plan import load_plan
from data.schema import DataValidationError

REQUIRED = {
    "shelter": 5_400_000,
    "cccm": 1_000_000,
    "protection": 1_000_000,
    "mhpss": 1_200_000,
    "wash_emergency": 1_300_000,
    "basic_needs": 2_500_000,
    "border_management": 900_000,
    "displacement_tracking": 3_500_000,
    "support_services": 400_000,
    "emergency_preparedness": 500_000,
    "peacebuilding": 1_400_000,
    "community_stabilization": 500_000,
    "livelihoods": 1_000_000,
    "drr": 2_500_000,
    "wash_transition": 1_500_000,
}
CONFIRMED = {
    "shelter": 451_968,
    "cccm": 403_415,
    "protection": 167_256,
    "wash_emergency": 273_706,
    "displacement_tracking": 14_980,
    "support_services": 138_743,
    "peacebuilding": 177_942,
    "community_stabilization": 188_340,
}
OBJ1 = [
    "shelter",
    "cccm",
    "protection",
    "mhpss",
    "wash_emergency",
    "basic_needs",
    "border_management",
    "displacement_tracking",
    "support_services",
    "emergency_preparedness",
]


def test_summary_as_printed(plan):
    s = plan.summary
    assert s.required_usd == 24_600_000
    assert s.confirmed_printed_usd == 2_200_000
    assert s.gap_printed_usd == 22_400_000
    assert s.people_targeted == 608_300
    assert s.entities_targeted == 14
    assert (s.period_start, s.period_end) == (dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    assert s.document_date == dt.date(2023, 11, 27)


def test_fifteen_areas_required_exactly(plan):
    areas = plan.areas.set_index("area_id")
    assert len(areas) == 15
    assert areas["required_usd"].to_dict() == REQUIRED
    assert areas["required_usd"].dtype == "Int64"


def test_confirmed_reported_or_not_reported(plan):
    confirmed = plan.areas.set_index("area_id")["confirmed_usd"]
    assert confirmed.dropna().to_dict() == CONFIRMED
    not_reported = set(confirmed[confirmed.isna()].index)
    assert not_reported == {
        "mhpss",
        "basic_needs",
        "border_management",
        "emergency_preparedness",
        "livelihoods",
        "drr",
        "wash_transition",
    }
    assert confirmed.dtype == "Int64"  # missing is <NA>, never 0


def test_objectives(plan):
    obj = plan.objectives.set_index("objective_id")
    assert obj.loc["obj1", "name_en"] == "Saving lives and protecting people on the move"
    assert obj.loc["obj2", "name_en"] == "Driving solutions to displacement"
    assert obj["required_usd"].to_dict() == {"obj1": 17_700_000, "obj2": 6_900_000}
    assert obj["confirmed_usd"].to_dict() == {"obj1": 1_860_594, "obj2": 366_282}
    assert obj["people_targeted"].to_dict() == {"obj1": 425_000, "obj2": 502_000}
    assert list(plan.areas.loc[plan.areas["objective_id"] == "obj1", "area_id"]) == OBJ1


def test_area_derived_figures(funding):
    areas = funding.areas.set_index("area_id")
    assert areas.loc["shelter", "gap_usd"] == 4_948_032
    assert areas.loc["wash_emergency", "gap_usd"] == 1_026_294
    assert areas.loc["wash_emergency", "coverage"] == pytest.approx(273_706 / 1_300_000)
    assert areas.loc["community_stabilization", "coverage"] == pytest.approx(0.37668)
    for area_id in REQUIRED:
        if area_id in CONFIRMED:
            assert areas.loc[area_id, "gap_usd"] == REQUIRED[area_id] - CONFIRMED[area_id]
            assert bool(areas.loc[area_id, "reported"])
        else:
            assert pd.isna(areas.loc[area_id, "gap_usd"])
            assert pd.isna(areas.loc[area_id, "coverage"])
            assert not bool(areas.loc[area_id, "reported"])
    assert not areas["over_funded"].any()


def test_objective_derived_figures(funding):
    obj = funding.objectives.set_index("objective_id")
    assert obj.loc["obj1", "itemised_confirmed_usd"] == 1_450_068
    assert obj.loc["obj1", "unitemised_confirmed_usd"] == 410_526
    assert obj.loc["obj2", "itemised_confirmed_usd"] == 366_282
    assert obj.loc["obj2", "unitemised_confirmed_usd"] == 0
    assert obj["gap_usd"].to_dict() == {"obj1": 15_839_406, "obj2": 6_533_718}
    assert obj["areas_required_usd"].to_dict() == {"obj1": 17_700_000, "obj2": 6_900_000}
    assert obj.loc["obj2", "coverage"] == pytest.approx(366_282 / 6_900_000)


def test_plan_totals(funding):
    t = funding.totals
    assert t.required_usd == 24_600_000
    assert t.confirmed_usd == 2_226_876
    assert t.gap_usd == 22_373_124
    assert t.coverage == pytest.approx(2_226_876 / 24_600_000)
    assert (t.people_targeted, t.entities_targeted) == (608_300, 14)


def test_reconciliation_amounts(funding):
    notes = funding.reconciliation.set_index("check_id")
    expected = {
        "obj1.required": ("match", 0),
        "obj2.required": ("match", 0),
        "plan.required": ("match", 0),
        "obj1.confirmed": ("difference", 410_526),
        "obj2.confirmed": ("match", 0),
        "plan.confirmed": ("rounding", 2_200_000 - 2_226_876),
        "plan.gap": ("rounding", 22_400_000 - 22_373_124),
        "wash_emergency.coverage_pct": ("rounding", -0.1),
        "peacebuilding.coverage_pct": ("truncation", -0.7),
        "community_stabilization.coverage_pct": ("truncation", -0.7),
        "obj2.coverage_pct": ("rounding", -0.3),
        "plan.people_targeted": ("not_additive", 608_300 - 927_000),
    }
    assert list(notes.index) == list(expected)
    for check_id, (kind, amount) in expected.items():
        assert notes.loc[check_id, "kind"] == kind, check_id
        assert notes.loc[check_id, "amount"] == pytest.approx(amount), check_id
    assert notes.loc["obj1.confirmed", "params"]["amount_usd"] == 410_526
    assert notes.loc["obj1.confirmed", "params"]["reported"] == 6
    assert notes.loc["peacebuilding.coverage_pct", "computed"] == pytest.approx(12.7)


def test_regions_named_per_area(plan):
    from data.plan import regions_by_area

    named = regions_by_area(plan)
    assert named["shelter"] == [
        "Mopti",
        "Timbuktu",
        "Taoudéni",
        "Gao",
        "Kidal",
        "Menaka",
        "Ségou",
        "Sikasso",
    ]
    assert named["cccm"] == ["Gao", "Timbuktu", "Menaka", "Mopti"]
    assert named["mhpss"] == ["Menaka", "Gao", "Kidal"]
    assert named["emergency_preparedness"] == ["Mopti", "Ségou", "Timbuktu"]
    assert named["basic_needs"] == []
    assert len(named["border_management"]) == 9


def test_every_named_region_resolves(plan):
    from geo.regions import resolve_region

    ids = {resolve_region(name) for name in plan.area_regions["region"]}
    assert "taoudenit" in ids and "bandiagara" in ids and "douentza" in ids


def test_sources_cover_every_file(plan):
    from data.plan import CSV_DIR

    files = {path.name for path in CSV_DIR.glob("*.csv")} - {"sources.csv"}
    assert files <= set(plan.sources["file"])
    assert plan.sources.set_index("file").loc["dtm_summary.csv", "date"] == dt.date(2023, 9, 30)


def test_names_in_both_languages_for_every_row(plan):
    """The CSV names are the only names of areas and objectives: none may be empty."""
    for frame in (plan.areas, plan.objectives):
        for column in ("name_fr", "name_en", "short_name_fr", "short_name_en"):
            assert frame[column].notna().all() and (frame[column].str.strip() != "").all(), column


# --- a data folder that is not one, or tables that break the bounds -------------------------


def _refused(folder) -> DataValidationError:
    with pytest.raises(DataValidationError) as info:
        load_plan(folder)
    return info.value


def test_a_file_given_as_the_data_folder_is_refused_naming_it(csv_copy):
    path = csv_copy / "objectives.csv"
    error = _refused(path)
    assert str(error) == f"{path}: not a folder of the plan's CSV tables"
    assert error.issues[0].code == "not_a_folder"
    assert str(_refused(csv_copy / "nowhere")).endswith(
        "nowhere: not a folder of the plan's CSV tables"
    )


def test_a_table_that_is_a_folder_is_refused(csv_copy):
    (csv_copy / "objectives.csv").unlink()
    (csv_copy / "objectives.csv").mkdir()
    assert str(_refused(csv_copy)) == "objectives.csv: not a file (a folder or a special file)"


def test_a_table_that_is_not_utf8_is_refused(csv_copy):
    path = csv_copy / "activity_areas.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("cp1252", errors="replace"))
    error = _refused(csv_copy)
    assert str(error).startswith("activity_areas.csv: not UTF-8 text (byte ")
    assert error.issues[0].code == "not_utf8"


def test_a_missing_table_is_refused(csv_copy):
    (csv_copy / "sources.csv").unlink()
    assert str(_refused(csv_copy)) == "sources.csv: file not found"


def test_an_objective_without_activity_area_is_refused(csv_copy):
    path = csv_copy / "objectives.csv"
    with path.open("a", encoding="utf-8") as handle:
        handle.write("obj3,Third,Troisième,1000,,,,crp2024\n")
    error = _refused(csv_copy)
    assert str(error) == (
        "objectives.csv, row 4, column 'objective_id': objective 'obj3' has no activity area in "
        "activity_areas.csv"
    )
    assert (error.issues[0].code, error.issues[0].params) == ("no_areas", {"value": "'obj3'"})


def test_an_unknown_region_named_for_an_area_is_refused(csv_copy):
    path = csv_copy / "area_regions.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace("mhpss,Kidal", "mhpss,Atlantis", 1),
        encoding="utf-8",
    )
    error = _refused(csv_copy)
    assert str(error) == "area_regions.csv, row 18, column 'region': unknown region 'Atlantis'"


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        (
            "activity_areas.csv",
            ",5400000,451968,",
            ",100000000001,451968,",
            "activity_areas.csv, row 2, column 'required_usd': 100000000001 is above the maximum "
            "100,000,000,000",
        ),
        (
            "objectives.csv",
            ",425000,",
            ",100000001,",
            "objectives.csv, row 2, column 'people_targeted': 100000001 is above the maximum "
            "100,000,000",
        ),
        (
            "plan_summary.csv",
            "people_targeted,608300",
            "people_targeted,12345678901234567890",
            "plan_summary.csv, row 9, column 'value': people_targeted: 12345678901234567890 is "
            "above the maximum 100,000,000",
        ),
        (
            "plan_summary.csv",
            "period_start,2024-01-01",
            "period_start,now",
            "plan_summary.csv, row 3, column 'value': period_start: 'now' is not a date in ISO "
            "format YYYY-MM-DD (e.g. 2023-09-30)",
        ),
        (
            "plan_summary.csv",
            "document_date,2023-11-27",
            "document_date,1899-12-31",
            "plan_summary.csv, row 5, column 'value': document_date: 1899-12-31: the year must "
            "be between 1900 and 2100",
        ),
        (
            "sources.csv",
            "IOM,2023-11-27",
            "IOM,0000-01-01",
            "sources.csv, row 2, column 'date': 0000-01-01: the year must be between 1900 and 2100",
        ),
    ],
)
def test_values_beyond_the_documented_bounds_are_refused(csv_copy, file, old, new, message):
    path = csv_copy / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    assert str(_refused(csv_copy)) == message


def test_a_missing_summary_key_is_refused(csv_copy):
    path = csv_copy / "plan_summary.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(line for line in lines if not line.startswith("title,")), "utf-8")
    error = _refused(csv_copy)
    assert str(error) == "plan_summary.csv, column 'key': missing key 'title'"
