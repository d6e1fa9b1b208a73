"""IDPs across DTM rounds: the national total and chosen regions, one point per round.

DTM counts and estimates (a share x the national total) are told apart without colour:
a count is a filled marker on a solid line, an estimate a hollow marker reached by a dashed
line, and the legend and hover say "DTM count" / "estimate". A region absent from a round
is a gap (``None``), never 0.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

import pandas as pd
import plotly.graph_objects as go

from components.charts._common import HOVER_TEMPLATE, finish, hover_text
from components.charts._trend_common import (
    DTM_HISTORY_INPUT,
    NATIONAL,
    TICK_LINE_PX,
    TREND_HEIGHT,
    count_ticks,
    date_range,
    date_ticks,
    esc,
    iso,
    legend_extra,
    more_bottom,
    note_annotation,
    num,
    region_display_names,
    round_label,
    round_tick,
    series_style,
    wrapped_title,
)
from components.theme import COLORS
from data.contracts import check
from text import fmt_int, fmt_pct, t

MEASURES: tuple[str, ...] = ("count", "estimate")
POINTS_KIND = "trend.dtm"
LINE_KIND = "trend.dtm_line"
KEY_KIND = "trend.dtm_key"
SYMBOLS = {"count": "circle", "estimate": "circle-open"}


class Round(NamedTuple):
    version: int
    date: str  # ISO
    number: int | None


class _Point(NamedTuple):
    idps: float | None
    share: float | None
    measure: str | None


def rounds_of(history: pd.DataFrame, *, latest_per_date: bool = True) -> list[Round]:
    """The rounds (one per version) in date order. With ``latest_per_date``, of two versions
    with the same as-of date only the later is kept: it corrects or supersedes the other
    (the plan's figure as of 30 Sep 2023, then DTM round 15 of the same date)."""
    firsts = history.drop_duplicates("version")
    found = sorted(
        (
            Round(
                int(r.version),
                iso(r.as_of),
                None if num(r.round_number) is None else int(r.round_number),
            )
            for r in firsts.itertuples()
        ),
        key=lambda r: (r.date, r.version),
    )
    if latest_per_date:
        found = list({r.date: r for r in found}.values())
    return found


def points(history: pd.DataFrame, region_id: str, rounds: Sequence[Round]) -> list[_Point]:
    """One region's figure in each round (``idps`` None when absent or not reported)."""
    mine = history[history["region_id"].astype(str) == region_id]
    by_version = {int(r.version): r for r in mine.itertuples()}
    found = []
    for rnd in rounds:
        row = by_version.get(rnd.version)
        if row is None or num(row.idps) is None:
            found.append(_Point(None, None, None))
            continue
        measure = str(row.measure)
        if measure not in MEASURES:
            raise ValueError(f"DTM history: measure {measure!r} not in {MEASURES}")
        found.append(_Point(num(row.idps), num(row.share), measure))
    return found


def measure_word(measure: str, lang: str) -> str:
    """``DTM count`` / ``estimate`` (lower case, for hover and summaries)."""
    return t(f"trend.dtm.{measure}", lang)


def _hover(name: str, rnd: Round, point: _Point, lang: str) -> str:
    lines = [f"<b>{esc(name)}</b>", round_label(rnd.number, rnd.date, lang)]
    if point.idps is None:
        lines.append(t("status.not_reported", lang))
    else:
        word = measure_word(point.measure or "count", lang)
        lines.append(t("trend.dtm.hover_idps", lang, value=fmt_int(point.idps, lang), measure=word))
        if point.share is not None:
            lines.append(t("trend.dtm.hover_share", lang, value=fmt_pct(point.share, lang)))
    return hover_text(lines)


def _segments(dates: Sequence[str], pts: Sequence[_Point]) -> dict[str, tuple[list, list]]:
    """Line pieces between consecutive rounds that both have a figure: solid between two
    counts, dashed when either end is an estimate; nothing bridges a missing round."""
    pieces: dict[str, tuple[list, list]] = {"solid": ([], []), "dash": ([], [])}
    for i in range(len(pts) - 1):
        a, b = pts[i], pts[i + 1]
        if a.idps is None or b.idps is None:
            continue
        style = "solid" if a.measure == b.measure == "count" else "dash"
        xs, ys = pieces[style]
        xs.extend([dates[i], dates[i + 1], None])
        ys.extend([a.idps, b.idps, None])
    return pieces


def _add_series(
    fig: go.Figure,
    i: int,
    region_id: str,
    name: str,
    rounds: list[Round],
    pts: list[_Point],
    lang: str,
) -> None:
    style = series_style(i)
    colour = COLORS["text"] if region_id == NATIONAL else style["color"]
    width = 4 if region_id == NATIONAL else 2.5
    dates = [r.date for r in rounds]
    for dash, (xs, ys) in _segments(dates, pts).items():
        if xs:
            fig.add_trace(
                go.Scatter(
                    x=xs,
                    y=ys,
                    mode="lines",
                    line={"color": colour, "width": width, "dash": dash},
                    legendgroup=region_id,
                    showlegend=False,
                    hoverinfo="skip",
                    meta={"kind": LINE_KIND, "id": region_id, "dash": dash},
                )
            )
    fig.add_trace(
        go.Scatter(
            x=dates,
            y=[p.idps for p in pts],
            name=esc(name),
            mode="markers",
            legendgroup=region_id,
            marker={
                "size": 12,
                "color": colour,
                "symbol": [SYMBOLS.get(p.measure or "count", "circle") for p in pts],
                "line": {"color": colour, "width": 2.5},
            },
            customdata=[r.version for r in rounds],
            hovertext=[_hover(name, r, p, lang) for r, p in zip(rounds, pts, strict=True)],
            hovertemplate=HOVER_TEMPLATE,
            meta={
                "kind": POINTS_KIND,
                "id": region_id,
                "name": name,
                "measures": [p.measure for p in pts],
                "shares": [p.share for p in pts],
                "rounds": [r.number for r in rounds],
            },
        )
    )


def _add_key(fig: go.Figure, lang: str) -> None:
    """Two legend-only entries: what a filled and a hollow marker mean."""
    for measure, dash in (("count", "solid"), ("estimate", "dash")):
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="lines+markers",
                name=t(f"trend.dtm.legend_{measure}", lang),
                line={"color": COLORS["muted_text"], "width": 2, "dash": dash},
                marker={
                    "size": 12,
                    "symbol": SYMBOLS[measure],
                    "color": COLORS["muted_text"],
                    "line": {"color": COLORS["muted_text"], "width": 2.5},
                },
                hoverinfo="skip",
                meta={"kind": KEY_KIND, "measure": measure},
            )
        )


def dtm_trend(
    history: pd.DataFrame,
    *,
    region_ids: Sequence[str],
    names: Mapping[str, str],
    lang: str = "fr",
    source: str,
    as_of: Any,
    scenario: bool = False,
    national: bool = True,
    title: str | None = None,
    height: int | None = TREND_HEIGHT,
) -> go.Figure:
    """The national IDP total (``national``) and ``region_ids`` across DTM rounds.

    ``names``: region id -> name (:func:`geo.regions.region_names`); "national" and
    "other" are named from the catalog unless ``names`` has them. x = each round's as-of
    date (ticks "Round 14" over the date); hover gives the round, IDPs with "DTM count" or
    "estimate", and the share of the national total. A single round is drawn as markers
    with the note "one round so far".
    """
    check(history, DTM_HISTORY_INPUT, "dtm_trend", exact=False)
    wanted = list(dict.fromkeys(([NATIONAL] if national else []) + [str(r) for r in region_ids]))
    if not wanted or history.empty:
        raise ValueError("dtm_trend: nothing to draw")
    known = set(history["region_id"].astype(str))
    unknown = sorted(set(wanted) - known)
    if unknown:
        raise ValueError(f"dtm_trend: region id(s) not in the history {unknown}")
    shown = region_display_names(names, lang)
    rounds = rounds_of(history)
    series = {rid: points(history, rid, rounds) for rid in wanted}
    fig = go.Figure()
    for i, rid in enumerate(wanted):
        _add_series(fig, i, rid, shown.get(rid, rid), rounds, series[rid], lang)
    _add_key(fig, lang)
    if len(rounds) == 1:
        fig.add_annotation(**note_annotation(t("trend.one_round", lang)))
    dates = [r.date for r in rounds]
    tickvals, ticktext = date_ticks(dates, [round_tick(r.number, r.date, lang) for r in rounds])
    fig.update_xaxes(type="date", range=date_range(dates), tickvals=tickvals, ticktext=ticktext)
    high = max((p.idps for pts in series.values() for p in pts if p.idps is not None), default=0)
    top = (high or 1) * 1.08
    yvals, ytext = count_ticks(top, lang)
    fig.update_yaxes(range=[0, top], tickvals=yvals, ticktext=ytext)
    fig.update_layout(hovermode="closest")
    legend = [shown.get(rid, rid) for rid in wanted] + [
        t("trend.dtm.legend_count", lang),
        t("trend.dtm.legend_estimate", lang),
    ]
    extra = legend_extra(legend)
    finish(
        fig,
        lang=lang,
        title=wrapped_title(title or t("trend.dtm.title", lang)),
        source=source,
        as_of=as_of,
        scenario=scenario,
        height=None if height is None else height + extra,
        extra_top=extra,
    )
    two_lines = any(r.number is not None for r in rounds)
    return more_bottom(fig, TICK_LINE_PX) if two_lines else fig
