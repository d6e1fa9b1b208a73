"""Data & sources: the tables in the visitor's language, the sources, the data notes, downloads."""

from __future__ import annotations

import streamlit as st

from components.widgets import data_tables
from data.export import tables, to_csv_bytes
from data.readable import display_tables
from data.workbook import workbook
from pages._asof import show_versions
from pages._shared import baseline_funding, dtm_data, lang, page_header, plan_data, tr
from text.notes import render_note

page_header("page.data_sources", shows_scenario=False)
code = lang()
# The data notes among them come from data.notes.all_notes, as on the Overview.
frames = tables(plan_data(), baseline_funding(), dtm_data(), render_note, code)
st.caption(tr("data.baseline_only"))
data_tables(
    display_tables(frames, code),
    frames,
    lang=code,
    xlsx=workbook(frames, code),
    csv=to_csv_bytes,
)
show_versions()  # every data version, withdrawn ones too
