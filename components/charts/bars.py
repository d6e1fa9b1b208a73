"""Activity-area funding bars: one facet per objective, confirmed + gap = required, labelled
at the bar's end (:mod:`components.charts.bar_ends`).

Missing is never zero: a not-reported area is drawn as a full-length grey hatched bar and
labelled "not reported"; an over-funded area runs past a black "required" tick.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, NamedTuple

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from components.charts._common import (
    AREAS_INPUT,
    HOVER_TEMPLATE,
    OBJECTIVE_NAMES_INPUT,
    area_name,
    area_short_name,
    category_axis,
    coverage_of,
    finish,
    flag,
    hover_text,
    num,
    objective_name,
    usd_ticks,
)
from components.charts.bar_ends import (
    NOT_REPORTED_MARKER,
    bar_end_labels,
    bar_end_text,
    not_reported_end,
)
from components.charts.textfit import (
    LINE,
    bold_lines,
    chars,
    label_range,
    plot_px,
)
from components.theme import (
    COLORS,
    LEGEND_BAND,
    MARGINS,
    SIZES,
    TITLE_BAND,
    wrap,
)
from data.contracts import check
from text import fmt_pct, fmt_usd, t

SORT_KEYS: tuple[str, ...] = ("required", "gap", "coverage")
_AREA_MARKERS = {
    "confirmed": {"color": COLORS["confirmed"], "line": {"width": 0}},
    "gap": {"color": COLORS["gap"], "line": {"width": 0}},
    "not_reported": NOT_REPORTED_MARKER,
}
_AREA_SERIES = ("confirmed", "gap", "not_reported", "required_marker")


# --- the areas of each facet -------------------------------------------------------------------
def sorted_areas(frame: pd.DataFrame, sort_by: str) -> pd.DataFrame:
    """Areas in drawing order; missing values last, ties in frame order."""
    if sort_by not in SORT_KEYS:
        raise ValueError(f"sort_by must be one of {SORT_KEYS}, not {sort_by!r}")
    work = frame.assign(_order=range(len(frame)))
    if sort_by == "required":
        keys, ascending = ["required_usd", "_order"], [False, True]
    elif sort_by == "gap":
        keys, ascending = ["gap_usd", "required_usd", "_order"], [False, False, True]
    else:  # coverage: least covered first (most urgent at the top)
        keys, ascending = ["coverage", "required_usd", "_order"], [True, False, True]
    return work.sort_values(keys, ascending=ascending, na_position="last").drop(columns="_order")


def _area_groups(
    areas: pd.DataFrame, sort_by: str, objectives_filter: Iterable[str] | None
) -> tuple[list[str], list[pd.DataFrame]]:
    """The objectives drawn (frame order) and each one's areas, filtered and sorted."""
    check(areas, AREAS_INPUT, "area_funding_bars", exact=False)
    frame = areas
    if objectives_filter is not None:
        wanted = list(objectives_filter)
        unknown = sorted(set(wanted) - set(areas["objective_id"]))
        if unknown:
            raise ValueError(f"objectives_filter: unknown objective ids {unknown}")
        frame = areas[areas["objective_id"].isin(wanted)]
    if frame.empty:
        raise ValueError("area_funding_bars: no activity area to draw")
    objective_ids = list(dict.fromkeys(frame["objective_id"]))
    groups = [sorted_areas(frame[frame["objective_id"] == oid], sort_by) for oid in objective_ids]
    return objective_ids, groups


class _Facet(NamedTuple):
    """One objective's bars: ``series`` per kind (y, x, hover, ids), the bar ends (y, x,
    text) and the category labels, top to bottom."""

    series: dict[str, dict[str, list]]
    ends: dict[str, list]
    categories: list[str]


def _area_hover(
    row: Any,
    lang: str,
    *,
    required: float,
    confirmed: float | None,
    gap_value: float | None,
    coverage: float | None,
) -> str:
    """Exact amounts and coverage; "not reported" for what the plan does not give."""
    return hover_text(
        [
            f"<b>{area_name(row, lang)}</b>",
            t("hover.required", lang, value=fmt_usd(required, lang)),
            t("hover.confirmed", lang, value=fmt_usd(confirmed, lang)),
            t("hover.gap", lang, value=fmt_usd(gap_value, lang)),
            t("hover.coverage", lang, value=fmt_pct(coverage, lang)),
        ]
    )


def _place_area(
    row: Any, label: str, series: dict[str, dict[str, list]], lang: str
) -> tuple[float, str]:
    """Put one area's bars in ``series``; return its bar end (x, text)."""
    required = num(row.required_usd) or 0
    confirmed = num(row.confirmed_usd)
    reported = flag(row.reported) and confirmed is not None
    coverage = coverage_of(row)
    gap_value = num(row.gap_usd)
    hover = _area_hover(
        row,
        lang,
        required=required,
        confirmed=confirmed if reported else None,
        gap_value=gap_value if reported else None,
        coverage=coverage if reported else None,
    )

    def put(kind: str, x: float) -> None:
        for key, value in (("y", label), ("x", x), ("hover", hover), ("ids", row.area_id)):
            series[kind][key].append(value)

    if not reported or confirmed is None:
        put("not_reported", required)
        return required, not_reported_end(required, lang)
    if gap_value is None:
        gap_value = required - confirmed
    put("confirmed", confirmed)
    is_over = flag(row.over_funded) or confirmed > required
    if is_over:
        put("required_marker", required)
    else:
        put("gap", gap_value)
    end_text = bar_end_text(confirmed, required, coverage, lang)
    if is_over:
        end_text += "  " + t("label.over_funded_flag", lang)
    return max(required, confirmed), end_text


def _area_facet(group: pd.DataFrame, lang: str) -> _Facet:
    facet = _Facet(
        {kind: {"y": [], "x": [], "hover": [], "ids": []} for kind in _AREA_SERIES},
        {"y": [], "x": [], "text": []},
        [],
    )
    for row in group.itertuples(index=False):
        label = area_short_name(row, lang)
        facet.categories.append(label)
        end_x, end_text = _place_area(row, label, facet.series, lang)
        facet.ends["y"].append(label)
        facet.ends["x"].append(end_x)
        facet.ends["text"].append(end_text)
    return facet


# --- the figure --------------------------------------------------------------------------------
def _objective_rows(objectives: pd.DataFrame, objective_ids: list[str]) -> dict[str, Any]:
    """The row of ``objectives`` naming each objective drawn."""
    check(objectives, OBJECTIVE_NAMES_INPUT, "area_funding_bars", exact=False)
    rows = {str(row.objective_id): row for row in objectives.itertuples(index=False)}
    unnamed = [oid for oid in objective_ids if oid not in rows]
    if unnamed:
        raise ValueError(f"area_funding_bars: objectives without a row in objectives {unnamed}")
    return {oid: rows[oid] for oid in objective_ids}


def _facet_headings(rows: dict[str, Any], plot_width: float, lang: str) -> dict[str, str]:
    """Facet headings ("Objectif 1 — Sauver des vies…"), wrapped to the plot width, bold."""
    heading_chars = chars(plot_width + MARGINS["r"], SIZES["subtitle"], bold=True)
    return {
        oid: bold_lines(
            wrap(
                f"{objective_name(row, lang, short=True)} — {objective_name(row, lang)}",
                heading_chars,
            )
        )
        for oid, row in rows.items()
    }


def _heading_px(heading: str) -> float:
    line_px = SIZES["subtitle"] * LINE
    return heading.count("<br>") * line_px + line_px + 8


def _facet_figure(
    groups: list[pd.DataFrame], heading_px: list[float], height: int | None
) -> go.Figure:
    """One row per objective, as tall as its number of areas, room for each heading."""
    paper_px: float = (height or 720) - TITLE_BAND - LEGEND_BAND - 10 - MARGINS["b"]
    paper_px -= heading_px[0]
    spacing = max((px + 10 for px in heading_px[1:]), default=0.0)
    return make_subplots(
        rows=len(groups),
        cols=1,
        shared_xaxes=True,
        row_heights=[len(g) for g in groups],
        vertical_spacing=min(spacing / max(paper_px, 1.0), 0.3) if len(groups) > 1 else 0.0,
    )


def _legend_once() -> Callable[[str], bool]:
    """True the first time a legend group is asked for, then False (one entry per kind)."""
    shown: set[str] = set()

    def once(kind: str) -> bool:
        first = kind not in shown
        shown.add(kind)
        return first

    return once


def _required_marker(series: dict[str, list], meta: dict, showlegend: bool, lang: str):
    """The black "required" tick that an over-funded bar runs past."""
    return go.Scatter(
        name=t("legend.required", lang),
        legendgroup="required",
        showlegend=showlegend,
        x=series["x"],
        y=series["y"],
        customdata=series["ids"],
        hovertext=series["hover"],
        hovertemplate=HOVER_TEMPLATE,
        mode="markers",
        marker={"symbol": "line-ns", "size": 34, "line": {"width": 4, "color": COLORS["text"]}},
        meta={**meta, "kind": "required_marker"},
    )


def _add_facet(
    fig: go.Figure, facet: _Facet, row: int, oid: str, once: Callable[[str], bool], lang: str
) -> None:
    meta = {"objective_id": oid}
    for kind in ("confirmed", "gap", "not_reported"):
        series = facet.series[kind]
        if not series["y"]:
            continue
        bar = go.Bar(
            name=t(f"legend.{kind}", lang),
            legendgroup=kind,
            showlegend=once(kind),
            x=series["x"],
            y=series["y"],
            customdata=series["ids"],
            hovertext=series["hover"],
            marker=_AREA_MARKERS[kind],
            meta={**meta, "kind": kind},
            orientation="h",
            hovertemplate=HOVER_TEMPLATE,
        )
        fig.add_trace(bar, row=row, col=1)
    over = facet.series["required_marker"]
    if over["y"]:
        fig.add_trace(_required_marker(over, meta, once("required"), lang), row=row, col=1)
    fig.add_trace(bar_end_labels(facet.ends, meta), row=row, col=1)
    fig.layout["yaxis" if row == 1 else f"yaxis{row}"].update(category_axis(facet.categories))


def _add_facet_titles(fig: go.Figure, headings: dict[str, str]) -> None:
    """The objective names, left-aligned above each facet."""
    for row, (oid, heading) in enumerate(headings.items(), start=1):
        top = fig.layout["yaxis" if row == 1 else f"yaxis{row}"].domain[1]
        fig.add_annotation(
            name=f"facet:{oid}",
            text=heading,
            xref="paper",
            yref="paper",
            x=0,
            y=top,
            xanchor="left",
            yanchor="bottom",
            yshift=4,
            showarrow=False,
            align="left",
            font={"size": SIZES["subtitle"], "color": COLORS["text"]},
        )


def area_funding_bars(
    areas: pd.DataFrame,
    objectives: pd.DataFrame,
    *,
    lang: str = "fr",
    source: str,
    as_of: Any,
    scenario: bool = False,
    sort_by: str = "required",
    objectives_filter: Iterable[str] | None = None,
    title: str | None = None,
    height: int | None = 720,
) -> go.Figure:
    """Horizontal stacked bars per activity area, one facet per objective.

    ``areas`` is ``compute_funding().areas`` (or a scenario's); ``objectives`` names the
    objectives in the facet headings (``name_<lang>``, ``short_name_<lang>``: the plan's or
    the funding's objectives frame). Areas are named by their ``short_name_<lang>`` (axis)
    and ``name_<lang>`` (hover).

    Reported areas: confirmed (blue) + gap (light orange) = required. Not-reported areas:
    one full-length grey hatched bar (x = required), labelled "not reported", never a zero
    bar. Over-funded areas: the confirmed bar runs past a black "required" tick and the
    label is flagged. Bar-end labels are compact USD; hover gives exact USD and coverage.
    ``sort_by``: "required" (largest first), "gap" (largest first) or "coverage" (lowest
    first); not-reported areas go last for "gap" and "coverage". Traces carry
    ``meta={"kind": ..., "objective_id": ...}`` and ``customdata`` = area ids.
    """
    objective_ids, groups = _area_groups(areas, sort_by, objectives_filter)
    objective_rows = _objective_rows(objectives, objective_ids)
    facets = [_area_facet(group, lang) for group in groups]
    width = plot_px([label for facet in facets for label in facet.categories])
    headings = _facet_headings(objective_rows, width, lang)
    heading_px = [_heading_px(headings[oid]) for oid in objective_ids]
    fig = _facet_figure(groups, heading_px, height)
    once = _legend_once()
    for row, (oid, facet) in enumerate(zip(objective_ids, facets, strict=True), start=1):
        _add_facet(fig, facet, row, oid, once, lang)

    ends = [
        end for facet in facets for end in zip(facet.ends["x"], facet.ends["text"], strict=True)
    ]
    xmax = max([0.0, *(x for x, _ in ends)])
    tickvals, ticktext = usd_ticks(xmax, lang)
    fig.update_xaxes(
        range=[0, label_range(ends, width, xmax)],
        tickvals=tickvals,
        ticktext=ticktext,
        showgrid=True,
    )
    fig.update_layout(barmode="stack", bargap=0.28)
    _add_facet_titles(fig, headings)
    return finish(
        fig,
        lang=lang,
        title=title or t("chart.area_funding.title", lang),
        source=source,
        as_of=as_of,
        scenario=scenario,
        height=height,
        extra_top=round(heading_px[0]),
    )
