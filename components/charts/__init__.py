"""Funding figures: data frames in, ``go.Figure`` out (pure, no streamlit).

Frames have the data layer's shape:

``areas``
    area_id, objective_id, name_en, name_fr, required_usd (Int64), confirmed_usd (Int64,
    <NA> = not reported), gap_usd (Int64), coverage (Float64 fraction), reported (bool),
    over_funded (bool).
``objectives``
    objective_id, name_en, name_fr, required_usd, confirmed_usd, itemised_confirmed_usd,
    unitemised_confirmed_usd, gap_usd, coverage, people_targeted.

Missing is never zero: a not-reported area is drawn as a full-length grey hatched bar and
labelled "not reported"; donuts are only drawn for areas with a reported figure. Every
builder stamps source and as-of date (:func:`components.theme.add_stamp`).

Modules: :mod:`~components.charts.textfit` (text measuring), :mod:`~components.charts.bars`
(activity-area bars), :mod:`~components.charts.objective_bars`,
:mod:`~components.charts.bar_ends` (the labels at the bars' ends),
:mod:`~components.charts.donuts`, :mod:`~components.charts.deltas` (scenario changes),
:mod:`~components.charts.trends` (funding over versions), :mod:`~components.charts.donor_trend`,
:mod:`~components.charts.rounds` (IDPs across DTM rounds), :mod:`~components.charts.round_change`
(the change between two rounds), :mod:`~components.charts.trend_summary`,
:mod:`~components.charts.summary` (a chart's or map's text summary, for screen readers) and
:mod:`~components.charts._common` (columns, numbers, names, ticks, stamp).
"""

from __future__ import annotations

from components.charts._common import (
    AREA_COLUMNS,
    OBJECTIVE_COLUMNS,
    Stamp,
    area_name,
    area_short_name,
    objective_name,
)
from components.charts.bars import SORT_KEYS, area_funding_bars
from components.charts.deltas import delta_bars
from components.charts.donor_trend import donor_trend, has_donor_rows
from components.charts.donuts import (
    DONUT_STAMP_WRAP,
    DONUT_TITLE_WRAP,
    DONUT_WIDTH,
    MIN_DONUT_PX,
    coverage_donut,
    coverage_donuts_grid,
    objective_donuts,
)
from components.charts.objective_bars import objective_funding_bars
from components.charts.round_change import round_change_bars
from components.charts.rounds import dtm_trend
from components.charts.summary import deck_summary, figure_summary, figure_title
from components.charts.textfit import DESIGN_WIDTH
from components.charts.trends import funding_trend

__all__ = [
    "Stamp",
    "AREA_COLUMNS",
    "DESIGN_WIDTH",
    "DONUT_STAMP_WRAP",
    "DONUT_TITLE_WRAP",
    "DONUT_WIDTH",
    "MIN_DONUT_PX",
    "OBJECTIVE_COLUMNS",
    "SORT_KEYS",
    "area_funding_bars",
    "area_name",
    "area_short_name",
    "coverage_donut",
    "coverage_donuts_grid",
    "deck_summary",
    "delta_bars",
    "donor_trend",
    "dtm_trend",
    "figure_summary",
    "figure_title",
    "funding_trend",
    "has_donor_rows",
    "objective_donuts",
    "objective_funding_bars",
    "objective_name",
    "round_change_bars",
]
