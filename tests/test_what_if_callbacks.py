"""The what-if page's callbacks as plain functions on a dict: apply, reset, upload, save,
replace, open and delete, with a real store in ``tmp_path`` and no Streamlit run."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from components.safe_text import plain
from data.scenario import AreaEdit, Problem, Scenario, ScenarioError, scenario_to_json
from data.store import ScenarioInfo, ScenarioStore
from pages._scenario import EDITOR_VERSION_KEY, SCENARIO_KEY, SCENARIO_NAME_KEY
from pages._what_if_callbacks import (
    apply_clicked,
    delete_clicked,
    delete_confirmed,
    open_clicked,
    overwrite_confirmed,
    reset_clicked,
    save_clicked,
    upload_changed,
)
from pages._what_if_state import (
    AUTHOR_INPUT_KEY,
    CHOICE_KEY,
    CONFIRM_DELETE_KEY,
    CONFIRM_OVERWRITE_KEY,
    FLASH_KEY,
    UPLOAD_REFUSED_KEY,
    WhatIf,
    forget_confirmations,
    submitted_table,
    versioned,
    without_where,
)
from text import t

DOC_DATE = dt.date(2023, 11, 27)
PLEDGE = {"shelter": AreaEdit(pledge_usd=500_000)}
NAME_KEY = "whatif.save_name.test"


@pytest.fixture
def store(tmp_path: Path) -> ScenarioStore:
    return ScenarioStore(tmp_path / "scenarios.sqlite3")


@pytest.fixture
def w(plan, store) -> WhatIf:
    return WhatIf({}, plan, "en", lambda: store)


def flashed(w: WhatIf) -> list[tuple[str, str, str]]:
    """(place, kind, text) of every message left, problems as their codes."""
    return [
        (place, kind, text if error is None else f"{text} {[p.code for p in error.problems]}")
        for place, kind, text, error in w.state.get(FLASH_KEY, [])
    ]


def typed(w: WhatIf, rows: dict[int, dict[str, object]]) -> None:
    """What the user typed into the editor (row positions in plan order: shelter is 0)."""
    w.state[versioned(w.state, "editor")] = {"edited_rows": rows}


def signed(w: WhatIf, author: str = "Awa") -> WhatIf:
    w.state[AUTHOR_INPUT_KEY] = author
    return w


def with_edits(w: WhatIf, edits: dict[str, AreaEdit], name: str | None = None) -> WhatIf:
    w.state.update({SCENARIO_KEY: dict(edits), SCENARIO_NAME_KEY: name})
    return w


class Upload:
    """What ``st.file_uploader`` keeps in session state, as far as the callback reads it."""

    def __init__(self, data: bytes, name: str = "scenario.json", file_id: str = "f1") -> None:
        self.data, self.name, self.file_id = data, name, file_id

    def getvalue(self) -> bytes:
        return self.data


# --- state helpers ---------------------------------------------------------------------------
def test_versioned_keys_follow_the_editor_version():
    assert versioned({}, "editor") == "whatif.editor.0"
    assert versioned({EDITOR_VERSION_KEY: 3}, "upload") == "whatif.upload.3"


def test_submitted_table_keeps_what_was_typed_as_sent(w):
    with_edits(w, {"mhpss": AreaEdit(200_000, note="kept")})
    typed(w, {0: {"confirmed_usd": "1234.50", "area": "ignored"}})
    table = submitted_table(w)
    assert list(table.columns) == ["confirmed_usd", "pledge_usd", "note"]
    assert table.loc["shelter", "confirmed_usd"] == "1234.50"  # judged later, never rounded
    assert table.loc["mhpss", "confirmed_usd"] == 200_000
    assert table.loc["mhpss", "note"] == "kept"


def test_without_where_drops_only_the_given_place():
    error = ScenarioError([Problem("name", "empty_name", "x"), Problem("edits", "not_object", "y")])
    assert [p.where for p in without_where(error, "name").problems] == ["", "edits"]


def test_forget_confirmations_drops_both(w):
    w.state.update({CONFIRM_DELETE_KEY: ("A", None), CONFIRM_OVERWRITE_KEY: ("A", None)})
    forget_confirmations(w)
    assert CONFIRM_DELETE_KEY not in w.state and CONFIRM_OVERWRITE_KEY not in w.state


# --- the editor ------------------------------------------------------------------------------
def test_apply_activates_what_was_typed_and_renews_the_editor(w):
    typed(w, {0: {"pledge_usd": 500_000}})
    apply_clicked(w)
    assert w.state[SCENARIO_KEY] == PLEDGE
    assert w.state[EDITOR_VERSION_KEY] == 1
    assert flashed(w) == [("top", "success", t("whatif.applied", "en"))]


def test_apply_of_the_same_edits_says_unchanged(w):
    with_edits(w, PLEDGE)
    apply_clicked(w)
    assert flashed(w) == [("top", "info", t("whatif.unchanged", "en"))]
    assert EDITOR_VERSION_KEY not in w.state


def test_apply_of_a_refused_table_changes_nothing(w):
    typed(w, {0: {"confirmed_usd": "1234.50"}})
    apply_clicked(w)
    assert SCENARIO_KEY not in w.state and not flashed(w)  # the run lists the problems


def test_reset_goes_back_to_the_plan(w):
    with_edits(w, PLEDGE, "Donor X")
    reset_clicked(w)
    assert (w.state[SCENARIO_KEY], w.state[SCENARIO_NAME_KEY]) == ({}, None)
    assert flashed(w) == [("top", "info", t("app.baseline", "en"))]


def test_a_valid_file_opens_with_its_name_escaped(w):
    scenario = Scenario("Donor *X*", PLEDGE, DOC_DATE)
    w.state["up"] = Upload(scenario_to_json(scenario).encode(), name="[a](b).json")
    upload_changed(w, "up")
    assert (w.state[SCENARIO_KEY], w.state[SCENARIO_NAME_KEY]) == (PLEDGE, "Donor *X*")
    text = t("whatif.file.opened", "en", name=plain("Donor *X*"), file=plain("[a](b).json"))
    assert flashed(w) == [("top", "success", text)]


def test_a_refused_file_is_kept_with_its_problems_until_removed(w):
    w.state["up"] = Upload(b"not json", file_id="bad")
    upload_changed(w, "up")
    file_id, error = w.state[UPLOAD_REFUSED_KEY]
    assert (file_id, [p.code for p in error.problems]) == ("bad", ["not_json"])
    assert SCENARIO_KEY not in w.state
    w.state["up"] = None
    upload_changed(w, "up")
    assert UPLOAD_REFUSED_KEY not in w.state


# --- saved scenarios -------------------------------------------------------------------------
def test_saving_needs_the_users_name(w, store):
    with_edits(w, PLEDGE)
    w.state[NAME_KEY] = "Donor X"
    save_clicked(w, NAME_KEY)
    refused = t("whatif.save.refused", "en")
    assert flashed(w) == [("saved", "error", f"{refused} ['empty_author']")]
    assert not store.list()


def test_save_then_a_second_save_asks_before_replacing(w, store):
    signed(with_edits(w, PLEDGE))
    w.state[NAME_KEY] = "Donor X"
    save_clicked(w, NAME_KEY)
    assert w.state[SCENARIO_NAME_KEY] == "Donor X"
    assert flashed(w) == [("saved", "success", t("whatif.save.done", "en", name="Donor X"))]
    w.state[FLASH_KEY] = []
    w.state[NAME_KEY] = "donor x"  # a look-alike of the saved name
    save_clicked(w, NAME_KEY)
    name, existing = w.state[CONFIRM_OVERWRITE_KEY]
    assert isinstance(existing, ScenarioInfo)
    assert (name, existing.name, existing.updated_by) == ("donor x", "Donor X", "Awa")
    signed(w, "Binta")
    overwrite_confirmed(w)
    assert CONFIRM_OVERWRITE_KEY not in w.state
    assert [(i.name, i.updated_by) for i in store.list()] == [("donor x", "Binta")]
    assert flashed(w) == [("saved", "success", t("whatif.store.replaced", "en", name="donor x"))]


def test_nothing_is_replaced_once_the_scenario_was_reset(w, store):
    store.save(Scenario("Donor X", PLEDGE, DOC_DATE), author="Awa")
    signed(w).state[CONFIRM_OVERWRITE_KEY] = ("Donor X", None)
    overwrite_confirmed(w)
    assert [i.n_edits for i in store.list()] == [1] and not flashed(w)


def test_open_activates_a_saved_scenario(w, store):
    store.save(Scenario("Donor X", PLEDGE, DOC_DATE), author="Awa")
    w.state[CHOICE_KEY] = "Donor X"
    open_clicked(w)
    assert (w.state[SCENARIO_KEY], w.state[SCENARIO_NAME_KEY]) == (PLEDGE, "Donor X")
    assert flashed(w) == [("top", "success", t("whatif.saved.opened", "en", name="Donor X"))]


def test_open_of_what_is_gone_says_so_without_naming_the_place(w):
    w.state[CHOICE_KEY] = "Gone"
    open_clicked(w)
    ((place, kind, text, error),) = w.state[FLASH_KEY]
    assert (place, kind, text) == ("saved", "error", t("whatif.saved.refused", "en", name="Gone"))
    assert [(p.where, p.code) for p in error.problems] == [("", "not_found")]


def test_delete_asks_first_then_deletes(w, store):
    info = store.save(Scenario("Donor X", PLEDGE, DOC_DATE), author="Awa")
    signed(w).state[CHOICE_KEY] = "Donor X"
    delete_clicked(w, {"Donor X": info.updated_at})
    assert w.state[CONFIRM_DELETE_KEY] == ("Donor X", info.updated_at)
    assert store.exists("Donor X")
    delete_confirmed(w)
    assert not store.exists("Donor X")
    assert flashed(w) == [("saved", "success", t("whatif.saved.deleted", "en", name="Donor X"))]


def test_delete_of_what_was_saved_again_meanwhile_is_refused(w, store):
    info = store.save(Scenario("Donor X", PLEDGE, DOC_DATE), author="Awa")
    signed(w).state[CHOICE_KEY] = "Donor X"
    delete_clicked(w, {"Donor X": info.updated_at})
    store.save(Scenario("Donor X", {}, DOC_DATE), author="Binta", overwrite=True)
    delete_confirmed(w)
    assert store.exists("Donor X")
    intro = t("whatif.saved.delete_refused", "en", name="Donor X")
    assert flashed(w) == [("saved", "error", f"{intro} ['changed_meanwhile']")]


def test_delete_needs_the_users_name_and_a_listed_choice(w):
    w.state[CHOICE_KEY] = "Donor X"
    delete_clicked(w, {"Donor X": dt.datetime(2024, 1, 1, tzinfo=dt.UTC)})
    assert CONFIRM_DELETE_KEY not in w.state
    assert [kind for _, kind, _ in flashed(w)] == ["error"]
    signed(w)
    delete_clicked(w, {})  # not listed (deleted by another session meanwhile)
    assert CONFIRM_DELETE_KEY not in w.state


def test_scenario_names_live_in_pages_scenario_only():
    from pages import _scenario, _shared

    for name in ("SCENARIO_KEY", "current_funding", "show_scenario_error", "set_scenario"):
        assert hasattr(_scenario, name), name
        assert not hasattr(_shared, name), name  # no fallback: import from pages._scenario
