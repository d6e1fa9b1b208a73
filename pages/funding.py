"""Funding: per activity area and per objective, confirmed and gap stacked to the requirement."""

from __future__ import annotations

import streamlit as st

from components.funding_charts import area_funding_bars, objective_funding_bars
from components.widgets import show_chart
from pages._shared import current_funding, lang, page_header, plan_source, scenario_active, tr

page_header("page.funding")
code = lang()
funding = current_funding()
source, as_of = plan_source()

controls = st.columns([2, 3])
# Labels are made now, in the page's language: format_func may be called outside the page run.
sort_labels = {key: tr(f"funding.sort.{key}") for key in ("required", "gap", "coverage")}
sort_by = controls[0].segmented_control(
    tr("funding.sort_by"),
    list(sort_labels),
    format_func=sort_labels.__getitem__,
    default="required",
    key="funding.sort",
)
objective_labels = {key: tr(f"objective.{key}") for key in funding.objectives["objective_id"]}
objective_ids = list(objective_labels)
chosen = controls[1].multiselect(
    tr("funding.filter_objectives"),
    objective_ids,
    default=objective_ids,
    format_func=objective_labels.__getitem__,
    key="funding.objectives",
)
if not chosen:
    st.info(tr("funding.choose_objective"))
else:
    show_chart(
        area_funding_bars(
            funding.areas,
            sort_by=sort_by or "required",
            objectives_filter=chosen,
            lang=code,
            source=source,
            as_of=as_of,
            scenario=scenario_active(),
        ),
        "funding-by-area",
        lang=code,
    )
st.subheader(tr("funding.by_objective"))
show_chart(
    objective_funding_bars(
        funding.objectives, lang=code, source=source, as_of=as_of, scenario=scenario_active()
    ),
    "funding-by-objective",
    lang=code,
)
st.caption(tr("funding.not_reported_explained"))
