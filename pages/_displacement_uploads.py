"""The Displacement page's uploads: another DTM round or other boundaries, checked first.

A file is kept only if it validates (with the other file already loaded); otherwise the page
says why, in its language, and keeps what was loaded. Sizes are checked before reading.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from components.safe_text import plain
from components.upload_notes import boundary_notes
from data.errors import DashboardError
from pages._shared import boundaries, idp_join, lang, max_upload_bytes, show_input_error, tr
from text import fmt_decimal

DTM_UPLOAD = "displacement.dtm_upload"
BOUNDARY_UPLOAD = "displacement.boundary_upload"
UPLOADER_VERSION = "displacement.uploader_version"


def megabytes(size: int) -> str:
    """A size in MB as the page writes it: ``20``, ``20,5`` (one decimal unless whole)."""
    value = size / 2**20
    return fmt_decimal(value, lang(), decimals=0 if value.is_integer() else 1)


def accept_upload(
    widget_key: str, state_key: str, check: Callable[[bytes, str], list[str]]
) -> None:
    """Keep an uploaded file only if it validates; otherwise say why and keep what was loaded.

    ``check(data, name)`` raises the project's ``DashboardError`` for a file it refuses, and
    returns what it did to an accepted one (repairs, reprojection), worded for the page.
    """
    upload = st.session_state.get(widget_key)
    if upload is None:
        return
    name = plain(upload.name, limit=80)
    if upload.size > max_upload_bytes():  # refused before reading or parsing anything
        limit = megabytes(max_upload_bytes())
        size = megabytes(upload.size)
        st.error(tr("upload.too_large", name=name, size=size, limit=limit), icon=":material/error:")
        return
    data = upload.getvalue()
    if st.session_state.get(state_key, (None, None))[0] == data:
        return
    try:
        done = check(data, upload.name)
    except DashboardError as exc:
        show_input_error(tr("upload.refused", name=name), exc)
        return
    st.session_state[state_key] = (data, upload.name)
    lines = [tr("upload.accepted", name=name)]
    if done:
        lines += [tr("upload.done_to_file"), *(f"- {line}" for line in done)]
    st.success("\n".join(lines), icon=":material/check_circle:")


def check_dtm(data: bytes, name: str) -> list[str]:
    boundary_data, boundary_name = st.session_state.get(BOUNDARY_UPLOAD, (None, None))
    idp_join(data, name, boundary_data, boundary_name)
    return []


def check_boundaries(data: bytes, name: str) -> list[str]:
    dtm_table, dtm_name = st.session_state.get(DTM_UPLOAD, (None, None))
    idp_join(dtm_table, dtm_name, data, name)
    return boundary_notes(boundaries(data, name), lang())


def forget_uploads() -> None:
    """Back to the bundled DTM table and boundaries (and empty upload widgets)."""
    st.session_state.pop(DTM_UPLOAD, None)
    st.session_state.pop(BOUNDARY_UPLOAD, None)
    st.session_state[UPLOADER_VERSION] = st.session_state.get(UPLOADER_VERSION, 0) + 1


def upload_section() -> tuple[tuple[bytes | None, str | None], tuple[bytes | None, str | None]]:
    """The upload expander; returns ((DTM table, name), (boundary file, name)) in use."""
    version = st.session_state.get(UPLOADER_VERSION, 0)  # a new key empties the widgets
    dtm_widget = f"displacement.dtm_file.{version}"
    boundary_widget = f"displacement.boundary_file.{version}"
    with st.expander(tr("displacement.load_other")):
        st.markdown(tr("displacement.upload_help", limit=megabytes(max_upload_bytes())))
        st.file_uploader(tr("displacement.upload_dtm"), type=["csv"], key=dtm_widget)
        # Any extension a boundary file may carry: the reader recognises the format by content.
        st.file_uploader(
            tr("displacement.upload_boundaries"),
            type=["geojson", "json", "zip", "gpkg"],
            key=boundary_widget,
        )
        accept_upload(dtm_widget, DTM_UPLOAD, check_dtm)
        accept_upload(boundary_widget, BOUNDARY_UPLOAD, check_boundaries)
        if st.session_state.get(DTM_UPLOAD) or st.session_state.get(BOUNDARY_UPLOAD):
            st.button(
                tr("displacement.back_to_bundled"),
                key="displacement.reset_uploads",
                on_click=forget_uploads,
            )
    return (
        st.session_state.get(DTM_UPLOAD, (None, None)),
        st.session_state.get(BOUNDARY_UPLOAD, (None, None)),
    )
