"""What each briefing screen shows: title, key figures, chart and notes, in one language.

Four :class:`Screen` s from the plan, the (baseline or scenario) funding and the DTM figures:
plan status, funding by objective, coverage donuts, IDP map. The projector page shows them
one at a time; the PDF and PowerPoint packs lay the same screens out on 16:9 pages.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import pandas as pd
import plotly.graph_objects as go

from components.charts import coverage_donut, coverage_donuts_grid, objective_funding_bars
from components.maps import idp_choropleth
from data.names import objective_names
from text import fmt_date, fmt_int, fmt_pct, fmt_usd, is_missing, t
from text.notes import dtm_source_text

SCREEN_KEYS: tuple[str, ...] = ("status", "objectives", "coverage", "displacement")
DEFAULT_CHART_HEIGHT = 500  # layout px unless asked (projector: stage.chart_layout_size)
STATUS_CHART_SHORTER = 120  # the status screen's two rows of key figures take that room
PACK_CHART_HEIGHT = 660  # layout px for the pack: ~1100 px wide in its chart box, no clipping


class KeyFigure(NamedTuple):
    """One big number: its label and its value, both formatted for the language."""

    label: str
    value: str


class Screen(NamedTuple):
    """One briefing message.

    ``scenario`` is True when the screen's figures come from an active scenario (the map's
    DTM figures never do); ``notes`` are short sentences shown under the figures.
    """

    key: str
    title: str
    key_figures: tuple[KeyFigure, ...]
    figure: go.Figure
    notes: tuple[str, ...] = ()
    scenario: bool = False


def clamp_screen(index: int) -> int:
    """A screen index (0-based) within :data:`SCREEN_KEYS`."""
    return min(max(index, 0), len(SCREEN_KEYS) - 1)


def screen_from_param(value: object) -> int:
    """The 0-based screen of a 1-based ``?screen=`` value; the first screen if unreadable."""
    try:
        return clamp_screen(int(value) - 1)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return 0


def screen_title(screen: Screen, lang: str) -> str:
    """The screen's title, prefixed 'SCÉNARIO — ' when it shows scenario figures."""
    return t("scenario.title_prefix", lang, title=screen.title) if screen.scenario else screen.title


# --- helpers -----------------------------------------------------------------------------------
def _coverage_row(area_id: str, name: str, amounts: Any) -> dict[str, object]:
    """One row of an ``areas`` frame for the donut grid, from a totals or objective row."""
    return {
        "area_id": area_id,
        "objective_id": area_id,
        "name_en": name,
        "name_fr": name,
        "short_name_en": name,
        "short_name_fr": name,
        "required_usd": amounts.required_usd,
        "confirmed_usd": amounts.confirmed_usd,
        "gap_usd": amounts.gap_usd,
        "coverage": amounts.coverage,
        "reported": not is_missing(amounts.confirmed_usd),
        "over_funded": False,
    }


def _coverage_frame(funding: Any, lang: str) -> pd.DataFrame:
    """Plan total and objectives in the shape of an ``areas`` frame, for the donut grid
    (each named by its short name in ``lang``: "Objectif 1")."""
    short = objective_names(funding.objectives, lang, short=True)
    rows = [_coverage_row("plan", t("briefing.coverage.plan", lang), funding.totals)]
    for row in funding.objectives.itertuples(index=False):
        rows.append(_coverage_row(row.objective_id, short[row.objective_id], row))
    frame = pd.DataFrame(rows)
    for column in ("required_usd", "confirmed_usd", "gap_usd"):
        frame[column] = frame[column].astype("Int64")
    frame["coverage"] = frame["coverage"].astype("Float64")
    return frame


# --- the four screens --------------------------------------------------------------------------
def _status_screen(plan: Any, funding: Any, stamp: dict, chart_height: int) -> Screen:
    lang, scenario, totals = stamp["lang"], stamp["scenario"], funding.totals
    key_figures = (
        KeyFigure(t("metric.required", lang), fmt_usd(totals.required_usd, lang)),
        KeyFigure(t("metric.confirmed", lang), fmt_usd(totals.confirmed_usd, lang)),
        KeyFigure(t("metric.gap", lang), fmt_usd(totals.gap_usd, lang)),
        KeyFigure(t("metric.coverage", lang), fmt_pct(totals.coverage, lang)),
        KeyFigure(t("metric.people_targeted", lang), fmt_int(totals.people_targeted, lang)),
        KeyFigure(t("briefing.figure.as_of", lang), fmt_date(plan.summary.document_date, lang)),
    )
    figure = coverage_donut(
        totals.confirmed_usd,
        totals.required_usd,
        title=t("chart.coverage_total.title", lang),
        height=chart_height - STATUS_CHART_SHORTER,
        **stamp,
    )
    # The plan's rounded totals are compared with the plan's figures only, never a scenario's.
    printed = t(
        "briefing.note.printed_totals",
        lang,
        confirmed=fmt_usd(plan.summary.confirmed_printed_usd, lang, compact=True),
        gap=fmt_usd(plan.summary.gap_printed_usd, lang, compact=True),
    )
    return Screen(
        key="status",
        title=t("briefing.screen.status", lang),
        key_figures=key_figures,
        figure=figure,
        notes=() if scenario else (printed,),
        scenario=scenario,
    )


def _objectives_screen(funding: Any, stamp: dict, chart_height: int) -> Screen:
    lang = stamp["lang"]
    key_figures: list[KeyFigure] = []
    notes: list[str] = []
    short = objective_names(funding.objectives, lang, short=True)
    for row in funding.objectives.itertuples(index=False):
        name = short[row.objective_id]
        key_figures.append(
            KeyFigure(
                t("briefing.figure.objective_gap", lang, objective=name),
                fmt_usd(row.gap_usd, lang),
            )
        )
        key_figures.append(
            KeyFigure(
                t("briefing.figure.objective_coverage", lang, objective=name),
                fmt_pct(row.coverage, lang),
            )
        )
        unitemised = getattr(row, "unitemised_confirmed_usd", None)
        if not is_missing(unitemised) and unitemised:
            amount = fmt_usd(unitemised, lang)
            notes.append(t("briefing.note.unitemised", lang, objective=name, amount=amount))
    return Screen(
        key="objectives",
        title=t("briefing.screen.objectives", lang),
        key_figures=tuple(key_figures),
        figure=objective_funding_bars(funding.objectives, height=chart_height, **stamp),
        notes=tuple(notes),
        scenario=stamp["scenario"],
    )


def _coverage_screen(funding: Any, stamp: dict, chart_height: int) -> Screen:
    lang = stamp["lang"]
    key_figures = [
        KeyFigure(t("briefing.figure.plan_coverage", lang), fmt_pct(funding.totals.coverage, lang))
    ]
    short = objective_names(funding.objectives, lang, short=True)
    for row in funding.objectives.itertuples(index=False):
        name = short[row.objective_id]
        label = t("briefing.figure.objective_coverage", lang, objective=name)
        key_figures.append(KeyFigure(label, fmt_pct(row.coverage, lang)))
    areas = funding.areas
    reported = int(areas["reported"].fillna(False).astype(bool).sum())
    key_figures.append(
        KeyFigure(t("briefing.figure.areas_reported", lang), f"{reported} / {len(areas)}")
    )
    figure = coverage_donuts_grid(
        _coverage_frame(funding, lang),
        cols=len(funding.objectives) + 1,
        title=t("briefing.coverage.chart_title", lang),
        height=chart_height,
        **stamp,
    )
    return Screen(
        key="coverage",
        title=t("briefing.screen.coverage", lang),
        key_figures=tuple(key_figures),
        figure=figure,
        notes=(t("briefing.note.coverage", lang),),
        scenario=stamp["scenario"],
    )


def _displacement_screen(dtm: Any, joined: Any, lang: str, chart_height: int) -> Screen:
    other = {"value": fmt_int(dtm.other_idps, lang), "pct": fmt_pct(dtm.other_share, lang)}
    figure = idp_choropleth(
        getattr(joined, "gdf", joined),
        lang=lang,
        title=t("briefing.map.title", lang),
        source=dtm_source_text(dtm, lang),
        as_of=dtm.as_of,
        height=chart_height,
    )
    return Screen(
        key="displacement",
        title=t("briefing.screen.displacement", lang),
        key_figures=(
            KeyFigure(t("metric.idps", lang), fmt_int(dtm.total_idps, lang)),
            KeyFigure(t("briefing.figure.as_of", lang), fmt_date(dtm.as_of, lang)),
            KeyFigure(
                t("briefing.figure.other_regions", lang),
                t("briefing.figure.other_value", lang, **other),
            ),
        ),
        figure=figure,
        notes=(t("briefing.note.other_regions", lang, **other),),
        scenario=False,  # DTM figures are never edited by a scenario
    )


def briefing_screens(
    plan: Any,
    funding: Any,
    dtm: Any,
    joined: Any,
    lang: str,
    scenario: bool,
    *,
    chart_height: int = DEFAULT_CHART_HEIGHT,
) -> list[Screen]:
    """The four briefing screens in ``lang``.

    Parameters
    ----------
    plan, funding, dtm
        :class:`data.plan.PlanData`, :class:`data.plan.Funding` (baseline or scenario),
        :class:`data.displacement.Displacement`.
    joined
        :class:`geo.join.JoinResult` (or its ``gdf``): DTM estimates on the boundaries.
    scenario
        The funding is a scenario: funding charts get the watermark and title prefix.
    chart_height
        Layout height (px) of the charts; the status screen's donut is
        :data:`STATUS_CHART_SHORTER` px shorter (six key figures take two rows).
    """
    stamp = {
        "lang": lang,
        "source": t("source.plan", lang),
        "as_of": plan.summary.document_date,
        "scenario": scenario,
    }
    return [
        _status_screen(plan, funding, stamp, chart_height),
        _objectives_screen(funding, stamp, chart_height),
        _coverage_screen(funding, stamp, chart_height),
        _displacement_screen(dtm, joined, lang, chart_height),
    ]
