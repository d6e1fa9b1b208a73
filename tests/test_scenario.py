"""What-if scenarios: exact recomputed figures, validation, JSON files and links."""

from __future__ import annotations

import copy
import datetime as dt
import json
import math

import pandas as pd
import pytest

from data.plan import compute_funding
from data.scenario import (
    FORMAT,
    AreaEdit,
    Scenario,
    ScenarioError,
    apply_overrides,
    compare,
    edits_from_query,
    edits_to_query,
    parse_amount,
    scenario_from_json,
    scenario_funding,
    scenario_to_json,
    validate_edits,
)

DOC_DATE = dt.date(2023, 11, 27)
SHELTER_PLEDGE = {"shelter": AreaEdit(confirmed_usd=451_968, pledge_usd=500_000, note="donor X")}
AREA_IDS = (
    "shelter, cccm, protection, mhpss, wash_emergency, basic_needs, border_management, "
    "displacement_tracking, support_services, emergency_preparedness, peacebuilding, "
    "community_stabilization, livelihoods, drr, wash_transition"
)


def _messages(excinfo: pytest.ExceptionInfo[ScenarioError]) -> list[str]:
    return [str(problem) for problem in excinfo.value.problems]


@pytest.fixture
def pristine(plan):
    """A deep copy of the plan taken before the test, to prove the baseline is untouched."""
    return copy.deepcopy(plan)


def _assert_same_plan(plan, pristine) -> None:
    assert plan.summary == pristine.summary
    for name in ("areas", "objectives", "area_regions", "sources"):
        pd.testing.assert_frame_equal(getattr(plan, name), getattr(pristine, name))


# --- recomputation ------------------------------------------------------------------------


def test_shelter_pledge_exact_figures(plan, funding, pristine):
    scenario = compute_funding(apply_overrides(plan, SHELTER_PLEDGE))
    areas = scenario.areas.set_index("area_id")
    assert areas.loc["shelter", "confirmed_usd"] == 951_968
    assert areas.loc["shelter", "gap_usd"] == 4_448_032
    assert round(float(areas.loc["shelter", "coverage"]), 6) == 0.176290
    assert areas.loc["shelter", "coverage"] == 951_968 / 5_400_000

    obj = scenario.objectives.set_index("objective_id")
    assert obj.loc["obj1", "confirmed_usd"] == 2_360_594
    assert obj.loc["obj1", "itemised_confirmed_usd"] == 1_950_068
    assert obj.loc["obj1", "unitemised_confirmed_usd"] == 410_526  # kept as it is
    assert obj.loc["obj1", "gap_usd"] == 15_339_406
    assert obj.loc["obj2", "confirmed_usd"] == 366_282

    t = scenario.totals
    assert (t.required_usd, t.confirmed_usd, t.gap_usd) == (24_600_000, 2_726_876, 21_873_124)
    assert t.coverage == 2_726_876 / 24_600_000

    # Every other area keeps the plan's value, not reported (<NA>) included.
    others = areas.drop(index="shelter")["confirmed_usd"]
    baseline = plan.areas.set_index("area_id").drop(index="shelter")["confirmed_usd"]
    pd.testing.assert_series_equal(others, baseline)
    assert others.isna().sum() == 7
    assert scenario.areas["confirmed_usd"].dtype == "Int64"
    _assert_same_plan(plan, pristine)
    assert funding.totals.confirmed_usd == 2_226_876


def test_not_reported_area_becomes_reported(plan, pristine):
    scenario = scenario_funding(plan, {"mhpss": AreaEdit(confirmed_usd=200_000)})
    mhpss = scenario.areas.set_index("area_id").loc["mhpss"]
    assert bool(mhpss["reported"])
    assert mhpss["confirmed_usd"] == 200_000
    assert mhpss["gap_usd"] == 1_000_000
    assert mhpss["coverage"] == pytest.approx(1 / 6, abs=1e-15)
    obj1 = scenario.objectives.set_index("objective_id").loc["obj1"]
    assert obj1["confirmed_usd"] == 2_060_594
    assert obj1["unitemised_confirmed_usd"] == 410_526
    assert obj1["areas_reported"] == 7
    assert scenario.totals.confirmed_usd == 2_426_876
    _assert_same_plan(plan, pristine)


def test_pledge_on_not_reported_area_counts_from_zero(plan):
    scenario = scenario_funding(plan, {"drr": AreaEdit(pledge_usd=250_000)})
    drr = scenario.areas.set_index("area_id").loc["drr"]
    assert drr["confirmed_usd"] == 250_000
    assert drr["coverage"] == 0.1
    assert scenario.objectives.set_index("objective_id").loc["obj2", "confirmed_usd"] == 616_282


def test_pledge_on_top_of_plan_figure(plan):
    scenario = scenario_funding(plan, {"cccm": AreaEdit(pledge_usd=50_000)})
    assert scenario.areas.set_index("area_id").loc["cccm", "confirmed_usd"] == 453_415


def test_note_only_edit_keeps_not_reported(plan):
    new = apply_overrides(plan, {"livelihoods": AreaEdit(note="waiting for the donor")})
    assert pd.isna(new.areas.set_index("area_id").loc["livelihoods", "confirmed_usd"])
    pd.testing.assert_frame_equal(new.objectives, plan.objectives)


def test_lower_confirmed_keeps_unitemised(plan):
    scenario = scenario_funding(plan, {"shelter": AreaEdit(confirmed_usd=0)})
    obj1 = scenario.objectives.set_index("objective_id").loc["obj1"]
    assert obj1["confirmed_usd"] == 1_860_594 - 451_968
    assert obj1["unitemised_confirmed_usd"] == 410_526


def test_over_funded_is_flagged_not_refused(plan, pristine):
    edits, warnings = validate_edits(plan, {"support_services": 500_000})
    assert warnings == [
        "support_services: scenario confirmed 500,000 USD exceeds the 400,000 USD required "
        "(over-funded by 100,000 USD)"
    ]
    scenario = scenario_funding(plan, edits)
    row = scenario.areas.set_index("area_id").loc["support_services"]
    assert bool(row["over_funded"])
    assert row["gap_usd"] == -100_000
    assert row["coverage"] == 1.25
    assert scenario.areas["over_funded"].sum() == 1
    _assert_same_plan(plan, pristine)


def test_baseline_untouched_after_everything(plan, pristine):
    edits = {
        **SHELTER_PLEDGE,
        "mhpss": AreaEdit(confirmed_usd=200_000),
        "drr": AreaEdit(pledge_usd=3_000_000),
    }
    scenario = scenario_funding(plan, edits)
    compare(compute_funding(plan), scenario)
    scenario.areas.loc[0, "confirmed_usd"] = 1  # writing to the scenario leaks nowhere
    _assert_same_plan(plan, pristine)
    pd.testing.assert_frame_equal(compute_funding(plan).areas, compute_funding(pristine).areas)


def test_unknown_area_in_overrides(plan):
    with pytest.raises(ScenarioError, match="unknown activity area 'roads'"):
        apply_overrides(plan, {"roads": AreaEdit(confirmed_usd=1)})


# --- compare ------------------------------------------------------------------------------


def test_compare_areas_and_objectives(plan, funding):
    edits = {**SHELTER_PLEDGE, "mhpss": AreaEdit(confirmed_usd=200_000)}
    areas, objectives = compare(funding, scenario_funding(plan, edits))
    assert list(areas["area_id"]) == list(plan.areas["area_id"])
    a = areas.set_index("area_id")

    shelter = a.loc["shelter"]
    assert (shelter["baseline_confirmed_usd"], shelter["scenario_confirmed_usd"]) == (
        451_968,
        951_968,
    )
    assert shelter["delta_usd"] == 500_000
    assert (shelter["baseline_gap_usd"], shelter["scenario_gap_usd"]) == (4_948_032, 4_448_032)
    assert shelter["delta_coverage_pp"] == pytest.approx(500_000 / 5_400_000 * 100)
    assert (shelter["baseline_status"], shelter["scenario_status"]) == ("reported", "reported")
    assert not shelter["status_changed"] and shelter["changed"]

    mhpss = a.loc["mhpss"]
    assert pd.isna(mhpss["baseline_confirmed_usd"]) and mhpss["delta_usd"] == 200_000
    assert mhpss["delta_coverage_pp"] == pytest.approx(100 / 6)
    assert (mhpss["baseline_status"], mhpss["scenario_status"]) == ("not_reported", "reported")
    assert mhpss["status_changed"]

    drr = a.loc["drr"]  # not reported on both sides: no delta, unchanged
    assert pd.isna(drr["delta_usd"]) and pd.isna(drr["delta_coverage_pp"])
    assert not drr["changed"] and drr["scenario_status"] == "not_reported"
    assert a["changed"].sum() == 2
    assert a.loc["cccm", "delta_usd"] == 0
    assert areas["delta_usd"].dtype == "Int64"
    assert areas["delta_coverage_pp"].dtype == "Float64"

    assert list(objectives["objective_id"]) == ["obj1", "obj2", "plan"]
    o = objectives.set_index("objective_id")
    assert o.loc["obj1", "baseline_confirmed_usd"] == 1_860_594
    assert o.loc["obj1", "scenario_confirmed_usd"] == 2_560_594
    assert o.loc["obj1", "delta_usd"] == 700_000
    assert o.loc["obj1", "baseline_unitemised_usd"] == 410_526
    assert o.loc["obj1", "scenario_unitemised_usd"] == 410_526
    assert (o.loc["obj1", "baseline_areas_reported"], o.loc["obj1", "scenario_areas_reported"]) == (
        6,
        7,
    )
    assert o.loc["obj2", "delta_usd"] == 0 and not o.loc["obj2", "changed"]
    total = o.loc["plan"]
    assert total["is_total"]
    assert (total["required_usd"], total["baseline_confirmed_usd"]) == (24_600_000, 2_226_876)
    assert (total["scenario_confirmed_usd"], total["delta_usd"]) == (2_926_876, 700_000)
    assert (total["baseline_gap_usd"], total["scenario_gap_usd"]) == (22_373_124, 21_673_124)
    assert total["delta_coverage_pp"] == pytest.approx(700_000 / 24_600_000 * 100)
    assert (total["baseline_areas_reported"], total["scenario_areas_reported"]) == (8, 9)
    assert total["scenario_unitemised_usd"] == 410_526


def test_compare_over_funded_status(plan, funding):
    areas, objectives = compare(
        funding, scenario_funding(plan, {"cccm": AreaEdit(confirmed_usd=1_200_000)})
    )
    cccm = areas.set_index("area_id").loc["cccm"]
    assert (cccm["baseline_status"], cccm["scenario_status"]) == ("reported", "over_funded")
    assert cccm["status_changed"]
    assert not objectives["scenario_over_funded"].any()


def test_compare_without_edits_changes_nothing(plan, funding):
    areas, objectives = compare(funding, scenario_funding(plan, {}))
    assert not areas["changed"].any() and not areas["status_changed"].any()
    assert not objectives["changed"].any()


# --- validation -----------------------------------------------------------------------------


def test_validate_accepts_typed_forms(plan):
    edits, warnings = validate_edits(
        plan,
        {
            "mhpss": "200 000",
            "shelter": {"confirmed_usd": "$451 968", "pledge_usd": 500_000.0, "note": " donor X "},
            "cccm": {"pledge_usd": "50000"},
            "drr": "2500000.00",
            "protection": 167_256,  # the plan's own figure, kept as given
            "livelihoods": None,  # nothing: dropped
            "basic_needs": {"note": ""},  # nothing: dropped
        },
    )
    assert edits == {
        "shelter": AreaEdit(451_968, 500_000, "donor X"),
        "cccm": AreaEdit(None, 50_000),
        "protection": AreaEdit(167_256),
        "mhpss": AreaEdit(200_000),
        "drr": AreaEdit(2_500_000),
    }
    assert list(edits) == ["shelter", "cccm", "protection", "mhpss", "drr"]  # the plan's order
    assert warnings == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("500000", 500_000),
        ("$500000", 500_000),
        ("+500000", 500_000),
        ("000123", 123),
        ("-0", 0),
        ("500 000", 500_000),
        ("500\u00a0000", 500_000),  # no-break space
        ("500\u202f000", 500_000),  # narrow no-break space (French)
        ("$ 1 500 000", 1_500_000),
        ("1,500,000", 1_500_000),  # a repeated mark groups thousands
        ("1.500.000", 1_500_000),
        ("500000.00", 500_000),  # zero decimals that are not three digits: decimals
        ("500000.0", 500_000),
        ("500 000,00", 500_000),
        ("1,500,000.00", 1_500_000),
        ("1.500.000,00", 1_500_000),
        ("\uff15\uff10\uff10", 500),  # fullwidth digits: NFKC
        ("10000000000", 10_000_000_000),
    ],
)
def test_amount_text_that_reads_one_way(text, expected):
    assert parse_amount(text, "x") == expected


@pytest.mark.parametrize(
    ("text", "code", "message"),
    [
        (
            "91.000",
            "ambiguous_amount",
            "x: 91.000 is ambiguous: the '.' reads as a thousands separator or as decimals; "
            "write whole dollars as plain digits (e.g. 91000)",
        ),
        (
            "91,000",
            "ambiguous_amount",
            "x: 91,000 is ambiguous: the ',' reads as a thousands separator or as decimals; "
            "write whole dollars as plain digits (e.g. 91000)",
        ),
        (
            "$451,968",
            "ambiguous_amount",
            "x: $451,968 is ambiguous: the ',' reads as a thousands separator or as decimals; "
            "write whole dollars as plain digits (e.g. 91000)",
        ),
        (
            "1 500,000",
            "ambiguous_amount",
            "x: 1 500,000 is ambiguous: the ',' reads as a thousands separator or as decimals; "
            "write whole dollars as plain digits (e.g. 91000)",
        ),
        (
            "1,500.000",
            "ambiguous_amount",
            "x: 1,500.000 is ambiguous: the '.' reads as a thousands separator or as decimals; "
            "write whole dollars as plain digits (e.g. 91000)",
        ),
        (
            "1234.50",
            "not_whole",
            "x: 1234.50 is not a whole number of USD (amounts are whole dollars: no cents)",
        ),
        (
            "1 500,5",
            "not_whole",
            "x: 1 500,5 is not a whole number of USD (amounts are whole dollars: no cents)",
        ),
        (
            "1,500.000.000",
            "not_a_number",
            "x: '1,500.000.000' is not an amount in USD (write digits, e.g. 500000 or 500 000)",
        ),
        (
            "1,50,000",
            "not_a_number",
            "x: '1,50,000' is not an amount in USD (write digits, e.g. 500000 or 500 000)",
        ),
        (
            "1..5",
            "not_a_number",
            "x: '1..5' is not an amount in USD (write digits, e.g. 500000 or 500 000)",
        ),
        (
            "\u0661\u0662",  # Arabic-Indic digits are not read as an amount
            "not_a_number",
            "x: '\u0661\u0662' is not an amount in USD (write digits, e.g. 500000 or 500 000)",
        ),
        ("-91", "negative", "x: -91 is negative"),
        ("10000000001", "too_large", "x: 10000000001 is above the limit of 10,000,000,000 USD"),
    ],
)
def test_amount_text_refused(text, code, message):
    with pytest.raises(ScenarioError) as excinfo:
        parse_amount(text, "x")
    (problem,) = excinfo.value.problems
    assert (problem.code, str(problem)) == (code, message)


def test_amount_of_5000_digits_is_too_large_not_a_crash():
    digits = "9" * 5000
    with pytest.raises(ScenarioError) as excinfo:
        parse_amount(digits, "x")
    (problem,) = excinfo.value.problems
    assert problem.code == "too_large"
    assert problem.params["value"] == "9" * 59 + "…"  # quoted shortened
    assert problem.params["limit"] == 10_000_000_000


def test_validate_accepts_a_data_editor_frame(plan):
    frame = plan.areas[["area_id", "confirmed_usd"]].copy()
    frame["pledge_usd"] = pd.array([None] * len(frame), dtype="Float64")
    frame["note"] = ""
    frame.loc[frame["area_id"] == "shelter", "pledge_usd"] = 500_000
    frame.loc[frame["area_id"] == "mhpss", "confirmed_usd"] = 200_000
    edits, _ = validate_edits(plan, frame)
    assert edits == {"shelter": AreaEdit(451_968, 500_000), "mhpss": AreaEdit(200_000)}
    # Rows that only repeat the plan are dropped from a full table, not from a mapping.
    assert validate_edits(plan, {"cccm": 403_415})[0] == {"cccm": AreaEdit(403_415)}


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (-5, "shelter.confirmed_usd: -5 is negative"),
        ("-5", "shelter.confirmed_usd: -5 is negative"),
        (
            "abc",
            "shelter.confirmed_usd: 'abc' is not an amount in USD (write digits, e.g. 500000 "
            "or 500 000)",
        ),
        (
            "1.2.3",
            "shelter.confirmed_usd: '1.2.3' is not an amount in USD (write digits, e.g. 500000 "
            "or 500 000)",
        ),
        (float("nan"), "shelter.confirmed_usd: NaN is not a number"),
        (math.inf, "shelter.confirmed_usd: Infinity is not a finite amount"),
        (
            "1234.50",
            "shelter.confirmed_usd: 1234.50 is not a whole number of USD (amounts are whole "
            "dollars: no cents)",
        ),
        (
            0.5,
            "shelter.confirmed_usd: 0.5 is not a whole number of USD (amounts are whole "
            "dollars: no cents)",
        ),
        (
            10_000_000_001,
            "shelter.confirmed_usd: 10000000001 is above the limit of 10,000,000,000 USD",
        ),
        (1e11, "shelter.confirmed_usd: 100000000000.0 is above the limit of 10,000,000,000 USD"),
        (True, "shelter.confirmed_usd: True is not an amount"),
    ],
)
def test_validate_refuses_bad_amounts(plan, value, message):
    with pytest.raises(ScenarioError) as excinfo:
        validate_edits(plan, {"shelter": value})
    assert _messages(excinfo) == [message]


def test_validate_refuses_unknown_area_naming_valid_ids(plan):
    with pytest.raises(ScenarioError) as excinfo:
        validate_edits(plan, {"shelterr": 5})
    assert _messages(excinfo) == [f"unknown activity area 'shelterr'; valid ids: {AREA_IDS}"]
    problem = excinfo.value.problems[0]
    assert (problem.code, problem.params["area_id"]) == ("unknown_area", "shelterr")


def test_validate_lists_every_problem(plan):
    with pytest.raises(ScenarioError) as excinfo:
        validate_edits(
            plan,
            {"shelter": {"confirmed_usd": -1, "pledge_usd": "x", "donor": "X"}, "mhpss": "nan"},
        )
    assert _messages(excinfo) == [
        "shelter.donor: unexpected key (expected confirmed_usd, pledge_usd, note)",
        "shelter.confirmed_usd: -1 is negative",
        "shelter.pledge_usd: 'x' is not an amount in USD (write digits, e.g. 500000 or 500 000)",
        "mhpss.confirmed_usd: 'nan' is not an amount in USD (write digits, e.g. 500000 or 500 000)",
    ]


def test_area_edit_checks_its_own_values():
    with pytest.raises(ScenarioError, match="pledge_usd: -1 is negative"):
        AreaEdit(pledge_usd=-1)
    with pytest.raises(ScenarioError, match="confirmed_usd: 1.5 is not a whole number"):
        AreaEdit(confirmed_usd=1.5)  # type: ignore[arg-type]
    with pytest.raises(ScenarioError, match="note: is 501 characters long; the limit is 500"):
        AreaEdit(note="x" * 501)


# --- JSON files ----------------------------------------------------------------------------


def _scenario() -> Scenario:
    return Scenario(
        name="Donor X confirms shelter",
        edits={
            "shelter": AreaEdit(451_968, 500_000, "donor X, letter of 3 May"),
            "mhpss": AreaEdit(200_000),
            "cccm": AreaEdit(None, 50_000, "pledge, not yet signed — « à confirmer »"),
        },
        baseline_date=DOC_DATE,
    )


def test_json_round_trip(plan):
    scenario = _scenario()
    text = scenario_to_json(scenario)
    document = json.loads(text)
    assert document == {
        "format": "iom-mali-crp2024-scenario",
        "version": 1,
        "name": "Donor X confirms shelter",
        "baseline_date": "2023-11-27",
        "edits": {
            "shelter": {
                "confirmed_usd": 451_968,
                "pledge_usd": 500_000,
                "note": "donor X, letter of 3 May",
            },
            "mhpss": {"confirmed_usd": 200_000, "pledge_usd": 0, "note": ""},
            "cccm": {
                "confirmed_usd": None,
                "pledge_usd": 50_000,
                "note": "pledge, not yet signed — « à confirmer »",
            },
        },
    }
    assert scenario_from_json(text, plan) == scenario
    assert scenario_from_json(text.encode("utf-8-sig"), plan) == scenario


def _document(**changes: object) -> dict[str, object]:
    document = json.loads(scenario_to_json(_scenario()))
    for key, value in changes.items():
        if value is ...:
            del document[key]
        else:
            document[key] = value
    return document


@pytest.mark.parametrize(
    ("text", "messages"),
    [
        (b"\xff\xfe{", ["not UTF-8 text (byte 0)"]),
        ("name,value\nx,1\n", ["not valid JSON: Expecting value (line 1, column 1)"]),
        (
            '{"format": "iom-mali',
            ["not valid JSON: Unterminated string starting at (line 1, column 12)"],
        ),
        ("[1, 2]", ["the file is not a JSON object ({...})"]),
        ('{"name": "x"}', ["format: missing key: this is not a scenario file"]),
        (
            _document(format="something-else"),
            [
                "format: 'something-else' is not 'iom-mali-crp2024-scenario': this is not a scenario file"
            ],
        ),
        (_document(version=2), ["version: 2 is not supported (this dashboard reads version 1)"]),
        (
            _document(version="1"),
            ["version: '1' is not supported (this dashboard reads version 1)"],
        ),
        (_document(name=..., edits=...), ["name: missing key", "edits: missing key"]),
        (
            _document(author="me"),
            ["author: unexpected key (expected format, version, name, baseline_date, edits)"],
        ),
        (_document(name="  "), ["name: the scenario name is empty"]),
        (
            _document(baseline_date="27/11/2023"),
            ["baseline_date: '27/11/2023' is not a date YYYY-MM-DD"],
        ),
        (
            _document(baseline_date="2023-10-01"),
            [
                "baseline_date: 2023-10-01 does not match the plan's document date 2023-11-27: "
                "the scenario was made for another version of the plan"
            ],
        ),
        (_document(edits=[1]), ["edits: is not a JSON object {area_id: {...}}"]),
        (
            _document(edits={"shelter": 5}),
            [
                'edits.shelter: is not a JSON object {"confirmed_usd": ..., "pledge_usd": ..., '
                '"note": ...}'
            ],
        ),
        (
            _document(edits={"roads": {"confirmed_usd": 5}}),
            [f"edits: unknown activity area 'roads'; valid ids: {AREA_IDS}"],
        ),
        (
            _document(edits={"shelter": {"confirmed_usd": -5}}),
            ["edits.shelter.confirmed_usd: -5 is negative"],
        ),
        (
            _document(edits={"shelter": {"confirmed_usd": "abc"}}),
            [
                "edits.shelter.confirmed_usd: 'abc' is not an amount in USD (write digits, "
                "e.g. 500000 or 500 000)"
            ],
        ),
        (
            _document(edits={"shelter": {"pledge_usd": 10.5}}),
            [
                "edits.shelter.pledge_usd: 10.5 is not a whole number of USD (amounts are whole "
                "dollars: no cents)"
            ],
        ),
        (
            _document(edits={"shelter": {"confirmed_usd": 1e12}}),
            [
                "edits.shelter.confirmed_usd: 1000000000000.0 is above the limit of "
                "10,000,000,000 USD"
            ],
        ),
        (
            _document(edits={"shelter": {"confirmed": 5}}),
            ["edits.shelter.confirmed: unexpected key (expected confirmed_usd, pledge_usd, note)"],
        ),
        (
            _document(edits={"shelter": {"note": 5}}),
            ["edits.shelter.note: 5 is not text"],
        ),
        (
            '{"format": "iom-mali-crp2024-scenario", "version": 1, "name": "x", '
            '"baseline_date": "2023-11-27", "edits": {"shelter": {"confirmed_usd": NaN}}}',
            ["edits.shelter.confirmed_usd: NaN is not a number"],
        ),
        (
            '{"format": "iom-mali-crp2024-scenario", "version": 1, "name": "x", "name": "y", '
            '"baseline_date": "2023-11-27", "edits": {}}',
            ["name: this key appears more than once"],
        ),
    ],
)
def test_json_refused_with_specific_messages(plan, text, messages):
    if isinstance(text, dict):
        text = json.dumps(text)
    with pytest.raises(ScenarioError) as excinfo:
        scenario_from_json(text, plan)
    assert _messages(excinfo) == messages


def test_json_reports_every_problem_at_once(plan):
    document = _document(
        name="x" * 81,
        baseline_date="2024-01-01",
        edits={"shelter": {"confirmed_usd": -5}, "drr": {"pledge_usd": "lots"}},
    )
    with pytest.raises(ScenarioError) as excinfo:
        scenario_from_json(json.dumps(document), plan)
    assert [problem.where for problem in excinfo.value.problems] == [
        "name",
        "baseline_date",
        "edits.shelter.confirmed_usd",
        "edits.drr.pledge_usd",
    ]
    assert str(excinfo.value).splitlines()[0] == (
        "name: the scenario name is 81 characters long; the limit is 80"
    )


def test_json_format_constant():
    assert FORMAT == "iom-mali-crp2024-scenario"


# --- links ----------------------------------------------------------------------------------


def test_query_format(plan):
    edits, _ = validate_edits(
        plan,
        {
            "shelter": {"confirmed_usd": 451_968, "pledge_usd": 500_000, "note": "donor X"},
            "mhpss": 200_000,
            "cccm": {"pledge_usd": 50_000},
        },
    )
    text = edits_to_query(edits)
    assert text == "shelter:451968+500000;cccm:=+50000;mhpss:200000"
    back = edits_from_query(text, plan)
    # Exact round trip of every amount; notes are not carried by links.
    assert back == {
        "shelter": AreaEdit(451_968, 500_000),
        "cccm": AreaEdit(None, 50_000),
        "mhpss": AreaEdit(200_000),
    }
    assert edits_to_query(back) == text
    assert scenario_funding(plan, back).totals == scenario_funding(plan, edits).totals


def test_query_round_trip_edge_values(plan):
    edits = {
        "shelter": AreaEdit(0),
        "drr": AreaEdit(10_000_000_000, 10_000_000_000),
        "mhpss": AreaEdit(None, 1),
    }
    text = edits_to_query(edits)
    assert text == "shelter:0;drr:10000000000+10000000000;mhpss:=+1"
    assert edits_from_query(text, plan) == edits
    assert edits_to_query({}) == ""
    assert edits_from_query("", plan) == {}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("shelter:951968", {"shelter": AreaEdit(951_968)}),
        (" shelter : 951968 ; ", {"shelter": AreaEdit(951_968)}),
        ("cccm:+50000", {"cccm": AreaEdit(None, 50_000)}),
        ("cccm:= 50000", {"cccm": AreaEdit(None, 50_000)}),  # '+' decoded to a space
        ("shelter:451968 500000", {"shelter": AreaEdit(451_968, 500_000)}),
        ("shelter:451968", {"shelter": AreaEdit(451_968)}),  # the plan's own figure, as given
        ("shelter:=", {}),  # keep the plan's figure: no change
    ],
)
def test_query_lenient_forms(plan, text, expected):
    assert edits_from_query(text, plan) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "shelter=5",
            "'shelter=5' is not area:amount (e.g. shelter:951968, shelter:451968+500000 or cccm:=+50000)",
        ),
        (
            "shelter:",
            "'shelter:' is not area:amount (e.g. shelter:951968, shelter:451968+500000 or cccm:=+50000)",
        ),
        (
            "shelter:-5",
            "'shelter:-5' is not area:amount (e.g. shelter:951968, shelter:451968+500000 or cccm:=+50000)",
        ),
        (
            "shelter:abc",
            "'shelter:abc' is not area:amount (e.g. shelter:951968, shelter:451968+500000 or cccm:=+50000)",
        ),
        (
            "shelter:1.5",
            "'shelter:1.5' is not area:amount (e.g. shelter:951968, shelter:451968+500000 or cccm:=+50000)",
        ),
        (
            "shelter:5+5+5",
            "'shelter:5+5+5' is not area:amount (e.g. shelter:951968, shelter:451968+500000 or cccm:=+50000)",
        ),
        ("roads:5", f"unknown activity area 'roads'; valid ids: {AREA_IDS}"),
        (
            "shelter:500 000",
            "'shelter:500 000' is ambiguous: write amounts as plain digits (500000) and a pledge "
            "after + (written %2B in a link)",
        ),
        ("shelter:5;shelter:6", "shelter: this activity area is given more than once"),
        (
            "shelter:99999999999",
            "shelter.confirmed_usd: 99999999999 is above the limit of 10,000,000,000 USD",
        ),
    ],
)
def test_query_refused(plan, text, message):
    with pytest.raises(ScenarioError) as excinfo:
        edits_from_query(text, plan)
    assert _messages(excinfo) == [message]


def test_query_too_long(plan):
    with pytest.raises(ScenarioError, match="longer than 4000 characters"):
        edits_from_query("shelter:1;" * 500, plan)


def test_json_round_trip_keeps_every_edit_as_given(plan):
    scenario = Scenario(
        "Exactly as typed",
        {
            "protection": AreaEdit(167_256),  # the plan's own figure
            "drr": AreaEdit(note="donor Y interested, no amount yet"),  # a note only
            "wash_transition": AreaEdit(0, 0, "cancelled"),  # reported as 0, not <NA>
        },
        DOC_DATE,
    )
    back = scenario_from_json(scenario_to_json(scenario), plan)
    assert back == scenario
    wash = scenario_funding(plan, back.edits).areas.set_index("area_id").loc["wash_transition"]
    assert wash["confirmed_usd"] == 0 and wash["coverage"] == 0 and bool(wash["reported"])


def test_query_round_trip_many(plan):
    import random

    rng = random.Random(2024)
    ids = list(plan.areas["area_id"])
    for _ in range(200):
        edits = {}
        for area_id in rng.sample(ids, rng.randint(0, len(ids))):
            confirmed = rng.choice([None, 0, rng.randint(0, 10_000_000_000)])
            pledge = rng.choice([0, rng.randint(1, 10_000_000_000)])
            if confirmed is None and pledge == 0:
                continue
            edits[area_id] = AreaEdit(confirmed, pledge)
        assert edits_from_query(edits_to_query(edits), plan) == edits


def test_query_leaves_notes_out(plan):
    edits = {"shelter": AreaEdit(1, 2, "note"), "drr": AreaEdit(note="only a note")}
    assert edits_to_query(edits) == "shelter:1+2"
    assert edits_from_query("shelter:1+2", plan) == {"shelter": AreaEdit(1, 2)}


def test_query_survives_urls(plan):
    from urllib.parse import parse_qs, quote, urlencode

    edits = {"shelter": AreaEdit(451_968, 500_000), "cccm": AreaEdit(None, 50_000)}
    value = edits_to_query(edits)
    # As st.query_params writes it (urlencode) and reads it back (parse_qs).
    assert edits_from_query(parse_qs(urlencode({"whatif": value}))["whatif"][0], plan) == edits
    # A readable link that keeps ':', ';' and '=' and encodes '+' as %2B.
    link = "whatif=" + quote(value, safe=":;=")
    assert link == "whatif=shelter:451968%2B500000;cccm:=%2B50000"
    assert edits_from_query(parse_qs(link)["whatif"][0], plan) == edits
    # Typed by hand with a raw '+', which URL decoding turns into a space.
    typed = parse_qs("whatif=shelter:451968+500000;cccm:=+50000")["whatif"][0]
    assert typed == "shelter:451968 500000;cccm:= 50000"
    assert edits_from_query(typed, plan) == edits
