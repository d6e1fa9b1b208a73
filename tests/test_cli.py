"""``python -m data validate`` and ``python -m data export --format json``."""

from __future__ import annotations

import json

from data.__main__ import main


def test_validate_prints_the_notes_and_exits_0(capsys):
    assert main(["validate"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("OK: plan (2 objectives, 15 activity areas")
    assert "DTM (6 regions, total 391,961 as of 2023-09-30); boundaries (9 units)" in out
    assert "[difference] Saving lives and protecting people on the move: the 6 of 10" in out
    assert "$410,526 confirmed are not itemised to any area" in out
    assert "The plan also prints 391,691 IDPs" in out


def test_validate_exits_1_on_a_schema_error(csv_copy, capsys):
    path = csv_copy / "activity_areas.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace(",5400000,", ",-5400000,"), encoding="utf-8"
    )
    assert main(["validate", "--csv-dir", str(csv_copy)]) == 1
    err = capsys.readouterr().err
    assert "activity_areas.csv, row 2, column 'required_usd': -5400000 is negative" in err


def test_export_json_has_the_documented_keys(capsys):
    assert main(["export", "--format", "json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["plan"]["required_usd"] == 24_600_000
    assert figures["plan"]["confirmed_usd"] == 2_226_876
    assert figures["plan"]["confirmed_printed_usd"] == 2_200_000
    objectives = {item["name"]: item for item in figures["objectives"]}
    assert (
        objectives["Saving lives and protecting people on the move"]["confirmed_usd"] == 1_860_594
    )
    assert objectives["Driving solutions to displacement"]["people_targeted"] == 502_000
    areas = {item["name"]: item for item in figures["activity_areas"]}
    assert len(areas) == 15
    assert areas["Protection"] == {
        "id": "protection",
        "name": "Protection",
        "objective": "Saving lives and protecting people on the move",
        "objective_id": "obj1",
        "required_usd": 1_000_000,
        "confirmed_usd": 167_256,
        "gap_usd": 832_744,
        "coverage": 0.167256,
    }
    assert areas["Livelihoods and economic recovery"]["confirmed_usd"] is None  # not reported
    assert areas["Livelihoods and economic recovery"]["gap_usd"] is None
    amounts = {item["check"]: item["amount_usd"] for item in figures["reconciliation"]}
    assert amounts["obj1.confirmed"] == 410_526
    assert all(item["description"] for item in figures["reconciliation"])
    displacement = figures["displacement"]
    assert (displacement["total_idps"], displacement["as_of"]) == (391_961, "2023-09-30")
    regions = {item["name"]: item for item in displacement["regions"]}
    assert regions["Timbuktu"] == {
        "name": "Timbuktu",
        "region_id": "tombouctou",
        "share": 0.16,
        "idps_estimate": 62_714,
    }
    assert displacement["other_regions"]["idps_estimate"] == 66_634


def test_validate_exits_1_on_a_negative_national_total(csv_copy, capsys):
    path = csv_copy / "dtm_summary.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace("total_idps,391961,", "total_idps,-5,"),
        encoding="utf-8",
    )
    assert main(["validate", "--csv-dir", str(csv_copy)]) == 1
    err = capsys.readouterr().err
    assert err == ("INVALID\ndtm_summary.csv, row 2, column 'value': total_idps: -5 is negative\n")


def test_validate_and_export_exit_1_when_the_folder_is_a_file(csv_copy, capsys):
    path = csv_copy / "objectives.csv"
    assert main(["validate", "--csv-dir", str(path)]) == 1
    assert f"{path}: not a folder of the plan's CSV tables" in capsys.readouterr().err
    assert main(["export", "--csv-dir", str(path)]) == 1
    assert f"{path}: not a folder of the plan's CSV tables" in capsys.readouterr().err
