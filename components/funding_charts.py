"""Funding figures: activity-area bars, objective bars, coverage donuts, scenario deltas.

Pure: data frames in, ``go.Figure`` out. Frames have the data layer's shape:

``areas``
    area_id, objective_id, name_en, name_fr, required_usd (Int64), confirmed_usd (Int64,
    <NA> = not reported), gap_usd (Int64), coverage (Float64 fraction), reported (bool),
    over_funded (bool).
``objectives``
    objective_id, name_en, name_fr, required_usd, confirmed_usd, itemised_confirmed_usd,
    unitemised_confirmed_usd, gap_usd, coverage, people_targeted.

Missing is never zero: a not-reported area is drawn as a full-length grey hatched bar
and labelled "not reported"; donuts are only drawn for areas with a reported figure.
Every builder stamps source and as-of date (:func:`components.theme.add_stamp`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from components.formats import fmt_int, fmt_pct, fmt_usd, is_missing
from components.i18n import has_label, t
from components.theme import (
    COLORS,
    LEGEND_BAND,
    MARGINS,
    NOT_REPORTED_PATTERN,
    SIZES,
    TITLE_BAND,
    add_stamp,
    base_layout,
    wrap,
)

AREA_COLUMNS: tuple[str, ...] = (
    "area_id",
    "objective_id",
    "name_en",
    "name_fr",
    "required_usd",
    "confirmed_usd",
    "gap_usd",
    "coverage",
    "reported",
    "over_funded",
)
OBJECTIVE_COLUMNS: tuple[str, ...] = (
    "objective_id",
    "name_en",
    "name_fr",
    "required_usd",
    "confirmed_usd",
    "itemised_confirmed_usd",
    "unitemised_confirmed_usd",
    "gap_usd",
    "coverage",
)
SORT_KEYS: tuple[str, ...] = ("required", "gap", "coverage")

# Right-hand room for the bar-end labels, as a fraction of the longest bar (a minimum: the
# range grows until the longest label fits, see :func:`_label_range`).
_LABEL_ROOM = 0.45
# Labels are sized for the narrowest place a full-width chart is shown: a 1280 px projector
# with Streamlit's sidebar open leaves about 880 px to the chart. Text widths are estimated
# with generous average glyph widths (em) of the system sans-serif (DejaVu Sans is ~0.51
# regular, ~0.59 bold), so a wider fallback font still fits.
DESIGN_WIDTH = 860
_EM = 0.56
_EM_BOLD = 0.62
_LINE = 1.3  # line height, in font sizes
_BAR_END_KIND = "bar_end_label"
# An invisible marker in front of bar-end labels keeps them off the bar's end.
_LABEL_SPACER = {"size": 12, "color": "rgba(0,0,0,0)"}


# --- helpers ---------------------------------------------------------------------------------
def _require_columns(frame: pd.DataFrame, columns: Sequence[str], what: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"{what} frame is missing columns: {', '.join(missing)}")


def _num(value: Any) -> int | float | None:
    """A plain Python number, or None for a missing value (never 0)."""
    if is_missing(value):
        return None
    as_float = float(value)
    return int(as_float) if as_float.is_integer() else as_float


def _flag(value: Any) -> bool:
    return False if is_missing(value) else bool(value)


def area_name(row: Any, lang: str) -> str:
    """Full area name from the translation table; the frame's ``name_<lang>`` for ids the
    table does not know (one table of labels, so every chart and page agrees)."""
    key = f"area.{row.area_id}"
    if has_label(key):
        return t(key, lang)
    name = getattr(row, f"name_{lang}", None)
    return str(name) if not is_missing(name) and str(name).strip() else str(row.area_id)


def area_short_name(row: Any, lang: str) -> str:
    """Short area name for chart axes (falls back to the full name)."""
    key = f"area_short.{row.area_id}"
    return t(key, lang) if has_label(key) else area_name(row, lang)


def objective_name(objective_id: str, lang: str, row: Any = None) -> str:
    key = f"objective.{objective_id}"
    if has_label(key):
        return t(key, lang)
    name = getattr(row, f"name_{lang}", None) if row is not None else None
    return str(name) if not is_missing(name) else str(objective_id)


def _coverage(row: Any) -> float | None:
    """The frame's coverage; derived from confirmed/required only if the column is empty."""
    cov = _num(row.coverage)
    if cov is not None:
        return cov
    confirmed, required = _num(row.confirmed_usd), _num(row.required_usd)
    if confirmed is None or not required:
        return None
    return confirmed / required


def _plain_lines(text: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", line) for line in str(text).split("<br>")]


def _text_px(text: str, size: float, *, bold: bool = False) -> float:
    """Estimated width in px of the longest line of a (plotly-HTML) label."""
    em = _EM_BOLD if bold else _EM
    return max(len(line) for line in _plain_lines(text)) * size * em


def _chars(px: float, size: float, *, bold: bool = False) -> int:
    """How many characters fit in ``px`` at font ``size`` (for :func:`wrap`)."""
    return max(8, int(px / (size * (_EM_BOLD if bold else _EM))))


def _bold_lines(text: str) -> str:
    """Bold every line of a wrapped label (one ``<b>`` per line)."""
    return "<br>".join(f"<b>{line}</b>" for line in text.split("<br>"))


def _plot_px(categories: Iterable[str]) -> float:
    """Plot-area width at :data:`DESIGN_WIDTH`, after the y tick labels (automargin)."""
    labels = max((_text_px(c, SIZES["tick"]) for c in categories), default=0.0)
    return DESIGN_WIDTH - MARGINS["l"] - MARGINS["r"] - labels - 12


def _label_range(ends: Iterable[tuple[float, str]], plot_px: float, xmax: float) -> float:
    """Upper x limit so each bar-end label (``(x, text)``) fits right of its bar.

    A label of ``w`` px starting ``pad`` px after ``x`` fits when
    ``x / high * plot_px + pad + w <= plot_px + margin_r``.
    """
    pad = _LABEL_SPACER["size"] + 4
    high = xmax * (1 + _LABEL_ROOM)
    for x, text in ends:
        room = plot_px + MARGINS["r"] - pad - _text_px(text, SIZES["bar_text"])
        room = max(room, plot_px * 0.25)  # never squash the bars below a quarter
        high = max(high, x * plot_px / room)
    return high


def _hover(lines: Iterable[str]) -> str:
    return "<br>".join(lines)


def _tick_label(value: float, lang: str, signed: bool = False) -> str:
    text = fmt_usd(value, lang, compact=True, signed=signed and value != 0)
    if abs(value) >= 1_000_000 and (abs(value) / 1_000_000).is_integer():
        text = text.replace(".0M", "M").replace(",0\u00a0M", "\u00a0M")  # $5M, 5 M$
    return text


def _usd_ticks(
    high: float, lang: str, *, low: float = 0.0, signed: bool = False, n: int = 6
) -> tuple[list[float], list[str]]:
    """About ``n`` round tick values from ``low`` to ``high``, in compact locale USD."""
    span = high - low
    if span <= 0:
        return [0], [_tick_label(0, lang)]
    raw = span / n
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    first = math.ceil(low / step - 1e-9)
    last = math.floor(high / step + 1e-9)
    values = [i * step for i in range(first, last + 1)]
    return values, [_tick_label(v, lang, signed) for v in values]


def _finish(
    fig: go.Figure,
    *,
    lang: str,
    title: str,
    source: str,
    as_of: Any,
    scenario: bool,
    height: int | None,
    legend: bool = True,
    extra_top: int = 0,
    stamp_wrap: int | None = None,
) -> go.Figure:
    base_layout(fig, lang, title, height=height, legend=legend)
    title_extra = round((title.count("<br>")) * SIZES["title"] * _LINE)
    if title_extra:
        # plotly lifts a multi-line title anchored at its top by ~0.7 line: lower it back.
        h = height or fig.layout.height or 720
        fig.update_layout(title={"y": 1 - (12 + round(0.7 * SIZES["title"])) / h})
        if legend:
            fig.update_layout(legend={"y": 1 - (TITLE_BAND + title_extra) / h})
    if extra_top or title_extra:
        fig.update_layout(margin={"t": fig.layout.margin.t + extra_top + title_extra})
    return add_stamp(fig, source, as_of, lang, scenario=scenario, wrap_width=stamp_wrap)


def _sorted_areas(frame: pd.DataFrame, sort_by: str) -> pd.DataFrame:
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


# --- activity areas ----------------------------------------------------------------------------


def _not_reported_end(required: float, lang: str) -> str:
    """Bar-end text of an amount whose confirmed part is not reported: 'not reported / $2.5M'."""
    return t(
        "label.bar_end_not_reported",
        lang,
        not_reported=t("status.not_reported", lang),
        required=fmt_usd(required, lang, compact=True),
    )


def _bar_end_labels(ends: dict[str, list], meta: dict[str, Any]) -> go.Scatter:
    """The text at the end of each bar (amounts and coverage), never clipped by the axis."""
    return go.Scatter(
        x=ends["x"],
        y=ends["y"],
        text=ends["text"],
        mode="markers+text",
        marker=_LABEL_SPACER,
        textposition="middle right",
        textfont={"size": SIZES["bar_text"], "color": COLORS["text"]},
        cliponaxis=False,
        hoverinfo="skip",
        showlegend=False,
        meta={**meta, "kind": _BAR_END_KIND},
    )


def area_funding_bars(
    areas: pd.DataFrame,
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

    Reported areas: confirmed (blue) + gap (light orange) = required. Not-reported areas:
    one full-length grey hatched bar (x = required), labelled "not reported", never a zero
    bar. Over-funded areas: the confirmed bar runs past a black "required" tick and the
    label is flagged. Bar-end labels are compact USD; hover gives exact USD and coverage.
    ``sort_by``: "required" (largest first), "gap" (largest first) or "coverage" (lowest
    first); not-reported areas go last for "gap" and "coverage". Traces carry
    ``meta={"kind": ..., "objective_id": ...}`` and ``customdata`` = area ids.
    """
    _require_columns(areas, AREA_COLUMNS, "areas")
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
    groups = [_sorted_areas(frame[frame["objective_id"] == oid], sort_by) for oid in objective_ids]
    all_labels = [area_short_name(r, lang) for g in groups for r in g.itertuples(index=False)]
    plot_px = _plot_px(all_labels)
    # Facet headings ("Objectif 1 — Sauver des vies…") wrap to the plot width at DESIGN_WIDTH.
    heading_chars = _chars(plot_px + MARGINS["r"], SIZES["subtitle"], bold=True)
    headings = {
        oid: _bold_lines(
            wrap(
                f"{t(f'objective_short.{oid}', lang)} — {objective_name(oid, lang)}", heading_chars
            )
        )
        for oid in objective_ids
    }
    line_px = SIZES["subtitle"] * _LINE
    heading_px = {oid: text.count("<br>") * line_px + line_px + 8 for oid, text in headings.items()}
    paper_px = (height or 720) - TITLE_BAND - LEGEND_BAND - 10 - MARGINS["b"]
    paper_px -= heading_px[objective_ids[0]]
    spacing = max((heading_px[oid] + 10 for oid in objective_ids[1:]), default=0.0)
    fig = make_subplots(
        rows=len(groups),
        cols=1,
        shared_xaxes=True,
        row_heights=[len(g) for g in groups],
        vertical_spacing=min(spacing / max(paper_px, 1.0), 0.3) if len(groups) > 1 else 0.0,
    )

    xmax = 0.0
    all_ends: list[tuple[float, str]] = []
    shown_legend: set[str] = set()

    def legend_once(kind: str) -> bool:
        first = kind not in shown_legend
        shown_legend.add(kind)
        return first

    for row_number, (oid, group) in enumerate(zip(objective_ids, groups, strict=True), start=1):
        conf: dict[str, list] = {"y": [], "x": [], "hover": [], "ids": []}
        gap: dict[str, list] = {"y": [], "x": [], "hover": [], "ids": []}
        nrep: dict[str, list] = {"y": [], "x": [], "hover": [], "ids": []}
        over: dict[str, list] = {"y": [], "x": [], "hover": [], "ids": []}
        ends: dict[str, list] = {"y": [], "x": [], "text": []}
        categories: list[str] = []
        for row in group.itertuples(index=False):
            label = area_short_name(row, lang)
            categories.append(label)
            required = _num(row.required_usd) or 0
            confirmed = _num(row.confirmed_usd)
            reported = _flag(row.reported) and confirmed is not None
            coverage = _coverage(row)
            gap_value = _num(row.gap_usd)
            if reported and gap_value is None:
                gap_value = required - confirmed
            hover = _hover(
                [
                    f"<b>{area_name(row, lang)}</b>",
                    t("hover.required", lang, value=fmt_usd(required, lang)),
                    t(
                        "hover.confirmed",
                        lang,
                        value=fmt_usd(confirmed if reported else None, lang),
                    ),
                    t("hover.gap", lang, value=fmt_usd(gap_value if reported else None, lang)),
                    t("hover.coverage", lang, value=fmt_pct(coverage if reported else None, lang)),
                ]
            )
            if not reported:
                for key, val in (("y", label), ("x", required), ("hover", hover)):
                    nrep[key].append(val)
                nrep["ids"].append(row.area_id)
                end_x = required
                end_text = _not_reported_end(required, lang)
            else:
                for key, val in (("y", label), ("x", confirmed), ("hover", hover)):
                    conf[key].append(val)
                conf["ids"].append(row.area_id)
                is_over = _flag(row.over_funded) or confirmed > required
                if is_over:
                    for key, val in (("y", label), ("x", required), ("hover", hover)):
                        over[key].append(val)
                    over["ids"].append(row.area_id)
                else:
                    for key, val in (("y", label), ("x", gap_value), ("hover", hover)):
                        gap[key].append(val)
                    gap["ids"].append(row.area_id)
                end_x = max(required, confirmed)
                end_text = t(
                    "label.bar_end",
                    lang,
                    confirmed=fmt_usd(confirmed, lang, compact=True),
                    required=fmt_usd(required, lang, compact=True),
                    coverage=fmt_pct(coverage, lang),
                )
                if is_over:
                    end_text += "  " + t("label.over_funded_flag", lang)
            ends["y"].append(label)
            ends["x"].append(end_x)
            ends["text"].append(end_text)
            all_ends.append((end_x, end_text))
            xmax = max(xmax, end_x)

        common = {"orientation": "h", "hovertemplate": "%{hovertext}<extra></extra>"}
        meta = {"objective_id": oid}
        bar_markers = {
            "confirmed": {"color": COLORS["confirmed"], "line": {"width": 0}},
            "gap": {"color": COLORS["gap"], "line": {"width": 0}},
            "not_reported": {
                "color": COLORS["not_reported"],
                "pattern": NOT_REPORTED_PATTERN,
                "line": {"width": 1, "color": COLORS["not_reported_hatch"]},
            },
        }
        for kind, series in (("confirmed", conf), ("gap", gap), ("not_reported", nrep)):
            if not series["y"]:
                continue
            fig.add_trace(
                go.Bar(
                    name=t(f"legend.{kind}", lang),
                    legendgroup=kind,
                    showlegend=legend_once(kind),
                    x=series["x"],
                    y=series["y"],
                    customdata=series["ids"],
                    hovertext=series["hover"],
                    marker=bar_markers[kind],
                    meta={**meta, "kind": kind},
                    **common,
                ),
                row=row_number,
                col=1,
            )
        if over["y"]:
            fig.add_trace(
                go.Scatter(
                    name=t("legend.required", lang),
                    legendgroup="required",
                    showlegend=legend_once("required"),
                    x=over["x"],
                    y=over["y"],
                    customdata=over["ids"],
                    hovertext=over["hover"],
                    hovertemplate="%{hovertext}<extra></extra>",
                    mode="markers",
                    marker={
                        "symbol": "line-ns",
                        "size": 34,
                        "line": {"width": 4, "color": COLORS["text"]},
                    },
                    meta={**meta, "kind": "required_marker"},
                ),
                row=row_number,
                col=1,
            )
        fig.add_trace(
            _bar_end_labels(ends, meta),
            row=row_number,
            col=1,
        )
        yaxis = "yaxis" if row_number == 1 else f"yaxis{row_number}"
        fig.layout[yaxis].update(
            categoryorder="array",
            categoryarray=list(reversed(categories)),
            showgrid=False,
            ticklabelstandoff=8,
        )

    tickvals, ticktext = _usd_ticks(xmax, lang)
    fig.update_xaxes(
        range=[0, _label_range(all_ends, plot_px, xmax)],
        tickvals=tickvals,
        ticktext=ticktext,
        showgrid=True,
    )
    fig.update_layout(barmode="stack", bargap=0.28)

    # Facet titles: the objective names, left-aligned above each facet, wrapped.
    for row_number, oid in enumerate(objective_ids, start=1):
        yaxis = "yaxis" if row_number == 1 else f"yaxis{row_number}"
        top = fig.layout[yaxis].domain[1]
        fig.add_annotation(
            name=f"facet:{oid}",
            text=headings[oid],
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

    return _finish(
        fig,
        lang=lang,
        title=title or t("chart.area_funding.title", lang),
        source=source,
        as_of=as_of,
        scenario=scenario,
        height=height,
        extra_top=round(heading_px[objective_ids[0]]),
    )


# --- objectives ----------------------------------------------------------------------------
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
    _require_columns(objectives, OBJECTIVE_COLUMNS, "objectives")
    if objectives.empty:
        raise ValueError("objective_funding_bars: no objective to draw")

    segs: dict[str, dict[str, list]] = {
        kind: {"y": [], "x": [], "hover": [], "ids": []}
        for kind in ("itemised", "not_itemised", "gap", "not_reported")
    }
    ends: dict[str, list] = {"y": [], "x": [], "text": []}
    categories: list[str] = []
    callouts: list[tuple[str, float, str, str]] = []
    xmax = 0.0
    for row in objectives.itertuples(index=False):
        oid = row.objective_id
        label = f"<b>{t(f'objective_short.{oid}', lang)}</b><br>" + wrap(
            objective_name(oid, lang, row), 30
        )
        categories.append(label)
        required = _num(row.required_usd) or 0
        confirmed = _num(row.confirmed_usd)
        itemised = _num(row.itemised_confirmed_usd)
        unitemised = _num(row.unitemised_confirmed_usd)
        gap_value = _num(row.gap_usd)
        coverage = _coverage(row)
        if confirmed is not None and gap_value is None:
            gap_value = required - confirmed
        lines = [
            f"<b>{objective_name(oid, lang, row)}</b>",
            t("hover.required", lang, value=fmt_usd(required, lang)),
            t("hover.confirmed", lang, value=fmt_usd(confirmed, lang)),
        ]
        if confirmed is not None:
            lines += [
                t("hover.itemised", lang, value=fmt_usd(itemised, lang)),
                t("hover.not_itemised", lang, value=fmt_usd(unitemised, lang)),
            ]
        lines += [
            t("hover.gap", lang, value=fmt_usd(gap_value, lang)),
            t("hover.coverage", lang, value=fmt_pct(coverage, lang)),
        ]
        people = getattr(row, "people_targeted", None)
        if people is not None and not is_missing(people):
            lines.append(t("hover.people_targeted", lang, value=fmt_int(people, lang)))
        hover = _hover(lines)

        def put(kind: str, value: float, *, _row: tuple = (label, hover, oid)) -> None:
            seg = segs[kind]
            for key, item in zip(("y", "hover", "ids"), _row, strict=True):
                seg[key].append(item)
            seg["x"].append(value)

        if confirmed is None:
            put("not_reported", required)
            end_x = required
            end_text = _not_reported_end(required, lang)
        else:
            if itemised is None:
                itemised = confirmed - (unitemised or 0)
            put("itemised", itemised)
            if unitemised:
                put("not_itemised", unitemised)
                callouts.append(
                    (label, itemised + unitemised / 2, oid, fmt_usd(unitemised, lang, compact=True))
                )
            if gap_value is not None and gap_value > 0:
                put("gap", gap_value)
            end_x = max(required, confirmed)
            end_text = t(
                "label.bar_end",
                lang,
                confirmed=fmt_usd(confirmed, lang, compact=True),
                required=fmt_usd(required, lang, compact=True),
                coverage=fmt_pct(coverage, lang),
            )
        ends["y"].append(label)
        ends["x"].append(end_x)
        ends["text"].append(end_text)
        xmax = max(xmax, end_x)

    fig = go.Figure()
    styles = {
        "itemised": (t("legend.confirmed_itemised", lang), {"color": COLORS["confirmed"]}),
        "not_itemised": (
            t("legend.not_itemised", lang),
            {
                "color": COLORS["not_itemised"],
                "pattern": {"shape": ".", "fgcolor": COLORS["confirmed"], "solidity": 0.3},
            },
        ),
        "gap": (t("legend.gap", lang), {"color": COLORS["gap"]}),
        "not_reported": (
            t("legend.not_reported", lang),
            {
                "color": COLORS["not_reported"],
                "pattern": NOT_REPORTED_PATTERN,
                "line": {"width": 1, "color": COLORS["not_reported_hatch"]},
            },
        ),
    }
    for kind, (name, marker) in styles.items():
        seg = segs[kind]
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
                hovertemplate="%{hovertext}<extra></extra>",
                marker=marker,
                meta={"kind": kind},
            )
        )
    fig.add_trace(_bar_end_labels(ends, {}))
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

    tickvals, ticktext = _usd_ticks(xmax, lang)
    high = _label_range(zip(ends["x"], ends["text"], strict=True), _plot_px(categories), xmax)
    fig.update_xaxes(range=[0, high], tickvals=tickvals, ticktext=ticktext)
    fig.update_yaxes(
        categoryorder="array",
        categoryarray=list(reversed(categories)),
        showgrid=False,
        ticklabelstandoff=8,
    )
    fig.update_layout(barmode="stack", bargap=0.5)
    return _finish(
        fig,
        lang=lang,
        title=title or t("chart.objective_funding.title", lang),
        source=source,
        as_of=as_of,
        scenario=scenario,
        height=height,
    )


# --- coverage donuts --------------------------------------------------------------------------
def _donut_trace(
    confirmed: int | float | None,
    required: int | float,
    lang: str,
    *,
    name: str,
    domain: dict | None = None,
    showlegend: bool = True,
) -> go.Pie:
    if confirmed is None:
        values, labels = [required], [t("legend.not_reported", lang)]
        colors = [COLORS["not_reported"]]
        patterns = [NOT_REPORTED_PATTERN["shape"]]
    else:
        gap_value = max(required - confirmed, 0)
        values = [confirmed, gap_value]
        labels = [t("legend.confirmed", lang), t("legend.gap", lang)]
        colors = [COLORS["confirmed"], COLORS["gap"]]
        patterns = ["", ""]
    coverage = None if confirmed is None else confirmed / required
    hover = _hover(
        [
            f"<b>{name}</b>",
            t("hover.required", lang, value=fmt_usd(required, lang)),
            t("hover.confirmed", lang, value=fmt_usd(confirmed, lang)),
            t(
                "hover.gap",
                lang,
                value=fmt_usd(None if confirmed is None else required - confirmed, lang),
            ),
            t("hover.coverage", lang, value=fmt_pct(coverage, lang)),
        ]
    )
    return go.Pie(
        values=values,
        labels=labels,
        hole=0.62,
        sort=False,
        direction="clockwise",
        rotation=0,
        textinfo="none",
        marker={
            "colors": colors,
            "line": {"color": "#FFFFFF", "width": 2},
            "pattern": {
                "shape": patterns,
                "fgcolor": COLORS["not_reported_hatch"],
                "solidity": NOT_REPORTED_PATTERN["solidity"],
            },
        },
        hovertext=[hover] * len(values),
        hovertemplate="%{hovertext}<extra></extra>",
        showlegend=showlegend,
        domain=domain,
        name=name,
    )


# A single donut is drawn in a page column (a third of the width): wrap its stamp, and its
# title to about 400 px (the title is bold, at the house title size).
DONUT_STAMP_WRAP = 36
DONUT_WIDTH = 400
DONUT_TITLE_WRAP = _chars(DONUT_WIDTH - 24, SIZES["title"], bold=True)


def coverage_donut(
    confirmed: Any,
    required: Any,
    *,
    title: str,
    lang: str = "fr",
    source: str,
    as_of: Any,
    scenario: bool = False,
    height: int | None = 460,
) -> go.Figure:
    """One donut: confirmed vs gap, centre label = coverage % (one decimal, locale).

    A not-reported ``confirmed`` gives a grey hatched ring with "not reported" in the
    centre, never 0 %.
    """
    required_value = _num(required)
    if required_value is None or required_value <= 0:
        raise ValueError("coverage_donut needs a positive required amount")
    confirmed_value = _num(confirmed)
    fig = go.Figure(_donut_trace(confirmed_value, required_value, lang, name=title))
    # Wrap the title as shown: with the scenario prefix when there is one (the stamp then
    # finds the prefix already there and only sets the scenario colour below).
    shown = t("scenario.title_prefix", lang, title=title) if scenario else title
    title_lines = wrap(shown, DONUT_TITLE_WRAP).count("<br>")
    centre = (
        fmt_pct(confirmed_value / required_value, lang)
        if confirmed_value is not None
        else t("status.not_reported", lang)
    )
    fig.add_annotation(
        name="centre",
        text=f"<b>{centre}</b>",
        x=0.5,
        y=0.5,
        xref="paper",
        yref="paper",
        xanchor="center",
        yanchor="middle",
        showarrow=False,
        # A title wrapped onto more lines leaves a smaller ring: a slightly smaller centre.
        font={"size": SIZES["donut_centre"] + 10 - 3 * title_lines, "color": COLORS["text"]},
    )
    _finish(
        fig,
        lang=lang,
        title=wrap(shown, DONUT_TITLE_WRAP),
        source=source,
        as_of=as_of,
        scenario=scenario,
        height=height,
        stamp_wrap=DONUT_STAMP_WRAP,
    )
    fig.update_layout(title={"text": _bold_lines(wrap(shown, DONUT_TITLE_WRAP))})
    if scenario:
        fig.update_layout(title={"font": {"color": COLORS["scenario"]}})
    return fig


MIN_DONUT_PX = 130
"""Smallest height of one donut in the grid, in pixels at the design size."""


def coverage_donuts_grid(
    areas: pd.DataFrame,
    *,
    lang: str = "fr",
    source: str,
    as_of: Any,
    scenario: bool = False,
    cols: int = 4,
    title: str | None = None,
    height: int | None = 720,
) -> go.Figure:
    """Small-multiple donuts for the areas WITH a reported confirmed figure.

    Not-reported areas are listed in a caption under the grid, not drawn as 0 %. Centre
    annotations are named ``centre:<area_id>``; the caption ``not_reported_caption``.
    """
    _require_columns(areas, AREA_COLUMNS, "areas")
    reported_mask = [
        _flag(r) and not is_missing(c)
        for r, c in zip(areas["reported"], areas["confirmed_usd"], strict=True)
    ]
    drawn = areas[reported_mask]
    missing = areas[[not m for m in reported_mask]]
    n = len(drawn)
    rows = max(1, math.ceil(n / cols))
    ncols = min(cols, max(n, 1))

    # Short names, wrapped to the cell width at DESIGN_WIDTH so neighbours never touch.
    hspace = 0.04
    plot_px = DESIGN_WIDTH - MARGINS["l"] - MARGINS["r"]
    cell_px = plot_px * (1 - hspace * (ncols - 1)) / ncols
    title_size = SIZES["subtitle"]
    titles = [
        wrap(area_short_name(row, lang), _chars(cell_px - 8, title_size))
        for row in drawn.itertuples(index=False)
    ]
    title_lines = max((ttl.count("<br>") + 1 for ttl in titles), default=1)
    title_px = title_lines * title_size * _LINE + 6

    caption = None
    caption_px = 0
    if len(missing):
        names = ", ".join(area_short_name(row, lang) for row in missing.itertuples(index=False))
        caption_text = t("label.not_reported_areas", lang, n=len(missing), areas=names)
        caption = wrap(caption_text, _chars(plot_px, SIZES["annotation"]))
        caption_px = round((caption.count("<br>") + 1) * SIZES["annotation"] * _LINE) + 16

    top_px = TITLE_BAND + LEGEND_BAND + 10 + title_px
    # Every row keeps room for a readable donut and its title: an update that reports more
    # areas makes the figure taller instead of squeezing rows (plotly refuses a vertical
    # spacing above 1 / (rows - 1), which 17 or more donuts in 720 px reached).
    row_px = MIN_DONUT_PX + title_px + 12
    height = max(height or 720, round(top_px + MARGINS["b"] + caption_px + rows * row_px))
    paper_px = height - top_px - MARGINS["b"] - caption_px
    spacing = 0.0
    if rows > 1:
        spacing = min((title_px + 12) / max(paper_px, 1.0), 0.3, 0.9 / (rows - 1))
    fig = make_subplots(
        rows=rows,
        cols=ncols,
        specs=[[{"type": "domain"}] * ncols for _ in range(rows)],
        subplot_titles=titles or None,
        vertical_spacing=spacing,
        horizontal_spacing=hspace,
    )
    for i, row in enumerate(drawn.itertuples(index=False)):
        r, c = divmod(i, ncols)
        confirmed = _num(row.confirmed_usd)
        required = _num(row.required_usd) or 0
        trace = _donut_trace(
            confirmed, required, lang, name=area_name(row, lang), showlegend=(i == 0)
        )
        fig.add_trace(trace, row=r + 1, col=c + 1)
        domain = fig.data[-1].domain
        cx = (domain.x[0] + domain.x[1]) / 2
        cy = (domain.y[0] + domain.y[1]) / 2
        fig.add_annotation(
            name=f"centre:{row.area_id}",
            text=f"<b>{fmt_pct(_coverage(row), lang)}</b>",
            x=cx,
            y=cy,
            xref="paper",
            yref="paper",
            xanchor="center",
            yanchor="middle",
            showarrow=False,
            font={"size": SIZES["donut_centre"], "color": COLORS["text"]},
        )
    unnamed = [a for a in fig.layout.annotations if not a.name]  # make_subplots titles
    for annotation, row in zip(unnamed, drawn.itertuples(index=False), strict=True):
        annotation.name = f"title:{row.area_id}"
        annotation.font = {"size": title_size, "color": COLORS["text"]}

    if caption is not None:
        fig.add_annotation(
            name="not_reported_caption",
            text=caption,
            xref="paper",
            yref="paper",
            x=0,
            y=0,
            xanchor="left",
            yanchor="top",
            yshift=-10,
            showarrow=False,
            align="left",
            font={"size": SIZES["annotation"], "color": COLORS["muted_text"]},
        )

    base_layout(fig, lang, title or t("chart.coverage_donuts.title", lang), height=height)
    fig.update_layout(
        margin={
            "t": fig.layout.margin.t + round(title_px),
            "b": fig.layout.margin.b + caption_px,
        }
    )
    return add_stamp(fig, source, as_of, lang, scenario=scenario)


# --- scenario comparison ------------------------------------------------------------------------
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
    _require_columns(baseline_areas, AREA_COLUMNS, "baseline_areas")
    _require_columns(scenario_areas, AREA_COLUMNS, "scenario_areas")
    merged = baseline_areas.merge(
        scenario_areas[["area_id", "confirmed_usd", "reported"]],
        on="area_id",
        how="outer",
        suffixes=("", "_scn"),
        validate="one_to_one",
        indicator=True,
    )
    if (merged["_merge"] != "both").any():
        odd = merged.loc[merged["_merge"] != "both", "area_id"].tolist()
        raise ValueError(f"delta_bars: areas not in both frames: {odd}")

    records = []
    for order, row in enumerate(merged.itertuples(index=False)):
        base = _num(row.confirmed_usd) if _flag(row.reported) else None
        scn = _num(row.confirmed_usd_scn) if _flag(row.reported_scn) else None
        delta = scn - base if base is not None and scn is not None else None
        records.append((row, base, scn, delta, order))
    if changed_only:
        # Keep real changes and changes of reporting status; drop unchanged areas.
        records = [
            r
            for r in records
            if (r[3] is not None and r[3] != 0) or ((r[1] is None) != (r[2] is None))
        ]
    if not records:
        raise ValueError("delta_bars: no activity area to draw")
    records.sort(key=lambda r: (r[3] is None, -(r[3] or 0), r[4]))

    inc: dict[str, list] = {"y": [], "x": [], "hover": [], "ids": [], "text": []}
    dec: dict[str, list] = {"y": [], "x": [], "hover": [], "ids": [], "text": []}
    unknown: dict[str, list] = {"y": [], "x": [], "text": [], "hover": [], "ids": []}
    unchanged: dict[str, list] = {"y": [], "x": [], "text": [], "hover": [], "ids": []}
    categories = []
    span = max([abs(r[3]) for r in records if r[3] is not None] or [1])
    for row, base, scn, delta, _ in records:
        label = area_short_name(row, lang)
        categories.append(label)
        hover = _hover(
            [
                f"<b>{area_name(row, lang)}</b>",
                t("hover.baseline", lang, value=fmt_usd(base, lang)),
                t("hover.scenario", lang, value=fmt_usd(scn, lang)),
                t("hover.change", lang, value=fmt_usd(delta, lang, signed=True)),
            ]
        )
        if delta is None:
            if base is None and scn is not None:
                text = t(
                    "label.delta_from_not_reported", lang, value=fmt_usd(scn, lang, compact=True)
                )
            elif base is not None and scn is None:
                text = t(
                    "label.delta_to_not_reported", lang, value=fmt_usd(base, lang, compact=True)
                )
            else:
                text = t("status.not_reported", lang)
            target = unknown
            target["text"].append(text)
            target["x"].append(0)
        elif delta == 0:
            target = unchanged
            target["text"].append(t("status.unchanged", lang))
            target["x"].append(0)
        else:
            target = inc if delta > 0 else dec
            target["x"].append(delta)
            target["text"].append(fmt_usd(delta, lang, compact=True, signed=True))
        target["y"].append(label)
        target["hover"].append(hover)
        target["ids"].append(row.area_id)

    fig = go.Figure()
    for kind, seg, color in (
        ("increase", inc, COLORS["increase"]),
        ("decrease", dec, COLORS["decrease"]),
    ):
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
                hovertemplate="%{hovertext}<extra></extra>",
                marker={"color": color},
                meta={"kind": kind},
            )
        )
    for kind, seg in (("unknown", unknown), ("unchanged", unchanged)):
        if not seg["y"]:
            continue
        fig.add_trace(
            go.Scatter(
                name=t("legend.not_reported" if kind == "unknown" else "status.unchanged", lang),
                x=seg["x"],
                y=seg["y"],
                text=seg["text"],
                mode="markers+text",
                marker=_LABEL_SPACER,
                textposition="middle right",
                textfont={"size": SIZES["bar_text"], "color": COLORS["muted_text"]},
                customdata=seg["ids"],
                hovertext=seg["hover"],
                hovertemplate="%{hovertext}<extra></extra>",
                cliponaxis=False,
                showlegend=False,
                meta={"kind": kind},
            )
        )
    low = min([0.0, *dec["x"]])
    high = max([0.0, *inc["x"]])
    room = span * _LABEL_ROOM
    tickvals, ticktext = _usd_ticks(high, lang, low=low, signed=True, n=4)
    fig.update_xaxes(
        range=[low - (room if low < 0 else 0), high + 2 * room],
        tickvals=tickvals,
        ticktext=ticktext,
    )
    fig.update_yaxes(
        categoryorder="array",
        categoryarray=list(reversed(categories)),
        showgrid=False,
        ticklabelstandoff=8,
    )
    fig.update_layout(barmode="relative", bargap=0.3)
    _finish(
        fig,
        lang=lang,
        title=title or t("chart.delta.title", lang),
        source=source,
        as_of=as_of,
        scenario=scenario,
        height=height,
    )
    return fig.update_xaxes(zeroline=True, zerolinewidth=2, zerolinecolor=COLORS["text"])
