"""Data & sources: the tables as loaded, the sources, the data notes, downloads."""

from __future__ import annotations

import streamlit as st

from components.notes import render_note
from data.export import tables, to_csv_bytes, to_xlsx_bytes
from pages._shared import baseline_funding, dtm_data, lang, page_header, plan_data, tr

page_header("page.data_sources", shows_scenario=False)
code = lang()
frames = tables(plan_data(), baseline_funding(), dtm_data(), render_note, code)
st.caption(tr("data.baseline_only"))

st.download_button(
    tr("data.download_xlsx"),
    to_xlsx_bytes(frames),
    file_name="iom-mali-crp2024-tables.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    key="data.xlsx",
    type="primary",
)
for name, frame in frames.items():
    st.subheader(tr(f"data.table.{name}"))
    st.dataframe(frame, hide_index=True, key=f"data.frame.{name}")
    st.download_button(
        tr("data.download_csv", name=f"{name}.csv"),
        to_csv_bytes(frame),
        file_name=f"iom-mali-crp2024-{name}.csv",
        mime="text/csv",
        key=f"data.csv.{name}",
    )
