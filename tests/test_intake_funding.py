"""Funding updates from officers' tables, and the new plan tables they make."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from data.errors import DataValidationError
from data.intake import apply_funding_update, parse_funding_update, read_upload
from data.plan import compute_funding, load_plan

MARCH = dt.date(2024, 3, 31)


@pytest.fixture(scope="module")
def plan():
    return load_plan()


def _update(plan, text: str, **kwargs):
    return parse_funding_update(read_upload(text.encode("utf-8"), "funding.csv"), plan, **kwargs)


def _refused(plan, text: str, **kwargs) -> DataValidationError:
    with pytest.raises(DataValidationError) as info:
        _update(plan, text, **kwargs)
    return info.value


def _codes(error: DataValidationError) -> list[str]:
    return [issue.code for issue in error.issues]


def _confirmed(frame: pd.DataFrame, id_column: str) -> dict[str, object]:
    return dict(zip(frame[id_column], frame["confirmed_usd"], strict=True))


def _unitemised(plan) -> dict[str, int]:
    objectives = compute_funding(plan).objectives
    return dict(
        zip(objectives["objective_id"], objectives["unitemised_confirmed_usd"], strict=True)
    )


def test_areas_by_id_and_by_any_of_their_names(plan):
    text = (
        "Domaine;Montant;Date\n"
        "shelter;600 000;31/03/2024\n"
        "CCCM (gestion des camps);410 000;31/03/2024\n"
        "protection;200000;31/03/2024\n"
        "Mental health and psychosocial support in humanitarian response;1 000;31/03/2024\n"
        "eau assainissement et hygiene dans les situations d'urgence;$280,000;31/03/2024\n"
        "Suivi des déplacements (DTM);US$ 20 000;31/03/2024\n"
    )
    update = _update(plan, text)
    assert update.as_of == MARCH and not update.by_donor
    assert _confirmed(update.areas, "area_id") == {
        "shelter": 600_000,
        "cccm": 410_000,
        "protection": 200_000,
        "mhpss": 1_000,
        "wash_emergency": 280_000,
        "displacement_tracking": 20_000,
    }
    assert list(update.areas["source_row"]) == [2, 3, 4, 5, 6, 7]
    assert update.objectives.empty and update.stated_total_usd is None


def test_apply_keeps_what_objective_1_does_not_itemise(plan):
    unitemised = _unitemised(plan)
    assert unitemised == {"obj1": 410_526, "obj2": 0}  # as the plan prints it
    update = _update(plan, "area,confirmed\nshelter,600000\nmhpss,1000\n", as_of=MARCH)
    new = apply_funding_update(plan, update)
    assert _unitemised(new) == unitemised
    old_obj1 = int(plan.objectives.set_index("objective_id").at["obj1", "confirmed_usd"])
    shelter = int(plan.areas.set_index("area_id").at["shelter", "confirmed_usd"])
    assert old_obj1 == 1_860_594 and shelter == 451_968
    new_obj1 = new.objectives.set_index("objective_id").at["obj1", "confirmed_usd"]
    assert new_obj1 == old_obj1 - shelter + 600_000 + 1_000 == 2_009_626
    assert new.objectives.set_index("objective_id").at["obj2", "confirmed_usd"] == 366_282
    # The plan given is untouched.
    assert int(plan.areas.set_index("area_id").at["shelter", "confirmed_usd"]) == 451_968


def test_an_area_left_empty_is_not_reported_never_zero(plan):
    update = _update(plan, "area;confirmed_usd\nshelter;\ncccm;403415\n", as_of=MARCH)
    assert pd.isna(update.areas.set_index("area_id").at["shelter", "confirmed_usd"])
    new = apply_funding_update(plan, update)
    areas = new.areas.set_index("area_id")
    assert pd.isna(areas.at["shelter", "confirmed_usd"])
    funding = compute_funding(new)
    assert not funding.areas.set_index("area_id").at["shelter", "reported"]
    # Objective 1 loses the shelter amount; what it does not itemise stays.
    assert _unitemised(new)["obj1"] == 410_526


def test_areas_not_in_the_update_keep_their_amounts(plan):
    new = apply_funding_update(plan, _update(plan, "area,amount\ncccm,1\n", as_of=MARCH))
    old, now = plan.areas.set_index("area_id"), new.areas.set_index("area_id")
    for area_id in plan.areas["area_id"]:
        if area_id != "cccm":
            assert now.at[area_id, "confirmed_usd"] is old.at[area_id, "confirmed_usd"] or (
                now.at[area_id, "confirmed_usd"] == old.at[area_id, "confirmed_usd"]
            ), area_id


def test_objective_totals_replace_and_printed_coverage_goes(plan):
    text = "Objectif;Confirmé\nObjectif 2;455 000\nSaving lives and protecting people on the move;2 000 000\n"
    update = _update(plan, text, as_of=MARCH)
    assert _confirmed(update.objectives, "objective_id") == {"obj2": 455_000, "obj1": 2_000_000}
    new = apply_funding_update(plan, update, source_id="funding_2024_03")
    objectives = new.objectives.set_index("objective_id")
    assert objectives.at["obj2", "confirmed_usd"] == 455_000
    assert _unitemised(new) == {"obj1": 2_000_000 - 1_450_068, "obj2": 455_000 - 366_282}
    assert pd.isna(objectives.at["obj2", "printed_coverage_pct"])
    assert objectives.at["obj2", "source_id"] == "funding_2024_03"
    assert (new.areas["source_id"] == "crp2024").all()  # no area changed
    areas = new.areas.set_index("area_id")
    assert areas.at["peacebuilding", "printed_coverage_pct"] == 12  # unchanged rows keep theirs


def test_an_objective_row_in_the_area_column_and_a_total_row(plan):
    text = "Domaine,Montant\nAbris,500000\nObjectif 2,400000\nTotal,2 900 000\n"
    update = _update(plan, text, as_of=MARCH)
    assert _confirmed(update.objectives, "objective_id") == {"obj2": 400_000}
    assert update.stated_total_usd == 2_900_000


def test_an_objective_total_below_its_areas_is_refused(plan):
    error = _refused(plan, "area;objective;confirmed\n;obj2;300000\n", as_of=MARCH)
    assert _codes(error) == ["objective_below_areas"]
    issue = error.issues[0]
    assert issue.row == 2
    assert issue.params == {"objective": "obj2", "total": 300_000, "itemised": 366_282}


def test_area_and_objective_must_agree(plan):
    error = _refused(plan, "area;objective;confirmed\nshelter;obj2;1\n", as_of=MARCH)
    assert _codes(error) == ["area_objective_mismatch"]
    assert error.issues[0].params == {"value": "'obj2'", "area": "'shelter'", "expected": "obj1"}
    assert _update(plan, "area;objective;confirmed\nshelter;Objectif 1;1\n", as_of=MARCH)


def test_unknown_and_repeated_names(plan):
    text = "area;confirmed\nAbri;1\nshelter;2\nAbris;3\nObjectif 9;4\nzzzz;5\n"
    error = _refused(plan, text, as_of=MARCH)
    assert _codes(error) == ["unknown_area_hint", "duplicate", "unknown_area_hint", "unknown_area"]
    first = error.issues[0]
    assert (first.row, first.column) == (2, "area")
    assert "Abris" in str(first.params["suggestions"])
    assert error.issues[1].params == {"value": "'Abris'", "first_row": 3}
    assert "Objectif 1" in str(error.issues[2].params["suggestions"])
    assert error.issues[3].params == {"value": "'zzzz'"}


def test_officer_aliases(plan):
    update = _update(
        plan,
        "area;confirmed\nAbri d'urgence;5\n",
        as_of=MARCH,
        aliases={"abri d’urgence": "shelter"},
    )
    assert list(update.areas["area_id"]) == ["shelter"]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("area;confirmed\nshelter;91.274\n", "ambiguous_number"),
        ("area;confirmed\nshelter;1 234,50\n", "not_whole"),
        ("area;confirmed\nshelter;-5\n", "negative"),
        ("area;confirmed\nshelter;100000000001\n", "above_maximum"),
        ("area;confirmed\n;5\n", "empty"),
        ("area;pledged;status\nTotal;;\n", "nothing_to_update"),
        ("area;donor\nshelter;x\n", "missing_one_of"),
    ],
)
def test_refused_amounts_and_tables(plan, text, code):
    assert _codes(_refused(plan, text, as_of=MARCH)) == [code]


def test_the_report_date(plan):
    text = "area;confirmed;date\nshelter;1;31/03/2024\ncccm;2;\n"
    assert _update(plan, text).as_of == MARCH
    assert _codes(_refused(plan, "area;confirmed\nshelter;1\n")) == ["missing_as_of"]
    assert _codes(_refused(plan, text, as_of=dt.date(2024, 4, 1))) == ["as_of_disagrees"]
    ambiguous = "area;confirmed;date\nshelter;1;01/03/2024\n"
    assert _codes(_refused(plan, ambiguous)) == ["ambiguous_date"]
    assert _update(plan, ambiguous, day_first=True).as_of == dt.date(2024, 3, 1)


DONORS = (
    "Domaine;Bailleur;Montant;Statut;Date\n"
    "Abris;Bailleur A;250 000;payé;15/01/2024\n"
    "Abris;Bailleur B;200 000;Committed;20/02/2024\n"
    "Abris;Bailleur C;150 000;promis;05/03/2024\n"
    "SMSPS;Bailleur E;80 000;pledged;28/03/2024\n"
    "Suivi des déplacements;Bailleur B;14 980;versé;30/11/2023\n"
)


def test_donor_rows_are_summed_per_area(plan):
    update = _update(plan, DONORS, day_first=True)
    assert update.by_donor
    assert update.as_of == dt.date(2024, 3, 28)  # the latest contribution
    areas = update.areas.set_index("area_id")
    assert areas.at["shelter", "confirmed_usd"] == 250_000 + 200_000  # paid + committed
    assert areas.at["shelter", "pledged_usd"] == 150_000
    assert pd.isna(areas.at["mhpss", "confirmed_usd"])  # pledges only: not reported
    assert areas.at["mhpss", "pledged_usd"] == 80_000
    assert areas.at["displacement_tracking", "confirmed_usd"] == 14_980
    assert list(update.donors["status"]) == ["paid", "committed", "pledged", "pledged", "paid"]
    assert list(update.donors["donor"]) == [
        "Bailleur A",
        "Bailleur B",
        "Bailleur C",
        "Bailleur E",
        "Bailleur B",
    ]
    assert list(update.donors["date"])[0] == dt.date(2024, 1, 15)
    assert list(update.donors["source_row"]) == [2, 3, 4, 5, 6]
    new = apply_funding_update(plan, update)
    assert _unitemised(new)["obj1"] == 410_526
    assert new.areas.set_index("area_id").at["shelter", "confirmed_usd"] == 450_000


def test_donor_rows_without_status_are_confirmed_and_the_page_date_wins(plan):
    text = "area;donor;amount;pledged\nshelter;A;10;5\nshelter;B;20;\n"
    update = _update(plan, text, as_of=MARCH)
    assert update.as_of == MARCH
    areas = update.areas.set_index("area_id")
    assert (areas.at["shelter", "confirmed_usd"], areas.at["shelter", "pledged_usd"]) == (30, 5)


@pytest.mark.parametrize(
    ("row", "code"),
    [
        ("Abris;;5;payé;15/01/2024", "empty"),
        ("Abris;A;5;maybe;15/01/2024", "not_choice"),
        ("Abris;A;5;;15/01/2024", "empty"),
        ("Abris;A;;payé;15/01/2024", "empty"),
        ("Objectif 1;A;5;payé;15/01/2024", "donor_needs_area"),
        ("Abris;A;5;payé;01/02/2024", "ambiguous_date"),
    ],
)
def test_donor_rows_refused(plan, row, code):
    text = "Domaine;Bailleur;Montant;Statut;Date\n" + row + "\n"
    error = _refused(plan, text)
    assert _codes(error) == [code]
    assert error.issues[0].row == 2


def test_an_update_made_for_another_plan_is_refused(plan):
    update = _update(plan, "area;confirmed\nshelter;5\n", as_of=MARCH)
    other = load_plan()
    other = type(other)(
        summary=other.summary,
        objectives=other.objectives,
        areas=other.areas[other.areas["area_id"] != "shelter"].reset_index(drop=True),
        area_regions=other.area_regions,
        sources=other.sources,
    )
    with pytest.raises(DataValidationError) as info:
        apply_funding_update(other, update)
    assert _codes(info.value) == ["unknown_area"]


def test_columns_not_used_are_listed(plan):
    update = _update(plan, "area;confirmed;status;Remarque\nshelter;1;paid;x\n", as_of=MARCH)
    assert update.ignored_columns == ("Remarque", "status")


def test_a_large_table_of_unknown_areas_is_refused_with_its_problems_counted(plan):
    rows = "".join(f"zz{i};{i}\n" for i in range(10_000))
    error = _refused(plan, "area;confirmed\n" + rows, as_of=MARCH)
    assert error.total == 10_000 and len(error.issues) == 200
    assert [issue.code for issue in error.issues[:2]] == ["unknown_area", "unknown_area"]
    assert error.issues[-1].row == 201
