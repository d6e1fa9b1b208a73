"""Coverage: donuts for the plan, each objective, and each activity area with a reported figure."""

from __future__ import annotations

import streamlit as st

from components.funding_charts import coverage_donut, coverage_donuts_grid
from components.widgets import show_chart
from pages._shared import current_funding, lang, page_header, plan_source, scenario_active, tr

page_header("page.coverage")
code = lang()
funding = current_funding()
source, as_of = plan_source()
scenario = scenario_active()
stamp = {"lang": code, "source": source, "as_of": as_of, "scenario": scenario}

columns = st.columns(1 + len(funding.objectives))
with columns[0]:
    show_chart(
        coverage_donut(
            funding.totals.confirmed_usd,
            funding.totals.required_usd,
            title=tr("coverage.plan"),
            **stamp,
        ),
        "coverage-plan",
        lang=code,
    )
for column, objective in zip(columns[1:], funding.objectives.itertuples(index=False), strict=True):
    with column:
        show_chart(
            coverage_donut(
                objective.confirmed_usd,
                objective.required_usd,
                title=tr(f"objective_short.{objective.objective_id}"),
                **stamp,
            ),
            f"coverage-{objective.objective_id}",
            lang=code,
        )
st.subheader(tr("coverage.by_area"))
show_chart(coverage_donuts_grid(funding.areas, **stamp), "coverage-by-area", lang=code)
