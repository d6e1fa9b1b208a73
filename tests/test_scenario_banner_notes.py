"""The pure parts of a scenario shown on the pages: the banner's Markdown, the chart stamp for
plotly, and the data notes worded while a scenario's figures are shown (exact texts)."""

from __future__ import annotations

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from components.scenario_identity import STAMP_NAME_CHARS, banner_markdown, chart_source
from data.names import area_names
from data.notes import SHOWN_FIGURE_TEMPLATES, all_notes, scenario_notes, split_matches
from data.scenario import AreaEdit, scenario_identity
from text import t
from text.notes import render_note

NBSP, NNBSP = "\u00a0", "\u202f"


@pytest.fixture(scope="module")
def identity(plan):
    edits = {
        "shelter": AreaEdit(pledge_usd=500_000),
        "protection": AreaEdit(confirmed_usd=3_000_000, note="ECHO *round* " + "x" * 80),
    }
    return scenario_identity(plan, edits, "Donor [X]")


# --- the banner ----------------------------------------------------------------------------------
def test_banner_markdown_heading_and_lines(plan, identity):
    heading, lines = banner_markdown(identity, area_names(plan.areas, "en", short=True), "en")
    assert heading == r"Scenario: Donor \[X\] — 2 areas edited"
    assert lines[0] == "- Shelter: $451,968 → $951,968 (including $500,000 pledged)"
    # the note is escaped and cut to 60 characters (ellipsis included)
    note = r"ECHO \*round\* " + "x" * (60 - 1 - len("ECHO *round* ")) + "…"
    assert lines[1] == f"- Protection: $167,256 → $3,000,000 — {note}"


def test_banner_markdown_in_french(plan, identity):
    heading, lines = banner_markdown(
        identity, area_names(plan.areas, "fr", short=True), "fr", note_limit=4
    )
    assert heading == rf"Scénario{NBSP}: Donor \[X\] — 2 domaines modifiés"
    assert lines == [
        f"- Abris{NBSP}: 451{NNBSP}968{NBSP}$ → 951{NNBSP}968{NBSP}$ (dont 500{NNBSP}000{NBSP}$ promis)",
        f"- Protection{NBSP}: 167{NNBSP}256{NBSP}$ → 3{NNBSP}000{NNBSP}000{NBSP}$ — ECH…",
    ]


# --- the chart stamp -----------------------------------------------------------------------------
def test_chart_source_names_the_scenario(identity):
    assert chart_source("IOM Mali", identity, "en") == (
        "Plan figures modified by a scenario: Donor [X]\nIOM Mali"
    )
    assert chart_source("OIM Mali", identity, "fr") == (
        f"Chiffres du plan modifiés par un scénario{NBSP}: Donor [X]\nOIM Mali"
    )
    assert chart_source("IOM Mali", None, "en") == "IOM Mali"


def test_chart_source_escapes_what_plotly_would_read(plan):
    risky = scenario_identity(
        plan, {"cccm": AreaEdit(pledge_usd=1)}, '<a href="http://e">x</a> & <b>'
    )
    assert chart_source("S", risky, "en") == (
        'Plan figures modified by a scenario: &lt;a href="http://e"&gt;x&lt;/a&gt; &amp; '
        "&lt;b&gt;\nS"
    )


def test_chart_source_cuts_a_long_name(plan):
    long = scenario_identity(plan, {"cccm": AreaEdit(pledge_usd=1)}, "Plan " + "B" * 70)
    shown = chart_source("S", long, "en")
    cut = ("Plan " + "B" * 70)[: STAMP_NAME_CHARS - 1] + "…"
    assert shown == f"Plan figures modified by a scenario: {cut}\nS"
    unsaved = scenario_identity(plan, {"cccm": AreaEdit(pledge_usd=1)})
    assert chart_source("S", unsaved, "fr") == (
        f"Chiffres du plan modifiés par un scénario{NBSP}: scénario non enregistré\nS"
    )


# --- the data notes under a scenario -------------------------------------------------------------
def test_scenario_notes_reword_only_the_notes_that_call_a_figure_shown(funding, dtm):
    notes = all_notes(funding, dtm)
    reworded = scenario_notes(notes)
    swapped = notes["template"].isin(SHOWN_FIGURE_TEMPLATES)
    assert sorted(notes.loc[swapped, "template"]) == ["plan_confirmed", "plan_gap"]
    assert reworded.loc[swapped, "template"].tolist() == [
        f"{template}_scenario" for template in notes.loc[swapped, "template"]
    ]
    assert_frame_equal(reworded[~swapped], notes[~swapped])
    assert_frame_equal(reworded.drop(columns="template"), notes.drop(columns="template"))
    assert reworded.dtypes.equals(notes.dtypes)
    shown, matches = split_matches(reworded)  # the page splits them as before
    assert len(shown) + len(matches) == len(notes)


@pytest.mark.parametrize(
    ("lang", "confirmed", "gap"),
    [
        (
            "en",
            "The published plan prints total confirmed funding as $2,200,000 (rounded to 0.1 "
            "million); its objectives give $2,226,876. The figure shown on this page is the "
            "scenario's.",
            "The published plan prints the total gap as $22,400,000 (rounded to 0.1 million); "
            "its objectives give $22,373,124. The figure shown on this page is the scenario's.",
        ),
        (
            "fr",
            f"Le plan publié indique un total confirmé de 2{NNBSP}200{NNBSP}000{NBSP}$ (arrondi "
            f"au dixième de million){NBSP}; ses objectifs donnent 2{NNBSP}226{NNBSP}876{NBSP}$. "
            "Le chiffre affiché sur cette page est celui du scénario.",
            f"Le plan publié indique un déficit total de 22{NNBSP}400{NNBSP}000{NBSP}$ (arrondi "
            f"au dixième de million){NBSP}; ses objectifs donnent 22{NNBSP}373{NNBSP}124{NBSP}$. "
            "Le chiffre affiché sur cette page est celui du scénario.",
        ),
    ],
)
def test_reworded_notes_in_both_languages(funding, dtm, lang, confirmed, gap):
    notes = scenario_notes(all_notes(funding, dtm)).set_index("template", drop=False)
    assert render_note(notes.loc["plan_confirmed_scenario"].to_dict(), lang) == confirmed
    assert render_note(notes.loc["plan_gap_scenario"].to_dict(), lang) == gap
    intro = t("overview.notes_scenario", lang, name="Donor X")
    assert intro.endswith(": Donor X.")


def test_scenario_notes_of_no_notes_is_no_notes(funding, dtm):
    empty = all_notes(funding, dtm).iloc[0:0]
    assert_frame_equal(scenario_notes(empty), empty)
    assert isinstance(scenario_notes(empty), pd.DataFrame)
