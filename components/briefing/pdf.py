"""The briefing pack as a 16:9 PDF (reportlab): cover, one page per screen, sources.

Built-in Helvetica (WinAnsi encoding; nothing to install, nothing embedded). It has every
French letter (é è à ç ï ô œ « » ’ —) but not U+202F, the narrow no-break space of French
thousands (``24 600 000 $``), nor U+2212 (minus): :func:`~components.briefing.layout.pdf_text`
maps them to U+00A0 and ``-`` *for the PDF only*.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping, Sequence
from typing import Any
from xml.sax.saxutils import escape

import pandas as pd

from components.briefing.images import pack_images
from components.briefing.layout import (
    CHART_BOX,
    FIGURES_BOX,
    FOOTER_SIZE,
    FOOTER_Y,
    LABEL_SIZE,
    MARGIN,
    NOTE_SIZE,
    NOTES_BOX,
    PAGE_H,
    PAGE_W,
    RULE_Y,
    SOURCES_BOTTOM,
    SOURCES_SHARES,
    SOURCES_TOP,
    SOURCES_TOP_CONTINUED,
    TITLE_BOX,
    TITLE_SIZE,
    cover_lines,
    figure_slots,
    fit_size,
    footer_texts,
    pack_title,
    pdf_text,
    sources_header,
    sources_rows,
    wrap_lines,
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
    intro_lines,
)
from components.briefing.screens import Screen, screen_title
from components.export import FigureRenderer
from components.theme import COLORS
from data.scenario.identity import ScenarioIdentity
from text import fmt_date, t


# --- the sources table -------------------------------------------------------------------------
def _sources_table(sources: pd.DataFrame, lang: str, width: float) -> Any:
    from reportlab.lib.colors import HexColor
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, Table, TableStyle

    cell = ParagraphStyle("cell", fontName="Helvetica", fontSize=9.5, leading=12)
    head = ParagraphStyle("head", parent=cell, fontName="Helvetica-Bold")

    def para(value: str, style: ParagraphStyle) -> Paragraph:
        return Paragraph(escape(pdf_text(value)), style)

    header = [para(value, head) for value in sources_header(lang)]
    body = [[para(v, cell) for v in row] for row in sources_rows(sources, lang)]
    table = Table(
        [header, *body], colWidths=[width * share for share in SOURCES_SHARES], repeatRows=1
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, 0), 1, HexColor(COLORS["text"])),
                ("LINEBELOW", (0, 1), (-1, -1), 0.4, HexColor(COLORS["grid"])),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def _sources_table_pieces(sources: pd.DataFrame, lang: str) -> list[Any]:
    """The sources table (reportlab ``Table``), split into page-sized pieces."""
    width = PAGE_W - 2 * MARGIN
    pieces: list[Any] = []
    rest: Any = _sources_table(sources, lang, width)
    available = SOURCES_BOTTOM - SOURCES_TOP
    while rest is not None:
        _, height = rest.wrap(width, available)
        if height <= available:
            pieces.append(rest)
            break
        parts = rest.split(width, available)
        if len(parts) < 2:
            raise ValueError("sources table: a row is taller than a page")
        pieces.append(parts[0])
        rest = parts[1]
        available = SOURCES_BOTTOM - SOURCES_TOP_CONTINUED
    return pieces


# --- the pages ---------------------------------------------------------------------------------
class _PdfPack:
    """Draws the pack's pages on one reportlab canvas (points from the top of the page)."""

    def __init__(
        self,
        canvas: Any,
        *,
        lang: str,
        plan_title: str,
        scenario: bool,
        generated: str,
        pages: int,
        identity: ScenarioIdentity | None = None,
    ):
        from reportlab.lib.colors import HexColor

        self.canvas, self.lang, self.plan_title = canvas, lang, plan_title
        self.scenario, self.generated, self.pages = scenario, generated, pages
        self.identity = identity
        self.text_color = HexColor(COLORS["text"])
        self.muted = HexColor(COLORS["muted_text"])
        self.accent = HexColor(COLORS["confirmed"])
        self.scenario_color = HexColor(COLORS["scenario"])
        self.grid = HexColor(COLORS["grid"])

    @staticmethod
    def y(top: float) -> float:
        """Points from the top -> reportlab's y (from the bottom)."""
        return PAGE_H - top

    def text(self, x: float, top: float, value: str, font: str, size: float, color=None) -> None:
        self.canvas.setFont(font, size)
        self.canvas.setFillColor(self.text_color if color is None else color)
        self.canvas.drawString(x, self.y(top) - size * 0.8, pdf_text(value))

    def heading(self, title: str, rule_color, title_color) -> None:
        size = fit_size(title, "Helvetica-Bold", TITLE_BOX.w, TITLE_SIZE, 16)
        self.text(TITLE_BOX.x, TITLE_BOX.y + 8, title, "Helvetica-Bold", size, title_color)
        self.canvas.setStrokeColor(rule_color)
        self.canvas.setLineWidth(2)
        self.canvas.line(MARGIN, self.y(RULE_Y), PAGE_W - MARGIN, self.y(RULE_Y))

    def footer(self, page: int) -> None:
        canvas = self.canvas
        canvas.setStrokeColor(self.grid)
        canvas.setLineWidth(0.6)
        canvas.line(MARGIN, self.y(FOOTER_Y - 6), PAGE_W - MARGIN, self.y(FOOTER_Y - 6))
        left, right = footer_texts(
            self.plan_title,
            self.lang,
            scenario=self.scenario,
            generated=self.generated,
            page=page,
            pages=self.pages,
        )
        self.text(MARGIN, FOOTER_Y, left, "Helvetica", FOOTER_SIZE, self.muted)
        canvas.setFont("Helvetica", FOOTER_SIZE)
        canvas.drawRightString(
            PAGE_W - MARGIN, self.y(FOOTER_Y) - FOOTER_SIZE * 0.8, pdf_text(right)
        )

    def cover(self, data_as_of: dt.date | str) -> None:
        lang, canvas, x = self.lang, self.canvas, MARGIN + 20
        canvas.setFillColor(self.accent)
        canvas.rect(0, self.y(14), PAGE_W, 14, stroke=0, fill=1)
        top = 120.0
        for line in wrap_lines(self.plan_title, "Helvetica-Bold", 36, PAGE_W - 2 * MARGIN - 40):
            self.text(x, top, line, "Helvetica-Bold", 36)
            top += 44
        self.text(x, top + 6, t("briefing.subtitle", lang), "Helvetica", 20, self.muted)
        top += 62
        for line in cover_lines(lang, self.generated, data_as_of):
            self.text(x, top, line, "Helvetica", 16)
            top += 26
        if self.identity is not None:
            top = self.cover_heading(x, top + 14, self.identity)
        elif self.scenario:
            top += 14
            watermark = t("scenario.watermark", lang)
            self.text(x, top, watermark, "Helvetica-Bold", 40, self.scenario_color)
            top += 52
        if self.scenario:
            explained = t("briefing.cover.scenario", lang)
            for line in wrap_lines(explained, "Helvetica", 14, PAGE_W - 2 * MARGIN - 40):
                self.text(x, top, line, "Helvetica", 14, self.scenario_color)
                top += 19
        self.footer(1)
        canvas.showPage()

    def cover_heading(self, x: float, top: float, identity: ScenarioIdentity) -> float:
        """'Scénario : <name> — n domaines modifiés', large; returns the top of what follows."""
        heading, width = cover_heading(identity, self.lang), PAGE_W - 2 * MARGIN - 40
        size = fit_size(heading, "Helvetica-Bold", width, 30, 20)
        for line in wrap_lines(heading, "Helvetica-Bold", size, width)[:2]:
            self.text(x, top, line, "Helvetica-Bold", size, self.scenario_color)
            top += size * 1.2
        return top + 10

    def edits(self, pages: Sequence[EditsPage], first_page: int) -> None:
        """The scenario's edits after the cover (continued on further pages if long)."""
        assert self.identity is not None
        heading, not_plan = intro_lines(self.identity, self.lang)
        title = t("briefing.scenario.title", self.lang)
        for number, page in enumerate(pages):
            self.heading(title, self.scenario_color, self.scenario_color)
            if number == 0:
                size = fit_size(heading, "Helvetica-Bold", EDITS_WIDTH, HEADING_SIZE, 12)
                self.text(MARGIN, HEADING_TOP, heading, "Helvetica-Bold", size, self.scenario_color)
                for row, line in enumerate(not_plan[:2]):
                    top = INTRO_TOP + row * (NOTE_SIZE + 4)
                    self.text(MARGIN, top, line, "Helvetica", NOTE_SIZE, self.muted)
            for lines, box in zip(page.items, page.boxes(), strict=True):
                self.text(box.x, box.y, BULLET, "Helvetica", page.size)
                for row, line in enumerate(lines):
                    top = box.y + row * page.leading
                    self.text(box.x + INDENT, top, line, "Helvetica", page.size)
            self.footer(first_page + number)
            self.canvas.showPage()

    def screen(self, screen: Screen, png: bytes, page: int) -> None:
        from reportlab.lib.utils import ImageReader

        rule, colour = (self.accent, self.text_color)
        if screen.scenario:
            rule = colour = self.scenario_color
        self.heading(screen_title(screen, self.lang), rule, colour)
        for figure, slot in zip(screen.key_figures, figure_slots(screen.key_figures), strict=True):
            self.text(
                FIGURES_BOX.x, slot.label_y, figure.label, "Helvetica", LABEL_SIZE, self.muted
            )
            self.text(FIGURES_BOX.x, slot.value_y, figure.value, "Helvetica-Bold", slot.value_size)
        self.canvas.drawImage(
            ImageReader(io.BytesIO(png)),
            CHART_BOX.x,
            self.y(CHART_BOX.y + CHART_BOX.h),
            CHART_BOX.w,
            CHART_BOX.h,
            preserveAspectRatio=True,
            anchor="c",
        )
        self.notes(screen.notes)
        self.footer(page)
        self.canvas.showPage()

    def notes(self, notes: Sequence[str]) -> None:
        """The screen's notes under the chart, as many lines as :data:`NOTES_BOX` holds."""
        top = NOTES_BOX.y
        for note in notes:
            for line in wrap_lines(note, "Helvetica", NOTE_SIZE, NOTES_BOX.w):
                if top + NOTE_SIZE > NOTES_BOX.y + NOTES_BOX.h:
                    break
                self.text(NOTES_BOX.x, top, line, "Helvetica", NOTE_SIZE, self.muted)
                top += NOTE_SIZE + 3

    def sources(self, pieces: Sequence[Any], first_page: int) -> None:
        """The sources table, continued on further pages if it is long."""
        for number, piece in enumerate(pieces):
            self.heading(t("briefing.sources.title", self.lang), self.accent, self.text_color)
            if number == 0:
                intro = t("briefing.sources.intro", self.lang)
                self.text(MARGIN, RULE_Y + 10, intro, "Helvetica", NOTE_SIZE, self.muted)
            top = SOURCES_TOP if number == 0 else SOURCES_TOP_CONTINUED
            _, height = piece.wrapOn(self.canvas, PAGE_W - 2 * MARGIN, SOURCES_BOTTOM - top)
            piece.drawOn(self.canvas, MARGIN, self.y(top) - height)
            self.footer(first_page + number)
            self.canvas.showPage()


def briefing_pack_pdf(
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
    """The briefing pack as a 16:9 PDF: cover, one page per screen, sources.

    Parameters
    ----------
    document_date
        The pack's date (the meeting or generation date), on the cover.
    data_as_of
        A date, or a ready-made text such as "27 nov. 2023 (plan) ; 30 sept. 2023 (DTM)".
    sources
        Frame with ``document``, ``date``, ``section`` (``PlanData.sources``).
    images
        The charts as PNG (from :func:`~components.briefing.images.screen_images`), to
        share one rendering between the PDF and the PowerPoint; rendered here if omitted.
    identity
        The active scenario (``None``: the plan). Its name and edit count are on the cover,
        its edits on the page after (``area_names``: area id -> name in ``lang``).
    """
    from reportlab.pdfgen.canvas import Canvas

    pngs = pack_images(screens, images, renderer)
    pieces = _sources_table_pieces(sources, lang)
    edits = [] if identity is None else edits_pages(identity, area_names, lang)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(PAGE_W, PAGE_H), lang=lang)
    canvas.setTitle(pdf_text(pack_title(plan_title, lang)))
    canvas.setAuthor("IOM Mali")
    subject = t("briefing.subtitle", lang)
    if identity is not None:
        subject = f"{subject} — {cover_heading(identity, lang)}"
    canvas.setSubject(pdf_text(subject))
    canvas.setCreator("iom-mali-crp-dashboard")
    pack = _PdfPack(
        canvas,
        lang=lang,
        plan_title=plan_title,
        scenario=scenario or identity is not None,
        generated=fmt_date(document_date, lang),
        pages=1 + len(edits) + len(screens) + len(pieces),
        identity=identity,
    )
    pack.cover(data_as_of)
    if edits:
        pack.edits(edits, 2)
    first = 2 + len(edits)
    for page, (screen, png) in enumerate(zip(screens, pngs, strict=True), start=first):
        pack.screen(screen, png, page)
    pack.sources(pieces, first + len(screens))
    canvas.save()
    return buffer.getvalue()
