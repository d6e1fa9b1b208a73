"""Coverage: donuts for the plan, each objective, and each activity area with a reported figure."""

from __future__ import annotations

import streamlit as st

from components.charts import Stamp, coverage_donut, coverage_donuts_grid, objective_donuts
from components.widgets import chart_columns, show_chart
from pages._scenario import current_funding, scenario_active
from pages._shared import lang, page_header, plan_source, tr

page_header("page.coverage")
code = lang()
funding = current_funding()
source, as_of = plan_source()
scenario = scenario_active()
stamp: Stamp = {"lang": code, "source": source, "as_of": as_of, "scenario": scenario}

plan_donut = coverage_donut(
    funding.totals.confirmed_usd,
    funding.totals.required_usd,
    title=tr("coverage.plan"),
    **stamp,
)
objectives = objective_donuts(funding.objectives, short_titles=True, **stamp)
chart_columns([(plan_donut, "coverage-plan"), *objectives], lang=code)
st.subheader(tr("coverage.by_area"))
show_chart(coverage_donuts_grid(funding.areas, **stamp), "coverage-by-area", lang=code)
