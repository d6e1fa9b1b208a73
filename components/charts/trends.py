"""Funding over versions: confirmed amounts or coverage per plan, objective or activity area,
one point per data version, drawn as steps (a figure holds until the next update).

Missing is never zero: a version whose figure is not reported is a gap in the line (no
marker, ``None`` in ``y``) with a "not reported" mark above its date; a single version
(the plan alone) is one marker with a "one version so far" note.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

import pandas as pd
import plotly.graph_objects as go

from components.charts._common import HOVER_TEMPLATE, finish, hover_text
from components.charts._trend_common import (
    FUNDING_HISTORY_INPUT,
    NOT_REPORTED_NAME,
    TREND_HEIGHT,
    date_range,
    date_ticks,
    esc,
    iso,
    legend_extra,
    note_annotation,
    num,
    pct_ticks,
    series_style,
    usd_ticks,
    version_label,
    wrapped_title,
)
from components.theme import COLORS, SIZES
from data.contracts import check
from text import fmt_date, fmt_pct, fmt_usd, t

LEVELS: tuple[str, ...] = ("plan", "objective", "area")
MEASURES: tuple[str, ...] = ("confirmed", "coverage")
SERIES_KIND = "trend.funding"
REQUIRED_KIND = "trend.required"


class _Series(NamedTuple):
    """One plan, objective or area across the versions (``None``: not reported)."""

    id: str
    name: str
    confirmed: list[float | None]
    required: list[float | None]
    coverage: list[float | None]


class _Versions(NamedTuple):
    numbers: list[int]
    dates: list[str]  # ISO


def _versions(rows: pd.DataFrame) -> _Versions:
    """The versions in date order; of two with the same as-of date, the later (it corrects
    the other)."""
    pairs = {(int(v), iso(d)) for v, d in zip(rows["version"], rows["as_of"], strict=True)}
    numbers = [v for v, _ in pairs]
    if len(set(numbers)) != len(numbers):
        raise ValueError("funding_trend: a version with two as-of dates")
    latest = {d: v for v, d in sorted(pairs)}  # the last version of each date wins
    dates = sorted(latest)
    return _Versions([latest[d] for d in dates], dates)


def _coverage(row: Any) -> float | None:
    cov = num(row.coverage)
    if cov is not None:
        return cov
    confirmed, required = num(row.confirmed_usd), num(row.required_usd)
    return confirmed / required if confirmed is not None and required else None


def _series(
    history: pd.DataFrame,
    level: str,
    ids: Sequence[str] | None,
    names: Mapping[str, str],
    lang: str,
) -> tuple[_Versions, list[_Series]]:
    check(history, FUNDING_HISTORY_INPUT, "funding_trend", exact=False)
    if level not in LEVELS:
        raise ValueError(f"level must be one of {LEVELS}, not {level!r}")
    rows = history[history["level"].astype(str) == level]
    known = list(dict.fromkeys(rows["id"].astype(str)))
    wanted = list(dict.fromkeys(str(i) for i in ids)) if ids is not None else known
    unknown = sorted(set(wanted) - set(known))
    if unknown:
        raise ValueError(f"funding_trend: {level} id(s) not in the history {unknown}")
    if not wanted:
        raise ValueError("funding_trend: nothing to draw")
    versions = _versions(rows)
    series = []
    for item in wanted:
        by_version = {int(r.version): r for r in rows[rows["id"].astype(str) == item].itertuples()}
        found = [by_version.get(v) for v in versions.numbers]
        default = t("coverage.plan", lang) if item == "plan" else item
        series.append(
            _Series(
                id=item,
                name=str(names.get(item, default)),
                confirmed=[None if r is None else num(r.confirmed_usd) for r in found],
                required=[None if r is None else num(r.required_usd) for r in found],
                coverage=[None if r is None else _coverage(r) for r in found],
            )
        )
    return versions, series


def _when(versions: _Versions, i: int, lang: str) -> str:
    return t(
        "trend.hover.version_as_of",
        lang,
        version=version_label(versions.numbers[i], lang),
        date=fmt_date(versions.dates[i], lang),
    )


def _hover(series: _Series, versions: _Versions, i: int, lang: str) -> str:
    return hover_text(
        [
            f"<b>{esc(series.name)}</b>",
            _when(versions, i, lang),
            t("hover.confirmed", lang, value=fmt_usd(series.confirmed[i], lang)),
            t("hover.required", lang, value=fmt_usd(series.required[i], lang)),
            t("hover.coverage", lang, value=fmt_pct(series.coverage[i], lang)),
        ]
    )


def _value_text(value: float | None, measure: str, lang: str) -> str:
    if measure == "coverage":
        return fmt_pct(value, lang)
    return fmt_usd(value, lang, compact=True)


def last_label(values: Sequence[float | None], worded: Any) -> list[str]:
    """Text for the last reported point only (``""`` elsewhere)."""
    known = [i for i, v in enumerate(values) if v is not None]
    return [worded(v) if known and i == known[-1] else "" for i, v in enumerate(values)]


def _text_position(versions: _Versions) -> str:
    return "middle right" if len(versions.numbers) == 1 else "top left"


def _add_series(
    fig: go.Figure, versions: _Versions, series: list[_Series], measure: str, lang: str
) -> None:
    """One step line per series; with one series its last figure is written beside it."""
    single = len(series) == 1
    for i, item in enumerate(series):
        style = series_style(i)
        colour = COLORS["confirmed"] if single else style["color"]
        values = item.confirmed if measure == "confirmed" else item.coverage
        fig.add_trace(
            go.Scatter(
                x=versions.dates,
                y=values,
                name=esc(item.name),
                mode="lines+markers+text" if single else "lines+markers",
                line={"shape": "hv", "color": colour, "width": 3, "dash": style["dash"]},
                marker={"size": 11, "color": colour, "symbol": style["symbol"]},
                connectgaps=False,
                text=last_label(values, lambda v: _value_text(v, measure, lang))
                if single
                else None,
                textposition=_text_position(versions),
                textfont={"size": SIZES["bar_text"], "color": COLORS["text"]},
                customdata=versions.numbers,
                hovertext=[_hover(item, versions, j, lang) for j in range(len(values))],
                hovertemplate=HOVER_TEMPLATE,
                cliponaxis=False,
                meta={"kind": SERIES_KIND, "id": item.id, "name": item.name, "measure": measure},
            )
        )


def _add_required(fig: go.Figure, versions: _Versions, item: _Series, lang: str) -> None:
    """The required amount as a dashed step, a short dash at each version."""
    hover = [
        hover_text(
            [
                f"<b>{esc(item.name)}</b>",
                _when(versions, j, lang),
                t("hover.required", lang, value=fmt_usd(value, lang)),
            ]
        )
        for j, value in enumerate(item.required)
    ]
    fig.add_trace(
        go.Scatter(
            x=versions.dates,
            y=item.required,
            name=t("legend.required", lang),
            mode="lines+markers+text",
            text=last_label(
                item.required,
                lambda v: t("hover.required", lang, value=fmt_usd(v, lang, compact=True)),
            ),
            textposition=_text_position(versions),
            textfont={"size": SIZES["bar_text"], "color": COLORS["muted_text"]},
            cliponaxis=False,
            line={"shape": "hv", "color": COLORS["muted_text"], "width": 2, "dash": "dash"},
            marker={"symbol": "line-ew", "size": 26, "line": {"width": 2.5}},
            connectgaps=False,
            customdata=versions.numbers,
            hovertext=hover,
            hovertemplate=HOVER_TEMPLATE,
            meta={"kind": REQUIRED_KIND, "id": item.id, "name": item.name},
        )
    )


def _add_gaps(
    fig: go.Figure, versions: _Versions, series: list[_Series], measure: str, lang: str
) -> None:
    """A dotted line and a "not reported" mark (naming the series in its hover) at every
    version where a series has no figure."""
    for i, date in enumerate(versions.dates):
        values = [s.confirmed[i] if measure == "confirmed" else s.coverage[i] for s in series]
        missing = [s.name for s, v in zip(series, values, strict=True) if v is None]
        if not missing:
            continue
        fig.add_vline(
            x=date, line={"color": COLORS["grid"], "width": 2, "dash": "dot"}, layer="below"
        )
        names = ", ".join(esc(name) for name in missing)
        fig.add_annotation(
            name=NOT_REPORTED_NAME,
            x=date,
            y=0,
            xref="x",
            yref="paper",
            yanchor="bottom",
            xanchor="right",  # beside the dotted line: the other series' markers stay seen
            xshift=-8,
            showarrow=False,
            text=t("status.not_reported", lang),
            textangle=-90,
            font={"size": SIZES["annotation"], "color": COLORS["muted_text"]},
            hovertext=hover_text(
                [_when(versions, i, lang), t("trend.hover.not_reported", lang, names=names)]
            ),
        )


def _set_axes(
    fig: go.Figure, versions: _Versions, series: list[_Series], measure: str, lang: str
) -> None:
    labels = [fmt_date(d, lang) for d in versions.dates]
    tickvals, ticktext = date_ticks(versions.dates, labels)
    fig.update_xaxes(
        type="date",
        range=date_range(versions.dates),
        tickvals=tickvals,
        ticktext=ticktext,
        showgrid=False,
    )
    if measure == "confirmed":
        with_required = len(series) == 1  # the required step is drawn for one series only
        amounts = [
            v
            for s in series
            for v in (*s.confirmed, *(s.required if with_required else ()))
            if v is not None
        ]
        top = (max(amounts, default=0) or 1_000_000) * 1.08
        yvals, ytext = usd_ticks(top, lang, n=6)
    else:
        shares = [v for s in series for v in s.coverage if v is not None]
        top = (max(shares, default=0) or 1.0) * 1.08
        yvals, ytext = pct_ticks(top, lang)
    fig.update_yaxes(range=[0, top], tickvals=yvals, ticktext=ytext, zeroline=True)


def funding_trend(
    history: pd.DataFrame,
    *,
    level: str,
    ids: Sequence[str] | None,
    names: Mapping[str, str],
    measure: str = "confirmed",
    lang: str = "fr",
    source: str,
    as_of: Any,
    scenario: bool = False,
    title: str | None = None,
    height: int | None = TREND_HEIGHT,
) -> go.Figure:
    """Confirmed funding (``measure="confirmed"``) or coverage across data versions.

    One step line (``line_shape="hv"``) per id of ``level`` (``ids`` in their order; None:
    every id of the level), one marker per version at its as-of date; hover gives the
    version, as-of date, confirmed, required and coverage. Legend names come from
    ``names`` (``data.names.area_names(plan.areas, lang, short=True)``...). A not-reported
    figure is a gap (``None``) with a "not reported" mark, never 0. With one series and
    ``measure="confirmed"``, the required amount is a dashed reference step. One version
    only: a single labelled marker and the note "one version so far".
    """
    if measure not in MEASURES:
        raise ValueError(f"measure must be one of {MEASURES}, not {measure!r}")
    versions, series = _series(history, level, ids, names, lang)
    fig = go.Figure()
    _add_series(fig, versions, series, measure, lang)
    legend_names = [s.name for s in series]
    if measure == "confirmed" and len(series) == 1:
        _add_required(fig, versions, series[0], lang)
        legend_names.append(t("legend.required", lang))
    _add_gaps(fig, versions, series, measure, lang)
    if len(versions.numbers) == 1:
        fig.add_annotation(**note_annotation(t("trend.one_version", lang)))
    _set_axes(fig, versions, series, measure, lang)
    fig.update_layout(hovermode="closest")
    default_title = t(f"trend.funding.title.{measure}", lang)
    return finish(
        fig,
        lang=lang,
        title=wrapped_title(title or default_title),
        source=source,
        as_of=as_of,
        scenario=scenario,
        height=None if height is None else height + legend_extra(legend_names),
        extra_top=legend_extra(legend_names),
    )
