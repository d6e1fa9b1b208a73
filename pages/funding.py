"""Funding: per activity area and per objective, confirmed and gap stacked to the requirement."""

from __future__ import annotations

import streamlit as st

from components.charts import Stamp, area_funding_bars, objective_funding_bars
from components.widgets import funding_controls, show_chart
from pages._scenario import current_funding, scenario_active
from pages._shared import lang, page_header, plan_source, tr

page_header("page.funding")
code = lang()
funding = current_funding()
source, as_of = plan_source()
stamp: Stamp = {"lang": code, "source": source, "as_of": as_of, "scenario": scenario_active()}

sort_by, chosen = funding_controls(funding.objectives, lang=code)
if not chosen:
    st.info(tr("funding.choose_objective"))
else:
    show_chart(
        area_funding_bars(
            funding.areas,
            funding.objectives,
            sort_by=sort_by,
            objectives_filter=chosen,
            **stamp,
        ),
        "funding-by-area",
        lang=code,
    )
st.subheader(tr("funding.by_objective"))
show_chart(objective_funding_bars(funding.objectives, **stamp), "funding-by-objective", lang=code)
st.caption(tr("funding.not_reported_explained"))
