"""The briefing pack as a 16:9 PowerPoint (python-pptx): the same pages as the PDF.

Slide titles are real title placeholders (navigation and screen readers); the notes of each
screen are also its speaker notes. Text keeps its exact characters (U+202F).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from components.briefing.images import pack_images
from components.briefing.layout import (
    FIGURES_BOX,
    FOOTER_SIZE,
    FOOTER_Y,
    LABEL_SIZE,
    MARGIN,
    NOTE_SIZE,
    NOTES_BOX,
    PAGE_H,
    PAGE_W,
    SOURCES_SHARES,
    TITLE_BOX,
    TITLE_SIZE,
    Box,
    chart_in_box,
    cover_lines,
    figure_slots,
    fit_size,
    footer_texts,
    pack_title,
    sources_header,
    sources_rows,
)
from components.briefing.scenario_page import (
    BULLET,
    EDITS_WIDTH,
    HEADING_SIZE,
    HEADING_TOP,
    INDENT,
    INTRO_TOP,
    EditsPage,
    cover_heading,
    edits_pages,
)
from components.briefing.screens import Screen, screen_title
from components.export import FigureRenderer
from components.theme import COLORS
from data.scenario.identity import ScenarioIdentity
from text import fmt_date, t

TITLE_ONLY_LAYOUT = 5  # python-pptx's default template: "Title Only"


def _rgb(hex_colour: str) -> Any:
    from pptx.dml.color import RGBColor

    return RGBColor.from_string(hex_colour.lstrip("#").upper())


def _add_run(paragraph: Any, text: str, *, size: float, bold: bool, color: str | None) -> None:
    from pptx.util import Pt

    run = paragraph.add_run()
    run.text = text
    run.font.size = Pt(size)
    run.font.bold = bold
    if color is not None:
        run.font.color.rgb = _rgb(color)


class _Slides:
    """Adds the pack's slides to one presentation."""

    def __init__(
        self,
        prs: Any,
        *,
        lang: str,
        plan_title: str,
        scenario: bool,
        generated: str,
        pages: int,
        identity: ScenarioIdentity | None = None,
    ):
        self.prs, self.lang, self.plan_title = prs, lang, plan_title
        self.scenario, self.generated, self.pages = scenario, generated, pages
        self.identity = identity

    def new_slide(self) -> Any:
        return self.prs.slides.add_slide(self.prs.slide_layouts[TITLE_ONLY_LAYOUT])

    def textbox(self, slide, box: Box, lines, *, size: float, bold=False, color=COLORS["text"]):
        from pptx.enum.text import MSO_ANCHOR
        from pptx.util import Pt

        shape = slide.shapes.add_textbox(Pt(box.x), Pt(box.y), Pt(box.w), Pt(box.h))
        frame = shape.text_frame
        frame.word_wrap = True
        frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
        frame.vertical_anchor = MSO_ANCHOR.TOP
        for i, line in enumerate([lines] if isinstance(lines, str) else lines):
            paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            _add_run(paragraph, line, size=size, bold=bold, color=color)
        return shape

    def set_title(self, slide, value: str, *, size: float, color: str) -> None:
        from pptx.enum.text import MSO_ANCHOR
        from pptx.util import Pt

        title = slide.shapes.title
        title.left, title.top = Pt(TITLE_BOX.x), Pt(TITLE_BOX.y)
        title.width, title.height = Pt(TITLE_BOX.w), Pt(TITLE_BOX.h)
        frame = title.text_frame
        frame.word_wrap = True
        frame.vertical_anchor = MSO_ANCHOR.MIDDLE
        paragraph = frame.paragraphs[0]
        paragraph.alignment = 1  # left
        _add_run(paragraph, value, size=size, bold=True, color=color)

    def footer(self, slide, page: int) -> None:
        left, right = footer_texts(
            self.plan_title,
            self.lang,
            scenario=self.scenario,
            generated=self.generated,
            page=page,
            pages=self.pages,
        )
        box = Box(MARGIN, FOOTER_Y - 10, PAGE_W - 2 * MARGIN, 14)
        self.textbox(slide, box, f"{left}    {right}", size=FOOTER_SIZE, color=COLORS["muted_text"])

    def cover(self, data_as_of: dt.date | str) -> None:
        from pptx.util import Pt

        lang = self.lang
        slide = self.new_slide()
        self.set_title(slide, self.plan_title, size=36, color=COLORS["text"])
        slide.shapes.title.top, slide.shapes.title.height = Pt(96), Pt(96)
        lines = [t("briefing.subtitle", lang), "", *cover_lines(lang, self.generated, data_as_of)]
        self.textbox(slide, Box(MARGIN, 200, PAGE_W - 2 * MARGIN, 120), lines, size=16)
        if self.identity is not None:
            heading, width = cover_heading(self.identity, lang), PAGE_W - 2 * MARGIN
            self.textbox(
                slide,
                Box(MARGIN, 320, width, 76),
                heading,
                size=fit_size(heading, "Helvetica-Bold", width, 28, 18),
                bold=True,
                color=COLORS["scenario"],
            )
            self.textbox(
                slide,
                Box(MARGIN, 400, PAGE_W - 2 * MARGIN, 50),
                t("briefing.cover.scenario", lang),
                size=14,
                color=COLORS["scenario"],
            )
        elif self.scenario:
            self.textbox(
                slide,
                Box(MARGIN, 330, PAGE_W - 2 * MARGIN, 110),
                [t("scenario.watermark", lang), t("briefing.cover.scenario", lang)],
                size=20,
                bold=True,
                color=COLORS["scenario"],
            )
        self.footer(slide, 1)

    def edits(self, pages: Sequence[EditsPage], first_page: int) -> None:
        """The scenario's edits after the cover (continued on further slides if long)."""
        assert self.identity is not None
        lang, colour = self.lang, COLORS["scenario"]
        title = t("briefing.scenario.title", lang)
        for number, page in enumerate(pages):
            slide = self.new_slide()
            self.set_title(slide, title, size=TITLE_SIZE, color=colour)
            if number == 0:
                box = Box(MARGIN, HEADING_TOP, EDITS_WIDTH, HEADING_SIZE + 6)
                heading = cover_heading(self.identity, lang)
                self.textbox(slide, box, heading, size=HEADING_SIZE, bold=True, color=colour)
                box = Box(MARGIN, INTRO_TOP, EDITS_WIDTH, 2 * (NOTE_SIZE + 4))
                not_plan = t("briefing.scenario.not_plan", lang)
                self.textbox(slide, box, not_plan, size=NOTE_SIZE, color=COLORS["muted_text"])
            for text, box in zip(page.texts, page.boxes(), strict=True):
                self.textbox(slide, box._replace(w=INDENT), BULLET, size=page.size)
                text_box = Box(box.x + INDENT, box.y, box.w - INDENT, box.h)
                self.textbox(slide, text_box, text, size=page.size)
            slide.notes_slide.notes_text_frame.text = "\n".join(page.texts)
            self.footer(slide, first_page + number)

    def screen(self, screen: Screen, png: bytes, page: int) -> None:
        from pptx.util import Pt

        slide = self.new_slide()
        title = screen_title(screen, self.lang)
        self.set_title(
            slide,
            title,
            size=fit_size(title, "Helvetica-Bold", TITLE_BOX.w, TITLE_SIZE, 16),
            color=COLORS["scenario"] if screen.scenario else COLORS["text"],
        )
        self.key_figures(slide, screen)
        box = chart_in_box(screen.figure)
        slide.shapes.add_picture(io.BytesIO(png), Pt(box.x), Pt(box.y), Pt(box.w), Pt(box.h))
        if screen.notes:
            muted = COLORS["muted_text"]
            self.textbox(slide, NOTES_BOX, list(screen.notes), size=NOTE_SIZE, color=muted)
            slide.notes_slide.notes_text_frame.text = "\n".join(screen.notes)
        self.footer(slide, page)

    def key_figures(self, slide, screen: Screen) -> None:
        for figure, slot in zip(screen.key_figures, figure_slots(screen.key_figures), strict=True):
            self.textbox(
                slide,
                Box(FIGURES_BOX.x, slot.label_y, FIGURES_BOX.w, LABEL_SIZE + 4),
                figure.label,
                size=LABEL_SIZE,
                color=COLORS["muted_text"],
            )
            self.textbox(
                slide,
                Box(FIGURES_BOX.x, slot.value_y, FIGURES_BOX.w, slot.value_size + 6),
                figure.value,
                size=slot.value_size,
                bold=True,
            )

    def sources(self, sources: pd.DataFrame) -> None:
        from pptx.util import Pt

        lang = self.lang
        slide = self.new_slide()
        self.set_title(
            slide, t("briefing.sources.title", lang), size=TITLE_SIZE, color=COLORS["text"]
        )
        intro = t("briefing.sources.intro", lang)
        box = Box(MARGIN, 80, PAGE_W - 2 * MARGIN, 16)
        self.textbox(slide, box, intro, size=NOTE_SIZE, color=COLORS["muted_text"])
        rows = sources_rows(sources, lang)
        width = PAGE_W - 2 * MARGIN
        height = Pt(22 * (len(rows) + 1))
        table = slide.shapes.add_table(
            len(rows) + 1, 3, Pt(MARGIN), Pt(104), Pt(width), height
        ).table
        for col, share in enumerate(SOURCES_SHARES):
            table.columns[col].width = Pt(width * share)
        for r, values in enumerate([sources_header(lang), *rows]):
            for c, value in enumerate(values):
                frame = table.cell(r, c).text_frame
                frame.word_wrap = True
                _add_run(frame.paragraphs[0], value, size=10 if r else 11, bold=r == 0, color=None)
        self.footer(slide, self.pages)


def briefing_pack_pptx(
    screens: Sequence[Screen],
    *,
    lang: str,
    plan_title: str,
    document_date: dt.date,
    data_as_of: dt.date | str,
    sources: pd.DataFrame,
    scenario: bool,
    images: Sequence[bytes] | None = None,
    renderer: FigureRenderer | None = None,
    identity: ScenarioIdentity | None = None,
    area_names: Mapping[str, str] | None = None,
) -> bytes:
    """The same pack as :func:`~components.briefing.pdf.briefing_pack_pdf`, as a 16:9
    PowerPoint (python-pptx).

    Slide titles are real title placeholders (navigation and screen readers); the notes of
    each screen are also its speaker notes. Text keeps its exact characters (U+202F).
    Under a scenario (``identity``) the cover names it and the slide after lists its edits.
    """
    from pptx import Presentation
    from pptx.util import Pt

    pngs = pack_images(screens, images, renderer)
    prs = Presentation()
    prs.slide_width = Pt(PAGE_W)
    prs.slide_height = Pt(PAGE_H)
    prs.core_properties.title = pack_title(plan_title, lang)
    prs.core_properties.author = "IOM Mali"
    prs.core_properties.language = {"fr": "fr-FR", "en": "en-GB"}[lang]
    edits = [] if identity is None else edits_pages(identity, area_names, lang)
    if identity is not None:
        prs.core_properties.subject = cover_heading(identity, lang)
    slides = _Slides(
        prs,
        lang=lang,
        plan_title=plan_title,
        scenario=scenario or identity is not None,
        generated=fmt_date(document_date, lang),
        pages=len(screens) + 2 + len(edits),
        identity=identity,
    )
    slides.cover(data_as_of)
    if edits:
        slides.edits(edits, 2)
    first = 2 + len(edits)
    for page, (screen, png) in enumerate(zip(screens, pngs, strict=True), start=first):
        slides.screen(screen, png, page)
    slides.sources(sources)
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()
