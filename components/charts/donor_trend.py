"""Funding by donor (or by status) across data versions: stacked bars, one bar per version
that has donor rows.

Drawn only when donor rows exist (:func:`has_donor_rows`); a donor without rows in a
version has no segment there (``None``), never a 0. Donor names come from the officers'
files: they are escaped for plotly's text.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

import pandas as pd
import plotly.graph_objects as go

from components.charts._common import HOVER_TEMPLATE, finish, hover_text
from components.charts._trend_common import (
    DONOR_HISTORY_INPUT,
    TICK_LINE_PX,
    TREND_HEIGHT,
    esc,
    iso,
    legend_extra,
    more_bottom,
    num,
    usd_ticks,
    version_label,
    wrapped_title,
)
from components.theme import COLORS, NOT_REPORTED_PATTERN, OKABE_ITO, SIZES
from data.contracts import check
from text import fmt_date, fmt_usd, t

GROUPINGS: tuple[str, ...] = ("donor", "status")
STATUSES: tuple[str, ...] = ("paid", "committed", "pledged")  # bottom to top
DONOR_KIND = "trend.donor"
TOTAL_KIND = "trend.donor_total"
MAX_DONORS = 7  # donors drawn by name; the others are summed up as "other donors"
OTHERS = "__others__"
_DONOR_COLOURS = (
    OKABE_ITO["blue"],
    OKABE_ITO["orange"],
    OKABE_ITO["bluish_green"],
    OKABE_ITO["reddish_purple"],
    OKABE_ITO["sky_blue"],
    OKABE_ITO["vermillion"],
    "#6B4C9A",
)
_STATUS_MARKERS: dict[str, dict[str, Any]] = {
    "paid": {"color": COLORS["confirmed"]},
    "committed": {"color": COLORS["not_itemised"]},
    "pledged": {
        "color": COLORS["gap"],
        "pattern": {**NOT_REPORTED_PATTERN, "bgcolor": COLORS["gap"], "fgcolor": "#8A5A12"},
    },
}


def _rows(donor_history: pd.DataFrame, area_ids: Sequence[str] | None) -> pd.DataFrame:
    check(donor_history, DONOR_HISTORY_INPUT, "donor_trend", exact=False)
    rows = donor_history
    if area_ids is not None:
        rows = rows[rows["area_id"].astype(str).isin([str(a) for a in area_ids])]
    return rows[rows["amount_usd"].notna()]


def has_donor_rows(donor_history: pd.DataFrame, area_ids: Sequence[str] | None = None) -> bool:
    """True when the history has a reported donor amount (for ``area_ids``, if given)."""
    return not _rows(donor_history, area_ids).empty


class _Bars(NamedTuple):
    versions: list[int]
    ticks: list[str]  # one x category per version
    groups: list[str]  # bottom to top (raw names or statuses; OTHERS last)
    amounts: dict[str, list[float | None]]  # group -> amount per version
    parts: dict[str, list[list[str]]]  # group -> hover lines per version (what it sums)
    totals: list[float]


def _group_of(rows: pd.DataFrame, by: str) -> tuple[pd.Series, list[str]]:
    if by == "status":
        unknown = sorted(set(rows["status"].astype(str)) - set(STATUSES))
        if unknown:
            raise ValueError(f"donor_trend: unknown status(es) {unknown}")
        present = set(rows["status"].astype(str))
        return rows["status"].astype(str), [s for s in STATUSES if s in present]
    donors = rows["donor"].astype(str)
    totals = rows.assign(_d=donors).groupby("_d", sort=False)["amount_usd"].sum()
    ranked = sorted(totals.index, key=lambda d: (-float(totals[d]), d))
    named = ranked[:MAX_DONORS] if len(ranked) > MAX_DONORS + 1 else ranked
    group = donors.where(donors.isin(named), OTHERS)
    return group, named + ([OTHERS] if len(named) < len(ranked) else [])


def _bars(rows: pd.DataFrame, by: str, lang: str) -> _Bars:
    group, order = _group_of(rows, by)
    rows = rows.assign(_g=group, _v=rows["version"].astype(int))
    pairs = sorted({(int(v), iso(d)) for v, d in zip(rows["version"], rows["as_of"], strict=True)})
    versions = [v for v, _ in pairs]
    ticks = [f"{fmt_date(d, lang)}<br>{version_label(v, lang)}" for v, d in pairs]
    amounts: dict[str, list[float | None]] = {g: [] for g in order}
    parts: dict[str, list[list[str]]] = {g: [] for g in order}
    # Hover: a donor's statuses; a status's donors; "other donors": the donors it sums.
    details = {g: "status" if by == "donor" and g != OTHERS else "donor" for g in order}
    for version in versions:
        at = rows[rows["_v"] == version]
        for g in order:
            mine = at[at["_g"] == g]
            amounts[g].append(num(mine["amount_usd"].sum()) if len(mine) else None)
            detail = details[g]
            sums = mine.groupby(mine[detail].astype(str), sort=True)["amount_usd"].sum()
            parts[g].append(
                [
                    t(
                        "trend.hover.part",
                        lang,
                        name=_detail_name(k, detail, lang),
                        value=fmt_usd(v, lang),
                    )
                    for k, v in sums.items()
                ]
            )
    totals = [float(sum(amounts[g][i] or 0 for g in order)) for i in range(len(versions))]
    return _Bars(versions, ticks, order, amounts, parts, totals)


def _detail_name(key: str, detail: str, lang: str) -> str:
    return t(f"trend.status.{key}", lang) if detail == "status" else esc(key)


def group_name(group: str, by: str, lang: str) -> str:
    """A legend name: the status in ``lang``, "other donors", or the donor (raw)."""
    if by == "status":
        return t(f"trend.status.{group}", lang)
    return t("trend.donor.others", lang) if group == OTHERS else group


def _add_bars(fig: go.Figure, bars: _Bars, by: str, lang: str) -> None:
    for i, g in enumerate(bars.groups):
        name = group_name(g, by, lang)
        if by == "status":
            marker = _STATUS_MARKERS[g]
        elif g == OTHERS:
            marker = {"color": COLORS["not_reported"]}
        else:
            marker = {"color": _DONOR_COLOURS[i % len(_DONOR_COLOURS)]}
        hover = [
            hover_text(
                [
                    f"<b>{esc(name)}</b>",
                    tick.replace("<br>", " — "),
                    t("trend.hover.amount", lang, value=fmt_usd(amount, lang)),
                    *part,
                ]
            )
            for tick, amount, part in zip(bars.ticks, bars.amounts[g], bars.parts[g], strict=True)
        ]
        fig.add_trace(
            go.Bar(
                x=bars.ticks,
                y=bars.amounts[g],
                name=esc(name),
                marker={**marker, "line": {"color": COLORS["background"], "width": 1}},
                customdata=bars.versions,
                hovertext=hover,
                hovertemplate=HOVER_TEMPLATE,
                meta={"kind": DONOR_KIND, "group": g, "name": name, "by": by},
            )
        )


def _add_totals(fig: go.Figure, bars: _Bars, lang: str) -> None:
    fig.add_trace(
        go.Scatter(
            x=bars.ticks,
            y=bars.totals,
            mode="text",
            text=[fmt_usd(v, lang, compact=True) for v in bars.totals],
            textposition="top center",
            textfont={"size": SIZES["bar_text"], "color": COLORS["text"]},
            customdata=bars.versions,
            hoverinfo="skip",
            showlegend=False,
            cliponaxis=False,
            meta={"kind": TOTAL_KIND},
        )
    )


def donor_trend(
    donor_history: pd.DataFrame,
    *,
    by: str = "donor",
    area_ids: Sequence[str] | None = None,
    lang: str = "fr",
    source: str,
    as_of: Any,
    scenario: bool = False,
    title: str | None = None,
    height: int | None = TREND_HEIGHT,
) -> go.Figure:
    """Stacked bars per version: the donor rows' amounts by donor (``by="donor"``; the
    :data:`MAX_DONORS` largest by name, the others together) or by status (paid, committed,
    pledged; pledged hatched). Versions without donor rows are left out; the total is
    written above each bar.

    Raises
    ------
    ValueError
        No reported donor amount (for ``area_ids``): check :func:`has_donor_rows` first.
    """
    if by not in GROUPINGS:
        raise ValueError(f"by must be one of {GROUPINGS}, not {by!r}")
    rows = _rows(donor_history, area_ids)
    if rows.empty:
        raise ValueError("donor_trend: no donor rows to draw")
    bars = _bars(rows, by, lang)
    fig = go.Figure()
    _add_bars(fig, bars, by, lang)
    _add_totals(fig, bars, lang)
    top = (max(bars.totals) or 1.0) * 1.15  # room for the totals above the bars
    yvals, ytext = usd_ticks(top, lang, n=5)
    fig.update_yaxes(range=[0, top], tickvals=yvals, ticktext=ytext)
    fig.update_xaxes(
        type="category", categoryorder="array", categoryarray=bars.ticks, showgrid=False
    )
    # One or two bars stay bar-shaped instead of filling the width.
    bargap = {1: 0.8, 2: 0.65}.get(len(bars.versions), 0.45)
    fig.update_layout(barmode="stack", bargap=bargap, hovermode="closest")
    names = [group_name(g, by, lang) for g in bars.groups]
    extra = legend_extra(names)
    finish(
        fig,
        lang=lang,
        title=wrapped_title(title or t(f"trend.donor.title.{by}", lang)),
        source=source,
        as_of=as_of,
        scenario=scenario,
        height=None if height is None else height + extra,
        extra_top=extra,
    )
    return more_bottom(fig, TICK_LINE_PX)
