"""Briefing mode for HCT meetings: the screens as data, and the PDF / PowerPoint briefing pack.

Pure: no streamlit. :func:`briefing_screens` turns the plan, the (baseline or scenario)
funding and the DTM figures into four :class:`Screen` s: plan status, funding by objective,
coverage donuts, IDP map. The projector page (``pages/briefing.py``) shows them one at a
time; :func:`briefing_pack_pdf` and :func:`briefing_pack_pptx` lay the same screens out on
16:9 pages (960 x 540 pt = 13.333 x 7.5 in): a cover, one page per screen (title, key
figures in large type on the left, the chart on the right as a kaleido PNG at least
:data:`PACK_IMAGE_MIN_PX` wide, notes below), and a sources page.

PDF fonts
    Built-in Helvetica (WinAnsi encoding; nothing to install, nothing embedded). It has every
    French letter (é è à ç ï ô œ « » ’ —) but not U+202F, the narrow no-break space of
    French thousands (``24 600 000 $``), nor U+2212 (minus): :func:`pdf_text` maps them to
    U+00A0 and ``-`` *for the PDF only*; the screens, the charts and the PowerPoint keep
    the exact characters.
"""

from __future__ import annotations

import datetime as dt
import io
import math
from collections.abc import Sequence
from typing import Any, NamedTuple
from xml.sax.saxutils import escape

import pandas as pd
import plotly.graph_objects as go

from components.export import FigureRenderer, figure_images
from components.formats import fmt_date, fmt_int, fmt_pct, fmt_usd, is_missing
from components.funding_charts import coverage_donut, coverage_donuts_grid, objective_funding_bars
from components.i18n import t
from components.maps import idp_choropleth
from components.notes import dtm_source_text
from components.theme import COLORS

SCREEN_KEYS: tuple[str, ...] = ("status", "objectives", "coverage", "displacement")
DEFAULT_CHART_HEIGHT = 500  # layout px of the screens' charts on the projector
STATUS_CHART_SHORTER = 120  # the status screen's two rows of key figures take that room
PACK_CHART_HEIGHT = 660  # layout px for the pack: ~1100 px wide in its chart box, no clipping


class KeyFigure(NamedTuple):
    """One big number: its label and its value, both formatted for the language."""

    label: str
    value: str


class Screen(NamedTuple):
    """One briefing message.

    ``scenario`` is True when the screen's figures come from an active scenario (the map's
    DTM figures never do); ``notes`` are short sentences shown under the figures.
    """

    key: str
    title: str
    key_figures: tuple[KeyFigure, ...]
    figure: go.Figure
    notes: tuple[str, ...] = ()
    scenario: bool = False


# --- the screens -----------------------------------------------------------------------------
def _objective_label(objective_id: str, lang: str) -> str:
    key = f"objective_short.{objective_id}"
    try:
        return t(key, lang)
    except KeyError:
        return str(objective_id)


def _coverage_frame(funding: Any, lang: str) -> pd.DataFrame:
    """Plan total and objectives in the shape of an ``areas`` frame, for the donut grid."""
    totals = funding.totals
    plan_name = t("briefing.coverage.plan", lang)
    rows = [
        {
            "area_id": "plan",
            "objective_id": "plan",
            "name_en": plan_name,
            "name_fr": plan_name,
            "required_usd": totals.required_usd,
            "confirmed_usd": totals.confirmed_usd,
            "gap_usd": totals.gap_usd,
            "coverage": totals.coverage,
            "reported": not is_missing(totals.confirmed_usd),
            "over_funded": False,
        }
    ]
    for row in funding.objectives.itertuples(index=False):
        name = _objective_label(row.objective_id, lang)
        rows.append(
            {
                "area_id": row.objective_id,
                "objective_id": row.objective_id,
                "name_en": name,
                "name_fr": name,
                "required_usd": row.required_usd,
                "confirmed_usd": row.confirmed_usd,
                "gap_usd": row.gap_usd,
                "coverage": row.coverage,
                "reported": not is_missing(row.confirmed_usd),
                "over_funded": False,
            }
        )
    frame = pd.DataFrame(rows)
    for column in ("required_usd", "confirmed_usd", "gap_usd"):
        frame[column] = frame[column].astype("Int64")
    frame["coverage"] = frame["coverage"].astype("Float64")
    return frame


def briefing_screens(
    plan: Any,
    funding: Any,
    dtm: Any,
    joined: Any,
    lang: str,
    scenario: bool,
    *,
    chart_height: int = DEFAULT_CHART_HEIGHT,
) -> list[Screen]:
    """The four briefing screens in ``lang``.

    Parameters
    ----------
    plan, funding, dtm
        :class:`data.plan.PlanData`, :class:`data.plan.Funding` (baseline or scenario),
        :class:`data.displacement.Displacement`.
    joined
        :class:`geo.join.JoinResult` (or its ``gdf``): DTM estimates on the boundaries.
    scenario
        The funding is a scenario: funding charts get the watermark and title prefix.
    chart_height
        Layout height (px) of the charts; the status screen's donut is
        :data:`STATUS_CHART_SHORTER` px shorter (six key figures take two rows).
    """
    totals = funding.totals
    plan_stamp = {
        "lang": lang,
        "source": t("source.plan", lang),
        "as_of": plan.summary.document_date,
        "scenario": scenario,
    }

    status = Screen(
        key="status",
        title=t("briefing.screen.status", lang),
        key_figures=(
            KeyFigure(t("metric.required", lang), fmt_usd(totals.required_usd, lang)),
            KeyFigure(t("metric.confirmed", lang), fmt_usd(totals.confirmed_usd, lang)),
            KeyFigure(t("metric.gap", lang), fmt_usd(totals.gap_usd, lang)),
            KeyFigure(t("metric.coverage", lang), fmt_pct(totals.coverage, lang)),
            KeyFigure(t("metric.people_targeted", lang), fmt_int(totals.people_targeted, lang)),
            KeyFigure(t("briefing.figure.as_of", lang), fmt_date(plan.summary.document_date, lang)),
        ),
        figure=coverage_donut(
            totals.confirmed_usd,
            totals.required_usd,
            title=t("chart.coverage_total.title", lang),
            height=chart_height - STATUS_CHART_SHORTER,
            **plan_stamp,
        ),
        # The plan's rounded totals are compared with the plan's figures only, never with a
        # scenario's.
        notes=()
        if scenario
        else (
            t(
                "briefing.note.printed_totals",
                lang,
                confirmed=fmt_usd(plan.summary.confirmed_printed_usd, lang, compact=True),
                gap=fmt_usd(plan.summary.gap_printed_usd, lang, compact=True),
            ),
        ),
        scenario=scenario,
    )

    objective_figures: list[KeyFigure] = []
    objective_notes: list[str] = []
    for row in funding.objectives.itertuples(index=False):
        name = _objective_label(row.objective_id, lang)
        objective_figures.append(
            KeyFigure(
                t("briefing.figure.objective_gap", lang, objective=name),
                fmt_usd(row.gap_usd, lang),
            )
        )
        objective_figures.append(
            KeyFigure(
                t("briefing.figure.objective_coverage", lang, objective=name),
                fmt_pct(row.coverage, lang),
            )
        )
        unitemised = getattr(row, "unitemised_confirmed_usd", None)
        if not is_missing(unitemised) and unitemised:
            objective_notes.append(
                t(
                    "briefing.note.unitemised",
                    lang,
                    objective=name,
                    amount=fmt_usd(unitemised, lang),
                )
            )
    objectives = Screen(
        key="objectives",
        title=t("briefing.screen.objectives", lang),
        key_figures=tuple(objective_figures),
        figure=objective_funding_bars(funding.objectives, height=chart_height, **plan_stamp),
        notes=tuple(objective_notes),
        scenario=scenario,
    )

    coverage_figures = [
        KeyFigure(t("briefing.figure.plan_coverage", lang), fmt_pct(totals.coverage, lang))
    ]
    for row in funding.objectives.itertuples(index=False):
        coverage_figures.append(
            KeyFigure(
                t(
                    "briefing.figure.objective_coverage",
                    lang,
                    objective=_objective_label(row.objective_id, lang),
                ),
                fmt_pct(row.coverage, lang),
            )
        )
    areas = funding.areas
    reported = int(areas["reported"].fillna(False).astype(bool).sum())
    coverage_figures.append(
        KeyFigure(t("briefing.figure.areas_reported", lang), f"{reported} / {len(areas)}")
    )
    coverage = Screen(
        key="coverage",
        title=t("briefing.screen.coverage", lang),
        key_figures=tuple(coverage_figures),
        figure=coverage_donuts_grid(
            _coverage_frame(funding, lang),
            cols=len(funding.objectives) + 1,
            title=t("briefing.coverage.chart_title", lang),
            height=chart_height,
            **plan_stamp,
        ),
        notes=(t("briefing.note.coverage", lang),),
        scenario=scenario,
    )

    gdf = getattr(joined, "gdf", joined)
    other = t(
        "briefing.figure.other_value",
        lang,
        value=fmt_int(dtm.other_idps, lang),
        pct=fmt_pct(dtm.other_share, lang),
    )
    displacement = Screen(
        key="displacement",
        title=t("briefing.screen.displacement", lang),
        key_figures=(
            KeyFigure(t("metric.idps", lang), fmt_int(dtm.total_idps, lang)),
            KeyFigure(t("briefing.figure.as_of", lang), fmt_date(dtm.as_of, lang)),
            KeyFigure(t("briefing.figure.other_regions", lang), other),
        ),
        figure=idp_choropleth(
            gdf,
            lang=lang,
            title=t("briefing.map.title", lang),
            source=dtm_source_text(dtm, lang),
            as_of=dtm.as_of,
            height=chart_height,
        ),
        notes=(
            t(
                "briefing.note.other_regions",
                lang,
                value=fmt_int(dtm.other_idps, lang),
                pct=fmt_pct(dtm.other_share, lang),
            ),
        ),
        scenario=False,  # DTM figures are never edited by a scenario
    )
    return [status, objectives, coverage, displacement]


def screen_title(screen: Screen, lang: str) -> str:
    """The screen's title, prefixed 'SCÉNARIO — ' when it shows scenario figures."""
    return t("scenario.title_prefix", lang, title=screen.title) if screen.scenario else screen.title


# --- page geometry (points, origin top-left; 960 x 540 pt = 13.333 x 7.5 in) -----------------
PAGE_W, PAGE_H = 960.0, 540.0
MARGIN = 36.0


class Box(NamedTuple):
    x: float
    y: float
    w: float
    h: float


TITLE_BOX = Box(MARGIN, 24, PAGE_W - 2 * MARGIN, 46)
RULE_Y = 78.0  # the line under the title
FIGURES_BOX = Box(MARGIN, 92, 262, 374)
CHART_BOX = Box(MARGIN + 262 + 16, 92, PAGE_W - 2 * MARGIN - 262 - 16, 374)
NOTES_BOX = Box(MARGIN, 472, PAGE_W - 2 * MARGIN, 40)
FOOTER_Y = 522.0
PACK_IMAGE_MIN_PX = 1600
TITLE_SIZE = 28
VALUE_MAX_SIZE = 32
VALUE_MIN_SIZE = 14
LABEL_SIZE = 11
NOTE_SIZE = 10.5
FOOTER_SIZE = 8.5

_SAFE = str.maketrans(
    {
        "\u202f": "\u00a0",  # narrow no-break space (French thousands) -> no-break space
        "\u2009": " ",  # thin space
        "\u200a": " ",  # hair space
        "\u2212": "-",  # minus sign
        "\u2011": "-",  # non-breaking hyphen
        "\u2192": "->",  # arrow
        "\u25b2": "",  # ▲ (over-funded flag)
    }
)


def pdf_text(text: object) -> str:
    """Text for reportlab's built-in fonts (WinAnsi): U+202F -> U+00A0, U+2212 -> '-'.

    Any other character outside WinAnsi (cp1252) becomes '?', never a silent blank glyph.
    """
    out = str(text).translate(_SAFE)
    return out.encode("cp1252", errors="replace").decode("cp1252")


def _string_width(text: str, font: str, size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return stringWidth(pdf_text(text), font, size)


def _fit_size(text: str, font: str, width: float, largest: float, smallest: float) -> float:
    """The largest font size (step 0.5 pt) at which ``text`` fits in ``width``."""
    size = largest
    while size > smallest and _string_width(text, font, size) > width:
        size -= 0.5
    return size


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    from reportlab.lib.utils import simpleSplit

    return simpleSplit(pdf_text(text), font, size, width)


class _FigureSlot(NamedTuple):
    label_y: float  # top of the label (points from the top of the page)
    value_y: float  # top of the value
    value_size: float


def _figure_slots(figures: Sequence[KeyFigure]) -> list[_FigureSlot]:
    """Vertical layout of the key figures in :data:`FIGURES_BOX` (shared by PDF and PPTX)."""
    n = max(len(figures), 1)
    slot = min(FIGURES_BOX.h / n, 96.0)
    largest = min(VALUE_MAX_SIZE, slot - LABEL_SIZE - 14)
    slots = []
    for i, figure in enumerate(figures):
        top = FIGURES_BOX.y + i * slot
        size = _fit_size(figure.value, "Helvetica-Bold", FIGURES_BOX.w, largest, VALUE_MIN_SIZE)
        slots.append(_FigureSlot(top, top + LABEL_SIZE + 5, size))
    return slots


def chart_export_size(figure: go.Figure) -> tuple[int, int, float]:
    """(layout width, layout height, scale) for a chart placed in :data:`CHART_BOX`.

    Keeps the figure's own layout height (its title, legend and stamp bands are in layout
    px), takes the width from the box's aspect ratio, and scales the bitmap to at least
    :data:`PACK_IMAGE_MIN_PX` pixels wide. Build the pack's screens with
    ``chart_height=PACK_CHART_HEIGHT`` so the charts get the width they are designed for.
    """
    height = int(figure.layout.height or DEFAULT_CHART_HEIGHT)
    width = round(height * CHART_BOX.w / CHART_BOX.h)
    scale = math.ceil(PACK_IMAGE_MIN_PX / width * 100) / 100
    return width, height, scale


def screen_images(
    screens: Sequence[Screen], *, renderer: FigureRenderer | None = None
) -> list[bytes]:
    """The screens' charts as PNG for the pack, all rendered with one browser."""
    sizes = [chart_export_size(screen.figure) for screen in screens]
    # One call per distinct scale (usually one): kaleido takes one scale per batch.
    by_scale: dict[float, list[int]] = {}
    for i, (_, _, scale) in enumerate(sizes):
        by_scale.setdefault(scale, []).append(i)
    rendered: dict[int, bytes] = {}
    for scale, indexes in by_scale.items():
        pngs = figure_images(
            [screens[i].figure for i in indexes],
            "png",
            width=[sizes[i][0] for i in indexes],
            height=[sizes[i][1] for i in indexes],
            scale=scale,
            renderer=renderer,
        )
        rendered.update(zip(indexes, pngs, strict=True))
    return [rendered[i] for i in range(len(screens))]


def _as_of_text(value: object, lang: str) -> str:
    if isinstance(value, str):
        return value
    return fmt_date(value, lang)


def _pack_images(
    screens: Sequence[Screen],
    images: Sequence[bytes] | None,
    renderer: FigureRenderer | None,
) -> list[bytes]:
    if images is None:
        return screen_images(screens, renderer=renderer)
    if len(images) != len(screens):
        raise ValueError(f"{len(images)} images for {len(screens)} screens")
    return list(images)


def _sources_rows(sources: pd.DataFrame, lang: str) -> list[tuple[str, str, str]]:
    missing = [c for c in ("document", "date", "section") if c not in sources.columns]
    if missing:
        raise ValueError(f"sources frame is missing columns: {', '.join(missing)}")
    rows = []
    for row in sources.itertuples(index=False):
        date = "" if is_missing(row.date) else fmt_date(row.date, lang)
        rows.append((str(row.document), date, str(row.section)))
    return rows


SOURCES_TOP = 108.0
SOURCES_TOP_CONTINUED = RULE_Y + 12
SOURCES_BOTTOM = FOOTER_Y - 16


def _sources_table_pieces(sources: pd.DataFrame, lang: str) -> list[Any]:
    """The sources table (reportlab ``Table``), split into page-sized pieces."""
    from reportlab.lib.colors import HexColor
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, Table, TableStyle

    cell = ParagraphStyle("cell", fontName="Helvetica", fontSize=9.5, leading=12)
    head = ParagraphStyle("head", parent=cell, fontName="Helvetica-Bold")

    def para(value: str, style: ParagraphStyle) -> Paragraph:
        return Paragraph(escape(pdf_text(value)), style)

    header = [
        para(t("briefing.sources.document", lang), head),
        para(t("briefing.sources.date", lang), head),
        para(t("briefing.sources.section", lang), head),
    ]
    body = [[para(v, cell) for v in row] for row in _sources_rows(sources, lang)]
    width = PAGE_W - 2 * MARGIN
    table = Table(
        [header, *body], colWidths=[width * 0.36, width * 0.12, width * 0.52], repeatRows=1
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
    pieces: list[Any] = []
    rest: Any = table
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


# --- PDF ---------------------------------------------------------------------------------------
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
        The charts as PNG (from :func:`screen_images`), to share one rendering between the
        PDF and the PowerPoint; rendered here if omitted.
    """
    from reportlab.lib.colors import HexColor
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    pngs = _pack_images(screens, images, renderer)
    pieces = _sources_table_pieces(sources, lang)
    text_color = HexColor(COLORS["text"])
    muted = HexColor(COLORS["muted_text"])
    accent = HexColor(COLORS["confirmed"])
    scenario_color = HexColor(COLORS["scenario"])
    pages = len(screens) + 1 + len(pieces)
    generated = fmt_date(document_date, lang)

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(PAGE_W, PAGE_H), lang=lang)
    canvas.setTitle(pdf_text(f"{plan_title} — {t('briefing.subtitle', lang)}"))
    canvas.setAuthor("IOM Mali")
    canvas.setSubject(pdf_text(t("briefing.subtitle", lang)))
    canvas.setCreator("iom-mali-crp-dashboard")

    def y(top: float) -> float:
        """Points from the top -> reportlab's y (from the bottom)."""
        return PAGE_H - top

    def text(x: float, top: float, value: str, font: str, size: float, color=text_color) -> None:
        canvas.setFont(font, size)
        canvas.setFillColor(color)
        canvas.drawString(x, y(top) - size * 0.8, pdf_text(value))

    def heading(title: str, rule_color, title_color) -> None:
        size = _fit_size(title, "Helvetica-Bold", TITLE_BOX.w, TITLE_SIZE, 16)
        text(TITLE_BOX.x, TITLE_BOX.y + 8, title, "Helvetica-Bold", size, title_color)
        canvas.setStrokeColor(rule_color)
        canvas.setLineWidth(2)
        canvas.line(MARGIN, y(RULE_Y), PAGE_W - MARGIN, y(RULE_Y))

    def footer(page: int) -> None:
        canvas.setStrokeColor(HexColor(COLORS["grid"]))
        canvas.setLineWidth(0.6)
        canvas.line(MARGIN, y(FOOTER_Y - 6), PAGE_W - MARGIN, y(FOOTER_Y - 6))
        left = f"{plan_title} — {t('briefing.subtitle', lang)}"
        if scenario:
            left = f"{t('scenario.watermark', lang)} — {left}"
        text(MARGIN, FOOTER_Y, left, "Helvetica", FOOTER_SIZE, muted)
        right = pdf_text(
            t("briefing.pack.footer_right", lang, date=generated, page=page, pages=pages)
        )
        canvas.setFont("Helvetica", FOOTER_SIZE)
        canvas.drawRightString(PAGE_W - MARGIN, y(FOOTER_Y) - FOOTER_SIZE * 0.8, right)

    # Cover.
    canvas.setFillColor(accent)
    canvas.rect(0, y(14), PAGE_W, 14, stroke=0, fill=1)
    top = 120.0
    for line in _wrap(plan_title, "Helvetica-Bold", 36, PAGE_W - 2 * MARGIN - 40):
        text(MARGIN + 20, top, line, "Helvetica-Bold", 36)
        top += 44
    text(MARGIN + 20, top + 6, t("briefing.subtitle", lang), "Helvetica", 20, muted)
    top += 62
    for line in (
        t("briefing.cover.date", lang, date=generated),
        t("briefing.cover.as_of", lang, as_of=_as_of_text(data_as_of, lang)),
        t("briefing.cover.language", lang, language=t(f"app.lang_name.{lang}", lang)),
    ):
        text(MARGIN + 20, top, line, "Helvetica", 16)
        top += 26
    if scenario:
        top += 14
        text(MARGIN + 20, top, t("scenario.watermark", lang), "Helvetica-Bold", 40, scenario_color)
        top += 52
        for line in _wrap(
            t("briefing.cover.scenario", lang), "Helvetica", 14, PAGE_W - 2 * MARGIN - 40
        ):
            text(MARGIN + 20, top, line, "Helvetica", 14, scenario_color)
            top += 19
    footer(1)
    canvas.showPage()

    # One page per screen.
    for page, (screen, png) in enumerate(zip(screens, pngs, strict=True), start=2):
        heading(
            screen_title(screen, lang),
            scenario_color if screen.scenario else accent,
            scenario_color if screen.scenario else text_color,
        )
        for figure, slot in zip(screen.key_figures, _figure_slots(screen.key_figures), strict=True):
            text(FIGURES_BOX.x, slot.label_y, figure.label, "Helvetica", LABEL_SIZE, muted)
            text(FIGURES_BOX.x, slot.value_y, figure.value, "Helvetica-Bold", slot.value_size)
        canvas.drawImage(
            ImageReader(io.BytesIO(png)),
            CHART_BOX.x,
            y(CHART_BOX.y + CHART_BOX.h),
            CHART_BOX.w,
            CHART_BOX.h,
            preserveAspectRatio=True,
            anchor="c",
        )
        top = NOTES_BOX.y
        for note in screen.notes:
            for line in _wrap(note, "Helvetica", NOTE_SIZE, NOTES_BOX.w):
                if top + NOTE_SIZE > NOTES_BOX.y + NOTES_BOX.h:
                    break
                text(NOTES_BOX.x, top, line, "Helvetica", NOTE_SIZE, muted)
                top += NOTE_SIZE + 3
        footer(page)
        canvas.showPage()

    # Sources (continued on further pages if the table is long).
    for number, piece in enumerate(pieces):
        heading(t("briefing.sources.title", lang), accent, text_color)
        if number == 0:
            text(
                MARGIN,
                RULE_Y + 10,
                t("briefing.sources.intro", lang),
                "Helvetica",
                NOTE_SIZE,
                muted,
            )
        top = SOURCES_TOP if number == 0 else SOURCES_TOP_CONTINUED
        _, height = piece.wrapOn(canvas, PAGE_W - 2 * MARGIN, SOURCES_BOTTOM - top)
        piece.drawOn(canvas, MARGIN, y(top) - height)
        footer(len(screens) + 2 + number)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


# --- PowerPoint --------------------------------------------------------------------------------
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
) -> bytes:
    """The same pack as :func:`briefing_pack_pdf`, as a 16:9 PowerPoint (python-pptx).

    Slide titles are real title placeholders (navigation and screen readers); the notes of
    each screen are also its speaker notes. Text keeps its exact characters (U+202F).
    """
    from pptx import Presentation
    from pptx.dml.color import RGBColor
    from pptx.enum.text import MSO_ANCHOR
    from pptx.util import Pt

    pngs = _pack_images(screens, images, renderer)
    prs = Presentation()
    prs.slide_width = Pt(PAGE_W)
    prs.slide_height = Pt(PAGE_H)
    prs.core_properties.title = f"{plan_title} — {t('briefing.subtitle', lang)}"
    prs.core_properties.author = "IOM Mali"
    prs.core_properties.language = {"fr": "fr-FR", "en": "en-GB"}[lang]
    title_only = prs.slide_layouts[5]
    generated = fmt_date(document_date, lang)

    def rgb(hex_colour: str) -> RGBColor:
        return RGBColor.from_string(hex_colour.lstrip("#").upper())

    def textbox(slide, box: Box, lines, *, size: float, bold=False, color=COLORS["text"]):
        shape = slide.shapes.add_textbox(Pt(box.x), Pt(box.y), Pt(box.w), Pt(box.h))
        frame = shape.text_frame
        frame.word_wrap = True
        frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
        frame.vertical_anchor = MSO_ANCHOR.TOP
        for i, line in enumerate([lines] if isinstance(lines, str) else lines):
            paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            run = paragraph.add_run()
            run.text = line
            run.font.size = Pt(size)
            run.font.bold = bold
            run.font.color.rgb = rgb(color)
        return shape

    def set_title(slide, value: str, *, size: float, color: str) -> None:
        title = slide.shapes.title
        title.left, title.top = Pt(TITLE_BOX.x), Pt(TITLE_BOX.y)
        title.width, title.height = Pt(TITLE_BOX.w), Pt(TITLE_BOX.h)
        frame = title.text_frame
        frame.word_wrap = True
        frame.vertical_anchor = MSO_ANCHOR.MIDDLE
        paragraph = frame.paragraphs[0]
        paragraph.alignment = 1  # left
        run = paragraph.add_run()
        run.text = value
        run.font.size = Pt(size)
        run.font.bold = True
        run.font.color.rgb = rgb(color)

    def footer(slide, page: int) -> None:
        left = f"{plan_title} — {t('briefing.subtitle', lang)}"
        if scenario:
            left = f"{t('scenario.watermark', lang)} — {left}"
        right = t("briefing.pack.footer_right", lang, date=generated, page=page, pages=pages)
        textbox(
            slide,
            Box(MARGIN, FOOTER_Y - 10, PAGE_W - 2 * MARGIN, 14),
            f"{left}    {right}",
            size=FOOTER_SIZE,
            color=COLORS["muted_text"],
        )

    pages = len(screens) + 2

    # Cover.
    slide = prs.slides.add_slide(title_only)
    set_title(slide, plan_title, size=36, color=COLORS["text"])
    slide.shapes.title.top, slide.shapes.title.height = Pt(96), Pt(96)
    lines = [
        t("briefing.subtitle", lang),
        "",
        t("briefing.cover.date", lang, date=generated),
        t("briefing.cover.as_of", lang, as_of=_as_of_text(data_as_of, lang)),
        t("briefing.cover.language", lang, language=t(f"app.lang_name.{lang}", lang)),
    ]
    textbox(slide, Box(MARGIN, 200, PAGE_W - 2 * MARGIN, 120), lines, size=16)
    if scenario:
        textbox(
            slide,
            Box(MARGIN, 330, PAGE_W - 2 * MARGIN, 110),
            [t("scenario.watermark", lang), t("briefing.cover.scenario", lang)],
            size=20,
            bold=True,
            color=COLORS["scenario"],
        )
    footer(slide, 1)

    # Screens.
    for page, (screen, png) in enumerate(zip(screens, pngs, strict=True), start=2):
        slide = prs.slides.add_slide(title_only)
        title = screen_title(screen, lang)
        set_title(
            slide,
            title,
            size=_fit_size(title, "Helvetica-Bold", TITLE_BOX.w, TITLE_SIZE, 16),
            color=COLORS["scenario"] if screen.scenario else COLORS["text"],
        )
        for figure, slot in zip(screen.key_figures, _figure_slots(screen.key_figures), strict=True):
            textbox(
                slide,
                Box(FIGURES_BOX.x, slot.label_y, FIGURES_BOX.w, LABEL_SIZE + 4),
                figure.label,
                size=LABEL_SIZE,
                color=COLORS["muted_text"],
            )
            textbox(
                slide,
                Box(FIGURES_BOX.x, slot.value_y, FIGURES_BOX.w, slot.value_size + 6),
                figure.value,
                size=slot.value_size,
                bold=True,
            )
        width, height, _ = chart_export_size(screen.figure)
        box_ratio, image_ratio = CHART_BOX.w / CHART_BOX.h, width / height
        w = CHART_BOX.w if image_ratio >= box_ratio else CHART_BOX.h * image_ratio
        h = w / image_ratio
        slide.shapes.add_picture(
            io.BytesIO(png),
            Pt(CHART_BOX.x + (CHART_BOX.w - w) / 2),
            Pt(CHART_BOX.y + (CHART_BOX.h - h) / 2),
            Pt(w),
            Pt(h),
        )
        if screen.notes:
            textbox(
                slide, NOTES_BOX, list(screen.notes), size=NOTE_SIZE, color=COLORS["muted_text"]
            )
            slide.notes_slide.notes_text_frame.text = "\n".join(screen.notes)
        footer(slide, page)

    # Sources.
    slide = prs.slides.add_slide(title_only)
    set_title(slide, t("briefing.sources.title", lang), size=TITLE_SIZE, color=COLORS["text"])
    textbox(
        slide,
        Box(MARGIN, 80, PAGE_W - 2 * MARGIN, 16),
        t("briefing.sources.intro", lang),
        size=NOTE_SIZE,
        color=COLORS["muted_text"],
    )
    rows = _sources_rows(sources, lang)
    width = PAGE_W - 2 * MARGIN
    shape = slide.shapes.add_table(
        len(rows) + 1, 3, Pt(MARGIN), Pt(104), Pt(width), Pt(22 * (len(rows) + 1))
    )
    table = shape.table
    for col, share in enumerate((0.36, 0.12, 0.52)):
        table.columns[col].width = Pt(width * share)
    header = (
        t("briefing.sources.document", lang),
        t("briefing.sources.date", lang),
        t("briefing.sources.section", lang),
    )
    for r, values in enumerate([header, *rows]):
        for c, value in enumerate(values):
            frame = table.cell(r, c).text_frame
            frame.word_wrap = True
            run = frame.paragraphs[0].add_run()
            run.text = value
            run.font.size = Pt(10 if r else 11)
            run.font.bold = r == 0
    footer(slide, pages)

    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()
