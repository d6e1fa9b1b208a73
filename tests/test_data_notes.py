"""data.notes.all_notes: one list of data notes, the same on the Overview, on Data & sources,
in the exports and from the command line."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal
from streamlit.testing.v1 import AppTest

from data.__main__ import main
from data.displacement import load_dtm
from data.export import figures, tables
from data.notes import MATCH, all_notes, notes_table, split_matches
from data.plan import RECONCILIATION_COLUMNS
from text import t
from text.notes import render_note

DASHBOARD = str(Path(__file__).resolve().parents[1] / "dashboard.py")

# (check_id, kind, printed, computed, amount, unit): the plan's figures, checked by hand.
EXPECTED = [
    ("obj1.required", "match", 17_700_000, 17_700_000, 0, "USD"),
    ("obj2.required", "match", 6_900_000, 6_900_000, 0, "USD"),
    ("plan.required", "match", 24_600_000, 24_600_000, 0, "USD"),
    ("obj1.confirmed", "difference", 1_860_594, 1_450_068, 410_526, "USD"),
    ("obj2.confirmed", "match", 366_282, 366_282, 0, "USD"),
    ("plan.confirmed", "rounding", 2_200_000, 2_226_876, -26_876, "USD"),
    ("plan.gap", "rounding", 22_400_000, 22_373_124, 26_876, "USD"),
    ("wash_emergency.coverage_pct", "rounding", 21, 21.1, -0.1, "%"),
    ("peacebuilding.coverage_pct", "truncation", 12, 12.7, -0.7, "%"),
    ("community_stabilization.coverage_pct", "truncation", 37, 37.7, -0.7, "%"),
    ("obj2.coverage_pct", "rounding", 5, 5.3, -0.3, "%"),
    ("plan.people_targeted", "not_additive", 608_300, 927_000, -318_700, "people"),
    ("dtm.context.date", "difference", 391_961, 391_961, 0, "people"),
    ("dtm.factbox.total", "difference", 391_691, 391_961, -270, "people"),
    ("dtm.shares_rounded", "rounding", 0, 0, 0, "people"),
    ("dtm.other_regions", "not_assigned", 66_634, 0, 66_634, "people"),
]
CHECK_IDS = [row[0] for row in EXPECTED]


@pytest.fixture(scope="module")
def notes(funding, dtm) -> pd.DataFrame:
    return all_notes(funding, dtm)


# --- the rows --------------------------------------------------------------------------------
def test_all_notes_are_the_plans_checks_then_the_dtm_notes(notes):
    assert list(notes.columns) == RECONCILIATION_COLUMNS
    assert list(notes.index) == list(range(len(EXPECTED)))
    rows = [
        (r.check_id, r.kind, float(r.printed), float(r.computed), float(r.amount), r.unit)
        for r in notes.itertuples(index=False)
    ]
    assert rows == [(c, k, float(p), float(v), float(a), u) for c, k, p, v, a, u in EXPECTED]
    assert notes["scope"].tolist()[-4:] == ["dtm"] * 4
    assert {c: str(notes[c].dtype) for c in ("printed", "computed", "amount")} == {
        "printed": "Float64",
        "computed": "Float64",
        "amount": "Float64",
    }


def test_objective_1_confirmed_not_itemised(notes):
    note = notes[notes["check_id"] == "obj1.confirmed"].iloc[0]
    params = note["params"]
    assert (params["printed_usd"], params["computed_usd"]) == (1_860_594, 1_450_068)
    assert params["amount_usd"] == 410_526
    assert (params["reported"], params["total"]) == (6, 10)
    assert "$410,526 confirmed are not itemised to any area" in render_note(note, "en")


def test_dtm_other_regions_17_percent(notes, dtm):
    note = notes[notes["check_id"] == "dtm.other_regions"].iloc[0]
    assert note["params"] == {"other_pct": 0.17, "other": 66_634, "total": 391_961}
    assert (dtm.other_idps, dtm.other_share) == (66_634, 0.17)
    assert render_note(note, "en") == (
        "17.0% of IDPs (66,634) are in other regions, not assigned to any unit of the map."
    )


def test_all_notes_is_the_reconciliation_then_the_dtm_notes(notes, funding, dtm):
    n = len(funding.reconciliation)
    assert_frame_equal(notes.iloc[:n], funding.reconciliation)
    assert_frame_equal(notes.iloc[n:].reset_index(drop=True), dtm.notes)


def test_no_dtm_notes_leaves_the_reconciliation(funding):
    # A table of counts covering every region: no mention, no 'other regions', no note.
    counts = b"region,idps,as_of\nMopti,100,2024-01-31\nGao,50,2024-01-31\n"
    dtm = load_dtm(counts, name="counts.csv")
    assert dtm.notes.empty
    assert_frame_equal(all_notes(funding, dtm), funding.reconciliation)


def test_split_matches_keeps_the_order(notes):
    shown, matches = split_matches(notes)
    assert matches["check_id"].tolist() == [
        "obj1.required",
        "obj2.required",
        "plan.required",
        "obj2.confirmed",
    ]
    assert shown["check_id"].tolist() == [c for c in CHECK_IDS if c not in set(matches["check_id"])]
    assert (matches["kind"] == MATCH).all() and (shown["kind"] != MATCH).all()


# --- every place shows the same notes --------------------------------------------------------
def test_export_tables_and_figures_show_all_notes(plan, funding, dtm, notes):
    for lang in ("fr", "en"):
        table = tables(plan, funding, dtm, render_note, lang)["data_notes"]
        assert_frame_equal(table, notes_table(notes, render_note, lang))
        assert table["check_id"].tolist() == CHECK_IDS
        assert table["description"].tolist() == [
            render_note(row, lang) for row in notes.to_dict("records")
        ]
    reconciliation = figures(plan, funding, dtm, render_note)["reconciliation"]
    assert [item["check"] for item in reconciliation] == CHECK_IDS
    assert [item["description"] for item in reconciliation] == [
        render_note(row, "en") for row in notes.to_dict("records")
    ]


def test_cli_validate_prints_all_notes(notes, capsys):
    assert main(["validate"]) == 0
    printed = capsys.readouterr().out.split("\nData notes:\n", 1)[1].splitlines()
    assert printed == [
        f"- [{row['kind']}] {render_note(row, 'en')}" for row in notes.to_dict("records")
    ]


def open_page(page: str, lang: str, state: dict | None = None) -> AppTest:
    at = AppTest.from_file(DASHBOARD, default_timeout=90)
    at.query_params["lang"] = lang
    for key, value in (state or {}).items():
        at.session_state[key] = value
    at.run()
    at.switch_page(page)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def overview_notes(at: AppTest) -> list[str]:
    return [block.value for block in at.markdown if block.value.startswith("- ")]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_overview_shows_all_notes(notes, lang):
    at = open_page("pages/overview.py", lang)
    shown, matches = split_matches(notes)
    assert overview_notes(at) == [
        f"- **{t('note_kind.' + row['kind'], lang)}** — {render_note(row, lang)}"
        for row in shown.to_dict("records")
    ] + [f"- {render_note(row, lang)}" for row in matches.to_dict("records")]
    (expander,) = at.expander
    assert expander.label == t("overview.checks_that_match", lang, n=4)


def test_overview_notes_stay_the_plans_during_a_scenario(notes):
    """The notes describe the published plan, also under a scenario; the two that called the
    plan's total 'the figure shown here' say that the figure shown is the scenario's."""
    from data.notes import scenario_notes
    from data.scenario import AreaEdit
    from pages._scenario import SCENARIO_KEY

    baseline = overview_notes(open_page("pages/overview.py", "en"))
    edits = {SCENARIO_KEY: {"shelter": AreaEdit(pledge_usd=1_000_000)}}
    at = open_page("pages/overview.py", "en", edits)
    shown, matches = split_matches(scenario_notes(notes))
    assert overview_notes(at) == [
        f"- **{t('note_kind.' + row['kind'], 'en')}** — {render_note(row, 'en')}"
        for row in shown.to_dict("records")
    ] + [f"- {render_note(row, 'en')}" for row in matches.to_dict("records")]
    changed = [
        line for line, before in zip(overview_notes(at), baseline, strict=True) if line != before
    ]
    assert len(changed) == 2
    assert all(
        line.endswith("The figure shown on this page is the scenario's.") for line in changed
    )
    intro = t("overview.notes_scenario", "en", name=t("scenario.unsaved", "en"))
    assert intro in [caption.value for caption in at.caption]
    assert any("$410,526 confirmed are not itemised to any area" in line for line in baseline)
    assert any("(66,634) are in other regions" in line for line in baseline)


def test_data_sources_page_shows_all_notes(notes):
    at = open_page("pages/data_sources.py", "en")
    description, check = t("table.col.description", "en"), t("table.col.check_id", "en")
    (table,) = [frame.value for frame in at.dataframe if description in frame.value.columns]
    assert table[check].tolist() == CHECK_IDS
    assert table[description].tolist() == [
        render_note(row, "en") for row in notes.to_dict("records")
    ]
