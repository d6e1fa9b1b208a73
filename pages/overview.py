"""Overview: key figures, each objective's coverage, the data notes."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.formats import fmt_date, fmt_int, fmt_pct, fmt_usd
from components.funding_charts import coverage_donut
from components.notes import render_note
from components.widgets import show_chart
from pages._shared import (
    baseline_funding,
    current_funding,
    dtm_data,
    lang,
    page_header,
    plan_data,
    plan_source,
    scenario_active,
    tr,
)

page_header("page.overview")
code = lang()
plan = plan_data()
funding = current_funding()
totals = funding.totals
source, as_of = plan_source()
st.caption(tr("overview.as_of", title=plan.summary.title, as_of=as_of))

row = st.columns(3)
row[0].metric(tr("metric.required"), fmt_usd(totals.required_usd, code))
row[1].metric(tr("metric.confirmed"), fmt_usd(totals.confirmed_usd, code))
row[2].metric(tr("metric.gap"), fmt_usd(totals.gap_usd, code))
row = st.columns(3)
row[0].metric(tr("metric.coverage"), fmt_pct(totals.coverage, code))
row[1].metric(tr("metric.people_targeted"), fmt_int(totals.people_targeted, code))
row[2].metric(tr("metric.entities_targeted"), fmt_int(totals.entities_targeted, code))
if not scenario_active():  # the plan's rounded totals compare with the plan's figures only
    st.caption(
        tr(
            "overview.printed_totals",
            confirmed=fmt_usd(plan.summary.confirmed_printed_usd, code, compact=True),
            gap=fmt_usd(plan.summary.gap_printed_usd, code, compact=True),
        )
    )

st.subheader(tr("overview.objectives"))
columns = st.columns(len(funding.objectives))
for column, objective in zip(columns, funding.objectives.itertuples(index=False), strict=True):
    with column:
        show_chart(
            coverage_donut(
                objective.confirmed_usd,
                objective.required_usd,
                title=tr(f"objective.{objective.objective_id}"),
                lang=code,
                source=source,
                as_of=as_of,
                scenario=scenario_active(),
            ),
            f"coverage-{objective.objective_id}",
            lang=code,
        )
        st.markdown(
            tr(
                "overview.objective_line",
                confirmed=fmt_usd(objective.confirmed_usd, code),
                required=fmt_usd(objective.required_usd, code),
                people=fmt_int(objective.people_targeted, code),
            )
        )
        if not pd.isna(objective.unitemised_confirmed_usd) and objective.unitemised_confirmed_usd:
            st.caption(
                tr(
                    "overview.unitemised",
                    amount=fmt_usd(objective.unitemised_confirmed_usd, code),
                )
            )

st.subheader(tr("overview.notes"))
dtm = dtm_data()
st.caption(
    tr(
        "overview.dtm_line",
        total=fmt_int(dtm.total_idps, code),
        as_of=fmt_date(dtm.as_of, code),
    )
)
# The notes are about the source document: always the baseline's, also during a scenario.
notes = pd.concat([baseline_funding().reconciliation, dtm.notes], ignore_index=True)
shown = notes[notes["kind"] != "match"]
for note in shown.to_dict("records"):
    st.markdown(f"- **{tr('note_kind.' + note['kind'])}** — {render_note(note, code)}")
with st.expander(tr("overview.checks_that_match", n=int((notes["kind"] == "match").sum()))):
    for note in notes[notes["kind"] == "match"].to_dict("records"):
        st.markdown(f"- {render_note(note, code)}")
