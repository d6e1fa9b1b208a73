"""The history of the data versions, and their withdrawal (a reason, then a second click
naming the version). A withdrawn version stays listed; the previous one is in force again."""

from __future__ import annotations

import streamlit as st

from components.safe_text import plain
from components.update_preview import history_table
from data.scenario import ScenarioError, clean_author
from data.store import StoreUnavailableError, VersionError, VersionInfo
from pages._data_state import version_store
from pages._shared import lang, tr
from pages._update_common import AUTHOR_INPUT_KEY, flash, store_error_text
from pages._what_if_state import AUTHOR_KEY
from text import fmt_date

PICK_KEY = "update.withdraw.pick"
REASON_KEY = "update.withdraw.reason"
PENDING_KEY = "update.withdraw.pending"


def _withdraw(version_id: int) -> None:
    st.session_state.pop(PENDING_KEY, None)
    reason = str(st.session_state.get(REASON_KEY) or "")
    typed = st.session_state.get(AUTHOR_INPUT_KEY, st.session_state.get(AUTHOR_KEY, ""))
    try:
        info = version_store().withdraw(version_id, clean_author(typed), reason)
    except (VersionError, StoreUnavailableError, ScenarioError) as error:
        flash("error", store_error_text(error))
        return
    st.session_state.pop(REASON_KEY, None)
    flash("success", tr("update.withdrawn", version=info.id))


def _ask(version_id: int) -> None:
    st.session_state[PENDING_KEY] = version_id


def _cancel() -> None:
    st.session_state.pop(PENDING_KEY, None)


def _withdraw_form(listed: list[VersionInfo], ready: bool) -> None:
    in_force = {info.id: info for info in listed if not info.withdrawn}
    if not in_force:
        return
    st.subheader(tr("update.withdraw.title"))
    code = lang()
    ids = sorted(in_force, reverse=True)
    labels = {  # made now: format_func may run outside the page's run
        i: tr(
            "update.withdraw.option",
            version=i,
            kind=tr(f"update.kind.{in_force[i].kind}"),
            as_of=fmt_date(in_force[i].as_of, code),
            source=in_force[i].source,  # a selectbox shows text as typed, never Markdown
        )
        for i in ids
    }
    picked = st.selectbox(
        tr("update.withdraw.pick"),
        ids,
        format_func=labels.__getitem__,
        key=PICK_KEY,
    )
    st.text_input(tr("update.withdraw.reason"), key=REASON_KEY, max_chars=500)
    pending = st.session_state.get(PENDING_KEY)
    if pending is None or pending != picked:
        st.button(
            tr("update.withdraw.ask", version=picked),
            key="update.withdraw.ask",
            disabled=not ready,
            on_click=_ask,
            args=(picked,),
        )
        return
    info = in_force[picked]
    st.warning(
        tr("update.withdraw.sure", version=picked, source=plain(info.source, limit=80)),
        icon=":material/warning:",
    )
    left, right = st.columns(2)
    left.button(
        tr("update.withdraw.confirm", version=picked),
        key="update.withdraw.confirm",
        type="primary",
        disabled=not ready,
        on_click=_withdraw,
        args=(picked,),
    )
    right.button(tr("update.withdraw.cancel"), key="update.withdraw.cancel", on_click=_cancel)


def history_section(ready: bool, by: str | None) -> None:
    """Every version as a table of plain strings, then the withdrawal form."""
    st.header(tr("update.history.title"))
    try:
        listed = version_store().list_versions()
    except StoreUnavailableError as error:
        st.warning(store_error_text(error), icon=":material/database_off:")
        return
    if not listed:
        st.caption(tr("update.history.empty"))
        return
    st.dataframe(history_table(listed, lang()), hide_index=True)
    _withdraw_form(listed, ready and by is not None)
