"""Objective funding bars: itemised confirmed + not-itemised confirmed + gap = required.

The confirmed amount not attributed to any activity area (objective 1: 410,526 of
1,860,594) is its own segment, with a call-out; an objective whose confirmed amount is not
reported is one grey hatched bar.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import pandas as pd
import plotly.graph_objects as go

from components.charts._common import (
    HOVER_TEMPLATE,
    OBJECTIVES_INPUT,
    category_axis,
    coverage_of,
    finish,
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
from components.charts.textfit import label_range, plot_px
from components.theme import COLORS, SIZES, wrap
from data.contracts import check
from text import fmt_int, fmt_pct, fmt_usd, is_missing, t

_SEGMENTS = ("itemised", "not_itemised", "gap", "not_reported")


class _Amounts(NamedTuple):
    """One objective's amounts as plain numbers (None = not reported)."""

    required: float
    confirmed: float | None
    itemised: float | None
    unitemised: float | None
    gap: float | None
    coverage: float | None


class _Bars(NamedTuple):
    """The segments per kind (y, x, hover, ids), bar ends (y, x, text), categories top to
    bottom and the not-itemised call-outs (category, x, objective id, amount text)."""

    segments: dict[str, dict[str, list]]
    ends: dict[str, list]
    categories: list[str]
    callouts: list[tuple[str, float, str, str]]


def _amounts(row: Any) -> _Amounts:
    required = num(row.required_usd) or 0
    confirmed = num(row.confirmed_usd)
    gap_value = num(row.gap_usd)
    if confirmed is not None and gap_value is None:
        gap_value = required - confirmed
    return _Amounts(
        required=required,
        confirmed=confirmed,
        itemised=num(row.itemised_confirmed_usd),
        unitemised=num(row.unitemised_confirmed_usd),
        gap=gap_value,
        coverage=coverage_of(row),
    )


def _category(row: Any, lang: str) -> str:
    return f"<b>{objective_name(row, lang, short=True)}</b><br>" + wrap(
        objective_name(row, lang), 30
    )


def _hover(row: Any, amounts: _Amounts, lang: str) -> str:
    lines = [
        f"<b>{objective_name(row, lang)}</b>",
        t("hover.required", lang, value=fmt_usd(amounts.required, lang)),
        t("hover.confirmed", lang, value=fmt_usd(amounts.confirmed, lang)),
    ]
    if amounts.confirmed is not None:
        lines += [
            t("hover.itemised", lang, value=fmt_usd(amounts.itemised, lang)),
            t("hover.not_itemised", lang, value=fmt_usd(amounts.unitemised, lang)),
        ]
    lines += [
        t("hover.gap", lang, value=fmt_usd(amounts.gap, lang)),
        t("hover.coverage", lang, value=fmt_pct(amounts.coverage, lang)),
    ]
    people = getattr(row, "people_targeted", None)
    if people is not None and not is_missing(people):
        lines.append(t("hover.people_targeted", lang, value=fmt_int(people, lang)))
    return hover_text(lines)


def _place_objective(row: Any, label: str, bars: _Bars, lang: str) -> tuple[float, str]:
    """Put one objective's segments (and call-out) in ``bars``; return its bar end."""
    amounts = _amounts(row)
    hover = _hover(row, amounts, lang)

    def put(kind: str, value: float) -> None:
        for key, item in (("y", label), ("x", value), ("hover", hover), ("ids", row.objective_id)):
            bars.segments[kind][key].append(item)

    required, confirmed, unitemised = amounts.required, amounts.confirmed, amounts.unitemised
    if confirmed is None:
        put("not_reported", required)
        return required, not_reported_end(required, lang)
    itemised = amounts.itemised
    if itemised is None:
        itemised = confirmed - (unitemised or 0)
    put("itemised", itemised)
    if unitemised:
        put("not_itemised", unitemised)
        amount = fmt_usd(unitemised, lang, compact=True)
        bars.callouts.append((label, itemised + unitemised / 2, row.objective_id, amount))
    if amounts.gap is not None and amounts.gap > 0:
        put("gap", amounts.gap)
    return max(required, confirmed), bar_end_text(confirmed, required, amounts.coverage, lang)


def _objective_bars(objectives: pd.DataFrame, lang: str) -> _Bars:
    bars = _Bars(
        {kind: {"y": [], "x": [], "hover": [], "ids": []} for kind in _SEGMENTS},
        {"y": [], "x": [], "text": []},
        [],
        [],
    )
    for row in objectives.itertuples(index=False):
        label = _category(row, lang)
        bars.categories.append(label)
        end_x, end_text = _place_objective(row, label, bars, lang)
        bars.ends["y"].append(label)
        bars.ends["x"].append(end_x)
        bars.ends["text"].append(end_text)
    return bars


def _styles(lang: str) -> dict[str, tuple[str, dict]]:
    """Legend name and marker of each segment kind, in drawing order."""
    return {
        "itemised": (t("legend.confirmed_itemised", lang), {"color": COLORS["confirmed"]}),
        "not_itemised": (
            t("legend.not_itemised", lang),
            {
                "color": COLORS["not_itemised"],
                "pattern": {"shape": ".", "fgcolor": COLORS["confirmed"], "solidity": 0.3},
            },
        ),
        "gap": (t("legend.gap", lang), {"color": COLORS["gap"]}),
        "not_reported": (t("legend.not_reported", lang), NOT_REPORTED_MARKER),
    }


def _add_segments(fig: go.Figure, segments: dict[str, dict[str, list]], lang: str) -> None:
    for kind, (name, marker) in _styles(lang).items():
        seg = segments[kind]
        if not seg["y"]:
            continue
        fig.add_trace(
            go.Bar(
                name=name,
                orientation="h",
                x=seg["x"],
                y=seg["y"],
                customdata=seg["ids"],
                hovertext=seg["hover"],
                hovertemplate=HOVER_TEMPLATE,
                marker=marker,
                meta={"kind": kind},
            )
        )


def _add_callouts(fig: go.Figure, callouts: list[tuple[str, float, str, str]], lang: str) -> None:
    """An arrow to each not-itemised segment, with its amount."""
    for label, x, oid, value_text in callouts:
        fig.add_annotation(
            name=f"not_itemised:{oid}",
            text=t("label.not_itemised_value", lang, value=value_text),
            x=x,
            y=label,
            xref="x",
            yref="y",
            yshift=-26,
            ax=40,
            ay=34,
            showarrow=True,
            arrowhead=0,
            arrowwidth=2,
            arrowcolor=COLORS["confirmed"],
            xanchor="left",
            yanchor="top",
            font={"size": SIZES["annotation"], "color": COLORS["confirmed"]},
            bgcolor="rgba(255,255,255,0.85)",
        )


def objective_funding_bars(
    objectives: pd.DataFrame,
    *,
    lang: str = "fr",
    source: str,
    as_of: Any,
    scenario: bool = False,
    title: str | None = None,
    height: int | None = 460,
) -> go.Figure:
    """Per objective: itemised confirmed + not-itemised confirmed + gap = required.

    The confirmed amount not attributed to any area (objective 1: 410,526 of 1,860,594)
    is its own segment, labelled "Not itemised". An objective whose confirmed amount is
    not reported is one grey hatched bar.
    """
    check(objectives, OBJECTIVES_INPUT, "objective_funding_bars", exact=False)
    if objectives.empty:
        raise ValueError("objective_funding_bars: no objective to draw")
    bars = _objective_bars(objectives, lang)
    fig = go.Figure()
    _add_segments(fig, bars.segments, lang)
    fig.add_trace(bar_end_labels(bars.ends, {}))
    _add_callouts(fig, bars.callouts, lang)

    xmax = max([0.0, *bars.ends["x"]])
    tickvals, ticktext = usd_ticks(xmax, lang)
    ends = zip(bars.ends["x"], bars.ends["text"], strict=True)
    high = label_range(ends, plot_px(bars.categories), xmax)
    fig.update_xaxes(range=[0, high], tickvals=tickvals, ticktext=ticktext)
    fig.update_yaxes(category_axis(bars.categories))
    fig.update_layout(barmode="stack", bargap=0.5)
    return finish(
        fig,
        lang=lang,
        title=title or t("chart.objective_funding.title", lang),
        source=source,
        as_of=as_of,
        scenario=scenario,
        height=height,
    )
