"""What-if page and scenario behaviour across the app, through AppTest.

Edits are made the way a user makes them where AppTest allows it: the data editor's edit
state (``edited_rows``) is assigned on ``at.session_state`` before the Apply click, files go
through ``at.file_uploader[...].upload()``, links through ``at.query_params``. Each test
has its own AppTest (its own session) and its own scenario store (``tmp_path``).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from components.formats import fmt_usd
from components.i18n import t
from components.theme import WATERMARK_NAME
from data.scenario import AreaEdit, Scenario, scenario_to_json
from data.store import DATA_DIR_ENV

DASHBOARD = str(Path(__file__).resolve().parents[1] / "dashboard.py")
WHAT_IF = "pages/what_if.py"
SCENARIO_KEY = "whatif.edits"
SHELTER_PLEDGE = {"shelter": AreaEdit(pledge_usd=500_000)}
PLAN_CONFIRMED = {"en": "$2,226,876", "fr": "2\u202f226\u202f876\u00a0$"}
SCENARIO_CONFIRMED = {"en": "$2,726,876", "fr": "2\u202f726\u202f876\u00a0$"}


@pytest.fixture(autouse=True)
def scenario_dir(tmp_path, monkeypatch):
    """Every test saves scenarios in its own empty store."""
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path))
    return tmp_path


def start(lang: str = "en", page: str | None = WHAT_IF, **query: str) -> AppTest:
    at = AppTest.from_file(DASHBOARD, default_timeout=60)
    at.query_params["lang"] = lang
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    if page:
        at.switch_page(page).run()
    assert_ok(at)
    return at


def assert_ok(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


def active(at: AppTest) -> dict[str, AreaEdit]:
    """The session's active edits ({}: the plan)."""
    return at.session_state.get(SCENARIO_KEY) or {}


def errors(at: AppTest) -> list[str]:
    return [e.value for e in at.error]


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def banner_shown(at: AppTest, lang: str) -> bool:
    return any(w.value == t("app.scenario_banner", lang) for w in at.warning)


def watermarked(at: AppTest) -> list[bool]:
    """For each plotly chart of the page: does it carry the SCENARIO watermark?"""
    specs = [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]
    return [
        any(a.get("name") == WATERMARK_NAME for a in spec["layout"].get("annotations", []))
        for spec in specs
    ]


def edit_table(at: AppTest, rows: dict[int, dict[str, object]]) -> AppTest:
    """Type into the editor (row positions in plan order) and click Apply."""
    (editor,) = at.data_editor
    at.session_state[editor.key] = {"edited_rows": rows, "added_rows": [], "deleted_rows": []}
    at.button(key="whatif.apply").click().run()
    assert_ok(at)
    return at


def overview(at: AppTest) -> AppTest:
    at.switch_page("pages/overview.py").run()
    assert_ok(at)
    return at


# --- the page --------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_page_renders_the_editor_of_the_15_areas(lang, plan):
    at = start(lang)
    assert not errors(at)
    assert at.title[0].value == t("page.what_if", lang)
    (editor,) = at.data_editor
    assert editor.editing_mode == "fixed"
    table = editor.value
    assert len(table) == 15
    assert list(table.index) == list(plan.areas["area_id"])
    assert list(table.columns) == [
        "area",
        "objective",
        "required",
        "plan_confirmed",
        "confirmed_usd",
        "pledge_usd",
        "note",
    ]
    # Locked plan figures as the language writes them; 'not reported' is never 0.
    assert table.loc["shelter", "required"] == fmt_usd(5_400_000, lang)
    assert table.loc["shelter", "plan_confirmed"] == fmt_usd(451_968, lang)
    assert table.loc["mhpss", "plan_confirmed"] == t("status.not_reported", lang)
    # Editable cells start empty (= keep the plan's figure) while no scenario is active.
    assert table[["confirmed_usd", "pledge_usd", "note"]].isna().all().all()
    assert not banner_shown(at, lang)
    assert watermarked(at) == [False]  # the change chart: every area 'unchanged'
    assert at.button(key="whatif.reset").disabled
    assert at.get("download_button")[0].proto.disabled


def test_editor_columns_are_locked_except_the_scenario_ones():
    at = start("en")
    (editor,) = at.data_editor
    config = json.loads(editor.proto.columns)
    locked = {name for name, column in config.items() if column.get("disabled")}
    assert {"area", "objective", "required", "plan_confirmed"} <= locked
    assert not locked & {"confirmed_usd", "pledge_usd", "note"}
    for name in ("confirmed_usd", "pledge_usd"):
        assert config[name]["type_config"]["min_value"] == 0
        assert config[name]["type_config"]["step"] == 1
        assert config[name]["type_config"]["format"] == "$%,d"


# --- edit, apply, every page shows the scenario, reset -------------------------------------
def test_pledge_in_the_editor_shows_on_every_page_and_reset_restores_the_plan(funding):
    at = start("en")
    assert metrics(overview(at))["Funding confirmed"] == PLAN_CONFIRMED["en"]

    at.switch_page(WHAT_IF).run()
    edit_table(at, {0: {"pledge_usd": 500_000, "note": "ECHO pledge"}})  # row 0: shelter
    assert not errors(at)
    assert active(at) == {"shelter": AreaEdit(pledge_usd=500_000, note="ECHO pledge")}
    assert [s.value for s in at.success] == [t("whatif.applied", "en")]
    assert banner_shown(at, "en")
    assert at.query_params["whatif"] == "shelter:=+500000"
    assert [c.value for c in at.code] == ["?whatif=shelter:=%2B500000&lang=en"]
    assert all(watermarked(at))  # the change chart
    # The editor now starts from the active scenario.
    assert at.data_editor[0].value.loc["shelter", "pledge_usd"] == 500_000

    at = overview(at)
    shown = metrics(at)
    assert shown["Funding confirmed"] == "$2,726,876"
    assert shown["Gap"] == "$21,873,124"
    assert shown["Coverage"] == "11.1%"
    assert banner_shown(at, "en")
    assert watermarked(at) == [True, True]

    at.switch_page(WHAT_IF).run()
    at.button(key="whatif.reset").click().run()
    assert_ok(at)
    assert active(at) == {}
    assert "whatif" not in at.query_params
    assert at.data_editor[0].value["pledge_usd"].isna().all()
    at = overview(at)
    assert metrics(at)["Funding confirmed"] == "$2,226,876"
    assert not banner_shown(at, "en")
    assert watermarked(at) == [False, False]


def test_french_figures_use_narrow_no_break_spaces():
    at = start("fr")
    at.session_state[SCENARIO_KEY] = dict(SHELTER_PLEDGE)  # programmatically, as a page would
    at = overview(at)
    assert metrics(at)["Financement confirmé"] == "2\u202f726\u202f876\u00a0$"
    assert metrics(at)["Couverture"] == "11,1\u00a0%"
    assert banner_shown(at, "fr")
    assert "SCÉNARIO" in t("app.scenario_banner", "fr")


@pytest.mark.parametrize(
    "page",
    [
        "pages/overview.py",
        "pages/funding.py",
        "pages/coverage.py",
        "pages/displacement.py",
        "pages/data_sources.py",
        WHAT_IF,
    ],
)
def test_every_page_runs_under_a_scenario_with_banner_and_watermarks(page):
    at = start("en", page=None)
    at.session_state[SCENARIO_KEY] = dict(SHELTER_PLEDGE)
    at.switch_page(page).run()
    assert_ok(at)
    assert not errors(at)
    # Data & sources always shows the plan's tables (baseline): no scenario banner there.
    assert banner_shown(at, "en") is (page != "pages/data_sources.py")
    marks = watermarked(at)
    if page in ("pages/overview.py", "pages/funding.py", "pages/coverage.py", WHAT_IF):
        assert marks and all(marks), marks


def test_funding_and_coverage_draw_the_scenario_figures():
    at = start("en", page=None)
    at.session_state[SCENARIO_KEY] = dict(SHELTER_PLEDGE)
    at.switch_page("pages/funding.py").run()
    bars = json.loads(at.get("plotly_chart")[0].proto.spec)
    confirmed = {}
    for trace in bars["data"]:
        if trace.get("meta", {}).get("kind") == "confirmed":
            confirmed.update(dict(zip(trace["customdata"], trace["x"], strict=True)))
    assert confirmed["shelter"] == 951_968

    at.switch_page("pages/coverage.py").run()
    plan_donut = json.dumps(json.loads(at.get("plotly_chart")[0].proto.spec))
    assert "11.1%" in plan_donut


def test_displacement_overlay_caption_uses_the_scenario():
    at = start("en", page=None)
    at.session_state[SCENARIO_KEY] = dict(SHELTER_PLEDGE)
    at.switch_page("pages/displacement.py").run()
    at.selectbox(key="displacement.area").set_value("shelter").run()
    assert_ok(at)
    captions = " ".join(c.value for c in at.caption)
    assert "Funding $951,968 confirmed of $5,400,000 required (17.6%)" in captions


def test_sidebar_reset_goes_back_to_the_plan():
    at = AppTest.from_file(DASHBOARD, default_timeout=60)
    at.query_params["lang"] = "en"
    at.session_state[SCENARIO_KEY] = dict(SHELTER_PLEDGE)
    at.run()
    assert metrics(at)["Funding confirmed"] == "$2,726,876"
    assert at.query_params["whatif"] == "shelter:=+500000"
    at.button(key="sidebar.reset").click().run()
    assert_ok(at)
    assert active(at) == {}
    assert metrics(at)["Funding confirmed"] == "$2,226,876"
    assert "whatif" not in at.query_params


# --- refused and warned edits ----------------------------------------------------------------
def test_invalid_cells_are_refused_with_their_messages_and_nothing_changes():
    at = start("en")
    edit_table(at, {0: {"pledge_usd": 500_000}})
    before = active(at)
    # A browser's grid enforces min, max and step; the server checks anyway.
    edit_table(at, {1: {"confirmed_usd": -5}, 3: {"pledge_usd": 20_000_000_000}})
    shown = errors(at)
    assert len(shown) == 1
    assert shown[0].startswith(t("whatif.refused", "en"))
    assert "- CCCM › Confirmed (scenario): \u22125 is negative: amounts start at 0" in shown[0]
    assert (
        "- MHPSS › Additional pledge: 20,000,000,000 is above the limit of 10,000,000,000 USD"
        in shown[0]
    )
    assert active(at) == before
    assert metrics(overview(at))["Funding confirmed"] == "$2,726,876"


def test_cents_are_refused_not_rounded():
    at = start("en")
    edit_table(at, {3: {"pledge_usd": 1234.5}})
    (shown,) = errors(at)
    assert "- MHPSS › Additional pledge: 1234.5 is not a whole number of US dollars" in shown
    assert active(at) == {}
    at.run()  # the refused table stays on screen, with its problems, until corrected
    assert len(errors(at)) == 1
    edit_table(at, {3: {"pledge_usd": 1234}})
    assert not errors(at)
    assert active(at) == {"mhpss": AreaEdit(pledge_usd=1234)}


def test_invalid_cells_are_refused_in_french():
    at = start("fr")
    edit_table(at, {1: {"confirmed_usd": -5}})
    (shown,) = errors(at)
    assert "- CCCM (gestion des camps) › Confirmé (scénario)\u00a0: \u22125 est négatif" in shown
    assert active(at) == {}


def test_over_funding_is_applied_with_a_warning():
    at = start("en")
    edit_table(at, {8: {"confirmed_usd": 500_000}})  # support_services: 400,000 required
    assert active(at) == {"support_services": AreaEdit(confirmed_usd=500_000)}
    assert not errors(at)
    assert (
        "Support services: $500,000 confirmed in the scenario, above the $400,000 required "
        "(over-funded)." in [w.value for w in at.warning]
    )


def test_comparison_tables_show_locale_formatted_deltas():
    at = start("fr")
    edit_table(at, {0: {"pledge_usd": 500_000}})
    objectives, areas = (frame.value for frame in at.dataframe if frame.editing_mode == "read_only")
    total = objectives.iloc[-1]
    assert total[t("whatif.cmp.name", "fr")] == "Total"
    assert total[t("whatif.cmp.delta", "fr")] == "+500\u202f000\u00a0$"
    assert total[t("whatif.cmp.scenario_coverage", "fr")] == "11,1\u00a0%"
    assert total[t("whatif.cmp.delta_coverage", "fr")] == "+2,0 pt"
    shelter = areas.iloc[0]
    assert shelter[t("whatif.cmp.scenario", "fr")] == "951\u202f968\u00a0$"
    mhpss = areas.iloc[3]
    assert mhpss[t("whatif.cmp.baseline", "fr")] == "non communiqué"
    assert mhpss[t("whatif.cmp.delta", "fr")] == "non communiqué"


# --- files -------------------------------------------------------------------------------
def test_invalid_json_upload_is_refused_and_nothing_changes():
    at = start("en")
    edit_table(at, {0: {"pledge_usd": 500_000}})
    before = active(at)
    editor_key = at.data_editor[0].key
    at.file_uploader[0].upload("broken.json", b'{"format": ', "application/json").run()
    assert_ok(at)
    (shown,) = errors(at)
    assert shown.startswith("File refused (broken.json), the active scenario is unchanged:")
    assert "- not valid JSON (line 1, column 12)" in shown
    assert active(at) == before
    assert at.data_editor[0].key == editor_key  # the editor was not renewed either
    at.run()  # the refusal stays on screen while the file is in the uploader
    assert len(errors(at)) == 1 and active(at) == before


def test_scenario_file_for_another_plan_is_refused_with_each_problem(plan):
    document = json.loads(
        scenario_to_json(Scenario("Old", SHELTER_PLEDGE, plan.summary.document_date))
    )
    document["baseline_date"] = "2022-01-01"
    document["edits"]["nowhere"] = {"confirmed_usd": 1, "pledge_usd": 0, "note": ""}
    at = start("en")
    at.file_uploader[0].upload("old.json", json.dumps(document).encode(), "application/json")
    at.run()
    (shown,) = errors(at)
    assert "- baseline_date: the scenario was made for the plan of 2022-01-01" in shown
    assert "unknown activity area “nowhere”" in shown
    assert active(at) == {}


def test_valid_json_upload_opens_the_scenario(plan):
    scenario = Scenario("Donor round", SHELTER_PLEDGE, plan.summary.document_date)
    at = start("en")
    at.file_uploader[0].upload("round.json", scenario_to_json(scenario).encode(), "text/json")
    at.run()
    assert_ok(at)
    assert not errors(at)
    assert active(at) == SHELTER_PLEDGE
    assert [s.value for s in at.success] == ["Scenario “Donor round” opened from round.json."]
    assert at.text_input[0].value == "Donor round"  # the name to save or download under
    assert not at.get("download_button")[0].proto.disabled


# --- saved scenarios ---------------------------------------------------------------------------
def test_save_list_reopen_and_delete(scenario_dir):
    at = start("en")
    assert at.button(key="whatif.save").disabled  # nothing to save yet
    edit_table(at, {0: {"pledge_usd": 500_000}})

    at.text_input[0].input("Donor round").run()
    at.button(key="whatif.save").click().run()
    assert [s.value for s in at.success] == ["Scenario “Donor round” saved."]
    assert (scenario_dir / "scenarios.sqlite3").exists()

    at.button(key="whatif.save").click().run()  # the same name again (any case)
    (shown,) = errors(at)
    assert "a scenario named “Donor round” is already saved" in shown

    at.text_input[0].input("   ").run()
    at.button(key="whatif.save").click().run()
    assert "- the scenario name is empty" in errors(at)[0]

    at.button(key="whatif.reset").click().run()
    assert active(at) == {}
    assert at.selectbox(key="whatif.saved_choice").value == "Donor round"
    at.button(key="whatif.open").click().run()
    assert_ok(at)
    assert active(at) == SHELTER_PLEDGE
    assert [s.value for s in at.success] == ["Scenario “Donor round” opened."]

    at.button(key="whatif.delete").click().run()
    assert t("whatif.saved.confirm", "en", name="Donor round") in [w.value for w in at.warning]
    at.button(key="whatif.delete_cancel").click().run()
    assert at.selectbox(key="whatif.saved_choice").value == "Donor round"
    at.button(key="whatif.delete").click().run()
    at.button(key="whatif.delete_yes").click().run()
    assert_ok(at)
    assert [s.value for s in at.success] == ["Scenario “Donor round” deleted."]
    assert t("whatif.saved.none", "en") in [c.value for c in at.caption]
    assert active(at) == SHELTER_PLEDGE  # deleting keeps what is shown


def test_saved_scenarios_are_shared_between_sessions():
    first = start("en")
    edit_table(first, {0: {"pledge_usd": 500_000}})
    first.text_input[0].input("Shared").run()
    first.button(key="whatif.save").click().run()
    second = start("en")
    assert second.selectbox(key="whatif.saved_choice").value == "Shared"
    assert active(second) == {}


def test_deleting_what_another_session_already_deleted_says_so():
    first = start("en")
    edit_table(first, {0: {"pledge_usd": 500_000}})
    first.text_input[0].input("Gone").run()
    first.button(key="whatif.save").click().run()
    second = start("en")
    second.button(key="whatif.delete").click().run()
    first.button(key="whatif.delete").click().run()
    first.button(key="whatif.delete_yes").click().run()
    second.button(key="whatif.delete_yes").click().run()
    assert_ok(second)
    (shown,) = errors(second)
    assert shown.startswith("The scenario “Gone” cannot be deleted:")
    assert "no scenario named “Gone” is saved" in shown


# --- links ------------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_whatif_link_activates_the_scenario(lang):
    at = start(lang, page=None, whatif="shelter:=+500000")
    assert not errors(at)
    assert active(at) == SHELTER_PLEDGE
    assert metrics(at)[t("metric.confirmed", lang)] == SCENARIO_CONFIRMED[lang]
    assert banner_shown(at, lang)
    assert at.query_params["whatif"] == "shelter:=+500000"
    at.switch_page(WHAT_IF).run()
    assert at.data_editor[0].value.loc["shelter", "pledge_usd"] == 500_000


def test_a_bad_link_says_why_and_keeps_the_plan():
    at = start("en", page=None, whatif="shelter:-5;nowhere:100")
    (shown,) = errors(at)
    assert shown.startswith(t("whatif.link.refused", "en"))
    assert "“shelter:-5” is not area:amount" in shown
    assert active(at) == {}
    assert metrics(at)["Funding confirmed"] == PLAN_CONFIRMED["en"]
    assert not banner_shown(at, "en")
    assert "whatif" not in at.query_params  # the bad link is not carried on
    at.run()
    assert not errors(at)  # read once, on the session's first run


def test_unknown_area_in_a_link_names_the_valid_ones():
    at = start("en", page=None, whatif="nowhere:100")
    (shown,) = errors(at)
    assert "unknown activity area “nowhere”; valid ids: shelter, cccm," in shown


def test_link_is_only_read_on_the_first_run():
    at = start("en", page=None)
    at.query_params["whatif"] = "shelter:=+500000"
    at.run()
    assert active(at) == {}  # the address follows the session
    assert "whatif" not in at.query_params


# --- sessions ------------------------------------------------------------------------------
def test_two_sessions_do_not_see_each_others_edits():
    first, second = start("en"), start("en")
    edit_table(first, {0: {"pledge_usd": 500_000}})
    edit_table(second, {1: {"confirmed_usd": 1_000_000}})
    assert active(first) == SHELTER_PLEDGE
    assert active(second) == {"cccm": AreaEdit(confirmed_usd=1_000_000)}
    assert metrics(overview(first))["Funding confirmed"] == "$2,726,876"
    assert metrics(overview(second))["Funding confirmed"] == "$2,823,461"
    third = start("en", page="pages/overview.py")
    assert metrics(third)["Funding confirmed"] == PLAN_CONFIRMED["en"]
    assert not banner_shown(third, "en")
