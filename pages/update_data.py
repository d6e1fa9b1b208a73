"""Update data: a funding report, a DTM round or a boundary file, previewed, confirmed, listed
in the history and withdrawn there. Nothing changes before the officer confirms."""

from __future__ import annotations

import streamlit as st

from pages._shared import page_header, tr
from pages._update_boundaries import boundaries_tab
from pages._update_common import author, show_flash, store_ready
from pages._update_dtm import dtm_tab
from pages._update_funding import funding_tab
from pages._update_history import history_section

page_header("page.update_data", shows_scenario=False)
st.caption(tr("update.intro"))
show_flash()
ready = store_ready()
by = author()  # asked once per session (shared with the What-if page)
# Lazy tabs: only the open tab's content runs (its uploader, its parsing, its preview).
funding, dtm, boundary = st.tabs(
    [tr("update.tab.funding"), tr("update.tab.dtm"), tr("update.tab.boundaries")],
    key="update.tab",
    on_change="rerun",
)
if funding.open:
    with funding:
        funding_tab(ready, by)
if dtm.open:
    with dtm:
        dtm_tab(ready, by)
if boundary.open:
    with boundary:
        boundaries_tab(ready, by)
st.divider()
history_section(ready, by)
