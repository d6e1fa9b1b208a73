"""The IDP map for the projected briefing screen: the map as large as its box allows, short
labels that do not collide, and a table of values beside it as the legend.

Made from an :func:`~components.maps.choropleth.idp_choropleth` figure (same polygons,
colours and hover), laid out for a fixed size in layout px:

- no figure title (the screen's title bar names the map) and no colour bar;
- the map fills the plot area's height, its x domain computed from the axes' ranges and the
  aspect ratio, and sits left of its legend, the pair centred;
- the legend is the side table of values: one entry per unit with a figure, largest first,
  its full label (``Mopti (incl. Bandiagara)``) and its estimate in bold, the swatch being
  the unit's own fill; then the hatched "no DTM share" entry (legend-only bar traces,
  ``meta={"kind": "legend"}``, for square swatches; clicking them toggles nothing);
- on the map, only the units with a figure are labelled, by their own name and estimate;
  each label is put at the first free spot around its anchor (:func:`place_labels`), larger
  estimates first, so no two labels overlap.

Pure: a figure in, a figure out.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

import plotly.graph_objects as go

from components.charts.textfit import EM, EM_BOLD, plain_lines
from components.maps._shared import label
from components.maps.choropleth import BOUNDS_PADDING, LABELS_TRACE
from components.theme import wrap
from geo.regions import region_names
from text import fmt_int

MAP_FONT = 17  # labels and legend, layout px
LEGEND_GAP = 24  # px between the map and its legend
SWATCH_PX = 44  # the legend's symbol and its gap to the text
NA_WRAP = 26  # characters per line of the "no DTM share" entry
LINE = 1.25
LEGEND_TRACE = "legend"  # meta kind of the legend-only traces (the side table's rows)
MAP_PADDING = 0.01  # of the extent, around the units (the labels stay inside)
# Where a label may go, in multiples of its (width, height) from its anchor: on it first,
# then nudged a little, then a whole label away (below, above, beside, diagonally).
OFFSETS: tuple[tuple[float, float], ...] = (
    (0, 0),
    (0, 0.6),
    (0, -0.6),
    (0.6, 0),
    (-0.6, 0),
    (0, 1.1),
    (0, -1.1),
    (1.1, 0),
    (-1.1, 0),
    (1.1, 1.1),
    (-1.1, 1.1),
    (1.1, -1.1),
    (-1.1, -1.1),
    (0, 2.2),
    (0, -2.2),
)


class Rect(NamedTuple):
    """A label's box in px (centre and size)."""

    x: float
    y: float
    w: float
    h: float

    def overlaps(self, other: Rect) -> bool:
        return abs(self.x - other.x) * 2 < self.w + other.w and (
            abs(self.y - other.y) * 2 < self.h + other.h
        )


def text_box(text: str, size: float) -> tuple[float, float]:
    """Estimated (width, height) in px of a plotly-HTML label (bold lines counted bold)."""
    lines = str(text).split("<br>")
    widths = [
        len(plain_lines(line)[0]) * size * (EM_BOLD if "<b>" in line else EM) for line in lines
    ]
    return max(widths, default=0.0), len(lines) * size * LINE


def place_labels(
    anchors: Sequence[tuple[float, float]], sizes: Sequence[tuple[float, float]]
) -> list[tuple[float, float]]:
    """Label centres (px) near their ``anchors`` (px), in the given order, each at the first
    of :data:`OFFSETS` where it overlaps no label placed before it (at its anchor if none)."""
    placed: list[Rect] = []
    centres = []
    for (ax, ay), (w, h) in zip(anchors, sizes, strict=True):
        chosen = Rect(ax, ay, w, h)
        for dx, dy in OFFSETS:
            candidate = Rect(ax + dx * w, ay + dy * h, w, h)
            if not any(candidate.overlaps(other) for other in placed):
                chosen = candidate
                break
        placed.append(chosen)
        centres.append((chosen.x, chosen.y))
    return centres


# --- the parts of the figure -------------------------------------------------------------------
def _units(fig: go.Figure) -> list[Any]:
    """The filled unit traces (one per boundary unit)."""
    return [
        tr
        for tr in fig.data
        if isinstance(tr, go.Scatter)
        and tr.fill == "toself"
        and isinstance(tr.meta, dict)
        and "value" in tr.meta
    ]


def _valued(fig: go.Figure) -> list[Any]:
    """Unit traces with an estimate, largest first (ties in drawing order)."""
    units = [tr for tr in _units(fig) if tr.meta["value"] is not None]
    return sorted(units, key=lambda tr: -int(tr.meta["value"]))


def _own_name(trace: Any, names: dict[str, str]) -> str:
    """The unit's own name ("Mopti"), without the regions it holds."""
    region = str(trace.meta.get("region_id", ""))
    return names.get(region) or str(trace.name).split(" (", 1)[0]


def _legend_entry(name: str, rank: int, marker: dict[str, Any]) -> go.Bar:
    """A legend-only trace (a square swatch; nothing drawn on the map)."""
    return go.Bar(
        x=[None],
        y=[None],
        name=name,
        marker=marker,
        legendrank=rank,
        showlegend=True,
        hoverinfo="skip",
        meta={"kind": LEGEND_TRACE},
    )


def _legend_entries(fig: go.Figure, lang: str) -> float:
    """Replace the legend by the table of values; returns its estimated width in px."""
    widths = [0.0]
    units = _units(fig)
    for trace in units:
        trace.showlegend = False
    for rank, trace in enumerate(_valued(fig)):
        name = f"{trace.name}<br><b>{fmt_int(trace.meta['value'], lang)}</b>"
        marker = {"color": trace.fillcolor, "line": {"color": trace.line.color, "width": 1}}
        fig.add_trace(_legend_entry(name, rank + 1, marker))
        widths.append(text_box(name, MAP_FONT)[0])
    missing = next((tr for tr in units if tr.meta["value"] is None), None)
    if missing is not None:
        name = wrap(label("map.no_dtm_share", lang), NA_WRAP)
        pattern = missing.fillpattern
        marker = {
            "color": pattern.bgcolor,
            "line": {"color": missing.line.color, "width": 1},
            "pattern": {"shape": pattern.shape, "fgcolor": pattern.fgcolor, "size": 6},
        }
        fig.add_trace(_legend_entry(name, 1000, marker))
        widths.append(text_box(name, MAP_FONT)[0])
    return max(widths) + SWATCH_PX


def _tighten(fig: go.Figure, padding: float) -> None:
    """Axes' ranges padded by ``padding`` of the extent instead of :data:`BOUNDS_PADDING`."""
    for axis in (fig.layout.xaxis, fig.layout.yaxis):
        low, high = axis.range
        centre = (low + high) / 2
        half = (high - low) / (1 + 2 * BOUNDS_PADDING) * (0.5 + padding)
        axis.range = [centre - half, centre + half]


def _map_domain(fig: go.Figure, plot_w: float, plot_h: float, legend_w: float) -> float:
    """Set the x domain so the map is as tall as the plot area, the map and its legend
    centred together; returns the domain's right edge (paper)."""
    x0, x1 = fig.layout.xaxis.range
    y0, y1 = fig.layout.yaxis.range
    ratio = float(fig.layout.yaxis.scaleratio or 1)
    map_w = min(plot_w - legend_w - LEGEND_GAP, plot_h * (x1 - x0) / ((y1 - y0) * ratio))
    left = max(0.0, (plot_w - map_w - LEGEND_GAP - legend_w) / 2)
    fig.update_xaxes(domain=[left / plot_w, (left + map_w) / plot_w])
    fig.update_yaxes(domain=[0, 1])
    return (left + map_w) / plot_w


def _labels(fig: go.Figure, lang: str, map_px: tuple[float, float]) -> None:
    """Short labels (own name, estimate) for the valued units, placed without overlaps."""
    trace = next((tr for tr in fig.data if tr.name == LABELS_TRACE), None)
    if trace is None or not trace.customdata:
        return
    names = region_names(lang)
    anchors = dict(zip(trace.customdata, zip(trace.x, trace.y, strict=True), strict=True))
    colours = dict(zip(trace.customdata, trace.textfont.color, strict=True))
    shadows = dict(zip(trace.customdata, trace.textfont.shadow, strict=True))
    units = [tr for tr in _valued(fig) if tr.meta["pcode"] in anchors]
    x0, x1 = fig.layout.xaxis.range
    y0, y1 = fig.layout.yaxis.range
    sx, sy = map_px[0] / (x1 - x0), map_px[1] / (y1 - y0)
    pcodes = [tr.meta["pcode"] for tr in units]
    texts = [f"{_own_name(tr, names)}<br><b>{fmt_int(tr.meta['value'], lang)}</b>" for tr in units]
    px_anchors = [((anchors[p][0] - x0) * sx, (y1 - anchors[p][1]) * sy) for p in pcodes]
    centres = place_labels(px_anchors, [text_box(text, MAP_FONT) for text in texts])
    trace.update(
        x=[x0 + cx / sx for cx, _ in centres],
        y=[y1 - cy / sy for _, cy in centres],
        text=texts,
        customdata=pcodes,
        textfont={
            "size": MAP_FONT,
            "color": [colours[p] for p in pcodes],
            "shadow": [shadows[p] for p in pcodes],
        },
    )


def briefing_map(fig: go.Figure, *, lang: str, width: int, height: int) -> go.Figure:
    """A copy of an :func:`~components.maps.choropleth.idp_choropleth` figure laid out for the
    projected screen at ``width`` x ``height`` layout px (see the module's docstring)."""
    out = go.Figure(fig)
    margin = {"l": 8, "r": 8, "t": 8, "b": int(out.layout.margin.b or 0)}
    out.update_layout(
        width=width,
        height=height,
        autosize=False,
        margin=margin,
        title={"text": ""},
        showlegend=True,
        legend={
            "orientation": "v",
            "xref": "paper",
            "yref": "paper",
            "xanchor": "left",
            "yanchor": "middle",
            "y": 0.5,
            "font": {"size": MAP_FONT},
            "itemwidth": 30,
            "itemclick": False,
            "itemdoubleclick": False,
            "tracegroupgap": 14,
            "traceorder": "normal",
        },
    )
    for trace in out.data:
        if trace.name == "values":
            trace.marker.showscale = False
    _tighten(out, MAP_PADDING)
    plot_w = width - margin["l"] - margin["r"]
    plot_h = height - margin["t"] - margin["b"]
    legend_w = _legend_entries(out, lang)
    right = _map_domain(out, plot_w, plot_h, legend_w)
    out.update_layout(legend={"x": right + LEGEND_GAP / plot_w})
    domain = out.layout.xaxis.domain
    _labels(out, lang, ((domain[1] - domain[0]) * plot_w, plot_h))
    return out
