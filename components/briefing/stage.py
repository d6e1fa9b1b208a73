"""The projected screen, designed once at 1920 x 1080 px and scaled to the viewport.

The projector page lays a briefing screen out on a fixed 16:9 *stage* (:data:`STAGE`): the
title bar across the top, the key figures and notes in a column on the left, the chart (or
map) in the rest, the "free area" (:data:`CHART_BOX`). The browser scales the whole stage
to the viewport (``min(width / 1920, height / 1080)``), so 1280 x 720 shows exactly the
same screen at two thirds of the size, never a scroll bar.

Charts keep the proportions their builders designed (text widths are estimated for an
860 px wide chart, :data:`components.charts.textfit.DESIGN_WIDTH`): each is laid out at
:func:`chart_layout_size` and drawn :data:`CHART_ZOOM` times larger in the free area.
:func:`projector_chart` then raises every font below :data:`MIN_LAYOUT_FONT` (the source
stamp) so that no chart text is under :data:`MIN_CHART_FONT_PX` px on a 1920 px screen.

Pure: no streamlit. Sizes are px at the design size (CSS px when the viewport is 1920 wide).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from typing import Any, NamedTuple

import plotly.graph_objects as go

from components.briefing.screens import Screen
from components.charts.textfit import chars, text_px
from components.maps.briefing_map import briefing_map
from components.theme import STAMP_NAME, wrap

STAGE_W, STAGE_H = 1920, 1080
PAD_X, PAD_Y = 32, 20  # around the stage's content
TITLE_BAR_H = 92
BODY_GAP = 16  # between the title bar and the body
SIDE_W = 480  # the key figures and notes
COLUMN_GAP = 32  # between the side column and the chart
CHART_ZOOM = 1.5
"""Charts are drawn this many times their layout size (text included)."""
MIN_CHART_FONT_PX = 24
"""Smallest chart text on the stage, in px at the design size."""
MIN_LAYOUT_FONT = math.ceil(MIN_CHART_FONT_PX / CHART_ZOOM)
LINE = 1.3  # line height, in font sizes


class Box(NamedTuple):
    """A rectangle on the stage (px at the design size, origin top-left)."""

    x: int
    y: int
    w: int
    h: int


STAGE = Box(0, 0, STAGE_W, STAGE_H)
TITLE_BOX = Box(PAD_X, PAD_Y, STAGE_W - 2 * PAD_X, TITLE_BAR_H)
_BODY_Y = PAD_Y + TITLE_BAR_H + BODY_GAP
_BODY_H = STAGE_H - _BODY_Y - PAD_Y
SIDE_BOX = Box(PAD_X, _BODY_Y, SIDE_W, _BODY_H)
CHART_BOX = Box(
    PAD_X + SIDE_W + COLUMN_GAP, _BODY_Y, STAGE_W - 2 * PAD_X - SIDE_W - COLUMN_GAP, _BODY_H
)
"""The free area: what the title bar and the key figures leave to the chart."""


def chart_layout_size(box: Box = CHART_BOX, zoom: float = CHART_ZOOM) -> tuple[int, int]:
    """(width, height) in layout px of a chart drawn ``zoom`` times larger in ``box``."""
    return math.floor(box.w / zoom), math.floor(box.h / zoom)


# --- fonts -------------------------------------------------------------------------------------
def _fonts(fig: go.Figure) -> Iterator[Any]:
    """Every font object of the figure that sets a size (or may: title, legend, axes)."""
    layout = fig.layout
    yield layout.font
    yield layout.title.font
    yield layout.legend.font
    yield layout.hoverlabel.font
    for name in layout:
        if re.fullmatch(r"[xy]axis\d*", name):
            axis = layout[name]
            yield axis.tickfont
            yield axis.title.font
    for annotation in layout.annotations:
        yield annotation.font
    for trace in fig.data:
        for attribute in ("textfont", "insidetextfont", "outsidetextfont"):
            if attribute in trace:
                yield trace[attribute]
        marker = getattr(trace, "marker", None)
        if marker is not None and "colorbar" in marker:
            yield marker.colorbar.tickfont
            yield marker.colorbar.title.font


def floor_fonts(fig: go.Figure, smallest: float) -> None:
    """Raise every font size set below ``smallest`` to ``smallest`` (in place); sizes per
    point (arrays) are raised one by one."""
    for font in _fonts(fig):
        size = font.size
        if size is None:
            continue
        if isinstance(size, (list, tuple)):
            font.size = [max(s, smallest) for s in size]
        elif size < smallest:
            font.size = smallest


def _category_labels_px(fig: go.Figure) -> float:
    """Estimated width of a category y axis' tick labels: the stamp starts after them (it is
    placed at the plot area's left edge)."""
    axis = fig.layout.yaxis
    categories = axis.categoryarray
    if axis.visible is False or not categories:
        return 0.0
    size = float(axis.tickfont.size or fig.layout.font.size or MIN_LAYOUT_FONT)
    return max(text_px(str(c), size, bold="<b>" in str(c)) for c in categories) + 24


def _x_ticks_px(fig: go.Figure) -> int:
    """Height of the x axis' tick labels under the plot (0 when the axis is hidden or absent):
    the stamp goes under them."""
    axis = fig.layout.xaxis
    if axis.visible is False or not any(isinstance(tr, (go.Bar, go.Scatter)) for tr in fig.data):
        return 0
    size = float(axis.tickfont.size or fig.layout.font.size or MIN_LAYOUT_FONT)
    return math.ceil(size * LINE) + 12


def stamp_band(fig: go.Figure, width: int) -> None:
    """Re-wrap the source stamp to the figure's width at its (raised) size and make the
    bottom margin hold it (in place)."""
    stamp = next((a for a in fig.layout.annotations if a.name == STAMP_NAME), None)
    if stamp is None:
        return
    size = float(stamp.font.size or MIN_LAYOUT_FONT)
    margin = fig.layout.margin
    plain = str(stamp.text).replace("<br>", " ")
    room = width - (margin.l or 0) - (margin.r or 0) - _category_labels_px(fig)
    text = wrap(plain, chars(room, size))
    lines = text.count("<br>") + 1
    bottom = max(int(margin.b or 0), _x_ticks_px(fig) + math.ceil(lines * size * LINE) + 10)
    stamp.text = text
    stamp.yshift = -bottom + 4
    fig.update_layout(margin={"b": bottom})


# --- the figure on the stage -------------------------------------------------------------------
def projector_chart(fig: go.Figure, box: Box = CHART_BOX, zoom: float = CHART_ZOOM) -> go.Figure:
    """A copy of ``fig`` laid out for ``box`` (drawn ``zoom`` times larger): its width and
    height set, fonts of at least :data:`MIN_LAYOUT_FONT`, the stamp re-wrapped to the width.

    The copy keeps its title, legend, annotations and watermark where the builder put them
    (their bands are in layout px).
    """
    out = go.Figure(fig)
    width, height = chart_layout_size(box, zoom)
    out.update_layout(width=width, height=height, autosize=False)
    floor_fonts(out, MIN_LAYOUT_FONT)
    stamp_band(out, width)
    return out


def projector_figure(screen: Screen, lang: str) -> go.Figure:
    """The screen's chart for the stage: :func:`projector_chart`, and for the IDP map the
    projector map (:func:`components.maps.briefing_map.briefing_map`)."""
    fig = projector_chart(screen.figure)
    if screen.key == "displacement":
        width, height = chart_layout_size()
        fig = briefing_map(fig, lang=lang, width=width, height=height)
    return fig
