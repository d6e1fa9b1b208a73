"""Where things go on a 16:9 pack page (960 x 540 pt = 13.333 x 7.5 in), shared by the PDF
and the PowerPoint: page geometry, text fitting, the key figures' slots, the chart's box and
export size, and the texts every page repeats (cover lines, footer, sources rows).

Points, origin top-left. PDF fonts are reportlab's built-in Helvetica (WinAnsi, nothing
embedded): :func:`pdf_text` maps the characters it lacks (U+202F, U+2212) for the PDF only.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from typing import NamedTuple

import pandas as pd
import plotly.graph_objects as go

from components.briefing.screens import DEFAULT_CHART_HEIGHT, KeyFigure
from data.contracts import ANY, Contract, check
from text import fmt_date, is_missing, t

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
SOURCES_TOP = 108.0
SOURCES_TOP_CONTINUED = RULE_Y + 12
SOURCES_BOTTOM = FOOTER_Y - 16
SOURCES_SHARES = (0.36, 0.12, 0.52)  # widths of the document, date and section columns
SOURCES_INPUT = Contract("pack sources", dict.fromkeys(("document", "date", "section"), ANY))
"""The columns of ``plan.sources`` the sources page reads."""

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


# --- text fitting ------------------------------------------------------------------------------
def pdf_text(text: object) -> str:
    """Text for reportlab's built-in fonts (WinAnsi): U+202F -> U+00A0, U+2212 -> '-'.

    Any other character outside WinAnsi (cp1252) becomes '?', never a silent blank glyph.
    """
    out = str(text).translate(_SAFE)
    return out.encode("cp1252", errors="replace").decode("cp1252")


def string_width(text: str, font: str, size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return stringWidth(pdf_text(text), font, size)


def fit_size(text: str, font: str, width: float, largest: float, smallest: float) -> float:
    """The largest font size (step 0.5 pt) at which ``text`` fits in ``width``."""
    size = largest
    while size > smallest and string_width(text, font, size) > width:
        size -= 0.5
    return size


def wrap_lines(text: str, font: str, size: float, width: float) -> list[str]:
    """``text`` broken into lines no wider than ``width`` (reportlab metrics)."""
    from reportlab.lib.utils import simpleSplit

    return simpleSplit(pdf_text(text), font, size, width)


class FigureSlot(NamedTuple):
    label_y: float  # top of the label (points from the top of the page)
    value_y: float  # top of the value
    value_size: float


def figure_slots(figures: Sequence[KeyFigure]) -> list[FigureSlot]:
    """Vertical layout of the key figures in :data:`FIGURES_BOX` (shared by PDF and PPTX)."""
    n = max(len(figures), 1)
    slot = min(FIGURES_BOX.h / n, 96.0)
    largest = min(VALUE_MAX_SIZE, slot - LABEL_SIZE - 14)
    slots = []
    for i, figure in enumerate(figures):
        top = FIGURES_BOX.y + i * slot
        size = fit_size(figure.value, "Helvetica-Bold", FIGURES_BOX.w, largest, VALUE_MIN_SIZE)
        slots.append(FigureSlot(top, top + LABEL_SIZE + 5, size))
    return slots


# --- the chart ---------------------------------------------------------------------------------
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


def chart_in_box(figure: go.Figure) -> Box:
    """Where the chart's image goes: as large as fits in :data:`CHART_BOX`, centred."""
    width, height, _ = chart_export_size(figure)
    box_ratio, image_ratio = CHART_BOX.w / CHART_BOX.h, width / height
    w = CHART_BOX.w if image_ratio >= box_ratio else CHART_BOX.h * image_ratio
    h = w / image_ratio
    return Box(CHART_BOX.x + (CHART_BOX.w - w) / 2, CHART_BOX.y + (CHART_BOX.h - h) / 2, w, h)


# --- texts every pack repeats ------------------------------------------------------------------
def as_of_text(value: object, lang: str) -> str:
    """A date in ``lang``, or a ready-made text passed through."""
    if isinstance(value, str):
        return value
    return fmt_date(value, lang)


def cover_lines(lang: str, generated: str, data_as_of: dt.date | str) -> list[str]:
    """The cover's date, data as-of and language lines."""
    return [
        t("briefing.cover.date", lang, date=generated),
        t("briefing.cover.as_of", lang, as_of=as_of_text(data_as_of, lang)),
        t("briefing.cover.language", lang, language=t(f"app.lang_name.{lang}", lang)),
    ]


def pack_title(plan_title: str, lang: str) -> str:
    return f"{plan_title} — {t('briefing.subtitle', lang)}"


def footer_texts(
    plan_title: str, lang: str, *, scenario: bool, generated: str, page: int, pages: int
) -> tuple[str, str]:
    """(left, right) of a page's footer: the pack's title (marked in a scenario), and the
    date and page number."""
    left = pack_title(plan_title, lang)
    if scenario:
        left = f"{t('scenario.watermark', lang)} — {left}"
    right = t("briefing.pack.footer_right", lang, date=generated, page=page, pages=pages)
    return left, right


def sources_header(lang: str) -> tuple[str, str, str]:
    return (
        t("briefing.sources.document", lang),
        t("briefing.sources.date", lang),
        t("briefing.sources.section", lang),
    )


def sources_rows(sources: pd.DataFrame, lang: str) -> list[tuple[str, str, str]]:
    """(document, date, section) per source, the date in ``lang`` (blank when missing)."""
    check(sources, SOURCES_INPUT, "sources_rows", exact=False)
    rows = []
    for row in sources.itertuples(index=False):
        date = "" if is_missing(row.date) else fmt_date(row.date, lang)
        rows.append((str(row.document), date, str(row.section)))
    return rows
