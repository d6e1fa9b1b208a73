"""What the "Update data" tabs share: the file and its sheet, the officer's name, the figures
in force, the store's state and the messages kept across a rerun.

Nothing reaches the store before the officer confirms: a tab reads the upload
(:func:`uploaded_table`), parses it with the answers given so far
(:func:`pages._update_questions.parse_asking`), shows the preview, then offers
:func:`pages._update_apply.confirm_button` naming the version to be created; its outcome is
shown on the next run (:func:`show_flash`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from components.safe_text import plain
from components.scenario_messages import reason_text, scenario_error_text
from data.displacement import Displacement, load_bundled_dtm
from data.errors import DashboardError
from data.intake import RawTable, read_upload
from data.plan import PlanData, load_plan
from data.scenario import ScenarioError, clean_author
from data.scenario.names import MAX_AUTHOR_CHARS
from data.store import DuplicateVersionError, StoreUnavailableError
from data.versions import displacement_at, plan_at
from pages._data_state import forget_store, store_problem, versions
from pages._displacement_uploads import megabytes
from pages._shared import csv_dir, lang, max_upload_bytes, show_input_error, tr
from pages._what_if_state import AUTHOR_KEY

FLASH_KEY = "update.flash"
AUTHOR_INPUT_KEY = "update.author_input"
DONE_KEY = "update.done"  # bumped after an apply: the upload widgets start empty again


@dataclass(frozen=True)
class Upload:
    """An uploaded file read as a table: its bytes (for the checksum) and rows."""

    data: bytes
    raw: RawTable

    @property
    def checksum(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


# --- figures in force ----------------------------------------------------------------------
def latest_plan() -> PlanData:
    """The plan's tables with every funding update in force (the latest, not the viewed)."""
    return plan_at(load_plan(Path(csv_dir())), versions())


def latest_dtm() -> Displacement:
    """The DTM figures of the latest round in force (else the bundled ones)."""
    return displacement_at(load_bundled_dtm(Path(csv_dir())), versions())


# --- messages kept across a rerun ------------------------------------------------------------
def flash(kind: str, text: str) -> None:
    st.session_state[FLASH_KEY] = (kind, text)


def show_flash() -> None:
    """The outcome of the last apply or withdrawal (once)."""
    kind, text = st.session_state.pop(FLASH_KEY, (None, None))
    if kind == "success":
        st.success(text, icon=":material/check_circle:")
    elif kind == "error":
        st.error(text, icon=":material/error:")


def store_error_text(error: DashboardError) -> str:
    """A store refusal worded (unavailable, duplicate, not found, already withdrawn)."""
    if isinstance(error, StoreUnavailableError):
        forget_store()
        return tr("update.store_unavailable", reason=reason_text(error.reason, lang()))
    if isinstance(error, DuplicateVersionError):
        return tr("update.duplicate", version=error.existing.id)
    if isinstance(error, ScenarioError):
        return scenario_error_text(tr("update.refused_by_store"), error, lang())
    return tr("update.refused_by_store")


def store_ready() -> bool:
    """False (and why, in the page's language) when the store cannot be written now."""
    problem = store_problem()
    if problem is None:
        return True
    st.warning(store_error_text(problem), icon=":material/database_off:")
    return False


# --- the officer ---------------------------------------------------------------------------
def author() -> str | None:
    """The officer's name (asked once per session, shared with the What-if page)."""
    if AUTHOR_INPUT_KEY not in st.session_state:
        st.session_state[AUTHOR_INPUT_KEY] = st.session_state.get(AUTHOR_KEY, "")
    typed = st.text_input(tr("update.author"), key=AUTHOR_INPUT_KEY, max_chars=MAX_AUTHOR_CHARS)
    st.session_state[AUTHOR_KEY] = typed
    try:
        return clean_author(typed)
    except ScenarioError:
        st.caption(tr("update.author_needed"))
        return None


# --- the file ------------------------------------------------------------------------------
def uploaded_table(prefix: str, types: list[str]) -> Upload | None:
    """The uploader of a tab, the sheet choice of a workbook; the table, or None (said why)."""
    widget = f"update.{prefix}.file.{st.session_state.get(DONE_KEY, 0)}"
    upload = st.file_uploader(tr(f"update.{prefix}.file"), type=types, key=widget)
    if upload is None:
        return None
    name = plain(upload.name, limit=80)
    if upload.size > max_upload_bytes():
        size, limit = megabytes(upload.size), megabytes(max_upload_bytes())
        st.error(tr("upload.too_large", name=name, size=size, limit=limit), icon=":material/error:")
        return None
    data = upload.getvalue()
    try:
        raw = read_upload(data, upload.name, max_bytes=max_upload_bytes())
        if len(raw.sheets) > 1:
            sheet = st.selectbox(tr("update.sheet"), raw.sheets, key=f"update.{prefix}.sheet")
            if sheet != raw.sheet:
                raw = read_upload(data, upload.name, sheet=sheet, max_bytes=max_upload_bytes())
    except DashboardError as error:
        show_input_error(tr("update.refused", name=name), error)
        return None
    return Upload(data, raw)
