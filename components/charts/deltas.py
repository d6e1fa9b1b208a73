"""Scenario deltas: the change in confirmed funding per activity area, scenario minus plan.

Increases and decreases are separate traces (green / vermillion, Okabe-Ito). When either
side is not reported the change is unknown: no bar, a grey text label says which side is
missing.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import pandas as pd
import plotly.graph_objects as go

from components.charts._common import (
    AREAS_INPUT,
    HOVER_TEMPLATE,
    area_name,
    area_short_name,
    category_axis,
    finish,
    flag,
    hover_text,
    num,
    usd_ticks,
)
from components.charts.textfit import LABEL_ROOM, LABEL_SPACER
from components.theme import COLORS, SIZES
from data.contracts import check
from text import fmt_usd, t

_GROUPS = ("increase", "decrease", "unknown", "unchanged")


class _Change(NamedTuple):
    row: Any
    base: float | None
    scenario: float | None
    delta: float | None
    order: int


def _changes(baseline: pd.DataFrame, scenario: pd.DataFrame, changed_only: bool) -> list[_Change]:
    """Each area's change, largest increase first, unknown changes last."""
    check(baseline, AREAS_INPUT, "delta_bars (baseline)", exact=False)
    check(scenario, AREAS_INPUT, "delta_bars (scenario)", exact=False)
    merged = baseline.merge(
        scenario[["area_id", "confirmed_usd", "reported"]],
        on="area_id",
        how="outer",
        suffixes=("", "_scn"),
        validate="one_to_one",
        indicator=True,
    )
    if (merged["_merge"] != "both").any():
        odd = merged.loc[merged["_merge"] != "both", "area_id"].tolist()
        raise ValueError(f"delta_bars: areas not in both frames: {odd}")
    changes = []
    for order, row in enumerate(merged.itertuples(index=False)):
        base = num(row.confirmed_usd) if flag(row.reported) else None
        scn = num(row.confirmed_usd_scn) if flag(row.reported_scn) else None
        delta = scn - base if base is not None and scn is not None else None
        changes.append(_Change(row, base, scn, delta, order))
    if changed_only:
        # Keep real changes and changes of reporting status; drop unchanged areas.
        changes = [
            c
            for c in changes
            if (c.delta is not None and c.delta != 0) or ((c.base is None) != (c.scenario is None))
        ]
    if not changes:
        raise ValueError("delta_bars: no activity area to draw")
    changes.sort(key=lambda c: (c.delta is None, -(c.delta or 0), c.order))
    return changes


def _unknown_text(change: _Change, lang: str) -> str:
    """Which side of an unknown change is not reported."""
    if change.base is None and change.scenario is not None:
        value = fmt_usd(change.scenario, lang, compact=True)
        return t("label.delta_from_not_reported", lang, value=value)
    if change.base is not None and change.scenario is None:
        value = fmt_usd(change.base, lang, compact=True)
        return t("label.delta_to_not_reported", lang, value=value)
    return t("status.not_reported", lang)


def _placed(change: _Change, lang: str) -> tuple[str, float, str]:
    """(group, x, text) of one change."""
    delta = change.delta
    if delta is None:
        return "unknown", 0, _unknown_text(change, lang)
    if delta == 0:
        return "unchanged", 0, t("status.unchanged", lang)
    return (
        "increase" if delta > 0 else "decrease",
        delta,
        fmt_usd(delta, lang, compact=True, signed=True),
    )


def _groups(changes: list[_Change], lang: str) -> dict[str, dict[str, list]]:
    """The changes by group (y, x, text, hover, ids), in drawing order."""
    groups: dict[str, dict[str, list[Any]]] = {
        kind: {"y": [], "x": [], "text": [], "hover": [], "ids": []} for kind in _GROUPS
    }
    for change in changes:
        hover = hover_text(
            [
                f"<b>{area_name(change.row, lang)}</b>",
                t("hover.baseline", lang, value=fmt_usd(change.base, lang)),
                t("hover.scenario", lang, value=fmt_usd(change.scenario, lang)),
                t("hover.change", lang, value=fmt_usd(change.delta, lang, signed=True)),
            ]
        )
        kind, x, text = _placed(change, lang)
        label = area_short_name(change.row, lang)
        for key, value in zip(
            ("y", "x", "text", "hover", "ids"),
            (label, x, text, hover, change.row.area_id),
            strict=True,
        ):
            groups[kind][key].append(value)
    return groups


def _add_bars(fig: go.Figure, groups: dict[str, dict[str, list]], lang: str) -> None:
    for kind, color in (("increase", COLORS["increase"]), ("decrease", COLORS["decrease"])):
        seg = groups[kind]
        if not seg["y"]:
            continue
        fig.add_trace(
            go.Bar(
                name=t(f"legend.{kind}", lang),
                orientation="h",
                x=seg["x"],
                y=seg["y"],
                text=seg["text"],
                textposition="outside",
                textfont={"size": SIZES["bar_text"], "color": COLORS["text"]},
                cliponaxis=False,
                customdata=seg["ids"],
                hovertext=seg["hover"],
                hovertemplate=HOVER_TEMPLATE,
                marker={"color": color},
                meta={"kind": kind},
            )
        )


def _add_labels(fig: go.Figure, groups: dict[str, dict[str, list]], lang: str) -> None:
    """Grey text, no bar, for unknown and unchanged amounts."""
    for kind in ("unknown", "unchanged"):
        seg = groups[kind]
        if not seg["y"]:
            continue
        fig.add_trace(
            go.Scatter(
                name=t("legend.not_reported" if kind == "unknown" else "status.unchanged", lang),
                x=seg["x"],
                y=seg["y"],
                text=seg["text"],
                mode="markers+text",
                marker=LABEL_SPACER,
                textposition="middle right",
                textfont={"size": SIZES["bar_text"], "color": COLORS["muted_text"]},
                customdata=seg["ids"],
                hovertext=seg["hover"],
                hovertemplate=HOVER_TEMPLATE,
                cliponaxis=False,
                showlegend=False,
                meta={"kind": kind},
            )
        )


def _set_axes(fig: go.Figure, changes: list[_Change], groups: dict, lang: str) -> None:
    """Room on both sides for the labels, signed USD ticks, areas in order of change."""
    span = max([abs(c.delta) for c in changes if c.delta is not None] or [1])
    low = min([0.0, *groups["decrease"]["x"]])
    high = max([0.0, *groups["increase"]["x"]])
    room = span * LABEL_ROOM
    tickvals, ticktext = usd_ticks(high, lang, low=low, signed=True, n=4)
    fig.update_xaxes(
        range=[low - (room if low < 0 else 0), high + 2 * room],
        tickvals=tickvals,
        ticktext=ticktext,
    )
    fig.update_yaxes(category_axis([area_short_name(c.row, lang) for c in changes]))


def delta_bars(
    baseline_areas: pd.DataFrame,
    scenario_areas: pd.DataFrame,
    *,
    lang: str = "fr",
    source: str,
    as_of: Any,
    scenario: bool = False,
    changed_only: bool = False,
    title: str | None = None,
    height: int | None = 720,
) -> go.Figure:
    """Change in confirmed funding per area: scenario minus baseline.

    Increases and decreases are separate traces (green / vermillion, Okabe-Ito). When
    either side is not reported the change is unknown: no bar, a grey text label says
    which side is missing. Areas are ordered by change (largest increase at the top).
    """
    changes = _changes(baseline_areas, scenario_areas, changed_only)
    groups = _groups(changes, lang)
    fig = go.Figure()
    _add_bars(fig, groups, lang)
    _add_labels(fig, groups, lang)
    _set_axes(fig, changes, groups, lang)
    fig.update_layout(barmode="relative", bargap=0.3)
    finish(
        fig,
        lang=lang,
        title=title or t("chart.delta.title", lang),
        source=source,
        as_of=as_of,
        scenario=scenario,
        height=height,
    )
    return fig.update_xaxes(zeroline=True, zerolinewidth=2, zerolinecolor=COLORS["text"])
