"""Chart export (PNG/SVG via kaleido and Debian's Chromium) and the briefing pack (PDF, PPTX).

One headless Chromium serves the whole module (``renderer`` fixture); each pack is built once
per language (module-scoped fixtures), so the module runs in well under a minute.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import NamedTuple

import pytest
from PIL import Image
from pptx import Presentation
from pypdf import PdfReader

from components.briefing import (
    PACK_CHART_HEIGHT,
    PACK_IMAGE_MIN_PX,
    SCREEN_KEYS,
    Screen,
    briefing_pack_pdf,
    briefing_pack_pptx,
    briefing_screens,
    pdf_text,
    screen_images,
)
from components.charts import objective_funding_bars
from components.export import FigureRenderer, figure_images, figure_png, figure_svg
from components.maps import idp_choropleth
from components.theme import stamp_text
from components.widgets import export_file_name
from geo.boundaries import load_boundaries
from geo.join import join_regional_values
from text import fmt_date, fmt_int, fmt_pct, fmt_usd, t

PACK_DATE = dt.date(2024, 3, 14)
PLAN_AS_OF = dt.date(2023, 11, 27)
DTM_AS_OF = dt.date(2023, 9, 30)


def normalise(text: str) -> str:
    """U+202F (narrow no-break space) and U+00A0 (no-break space) -> plain spaces."""
    return text.replace("\u202f", " ").replace("\u00a0", " ")


def svg_text(svg: bytes) -> str:
    root = ET.fromstring(svg)  # also proves the SVG is well-formed XML
    return normalise(" ".join(root.itertext()))


@pytest.fixture(scope="module")
def renderer():
    if not (Path("/usr/bin/chromium").exists() or shutil.which("chromium")):
        pytest.skip("Debian chromium is not installed")
    with FigureRenderer() as shared:
        yield shared


@pytest.fixture(scope="module")
def joined(dtm):
    return join_regional_values(load_boundaries(), dtm.regions, ["idps_estimate", "share"])


def objective_chart(funding, lang: str, scenario: bool):
    return objective_funding_bars(
        funding.objectives,
        lang=lang,
        source=t("source.plan", lang),
        as_of=PLAN_AS_OF,
        scenario=scenario,
    )


# --- PNG and SVG ---------------------------------------------------------------------------------
def test_png_is_a_png_at_least_1600_px_wide(renderer, funding):
    png = figure_png(objective_chart(funding, "fr", False), renderer=renderer)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert png[12:16] == b"IHDR"
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG"
    assert image.size == (1600, 900)
    assert len(image.convert("RGB").getcolors(maxcolors=1_000_000)) > 10  # not blank


def test_png_scale_multiplies_pixels(renderer, funding):
    png = figure_png(
        objective_chart(funding, "en", False), width=1280, height=720, scale=1.25, renderer=renderer
    )
    assert Image.open(io.BytesIO(png)).size == (1600, 900)


@pytest.mark.parametrize(("lang", "scenario"), [("fr", True), ("en", True), ("fr", False)])
def test_svg_keeps_title_stamp_and_scenario_mark(renderer, funding, lang, scenario):
    svg = figure_svg(objective_chart(funding, lang, scenario), renderer=renderer)
    text = svg_text(svg)
    assert normalise(t("chart.objective_funding.title", lang)) in text
    assert normalise(stamp_text(t("source.plan", lang), PLAN_AS_OF, lang)) in text
    word = t("scenario.watermark", lang)
    assert word == {"fr": "SCÉNARIO", "en": "SCENARIO"}[lang]
    assert (word in text) is scenario
    if scenario:
        assert normalise(t("scenario.title_prefix", lang, title="")) in text


def test_map_svg_renders_offline_with_stamp(renderer, dtm, joined):
    fig = idp_choropleth(
        joined.gdf,
        lang="en",
        title="IDP map",
        source=t("source.dtm", "en", file="f.csv"),
        as_of=DTM_AS_OF,
    )
    text = svg_text(figure_svg(fig, renderer=renderer))
    assert "IDP map" in text
    assert "data as of 30 Sep 2023" in text


def test_several_figures_share_one_browser(renderer, funding):
    figs = [objective_chart(funding, lang, False) for lang in ("fr", "en")]
    pngs = figure_images(figs, width=[1600, 1700], height=[900, 800], renderer=renderer)
    assert [Image.open(io.BytesIO(p)).size for p in pngs] == [(1600, 900), (1700, 800)]


def test_export_file_name_carries_language_and_date():
    name = export_file_name("funding by area/objective", "fr", "png", dt.date(2024, 3, 14))
    assert name == "iom-mali-crp2024-funding-by-area-objective-fr-2024-03-14.png"


def test_pdf_text_maps_characters_outside_winansi():
    assert pdf_text("24\u202f600\u202f000\u00a0$") == "24\u00a0600\u00a0000\u00a0$"
    assert pdf_text("\u2212 5 ▲") == "- 5 "
    assert pdf_text("éèàçï œ « » ’ —") == "éèàçï œ « » ’ —"


# --- the briefing pack ----------------------------------------------------------------------------
class Pack(NamedTuple):
    lang: str
    scenario: bool
    screens: list[Screen]
    pdf: bytes
    pptx: bytes | None


def build_pack(plan, funding, dtm, joined, renderer, lang: str, scenario: bool, pptx: bool):
    screens = briefing_screens(
        plan, funding, dtm, joined, lang, scenario, chart_height=PACK_CHART_HEIGHT
    )
    images = screen_images(screens, renderer=renderer)
    options = {
        "lang": lang,
        "plan_title": t("app.title", lang),
        "document_date": PACK_DATE,
        "data_as_of": t(
            "briefing.cover.as_of_both",
            lang,
            plan=fmt_date(plan.summary.document_date, lang),
            dtm=fmt_date(dtm.as_of, lang),
        ),
        "sources": plan.sources,
        "scenario": scenario,
        "images": images,
    }
    return Pack(
        lang,
        scenario,
        screens,
        briefing_pack_pdf(screens, **options),
        briefing_pack_pptx(screens, **options) if pptx else None,
    )


@pytest.fixture(scope="module", params=["fr", "en"])
def pack(request, plan, funding, dtm, joined, renderer) -> Pack:
    return build_pack(plan, funding, dtm, joined, renderer, request.param, False, pptx=True)


@pytest.fixture(scope="module")
def scenario_pack(plan, funding, dtm, joined, renderer) -> Pack:
    return build_pack(plan, funding, dtm, joined, renderer, "fr", True, pptx=False)


def pdf_pages(pdf: bytes) -> list[str]:
    return [normalise(page.extract_text()) for page in PdfReader(io.BytesIO(pdf)).pages]


EXPECTED = {
    "fr": {
        "required": "24 600 000 $",
        "coverage": "9,1 %",
        "plan_as_of": "27 nov. 2023",
        "dtm_as_of": "30 sept. 2023",
        "idps": "391 961",
        "pack_date": "14 mars 2024",
    },
    "en": {
        "required": "$24,600,000",
        "coverage": "9.1%",
        "plan_as_of": "27 Nov 2023",
        "dtm_as_of": "30 Sep 2023",
        "idps": "391,961",
        "pack_date": "14 Mar 2024",
    },
}


def test_screens_are_the_four_messages_with_the_plans_figures(pack):
    assert tuple(s.key for s in pack.screens) == SCREEN_KEYS
    lang = pack.lang
    status = dict(pack.screens[0].key_figures)
    assert status == {
        t("metric.required", lang): fmt_usd(24_600_000, lang),
        t("metric.confirmed", lang): fmt_usd(2_226_876, lang),
        t("metric.gap", lang): fmt_usd(22_373_124, lang),
        t("metric.coverage", lang): fmt_pct(2_226_876 / 24_600_000, lang),
        t("metric.people_targeted", lang): fmt_int(608_300, lang),
        t("briefing.figure.as_of", lang): fmt_date(PLAN_AS_OF, lang),
    }
    displacement = dict(pack.screens[3].key_figures)
    assert displacement[t("metric.idps", lang)] == fmt_int(391_961, lang)
    assert displacement[t("briefing.figure.as_of", lang)] == fmt_date(DTM_AS_OF, lang)
    assert any(normalise(fmt_int(66_634, lang)) in normalise(n) for n in pack.screens[3].notes)


def test_pdf_has_cover_four_screens_and_sources(pack):
    reader = PdfReader(io.BytesIO(pack.pdf))
    assert len(reader.pages) == 6
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert width / height == pytest.approx(16 / 9, rel=1e-3)


def test_pdf_text_has_key_figures_dates_and_sources(pack):
    expected = EXPECTED[pack.lang]
    pages = pdf_pages(pack.pdf)
    cover, status, objectives, coverage, displacement, sources = pages
    assert normalise(t("app.title", pack.lang)) in cover
    assert expected["pack_date"] in cover
    assert expected["plan_as_of"] in cover and expected["dtm_as_of"] in cover
    assert t(f"app.lang_name.{pack.lang}", pack.lang) in cover
    assert expected["required"] in status
    assert expected["coverage"] in status
    assert expected["plan_as_of"] in status
    assert normalise(t("briefing.screen.objectives", pack.lang)) in objectives
    assert expected["coverage"] in coverage
    assert expected["idps"] in displacement and expected["dtm_as_of"] in displacement
    assert "Sources" in sources
    assert "Mali Crisis Response Plan 2023-2024" in sources
    assert "SCENARIO" not in " ".join(pages).upper().replace("É", "E")


def test_pdf_charts_are_at_least_1600_px_wide(pack):
    reader = PdfReader(io.BytesIO(pack.pdf))
    for page in reader.pages[1:5]:
        (image,) = page.images
        assert image.image.width >= PACK_IMAGE_MIN_PX


def test_scenario_pack_is_marked_on_cover_and_screens(scenario_pack):
    pages = pdf_pages(scenario_pack.pdf)
    assert len(pages) == 6
    assert "SCÉNARIO" in pages[0]
    assert normalise(t("briefing.cover.scenario", "fr")) in " ".join(pages[0].split("\n"))
    for page, screen in zip(pages[1:5], scenario_pack.screens, strict=True):
        marked = normalise(t("scenario.title_prefix", "fr", title=screen.title))
        # Funding screens show scenario figures; the DTM map never does.
        assert (marked in page) is (screen.key != "displacement"), screen.key
        assert normalise(screen.title) in page


def test_pptx_has_the_same_slides_and_text(pack):
    prs = Presentation(io.BytesIO(pack.pptx))
    assert prs.slide_width * 9 == prs.slide_height * 16
    slides = list(prs.slides)
    assert len(slides) == 6

    def text(slide) -> str:
        return " ".join(
            shape.text_frame.text for shape in slide.shapes if shape.has_text_frame
        ) + " ".join(
            cell.text
            for shape in slide.shapes
            if shape.has_table
            for row in shape.table.rows
            for cell in row.cells
        )

    expected = EXPECTED[pack.lang]
    assert slides[1].shapes.title.text == pack.screens[0].title
    status = text(slides[1])
    assert fmt_usd(24_600_000, pack.lang) in status  # exact characters (U+202F kept)
    assert expected["coverage"] in normalise(status)
    assert expected["idps"] in normalise(text(slides[4]))
    assert "Mali Crisis Response Plan 2023-2024" in text(slides[5])
    for slide in slides[1:5]:
        (picture,) = [s for s in slide.shapes if s.shape_type == 13]  # PICTURE
        assert Image.open(io.BytesIO(picture.image.blob)).width >= PACK_IMAGE_MIN_PX
    assert slides[4].notes_slide.notes_text_frame.text == "\n".join(pack.screens[3].notes)
