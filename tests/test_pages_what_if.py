"""What-if page and scenario behaviour across the app, through AppTest.

Edits are made the way a user makes them where AppTest allows it: the data editor's edit
state (``edited_rows``) is assigned on ``at.session_state`` before the Apply click, files go
through ``at.file_uploader[...].upload()``, links through ``at.query_params``. Each test
has its own AppTest (its own session) and its own scenario store (``tmp_path``).

Messages are read as the Markdown Streamlit renders (``.value``): a value from outside
(a file name, a scenario name, a link) shows there escaped by ``components.safe_text.plain``.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from components.safe_text import plain
from components.theme import WATERMARK_NAME
from components.whatif_tables import saved_when
from data.names import area_names
from data.scenario import AreaEdit, Scenario, scenario_to_json
from data.store import DATA_DIR_ENV, ScenarioStore
from text import fmt_int, fmt_usd, t

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
    """Does the page start with the scenario banner (its name and edits follow the warning)?"""
    return any(t("app.scenario_banner", lang) in w.value for w in at.warning)


def json_download(at: AppTest):
    """The active scenario's JSON download (the comparison's Excel download comes first)."""
    (button,) = [b for b in at.get("download_button") if b.proto.id.endswith("-whatif.download")]
    return button


def comparison_tables(at: AppTest) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(by objective, by area) as shown: st.table cells, escaped for Markdown."""
    objectives, areas = (table.value for table in at.table)
    return objectives, areas


def watermarked(at: AppTest) -> list[bool]:
    """For each plotly chart of the page: does it carry the SCENARIO watermark?"""
    specs = [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]
    return [
        any(a.get("name") == WATERMARK_NAME for a in spec["layout"].get("annotations", []))
        for spec in specs
    ]


def markdown_bodies(at: AppTest) -> list[str]:
    """Every text Streamlit renders as Markdown on the page (messages, captions, labels)."""
    bodies = [
        e.value for kind in ("error", "warning", "success", "info", "caption") for e in at.get(kind)
    ]
    return bodies + [b.label for b in at.button]


def name_input(at: AppTest):
    (widget,) = [w for w in at.text_input if w.key.startswith("whatif.save_name.")]
    return widget


def sign(at: AppTest, author: str = "Awa") -> AppTest:
    """Type the user's name (once per session)."""
    at.text_input(key="whatif.author_input").input(author).run()
    assert_ok(at)
    return at


def save_as(at: AppTest, name: str) -> AppTest:
    name_input(at).input(name).run()
    at.button(key="whatif.save").click().run()
    assert_ok(at)
    return at


def type_cells(at: AppTest, rows: dict[int, dict[str, object]]) -> AppTest:
    """Type into the editor (row positions in plan order) without applying. The grid's
    amount columns are text: a number given here is sent as the browser would, as text."""
    (editor,) = at.data_editor
    sent = {
        row: {col: v if v is None or isinstance(v, str) else str(v) for col, v in cells.items()}
        for row, cells in rows.items()
    }
    at.session_state[editor.key] = {"edited_rows": sent, "added_rows": [], "deleted_rows": []}
    at.run()
    assert_ok(at)
    return at


def edit_table(at: AppTest, rows: dict[int, dict[str, object]]) -> AppTest:
    """Type into the editor (row positions in plan order) and click Apply."""
    type_cells(at, rows)
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
    assert json_download(at).proto.disabled


def test_editor_columns_are_locked_except_the_scenario_ones():
    at = start("en")
    (editor,) = at.data_editor
    config = json.loads(editor.proto.columns)
    locked = {name for name, column in config.items() if column.get("disabled")}
    assert {"area", "required", "plan_confirmed"} <= locked
    assert not locked & {"confirmed_usd", "pledge_usd", "note"}
    for name in ("confirmed_usd", "pledge_usd"):  # text as typed, read by the page
        assert config[name]["type_config"] == {"type": "text"}


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
    assert at.data_editor[0].value.loc["shelter", "pledge_usd"] == "500,000"

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
    type_cells(at, {1: {"confirmed_usd": -5}, 3: {"pledge_usd": 20_000_000_000}})
    shown = errors(at)
    assert len(shown) == 1
    assert shown[0].startswith(t("whatif.typed.refused", "en"))
    assert "- CCCM › Confirmed (scenario): “\\-5” is negative: amounts start at 0" in shown[0]
    assert (
        "- MHPSS › Additional pledge: “20000000000” is above the limit of $10,000,000,000"
        in shown[0]
    )
    assert at.button(key="whatif.apply").disabled
    assert active(at) == before
    assert metrics(overview(at))["Funding confirmed"] == "$2,726,876"


def test_cents_are_refused_not_rounded():
    at = start("en")
    type_cells(at, {3: {"pledge_usd": 1234.5}})
    (shown,) = errors(at)
    assert "- MHPSS › Additional pledge: “1234\\.5” has a decimal part" in shown
    assert active(at) == {}
    at.run()  # the refused table stays on screen, with its problems, until corrected
    assert len(errors(at)) == 1
    edit_table(at, {3: {"pledge_usd": 1234}})
    assert not errors(at)
    assert active(at) == {"mhpss": AreaEdit(pledge_usd=1234)}


def test_invalid_cells_are_refused_in_french():
    at = start("fr")
    type_cells(at, {1: {"confirmed_usd": -5}})
    (shown,) = errors(at)
    # The area's name is data (activity_areas.csv): escaped, it reads as typed.
    area = plain("CCCM (gestion des camps)")
    assert f"- {area} › Confirmé (scénario)\u00a0: «\u00a0\\-5\u00a0» est négatif" in shown
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
    objectives, areas = comparison_tables(at)

    def col(key: str) -> str:  # headers are escaped too
        return plain(t(key, "fr"))

    total = objectives.iloc[-1]
    assert total[col("whatif.cmp.name")] == "Total"
    assert total[col("whatif.cmp.delta")] == plain("+500\u202f000\u00a0$")
    assert total[col("whatif.cmp.scenario_coverage")] == "11,1\u00a0%"
    assert total[col("whatif.cmp.delta_coverage")] == plain("+2,0 pt")
    shelter = areas.iloc[0]
    assert shelter[col("whatif.cmp.scenario")] == plain("951\u202f968\u00a0$")
    mhpss = areas.iloc[3]
    assert mhpss[col("whatif.cmp.baseline")] == "non communiqué"
    assert mhpss[col("whatif.cmp.delta")] == "non communiqué"


# --- files -------------------------------------------------------------------------------
def test_invalid_json_upload_is_refused_and_nothing_changes():
    at = start("en")
    edit_table(at, {0: {"pledge_usd": 500_000}})
    before = active(at)
    editor_key = at.data_editor[0].key
    at.file_uploader[0].upload("broken.json", b'{"format": ', "application/json").run()
    assert_ok(at)
    (shown,) = errors(at)
    assert shown.startswith("File refused (broken\\.json), the active scenario is unchanged:")
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
    assert "- baseline\\_date: the scenario was made for the plan of 2022\\-01\\-01" in shown
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
    assert [s.value for s in at.success] == ["Scenario “Donor round” opened from round\\.json."]
    assert name_input(at).value == "Donor round"  # the name to save or download under
    assert not json_download(at).proto.disabled


# --- saved scenarios ---------------------------------------------------------------------------
def test_save_list_reopen_and_delete(scenario_dir):
    at = start("en")
    assert at.button(key="whatif.save").disabled  # nothing to save yet
    edit_table(at, {0: {"pledge_usd": 500_000}})
    sign(at, "Awa")

    save_as(at, "Donor round")
    assert [s.value for s in at.success] == ["Scenario “Donor round” saved."]
    assert (scenario_dir / "scenarios.sqlite3").exists()

    save_as(at, "   ")
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


def test_saving_replacing_and_deleting_need_the_users_name(scenario_dir):
    at = start("en")
    edit_table(at, {0: {"pledge_usd": 500_000}})
    assert t("whatif.store.author_needed", "en") in [c.value for c in at.caption]
    save_as(at, "Donor round")
    assert errors(at) == [
        "Scenario not saved:\n- type your name first (it is shown with what you save)"
    ]
    assert not at.success
    assert ScenarioStore(scenario_dir / "scenarios.sqlite3").list().scenarios == ()

    sign(at, "Awa")
    at.button(key="whatif.save").click().run()
    assert [s.value for s in at.success] == ["Scenario “Donor round” saved."]

    sign(at, "")  # the name erased: no replacing, no deleting
    at.button(key="whatif.delete").click().run()
    assert errors(at) == [
        "The scenario “Donor round” cannot be deleted:\n- type your name first (it is shown "
        "with what you save)"
    ]
    assert not any(b.key == "whatif.delete_yes" for b in at.button)
    sign(at, "Awa\u202e")
    at.button(key="whatif.delete").click().run()
    assert errors(at) == [
        "The scenario “Donor round” cannot be deleted:\n- your name contains a control, "
        "invisible or text-direction character (U\\+202E)"
    ]
    assert [i.name for i in ScenarioStore(scenario_dir / "scenarios.sqlite3").list()] == [
        "Donor round"
    ]


def test_the_users_name_is_kept_for_the_session():
    at = start("en")
    sign(at, "Awa Diallo")
    at.switch_page("pages/overview.py").run()
    at.switch_page(WHAT_IF).run()
    assert at.text_input(key="whatif.author_input").value == "Awa Diallo"
    assert start("en").text_input(key="whatif.author_input").value == ""  # another session


def test_overwrite_asks_each_time_and_records_who(scenario_dir, plan):
    store_path = scenario_dir / "scenarios.sqlite3"
    first = sign(start("en"), "Awa")
    edit_table(first, {0: {"pledge_usd": 500_000}})
    save_as(first, "Donor round")
    saved = ScenarioStore(store_path).list().scenarios[0]

    second = sign(start("en"), "Ben")
    edit_table(second, {1: {"confirmed_usd": 1_000_000}})
    save_as(second, "donor ROUND")  # a look-alike of the saved name
    assert not errors(second) and not second.success
    when = saved_when(saved.updated_at, "en")
    assert [w.value for w in second.warning if w.value.startswith("“")] == [
        f"“Donor round” is already saved (last saved by Awa, {when}). Replace it for "
        "everyone? This cannot be undone."
    ]
    assert second.button(key="whatif.overwrite_yes").label == "Confirm overwrite “Donor round”"
    assert ScenarioStore(store_path).load("Donor round", plan).edits == SHELTER_PLEDGE

    second.button(key="whatif.overwrite_cancel").click().run()  # cancelled: nothing asked
    assert not any(b.key == "whatif.overwrite_yes" for b in second.button)
    assert ScenarioStore(store_path).load("Donor round", plan).edits == SHELTER_PLEDGE

    second.button(key="whatif.save").click().run()  # asked again
    second.button(key="whatif.overwrite_yes").click().run()
    assert_ok(second)
    assert [s.value for s in second.success] == ["Scenario “donor ROUND” replaced."]
    assert not any(b.key == "whatif.overwrite_yes" for b in second.button)  # used: gone
    (info,) = ScenarioStore(store_path).list()
    assert (info.name, info.created_by, info.updated_by) == ("donor ROUND", "Awa", "Ben")
    assert info.created_at == saved.created_at
    assert ScenarioStore(store_path).load("Donor round", plan).edits == {
        "cccm": AreaEdit(confirmed_usd=1_000_000)
    }

    second.button(key="whatif.save").click().run()  # each time: asked again
    assert second.button(key="whatif.overwrite_yes").label == "Confirm overwrite “donor ROUND”"

    # The listing says who last saved it and when, and who created it.
    first.run()
    assert first.selectbox(key="whatif.saved_choice").options == [
        f"donor ROUND — 1 area edited, by Ben, {saved_when(info.updated_at, 'en')}"
    ]
    assert (
        f"Last saved by Ben, {saved_when(info.updated_at, 'en')}. Created by Awa, "
        f"{saved_when(info.created_at, 'en')}." in [c.value for c in first.caption]
    )


def test_overwrite_of_what_changed_meanwhile_is_refused(scenario_dir, plan):
    first = sign(start("en"), "Awa")
    edit_table(first, {0: {"pledge_usd": 500_000}})
    save_as(first, "Round")
    second = sign(start("en"), "Ben")
    edit_table(second, {1: {"confirmed_usd": 1}})
    save_as(second, "Round")  # asks to confirm against Awa's version
    third = sign(start("en"), "Chi")
    edit_table(third, {2: {"confirmed_usd": 2}})
    save_as(third, "Round")
    third.button(key="whatif.overwrite_yes").click().run()  # Chi replaces it first
    second.button(key="whatif.overwrite_yes").click().run()
    assert errors(second) == [
        "Scenario not saved:\n- “Round” was saved again in the meantime; look at it before "
        "replacing or deleting it"
    ]
    assert ScenarioStore(scenario_dir / "scenarios.sqlite3").load("Round", plan).edits == {
        "protection": AreaEdit(confirmed_usd=2)
    }


def test_delete_asks_each_time_and_nothing_is_deleted_without_it(scenario_dir):
    store_path = scenario_dir / "scenarios.sqlite3"
    at = sign(start("en"), "Awa")
    edit_table(at, {0: {"pledge_usd": 500_000}})
    save_as(at, "Kept")
    at.button(key="whatif.delete").click().run()
    assert at.button(key="whatif.delete_yes").label == "Confirm delete “Kept”"
    at.run()  # other reruns do not confirm
    at.button(key="whatif.open").click().run()  # another action drops the question
    assert not any(b.key == "whatif.delete_yes" for b in at.button)
    assert [i.name for i in ScenarioStore(store_path).list()] == ["Kept"]

    at.button(key="whatif.delete").click().run()
    at.button(key="whatif.delete_yes").click().run()
    assert [s.value for s in at.success] == ["Scenario “Kept” deleted."]
    assert ScenarioStore(store_path).list().scenarios == ()


def test_delete_of_what_changed_meanwhile_is_refused(scenario_dir, plan):
    first = sign(start("en"), "Awa")
    edit_table(first, {0: {"pledge_usd": 500_000}})
    save_as(first, "Round")
    first.button(key="whatif.delete").click().run()  # asked to confirm Awa's version
    second = sign(start("en"), "Ben")
    edit_table(second, {1: {"confirmed_usd": 1}})
    save_as(second, "Round")
    second.button(key="whatif.overwrite_yes").click().run()
    first.button(key="whatif.delete_yes").click().run()
    assert errors(first) == [
        "The scenario “Round” cannot be deleted:\n- “Round” was saved again in the meantime; "
        "look at it before replacing or deleting it"
    ]
    assert ScenarioStore(scenario_dir / "scenarios.sqlite3").load("Round", plan).edits == {
        "cccm": AreaEdit(confirmed_usd=1)
    }


def test_saved_scenarios_are_shared_between_sessions():
    first = sign(start("en"))
    edit_table(first, {0: {"pledge_usd": 500_000}})
    save_as(first, "Shared")
    second = start("en")
    assert second.selectbox(key="whatif.saved_choice").value == "Shared"
    assert active(second) == {}


def test_deleting_what_another_session_already_deleted_says_so():
    first = sign(start("en"))
    edit_table(first, {0: {"pledge_usd": 500_000}})
    save_as(first, "Gone")
    second = sign(start("en"), "Ben")
    second.button(key="whatif.delete").click().run()
    first.button(key="whatif.delete").click().run()
    first.button(key="whatif.delete_yes").click().run()
    second.button(key="whatif.delete_yes").click().run()
    assert_ok(second)
    (shown,) = errors(second)
    assert shown.startswith("The scenario “Gone” cannot be deleted:")
    assert "no scenario named “Gone” is saved" in shown


# --- values from outside are shown as text, never as Markdown ----------------------------------
BEACON = "![](http://127.0.0.1:9/a.gif)"
PHISH = "[Re-login here](http://e)"


def assert_no_markdown(at: AppTest) -> None:
    for body in markdown_bodies(at):
        assert "![" not in body and "](" not in body, body


@pytest.mark.parametrize(
    ("link", "shown"),
    [
        (
            f"{BEACON}:1",
            "“\\!\\[\\]\\(http\\:\u2060//127\\.0\\.0\\.1\\:\u20609/a\\.gif\\)\\:\u20601” "
            "is not area:amount (e.g. shelter:951968, shelter:451968+500000 or cccm:=+50000)",
        ),
        (
            "[x](http://e):1",
            "“\\[x\\]\\(http\\:\u2060//e\\)\\:\u20601” is not area:amount (e.g. "
            "shelter:951968, shelter:451968+500000 or cccm:=+50000)",
        ),
        (
            f"{PHISH.replace('http://', '')}:1",
            "unknown activity area “\\[Re\\-login here\\]\\(e\\)”; valid ids: shelter, cccm, "
            "protection, mhpss, wash\\_emergency, basic\\_needs, border\\_management, "
            "displacement\\_tracking, support\\_services, emergency\\_preparedness, "
            "peacebuilding, community\\_stabilization, livelihoods, drr, wash\\_transition",
        ),
    ],
)
@pytest.mark.parametrize("script", [DASHBOARD, str(Path(DASHBOARD).parent / WHAT_IF)])
def test_markdown_in_a_link_is_shown_as_text(link, shown, script):
    """The link's value is echoed escaped, whether the app or the What-if page is opened."""
    at = AppTest.from_file(script, default_timeout=60)
    at.query_params["lang"] = "en"
    at.query_params["whatif"] = link
    at.run()
    assert_ok(at)
    assert errors(at) == [f"{t('whatif.link.refused', 'en')}\n- {shown}"]
    assert_no_markdown(at)
    assert active(at) == {}


def test_markdown_in_names_and_file_names_is_shown_as_text(scenario_dir, plan):
    name = f"{BEACON} {PHISH}"[:80]
    at = sign(start("en"), f"{PHISH}"[:60])
    scenario = Scenario(name, SHELTER_PLEDGE, plan.summary.document_date)
    at.file_uploader[0].upload(f"{BEACON}.json", scenario_to_json(scenario).encode(), "text/json")
    at.run()
    assert [s.value for s in at.success] == [
        f"Scenario “{plain(name)}” opened from {plain(BEACON + '.json')}."
    ]
    assert_no_markdown(at)
    at.button(key="whatif.save").click().run()
    assert [s.value for s in at.success] == [f"Scenario “{plain(name)}” saved."]
    assert_no_markdown(at)
    at.button(key="whatif.save").click().run()  # the same name: asks to replace
    assert at.button(key="whatif.overwrite_yes").label == f"Confirm overwrite “{plain(name)}”"
    at.button(key="whatif.delete").click().run()
    assert at.button(key="whatif.delete_yes").label == f"Confirm delete “{plain(name)}”"
    assert_no_markdown(at)
    # A select box shows text as is: its option is the name itself, not escaped.
    (option,) = at.selectbox(key="whatif.saved_choice").options
    assert option.startswith(f"{name} — 1 area edited, by {PHISH}")
    # A refused file keeps its name escaped too.
    at.file_uploader[0].upload(f"{PHISH}.json", b"{", "text/json").run()
    (refused,) = errors(at)
    assert refused.startswith(f"File refused ({plain(PHISH + '.json')}), the active scenario")
    assert_no_markdown(at)


# --- a store that cannot be used: only its section says so -------------------------------------
def break_store(scenario_dir: Path, how: str) -> None:
    path = scenario_dir / "scenarios.sqlite3"
    if how == "garbage":
        path.write_bytes(b"not a database " * 100)
    elif how == "directory":
        path.mkdir()
    elif how == "malformed row":
        ScenarioStore(path).save(
            Scenario("Good", SHELTER_PLEDGE, dt.date(2023, 11, 27)), author="A"
        )
        with sqlite3.connect(path) as conn:
            conn.execute(  # named columns: later schema versions add columns with defaults
                "INSERT INTO scenarios (name_key, name, baseline_date, n_edits, body, "
                "created_at, updated_at, created_by, updated_by) VALUES ('bad', 'Bad', "
                "'2023-11-27', 0, '{}', '2024-01-01T00:00:00+00:00', 'yesterday', '', '')"
            )
        conn.close()


@pytest.mark.parametrize(
    ("how", "reason"),
    [("garbage", "not_a_database"), ("directory", "cannot_open"), ("data dir is a file", None)],
)
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_unusable_store_leaves_the_rest_of_the_page_working(
    scenario_dir, monkeypatch, plan, how, reason, lang
):
    if how == "data dir is a file":
        (scenario_dir / "file").write_text("x")
        monkeypatch.setenv(DATA_DIR_ENV, str(scenario_dir / "file"))
        reason = "not_a_directory"
    else:
        break_store(scenario_dir, how)
    at = start(lang)
    message = t("whatif.store.unavailable", lang, reason=t(f"whatif.store.reason.{reason}", lang))
    assert message in [w.value for w in at.warning]
    assert not errors(at)
    assert not any(b.key in ("whatif.save", "whatif.open") for b in at.button)

    # The editor, the comparison, the JSON file and the link still work.
    edit_table(at, {0: {"pledge_usd": 500_000}})
    assert active(at) == SHELTER_PLEDGE
    assert not json_download(at).proto.disabled
    assert [c.value for c in at.code] == [f"?whatif=shelter:=%2B500000&lang={lang}"]
    scenario = Scenario("From file", {"cccm": AreaEdit(1)}, plan.summary.document_date)
    at.file_uploader[0].upload("s.json", scenario_to_json(scenario).encode(), "text/json").run()
    assert_ok(at)
    assert active(at) == {"cccm": AreaEdit(1)}
    assert message in [w.value for w in at.warning]


def test_the_store_is_tried_again_once_usable(scenario_dir):
    break_store(scenario_dir, "garbage")
    at = start("en")
    assert any(w.value.startswith("Saved scenarios are unavailable") for w in at.warning)
    (scenario_dir / "scenarios.sqlite3").unlink()  # repaired: the failure was not cached
    at.run()
    assert not any(w.value.startswith("Saved scenarios are unavailable") for w in at.warning)
    assert t("whatif.saved.none", "en") in [c.value for c in at.caption]


def test_a_store_file_removed_while_running_is_created_again(scenario_dir):
    at = sign(start("en"))
    edit_table(at, {0: {"pledge_usd": 500_000}})
    save_as(at, "Before")
    for path in scenario_dir.iterdir():
        path.unlink()
    # The shell's data-version check meets the broken store first and opens it afresh; by the
    # time the what-if page lists the scenarios, a new, empty file is there. At worst one run
    # says the saved scenarios are unavailable; the next one works.
    at.run()
    assert not at.exception
    if any(w.value.startswith("Saved scenarios") for w in at.warning):
        at.run()
    assert not any(w.value.startswith("Saved scenarios") for w in at.warning)
    assert t("whatif.saved.none", "en") in [c.value for c in at.caption]
    save_as(at, "After")
    assert [s.value for s in at.success] == ["Scenario “After” saved."]
    assert (scenario_dir / "scenarios.sqlite3").exists()


def test_malformed_rows_are_left_out_and_counted(scenario_dir):
    break_store(scenario_dir, "malformed row")
    at = start("en")
    assert not errors(at)
    assert at.selectbox(key="whatif.saved_choice").options[0].startswith("Good — 1 area edited")
    assert len(at.selectbox(key="whatif.saved_choice").options) == 1
    assert "1 saved scenario cannot be read and is not listed: Bad" in [c.value for c in at.caption]
    assert at.get("download_button") and at.file_uploader


def test_a_lock_held_elsewhere_refuses_the_save_with_a_message(scenario_dir):
    at = sign(start("en"))
    edit_table(at, {0: {"pledge_usd": 500_000}})
    other = sqlite3.connect(scenario_dir / "scenarios.sqlite3", isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        save_as(at, "Locked out")
        assert errors(at) == [
            "Scenario not saved:\n- saved scenarios are unavailable: the file is busy (locked "
            "by another process), try again in a moment"
        ]
        assert t("whatif.saved.none", "en") in [c.value for c in at.caption]  # reads work
    finally:
        other.execute("ROLLBACK")
        other.close()
    at.button(key="whatif.save").click().run()
    assert [s.value for s in at.success] == ["Scenario “Locked out” saved."]


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
    assert at.data_editor[0].value.loc["shelter", "pledge_usd"] == fmt_int(500_000, lang)


def test_a_bad_link_says_why_and_keeps_the_plan():
    at = start("en", page=None, whatif="shelter:-5;nowhere:100")
    (shown,) = errors(at)
    assert shown.startswith(t("whatif.link.refused", "en"))
    assert f"“{plain('shelter:-5')}” is not area:amount" in shown
    assert "“shelter\\:\u2060\\-5” is not area:amount" in shown
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


def test_who_and_when_texts_escape_names_and_say_utc():
    from components.whatif_tables import saved_option, saved_stamp
    from data.store import ScenarioInfo

    moment = dt.datetime(2024, 5, 1, 14, 2, 59, tzinfo=dt.UTC)
    info = ScenarioInfo("[x](e)", moment, 2, dt.date(2023, 11, 27), moment, "", "A_b *c*")
    assert saved_when(moment, "fr") == "1er mai 2024 à 14:02 UTC"
    assert saved_when(moment.astimezone(dt.timezone(dt.timedelta(hours=2))), "en") == (
        "1 May 2024, 14:02 UTC"
    )
    # Markdown (a caption): escaped; a select box option (plain text): as typed.
    assert saved_stamp(info, "en") == (
        "Last saved by A\\_b \\*c\\*, 1 May 2024, 14:02 UTC. Created by author not recorded, "
        "1 May 2024, 14:02 UTC."
    )
    assert saved_option(info, "fr") == (
        "[x](e) — 2 domaines modifiés, par A_b *c*, 1er mai 2024 à 14:02 UTC"
    )
    unsigned = ScenarioInfo("Old", moment, 1, dt.date(2023, 11, 27), moment)
    assert saved_option(unsigned, "en") == "Old — 1 area edited, 1 May 2024, 14:02 UTC"


def test_a_file_with_many_problems_lists_ten_and_counts_the_rest(plan):
    document = json.loads(scenario_to_json(Scenario("Many", {}, plan.summary.document_date)))
    document.update({f"extra{n:02d}": n for n in range(15)})
    at = start("en")
    at.file_uploader[0].upload("many.json", json.dumps(document).encode(), "text/json").run()
    (shown,) = errors(at)
    lines = shown.split("\n")
    assert lines[1:] == [*(f"- extra{n:02d}: unexpected key" for n in range(10)), "- … and 5 more"]


# --- amounts typed as text, read in the page's language ------------------------------------
PLAN_TOTAL_CONFIRMED = 2_226_876
TYPED_ACCEPTED = [
    ("en", "1234", 1234),
    ("en", "1,234", 1234),
    ("en", "1,234,567", 1_234_567),
    ("en", "$500 000", 500_000),
    ("fr", "1234", 1234),
    ("fr", "1 234", 1234),
    ("fr", "1\u202f234\u00a0567", 1_234_567),
    ("fr", "500 000 $", 500_000),
]
TYPED_REFUSED = [
    ("en", "1234.50", "typed_decimals"),
    ("fr", "1234.50", "typed_decimals"),
    ("fr", "12,5", "typed_decimals"),
    ("en", "12,5", "typed_decimals"),
    ("en", "2e6", "typed_exponent"),
    ("fr", "2e6", "typed_exponent"),
    ("en", "-100", "typed_negative"),
    ("fr", "-100", "typed_negative"),
    ("en", "1,23,4", "typed_grouping"),
    ("fr", "1,234", "typed_decimals"),
    ("fr", "1.234.567", "typed_grouping"),
    ("en", "ten", "typed_not_a_number"),
    ("fr", "*dix*", "typed_not_a_number"),
    ("en", "20000000000", "typed_too_large"),
]


@pytest.mark.parametrize(("lang", "typed", "amount"), TYPED_ACCEPTED)
def test_a_typed_amount_is_applied_exactly(lang, typed, amount):
    at = start(lang)
    type_cells(at, {0: {"pledge_usd": typed}})  # row 0: shelter
    assert not errors(at)
    assert not at.button(key="whatif.apply").disabled
    changed = [i.value for i in at.info if i.value.startswith(t("whatif.changed.title", lang))]
    assert len(changed) == 1 and fmt_usd(amount, lang) in changed[0]
    at.button(key="whatif.apply").click().run()
    assert_ok(at)
    assert active(at) == {"shelter": AreaEdit(pledge_usd=amount)}
    # Shown back in the cell as the language writes it.
    assert at.data_editor[0].value.loc["shelter", "pledge_usd"] == fmt_int(amount, lang)
    shown = metrics(overview(at))[t("metric.confirmed", lang)]
    assert shown == fmt_usd(PLAN_TOTAL_CONFIRMED + amount, lang)


@pytest.mark.parametrize(("lang", "typed", "code"), TYPED_REFUSED)
def test_a_refused_amount_names_the_row_and_disables_apply(lang, typed, code, plan):
    at = start(lang)
    type_cells(at, {3: {"confirmed_usd": typed}})  # row 3: MHPSS
    (shown,) = errors(at)
    assert shown.startswith(t("whatif.typed.refused", lang))
    area = plain(area_names(plan.areas, lang, short=True)["mhpss"])  # the row, from the data
    where = f"{area} › {t('whatif.col.confirmed_usd', lang)}"
    limit = {"limit": fmt_int(10_000_000_000, lang)} if code == "typed_too_large" else {}
    message = t(f"whatif.problem.{code}", lang, value=plain(typed), **limit)
    assert f"- {t('whatif.problem.at', lang, where=where, message=message)}" in shown
    assert at.button(key="whatif.apply").disabled
    assert active(at) == {}
    assert metrics(overview(at))[t("metric.confirmed", lang)] == PLAN_CONFIRMED[lang]


def test_unapplied_edits_are_kept_and_warned_of_on_every_page():
    at = start("en")
    type_cells(at, {0: {"pledge_usd": "500,000"}})
    warning = t("app.unapplied_edits", "en")
    assert [w.value for w in at.sidebar.warning] == [warning]
    at = overview(at)
    assert [w.value for w in at.sidebar.warning] == [warning]
    assert active(at) == {}  # not applied
    at.run()  # a second run off the page: the editor's own state is gone, the draft is kept
    assert [w.value for w in at.sidebar.warning] == [warning]
    at.switch_page(WHAT_IF).run()
    assert at.data_editor[0].value.loc["shelter", "pledge_usd"] == "500,000"  # as typed
    at.button(key="whatif.apply").click().run()
    assert active(at) == SHELTER_PLEDGE
    assert not [w.value for w in at.sidebar.warning if w.value == warning]
    assert not [w.value for w in overview(at).sidebar.warning if w.value == warning]


def test_a_refused_cell_left_behind_is_warned_of_and_retyping_it_clears_it():
    at = start("fr")
    type_cells(at, {0: {"pledge_usd": "1234.50"}})
    at = overview(at)
    assert t("app.unapplied_edits", "fr") in [w.value for w in at.sidebar.warning]
    at.switch_page(WHAT_IF).run()
    assert len(errors(at)) == 1 and at.button(key="whatif.apply").disabled
    type_cells(at, {0: {"pledge_usd": ""}})  # cleared: nothing left to apply
    assert not errors(at)
    assert t("app.unapplied_edits", "fr") not in [w.value for w in at.sidebar.warning]
