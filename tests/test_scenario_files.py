"""Every file a scenario produces says it is a scenario and which: PDF and PowerPoint packs,
the comparison workbook (XLSX), the scenario file (JSON); the plan's own files do not.

The packs are built with stand-in chart images (the charts' rendering is tested in
``test_export.py``), so this module needs no browser.
"""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from PIL import Image
from pptx import Presentation
from pypdf import PdfReader

from components.briefing import (
    PACK_CHART_HEIGHT,
    briefing_pack_pdf,
    briefing_pack_pptx,
    briefing_screens,
    pdf_text,
)
from components.scenario_identity import edit_texts, scenario_heading
from data.names import area_names
from data.scenario import (
    AreaEdit,
    Scenario,
    scenario_from_json,
    scenario_funding,
    scenario_identity,
    scenario_to_json,
)
from geo.boundaries import load_boundaries
from geo.join import join_regional_values
from text import fmt_usd, t

PACK_DATE = dt.date(2024, 3, 14)
NAME = "Bailleur <b>É</b> & Cie : +2 M$"
EDITS = {
    "shelter": AreaEdit(pledge_usd=500_000),
    "protection": AreaEdit(confirmed_usd=3_000_000, note="ECHO <i>x</i> & co"),
    "cccm": AreaEdit(note="a note alone changes nothing"),
}
LANGS = ("fr", "en")


def squash(text: str) -> str:
    """Runs of white space (U+202F and U+00A0 included) -> one space."""
    return " ".join(text.split())


def stand_in_png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (1600, 900), "#dddddd").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture(scope="module")
def joined(dtm):
    return join_regional_values(load_boundaries(), dtm.regions, ["idps_estimate", "share"])


@pytest.fixture(scope="module")
def identity(plan):
    return scenario_identity(plan, EDITS, NAME)


def build(plan, funding, dtm, joined, lang, identity, edits):
    screens = briefing_screens(
        plan, funding, dtm, joined, lang, bool(edits), chart_height=PACK_CHART_HEIGHT
    )
    options = {
        "lang": lang,
        "plan_title": t("app.title", lang),
        "document_date": PACK_DATE,
        "data_as_of": plan.summary.document_date,
        "sources": plan.sources,
        "scenario": bool(edits),
        "images": [stand_in_png()] * len(screens),
        "identity": identity,
        "area_names": area_names(plan.areas, lang),
    }
    return briefing_pack_pdf(screens, **options), briefing_pack_pptx(screens, **options)


@pytest.fixture(scope="module", params=LANGS)
def scenario_pack(request, plan, dtm, joined, identity):
    funding = scenario_funding(plan, EDITS)
    pdf, pptx = build(plan, funding, dtm, joined, request.param, identity, EDITS)
    return request.param, pdf, pptx


@pytest.fixture(scope="module", params=LANGS)
def plan_pack(request, plan, funding, dtm, joined):
    pdf, pptx = build(plan, funding, dtm, joined, request.param, None, {})
    return request.param, pdf, pptx


def pdf_subject(pdf: bytes) -> str:
    metadata = PdfReader(io.BytesIO(pdf)).metadata
    assert metadata is not None and metadata.subject
    return squash(metadata.subject)


def pdf_pages(pdf: bytes) -> list[str]:
    return [squash(page.extract_text()) for page in PdfReader(io.BytesIO(pdf)).pages]


def slide_texts(pptx: bytes) -> list[str]:
    prs = Presentation(io.BytesIO(pptx))
    return [
        " ".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)
        for slide in prs.slides
    ]


def expected_edits(plan, identity, lang) -> list[str]:
    return edit_texts(identity, area_names(plan.areas, lang), lang)


# --- PDF -----------------------------------------------------------------------------------------
def test_scenario_pdf_cover_names_the_scenario(scenario_pack, identity):
    lang, pdf, _ = scenario_pack
    pages = pdf_pages(pdf)
    assert len(pages) == 7  # cover, edits, four screens, sources
    heading = scenario_heading(identity, lang)
    assert (
        heading
        == {
            "fr": "Scénario\u00a0: Bailleur <b>É</b> & Cie : +2 M$ — 2 domaines modifiés",
            "en": "Scenario: Bailleur <b>É</b> & Cie : +2 M$ — 2 areas edited",
        }[lang]
    )
    assert squash(pdf_text(heading)) in pages[0]  # markup shown as typed, never parsed
    assert squash(t("briefing.cover.scenario", lang)) in pages[0]
    assert squash(pdf_text(heading)) in pdf_subject(pdf)


def test_scenario_pdf_lists_every_edit_after_the_cover(scenario_pack, plan, identity):
    lang, pdf, _ = scenario_pack
    edits_page = pdf_pages(pdf)[1]
    assert edits_page.startswith(t("briefing.scenario.title", lang))
    assert squash(pdf_text(scenario_heading(identity, lang))) in edits_page
    assert squash(pdf_text(t("briefing.scenario.not_plan", lang))) in edits_page
    lines = expected_edits(plan, identity, lang)
    assert (
        lines
        == {
            "fr": [
                "Abris et établissements humains\u00a0: 451\u202f968\u00a0$ → 951\u202f968\u00a0$"
                " (dont 500\u202f000\u00a0$ promis)",
                "Protection\u00a0: 167\u202f256\u00a0$ → 3\u202f000\u202f000\u00a0$ — ECHO <i>x</i> & co",
            ],
            "en": [
                "Shelter and settlements: $451,968 → $951,968 (including $500,000 pledged)",
                "Protection: $167,256 → $3,000,000 — ECHO <i>x</i> & co",
            ],
        }[lang]
    )
    for line in lines:
        assert squash(pdf_text(line)) in edits_page
    assert "note alone" not in edits_page
    assert "page 2/7" in edits_page.replace("\u00a0", " ")


def test_long_edits_run_on_to_further_pages(plan, dtm, joined):
    note = ("Promesse écrite du bailleur, à confirmer en réunion. " * 10)[:490]
    edits = {area: AreaEdit(confirmed_usd=1_000_000, note=note) for area in plan.areas["area_id"]}
    identity = scenario_identity(plan, edits, "Tous les domaines")
    funding = scenario_funding(plan, edits)
    pdf, pptx = build(plan, funding, dtm, joined, "fr", identity, edits)
    pages = pdf_pages(pdf)
    title = t("briefing.scenario.title", "fr")
    edit_pages = [page for page in pages if page.startswith(title)]
    assert len(edit_pages) >= 2
    assert len(pages) == 1 + len(edit_pages) + 4 + 1
    listed = " ".join(edit_pages)
    names = area_names(plan.areas, "fr")
    for area in plan.areas["area_id"]:
        assert squash(pdf_text(names[area])) in listed, area
    assert listed.count(squash(pdf_text(fmt_usd(1_000_000, "fr")))) == len(edits)
    slides = slide_texts(pptx)
    assert len(slides) == len(pages)
    assert sum(text.startswith(title) for text in slides) == len(edit_pages)


def test_plan_pdf_has_no_scenario_page_nor_scenario_words(plan_pack):
    lang, pdf, _ = plan_pack
    pages = pdf_pages(pdf)
    assert len(pages) == 6
    text = " ".join(pages).casefold()
    assert "scénario" not in text and "scenario" not in text
    assert t("briefing.scenario.title", lang).casefold() not in text
    assert pdf_subject(pdf) == squash(t("briefing.subtitle", lang))


# --- PowerPoint ----------------------------------------------------------------------------------
def test_scenario_pptx_names_the_scenario_and_lists_every_edit(scenario_pack, plan, identity):
    lang, _, pptx = scenario_pack
    prs = Presentation(io.BytesIO(pptx))
    slides = list(prs.slides)
    assert len(slides) == 7
    heading = scenario_heading(identity, lang)
    texts = slide_texts(pptx)
    assert heading in texts[0]  # exact characters: U+00A0, U+202F, the markup as typed
    assert prs.core_properties.subject == heading
    assert slides[1].shapes.title.text == t("briefing.scenario.title", lang)
    assert heading in texts[1]
    assert t("briefing.scenario.not_plan", lang) in texts[1]
    lines = expected_edits(plan, identity, lang)
    for line in lines:
        assert line in texts[1]
    assert slides[1].notes_slide.notes_text_frame.text == "\n".join(lines)
    assert fmt_usd(3_000_000, lang) in texts[1]  # U+202F kept in French


def test_plan_pptx_has_no_scenario_slide_nor_scenario_words(plan_pack):
    _, _, pptx = plan_pack
    prs = Presentation(io.BytesIO(pptx))
    assert len(prs.slides) == 6
    text = " ".join(slide_texts(pptx)).casefold()
    assert "scénario" not in text and "scenario" not in text
    assert not prs.core_properties.subject


# --- JSON ----------------------------------------------------------------------------------------
def test_scenario_json_carries_the_name_and_the_edits(plan):
    scenario = Scenario(NAME, EDITS, plan.summary.document_date)
    text = scenario_to_json(scenario)
    document = json.loads(text)
    assert document["name"] == NAME
    assert document["edits"]["protection"] == {
        "confirmed_usd": 3_000_000,
        "pledge_usd": 0,
        "note": "ECHO <i>x</i> & co",
    }
    assert document["edits"]["shelter"]["pledge_usd"] == 500_000
    assert NAME in text  # written as typed (UTF-8, not \u-escaped)
    assert scenario_from_json(text, plan).name == NAME
