"""Text summaries of the trend figures (funding over versions, donors, DTM rounds, the change
between two rounds, the maps per round), read from the figures' traces.

:func:`components.charts.summary.figure_summary` asks :func:`trend_summary` first; it
answers ``None`` for a figure of another kind. Names are read from the traces' ``meta``
(raw, as the data has them), never from plotly's escaped text; at most :data:`MAX_LINES`.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

import plotly.graph_objects as go

from components.charts._trend_common import NOTE_NAME, signed_int
from components.charts.donor_trend import DONOR_KIND as DONOR
from components.charts.round_change import CHANGE_KIND as CHANGE
from components.charts.rounds import POINTS_KIND as DTM
from components.charts.trends import REQUIRED_KIND as REQUIRED
from components.charts.trends import SERIES_KIND as FUNDING
from text import fmt_date, fmt_int, fmt_pct, fmt_usd, nt, t

MAX_LINES = 5
MAX_NAMES = 4
MAP_UNIT = "round_map.unit"  # components.maps.rounds.UNIT_KIND (maps sit beside charts)


def _meta(trace: Any) -> dict[str, Any]:
    meta = getattr(trace, "meta", None)
    return meta if isinstance(meta, dict) else {}


def _traces(fig: go.Figure, kind: str) -> list[Any]:
    return [trace for trace in fig.data if _meta(trace).get("kind") == kind]


def names_line(names: Sequence[str], lang: str) -> str:
    """``A, B, C, D and 3 more``."""
    shown = ", ".join(names[:MAX_NAMES])
    extra = len(names) - MAX_NAMES
    return nt("summary.more", extra, lang, names=shown) if extra > 0 else shown


def _fitted(series: list[str], extras: list[str], also: list[str], lang: str) -> list[str]:
    """Series lines, then ``extras``; when they do not all fit, the last series are named in
    one "also in the chart" line."""
    room = MAX_LINES - len(extras)
    if len(series) > room:
        keep = max(room - 1, 0)
        rest = also[keep:]
        series = [*series[:keep], t("summary.trend.also", lang, names=names_line(rest, lang))]
    return [*series, *extras][:MAX_LINES]


def _series_line(name: str, points: list[tuple[str, str]], lang: str) -> str:
    """``name: first (date) → last (date)``; one point; or not reported."""
    if not points:
        return t("summary.trend.series_none", lang, name=name)
    if len(points) == 1:
        value, date = points[0]
        return t("summary.trend.point", lang, name=name, value=value, date=date)
    (first, first_date), (last, last_date) = points[0], points[-1]
    return t(
        "summary.trend.series",
        lang,
        name=name,
        first=first,
        first_date=first_date,
        last=last,
        last_date=last_date,
    )


def _one_note(fig: go.Figure) -> list[str]:
    return [str(a.text) for a in fig.layout.annotations if a.name == NOTE_NAME]


# --- funding over versions ---------------------------------------------------------------------
def _required_lines(fig: go.Figure, lang: str) -> list[str]:
    lines = []
    for trace in _traces(fig, REQUIRED):
        known = [(x, y) for x, y in zip(trace.x, trace.y, strict=True) if y is not None]
        if known:
            x, y = known[-1]
            worded = t(
                "summary.trend.required", lang, value=fmt_usd(y, lang), date=fmt_date(x, lang)
            )
            lines.append(worded)
    return lines


def funding_lines(fig: go.Figure, lang: str) -> list[str]:
    """Each series first → last reported figure, the required amount, what is not reported
    (the versions of a series with gaps; a series never reported, if its line is not shown)."""
    series = _traces(fig, FUNDING)
    figures = [
        [(x, y) for x, y in zip(trace.x, trace.y, strict=True) if y is not None] for trace in series
    ]
    required, notes = _required_lines(fig, lang), _one_note(fig)
    gaps = any(len(found) < len(trace.x) for found, trace in zip(figures, series, strict=True))
    room = MAX_LINES - len(required) - len(notes) - int(gaps)
    shown = len(series) if len(series) <= room else max(room - 1, 0)
    lines, missing = [], []
    for i, (trace, found) in enumerate(zip(series, figures, strict=True)):
        name = str(_meta(trace)["name"])
        fmt = fmt_pct if _meta(trace).get("measure") == "coverage" else fmt_usd
        lines.append(
            _series_line(name, [(fmt(y, lang), fmt_date(x, lang)) for x, y in found], lang)
        )
        absent = [fmt_date(x, lang) for x, y in zip(trace.x, trace.y, strict=True) if y is None]
        if absent and found:
            missing.append(t("summary.delta.item", lang, name=name, change=", ".join(absent)))
        elif absent and i >= shown:  # never reported, and its own line is left out
            missing.append(name)
    extras = list(required)
    if missing:
        extras.append(t("summary.trend.not_reported", lang, items=names_line(missing, lang)))
    names = [str(_meta(trace)["name"]) for trace in series]
    return _fitted(lines, extras + notes, names, lang)


# --- donors ------------------------------------------------------------------------------------
def donor_lines(fig: go.Figure, lang: str) -> list[str]:
    """Latest version first: its total and its donors (or statuses), largest first."""
    bars = _traces(fig, DONOR)
    if not bars:
        return []
    ticks = list(bars[0].x)
    lines = []
    for i in reversed(range(len(ticks))):
        parts = [(str(_meta(b)["name"]), float(b.y[i])) for b in bars if b.y[i] is not None]
        parts.sort(key=lambda p: -p[1])
        items = [
            t("summary.delta.item", lang, name=name, change=fmt_usd(value, lang))
            for name, value in parts
        ]
        lines.append(
            t(
                "summary.trend.donor_version",
                lang,
                version=html.unescape(str(ticks[i]).replace("<br>", " — ")),
                total=fmt_usd(sum(v for _, v in parts), lang),
                items=names_line(items, lang),
            )
        )
    return lines[:MAX_LINES]


# --- DTM rounds --------------------------------------------------------------------------------
def dtm_lines(fig: go.Figure, lang: str) -> list[str]:
    """Each series first → last round with a figure, counts and estimates told apart."""
    series, lines = _traces(fig, DTM), []
    for trace in series:
        meta = _meta(trace)
        points = [
            (
                t(
                    "summary.trend.dtm_value",
                    lang,
                    value=fmt_int(y, lang),
                    measure=t(f"trend.dtm.{measure}", lang),
                ),
                fmt_date(x, lang),
            )
            for x, y, measure in zip(trace.x, trace.y, meta["measures"], strict=True)
            if y is not None
        ]
        lines.append(_series_line(str(meta["name"]), points, lang))
    names = [str(_meta(trace)["name"]) for trace in series]
    return _fitted(lines, _one_note(fig), names, lang)


# --- change between two rounds -----------------------------------------------------------------
def change_lines(fig: go.Figure, lang: str) -> list[str]:
    """The national change, increases, decreases (IDPs and points), unknown, unchanged."""
    groups: dict[str, list[tuple[str, str, float]]] = {}
    points: dict[str, str] = {}  # region id -> change of share, worded
    pair: list[str] = []
    for trace in _traces(fig, CHANGE):
        meta = _meta(trace)
        pair = pair or list(meta.get("pair", ()))
        for name, rid, x, text in zip(
            meta["names"], trace.customdata, trace.x, trace.text, strict=True
        ):
            if meta["column"] == "share":
                if meta["group"] != "unknown":
                    points[str(rid)] = str(text)
            else:
                groups.setdefault(meta["group"], []).append((str(name), str(rid), float(x)))
    national = [(g, x) for g, items in groups.items() for _, rid, x in items if rid == "national"]
    if national and national[0][0] != "unknown":
        change = t("summary.trend.idps", lang, value=signed_int(national[0][1], lang))
    else:
        change = t("status.not_reported", lang)
    lines = [t("summary.trend.change_national", lang, a=pair[0], b=pair[1], change=change)]
    for group in ("increase", "decrease"):
        regions = [(name, rid, x) for name, rid, x in groups.get(group, []) if rid != "national"]
        regions.sort(key=lambda item: -abs(item[2]))  # the largest change first
        items = [
            t("summary.delta.item", lang, name=name, change=_change(x, points.get(rid), lang))
            for name, rid, x in regions
        ]
        if items:
            worded = t(
                "summary.trend.change_increase"
                if group == "increase"
                else "summary.trend.change_decrease",
                lang,
                items=names_line(items, lang),
            )
            lines.append(worded)
    unknown = [name for name, rid, _ in groups.get("unknown", []) if rid != "national"]
    if unknown:
        lines.append(t("summary.trend.change_unknown", lang, names=names_line(unknown, lang)))
    same = [name for name, rid, _ in groups.get("unchanged", []) if rid != "national"]
    if same:
        lines.append(nt("summary.trend.change_unchanged", len(same), lang))
    return lines[:MAX_LINES]


def _change(idps: float, points: str | None, lang: str) -> str:
    """``+5 000 PDI, +1,2 pt`` (the points left out when not known)."""
    text = t("summary.trend.idps", lang, value=signed_int(idps, lang))
    return (
        text if points is None else t("summary.trend.change_item", lang, idps=text, points=points)
    )


# --- maps per round ----------------------------------------------------------------------------
def map_lines(fig: go.Figure, lang: str) -> list[str]:
    """Per round: the IDPs on the map, the unit with the most, the units without a figure."""
    rounds: dict[int, list[dict[str, Any]]] = {}
    for trace in _traces(fig, MAP_UNIT):
        rounds.setdefault(int(_meta(trace)["round"]), []).append(_meta(trace))
    lines = []
    for k in sorted(rounds):
        units = sorted(rounds[k], key=lambda u: str(u["unit"]))  # p-code order
        label = html.unescape(str(units[0]["round_label"]))
        valued = [u for u in units if u["value"] is not None]
        top = max(valued, key=lambda u: u["value"], default=None)
        params = {
            "round": label,
            "total": fmt_int(sum(u["value"] for u in valued), lang),
            "name": top["label"] if top else t("status.not_reported", lang),
            "value": fmt_int(top["value"] if top else None, lang),
        }
        missing = [str(u["label"]) for u in units if u["value"] is None]
        if missing:
            params["names"] = names_line(missing, lang)
            lines.append(t("summary.trend.map_round_missing", lang, **params))
        else:
            lines.append(t("summary.trend.map_round", lang, **params))
    return lines[:MAX_LINES]


def trend_summary(fig: go.Figure, lang: str) -> list[str] | None:
    """The summary lines of a trend figure, or ``None`` when ``fig`` is not one."""
    kinds = {_meta(trace).get("kind") for trace in fig.data}
    if MAP_UNIT in kinds:
        return map_lines(fig, lang)
    if CHANGE in kinds:
        return change_lines(fig, lang)
    if DTM in kinds:
        return dtm_lines(fig, lang)
    if DONOR in kinds:
        return donor_lines(fig, lang)
    if FUNDING in kinds:
        return funding_lines(fig, lang)
    return None
