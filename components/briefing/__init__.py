"""Briefing mode for HCT meetings: the screens as data, and the PDF / PowerPoint briefing pack.

Pure: no streamlit. :func:`briefing_screens` (:mod:`~components.briefing.screens`) turns the
plan, the (baseline or scenario) funding and the DTM figures into four :class:`Screen` s:
plan status, funding by objective, coverage donuts, IDP map. The projector page
(``pages/briefing.py``) shows them one at a time on a 16:9 stage designed at 1920 x 1080
(:mod:`~components.briefing.stage`: the boxes, and :func:`projector_figure`, each chart laid
out for the free area with text of at least 24 px on a 1920 px screen); :func:`briefing_pack_pdf`
(:mod:`~components.briefing.pdf`) and :func:`briefing_pack_pptx`
(:mod:`~components.briefing.pptx`) lay the same screens out on 16:9 pages
(:mod:`~components.briefing.layout`): a cover, one page per screen (title, key figures in
large type on the left, the chart on the right as a kaleido PNG at least
:data:`PACK_IMAGE_MIN_PX` wide, :mod:`~components.briefing.images`, notes below), and a
sources page.
"""

from __future__ import annotations

from components.briefing.images import screen_images
from components.briefing.layout import PACK_IMAGE_MIN_PX, chart_export_size, pdf_text
from components.briefing.pdf import briefing_pack_pdf
from components.briefing.pptx import briefing_pack_pptx
from components.briefing.screens import (
    DEFAULT_CHART_HEIGHT,
    PACK_CHART_HEIGHT,
    SCREEN_KEYS,
    STATUS_CHART_SHORTER,
    KeyFigure,
    Screen,
    briefing_screens,
    clamp_screen,
    screen_from_param,
    screen_title,
)
from components.briefing.stage import CHART_BOX, chart_layout_size, projector_figure

__all__ = [
    "CHART_BOX",
    "DEFAULT_CHART_HEIGHT",
    "PACK_CHART_HEIGHT",
    "PACK_IMAGE_MIN_PX",
    "SCREEN_KEYS",
    "STATUS_CHART_SHORTER",
    "KeyFigure",
    "Screen",
    "briefing_pack_pdf",
    "briefing_pack_pptx",
    "briefing_screens",
    "chart_layout_size",
    "chart_export_size",
    "clamp_screen",
    "pdf_text",
    "projector_figure",
    "screen_from_param",
    "screen_images",
    "screen_title",
]
