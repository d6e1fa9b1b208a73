"""The "DTM round" tab: a round's table, its date, number and national total, then the preview
(IDPs in force vs the round's, shares of the national total) and the confirmation."""

from __future__ import annotations

import streamlit as st

from components.update_preview import dtm_preview
from data.intake import DtmRound, parse_dtm_round
from data.versions import dtm_payload
from geo.regions import region_names
from pages._shared import lang, tr
from pages._update_apply import Apply, confirm_button
from pages._update_common import latest_dtm
from pages._update_common import uploaded_table as read_file
from pages._update_questions import parse_asking
from text import fmt_date, fmt_int

TYPES = ["csv", "tsv", "txt", "xlsx", "xlsm"]


def _given() -> tuple[object, int | None, int | None, bool]:
    """As-of date, round number and national total the officer gives (when the file has none)."""
    left, middle, right = st.columns(3)
    as_of = left.date_input(tr("update.as_of_given"), value=None, key="update.dtm.as_of")
    number = middle.number_input(
        tr("update.dtm.round_given"), min_value=1, step=1, value=None, key="update.dtm.round"
    )
    total = right.number_input(
        tr("update.dtm.total_given"), min_value=1, step=1, value=None, key="update.dtm.total"
    )
    is_sum = st.checkbox(tr("update.dtm.total_is_sum"), key="update.dtm.is_sum")
    return (
        as_of,
        None if number is None else int(number),
        None if total is None else int(total),
        is_sum,
    )


def dtm_tab(ready: bool, by: str | None) -> None:
    """The tab's content (``ready``: the store can be written; ``by``: the officer)."""
    st.caption(tr("update.dtm.help"))
    upload = read_file("dtm", TYPES)
    if upload is None:
        return
    as_of, number, total, is_sum = _given()

    def parse(aliases: dict[str, str], day_first: bool | None) -> DtmRound:
        return parse_dtm_round(
            upload.raw,
            aliases=aliases,
            as_of=as_of,  # type: ignore[arg-type]
            round_number=number,
            total_idps=total,
            total_is_sum=is_sum,
            day_first=day_first,
        )

    found = parse_asking("dtm", upload, parse, region_names(lang()))
    if found is None:
        return
    code = lang()
    st.markdown(
        tr(
            "update.dtm.summary",
            as_of=fmt_date(found.as_of, code),
            round=found.round_number if found.round_number is not None else "—",
            total=fmt_int(found.total_idps, code),
        )
    )
    st.dataframe(dtm_preview(found, latest_dtm(), code), hide_index=True)
    st.caption(tr(f"update.dtm.figure.{found.figure}"))
    job = Apply(
        "dtm",
        dtm_payload(found),
        found.as_of,
        upload.raw.file,
        upload.checksum,
        found.round_number,
    )
    confirm_button("dtm", job, by, ready)
