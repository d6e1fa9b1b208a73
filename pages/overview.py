"""Overview: key figures, each objective's coverage, the data notes."""

from __future__ import annotations

import streamlit as st

from components.widgets import data_notes, metric_rows, objective_coverage
from data.notes import all_notes, scenario_notes, split_matches
from pages._scenario import current_funding, scenario_active, scenario_label_markdown
from pages._shared import (
    baseline_funding,
    dtm_data,
    lang,
    page_header,
    plan_data,
    plan_source,
    tr,
)
from text import fmt_date, fmt_int, fmt_pct, fmt_usd

page_header("page.overview")
code = lang()
plan = plan_data()
funding = current_funding()
totals = funding.totals
source, as_of = plan_source()
# The document's own date (the funding figures' date is in the header and on the stamps).
document_date = fmt_date(plan.summary.document_date, code)
st.caption(tr("overview.as_of", title=plan.summary.title, as_of=document_date))

metric_rows(
    [
        (tr("metric.required"), fmt_usd(totals.required_usd, code)),
        (tr("metric.confirmed"), fmt_usd(totals.confirmed_usd, code)),
        (tr("metric.gap"), fmt_usd(totals.gap_usd, code)),
        (tr("metric.coverage"), fmt_pct(totals.coverage, code)),
        (tr("metric.people_targeted"), fmt_int(totals.people_targeted, code)),
        (tr("metric.entities_targeted"), fmt_int(totals.entities_targeted, code)),
    ],
    per_row=3,
)
if not scenario_active():  # the plan's rounded totals compare with the plan's figures only
    st.caption(
        tr(
            "overview.printed_totals",
            confirmed=fmt_usd(plan.summary.confirmed_printed_usd, code, compact=True),
            gap=fmt_usd(plan.summary.gap_printed_usd, code, compact=True),
        )
    )

st.subheader(tr("overview.objectives"))
objective_coverage(
    funding.objectives, lang=code, source=source, as_of=as_of, scenario=scenario_active()
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
# The notes are about the source document: always the baseline's, also during a scenario,
# worded so that they do not call the plan's figures the ones shown.
notes = all_notes(baseline_funding(), dtm)
label = scenario_label_markdown()
if label is not None:
    st.caption(tr("overview.notes_scenario", name=label))
    notes = scenario_notes(notes)
shown, matches = split_matches(notes)
data_notes(shown, matches, lang=code)
