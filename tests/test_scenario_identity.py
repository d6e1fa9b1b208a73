"""A scenario's identity: its edit lines, file names and wording (exact texts, both languages)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from components.scenario_identity import (
    edit_texts,
    edit_texts_markdown,
    scenario_heading,
    scenario_label,
    scenario_stamp,
)
from data.names import area_names
from data.plan import load_plan
from data.scenario import (
    UNSAVED_SLUG,
    AreaEdit,
    EditLine,
    ScenarioIdentity,
    file_slug,
    scenario_file_name,
    scenario_identity,
)

DAY = dt.date(2026, 12, 1)
NBSP, NNBSP = "\u00a0", "\u202f"


@pytest.fixture(scope="module")
def plan():
    return load_plan()


@pytest.fixture(scope="module")
def identity(plan):
    edits = {
        "shelter": AreaEdit(pledge_usd=500_000),
        "protection": AreaEdit(confirmed_usd=3_000_000, note="ECHO"),
        "cccm": AreaEdit(note="a note alone changes nothing"),
    }
    return scenario_identity(plan, edits, "Bailleur X")


def test_edit_lines_follow_the_plan_order_and_skip_notes_alone(identity):
    assert identity.lines == (
        EditLine("shelter", 451_968, 951_968, 500_000, ""),
        EditLine("protection", 167_256, 3_000_000, 0, "ECHO"),
    )


def test_edits_that_change_nothing_are_the_plan(plan):
    assert scenario_identity(plan, {}) is None
    assert scenario_identity(plan, {"cccm": AreaEdit(note="x")}, "Named") is None


def test_an_area_not_reported_stays_not_reported_until_given(plan):
    reported = plan.areas.set_index("area_id")["confirmed_usd"]
    missing = next(a for a, v in reported.items() if pd.isna(v))  # not reported
    line = scenario_identity(plan, {missing: AreaEdit(pledge_usd=1_000)}).lines[0]
    assert (line.plan_usd, line.scenario_usd) == (None, 1_000)


def test_wording_in_both_languages(plan, identity):
    fr_names = area_names(plan.areas, "fr", short=True)
    en_names = area_names(plan.areas, "en", short=True)
    assert scenario_heading(identity, "fr") == f"Scénario{NBSP}: Bailleur X — 2 domaines modifiés"
    assert scenario_heading(identity, "en") == "Scenario: Bailleur X — 2 areas edited"
    fr = edit_texts(identity, fr_names, "fr")
    en = edit_texts(identity, en_names, "en")
    assert fr[1] == (
        f"{fr_names['protection']}{NBSP}: 167{NNBSP}256{NBSP}$ → 3{NNBSP}000{NNBSP}000{NBSP}$ — ECHO"
    )
    assert en[0] == f"{en_names['shelter']}: $451,968 → $951,968 (including $500,000 pledged)"
    assert scenario_stamp("Source: IOM", identity, "en") == (
        "Plan figures modified by a scenario: Bailleur X — Source: IOM"
    )
    assert scenario_stamp("Source: IOM", None, "en") == "Source: IOM"


def test_unsaved_scenario_is_named_so(plan):
    unsaved = scenario_identity(plan, {"protection": AreaEdit(confirmed_usd=1)})
    assert scenario_label(unsaved, "fr") == "scénario non enregistré"
    assert scenario_label(unsaved, "en") == "unsaved scenario"
    assert unsaved.slug == UNSAVED_SLUG


def test_markdown_variant_escapes_user_text(plan):
    risky = scenario_identity(
        plan, {"protection": AreaEdit(confirmed_usd=1, note="![x](http://evil/)")}, "**bold**"
    )
    line = edit_texts_markdown(risky, area_names(plan.areas, "en", short=True), "en")[0]
    assert "![x](http" not in line and r"\!\[x\]" in line
    assert scenario_heading(risky, "en", markdown=True).startswith(r"Scenario: \*\*bold\*\*")


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        (None, "unsaved"),
        ("", "unsaved"),
        ("Bailleur X : +2 M$", "bailleur-x-2-m"),
        ("Ségou — Réponse d’urgence", "segou-reponse-durgence"),
        ("مالي", "unsaved"),
        ("a" * 60, "a" * 40),
    ],
)
def test_file_slug(name, slug):
    assert file_slug(name) == slug


def test_file_names(identity):
    assert scenario_file_name("briefing", "fr", "pdf", DAY) == (
        "iom-mali-crp2024-briefing-fr-2026-12-01.pdf"
    )
    assert scenario_file_name("briefing", "en", "pptx", DAY, identity) == (
        "iom-mali-crp2024-briefing-scenario-bailleur-x-en-2026-12-01.pptx"
    )


@given(st.text(max_size=200))
def test_any_name_gives_a_safe_file_name(name):
    slug = file_slug(name)
    assert slug and len(slug) <= 40
    assert all(ch.isascii() and (ch.isalnum() or ch == "-") for ch in slug)
    file_name = scenario_file_name("x", "fr", "pdf", DAY, ScenarioIdentity(name, ()))
    assert "/" not in file_name and "\\" not in file_name and ".." not in file_name
