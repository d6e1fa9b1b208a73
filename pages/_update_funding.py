"""The "Funding update" tab: a funding report (per area or objective, or one row per donor),
its date, then the preview (confirmed funding in force vs after the update) and the
confirmation."""

from __future__ import annotations

import streamlit as st

from components.update_preview import funding_preview, pledged_lines
from data.intake import FundingUpdate, apply_funding_update, parse_funding_update
from data.names import area_names, objective_names
from data.versions import funding_payload
from pages._shared import lang, tr
from pages._update_apply import Apply, confirm_button
from pages._update_common import latest_plan
from pages._update_common import uploaded_table as read_file
from pages._update_questions import parse_asking
from text import fmt_date, fmt_int, fmt_usd

TYPES = ["csv", "tsv", "txt", "xlsx", "xlsm"]


def funding_tab(ready: bool, by: str | None) -> None:
    """The tab's content (``ready``: the store can be written; ``by``: the officer)."""
    st.caption(tr("update.funding.help"))
    upload = read_file("funding", TYPES)
    if upload is None:
        return
    as_of = st.date_input(tr("update.as_of_given"), value=None, key="update.funding.as_of")
    plan = latest_plan()
    code = lang()

    def parse(aliases: dict[str, str], day_first: bool | None) -> FundingUpdate:
        return parse_funding_update(
            upload.raw, plan, as_of=as_of, day_first=day_first, aliases=aliases
        )

    choices = {**area_names(plan.areas, code), **objective_names(plan.objectives, code)}
    found = parse_asking("funding", upload, parse, choices)
    if found is None:
        return
    st.markdown(
        tr(
            "update.funding.summary",
            as_of=fmt_date(found.as_of, code),
            areas=fmt_int(len(found.areas), code),
            objectives=fmt_int(len(found.objectives), code),
            donors=fmt_int(len(found.donors), code),
        )
    )
    st.dataframe(
        funding_preview(found, plan, apply_funding_update(plan, found), code), hide_index=True
    )
    pledged = pledged_lines(found, plan, code)
    if len(pledged):
        st.caption(tr("update.funding.pledged"))
        st.dataframe(pledged, hide_index=True)
    if found.stated_total_usd is not None:
        st.caption(tr("update.funding.stated_total", total=fmt_usd(found.stated_total_usd, code)))
    job = Apply("funding", funding_payload(found), found.as_of, upload.raw.file, upload.checksum)
    confirm_button("funding", job, by, ready)
