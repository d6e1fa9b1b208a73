"""Sharing a scenario from the what-if page: as a JSON file (download, upload) and as a link
(the dashboard's address, the edits, the name and the language).

An uploaded file is opened by its callback (``upload_changed``); a refused one stays on
screen with every problem until another file replaces it.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from components.safe_text import plain
from data.scenario import ScenarioError, scenario_file_name, scenario_to_json
from pages._scenario import current_identity, show_scenario_error
from pages._scenario_link import share_link
from pages._shared import tr
from pages._what_if_callbacks import upload_changed
from pages._what_if_state import UPLOAD_REFUSED_KEY, WhatIf, active_scenario


def show_file(w: WhatIf, active_name: str | None, active: bool) -> None:
    """Download the active scenario as a file named after it; open a file (or say why not)."""
    identity = current_identity()
    st.subheader(tr("whatif.file.title"))
    download_column, upload_column = st.columns(2)
    try:
        current = active_scenario(w, active_name or tr("whatif.default_name"))
    except ScenarioError:  # a name refused since it was set: the file still downloads
        current = active_scenario(w, tr("whatif.default_name"))
    download_column.download_button(
        tr("whatif.file.download"),
        data=scenario_to_json(current),
        file_name=scenario_file_name("scenario", w.lang, "json", dt.date.today(), identity),
        mime="application/json",
        key="whatif.download",
        on_click="ignore",
        disabled=not active,
        icon=":material/download:",
    )
    with upload_column:
        upload_key = w.versioned("upload")
        upload = st.file_uploader(
            tr("whatif.file.upload"),
            type=["json"],
            key=upload_key,
            on_change=upload_changed,
            args=(w, upload_key),
        )
        refused = w.state.get(UPLOAD_REFUSED_KEY)
        if upload is not None and refused is not None and refused[0] == upload.file_id:
            show_scenario_error(tr("whatif.file.refused", file=plain(upload.name)), refused[1])


def show_link() -> None:
    """The whole link that opens the active scenario (edits, name, language; not the notes),
    with a copy button."""
    st.subheader(tr("whatif.link.title"))
    link = share_link()
    if not link:
        st.caption(tr("whatif.link.none"))
        return
    st.code(link, language=None, wrap_lines=True)  # shown as text; its own copy button
    st.caption(tr("whatif.link.help_full" if not link.startswith("?") else "whatif.link.help"))
