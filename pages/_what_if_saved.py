"""Saved scenarios on the what-if page, shared by every session: who you are, save, open,
delete.

When the store cannot be used, only this section says so; the rest of the page works.
Names are shown escaped (``components.safe_text.plain``), except as select-box options,
which Streamlit shows as plain text.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from components.safe_text import plain
from components.scenario_messages import store_unavailable_text
from components.whatif_tables import saved_option, saved_stamp, saved_when
from data.scenario import MAX_AUTHOR_CHARS, MAX_NAME_CHARS
from data.store import Listing, StoreUnavailableError
from pages._data_state import viewed_number
from pages._shared import ntr, tr
from pages._what_if_callbacks import (
    delete_clicked,
    delete_confirmed,
    open_clicked,
    overwrite_confirmed,
    save_clicked,
)
from pages._what_if_editor import show_flash
from pages._what_if_state import (
    AUTHOR_INPUT_KEY,
    AUTHOR_KEY,
    CHOICE_KEY,
    CONFIRM_DELETE_KEY,
    CONFIRM_OVERWRITE_KEY,
    WhatIf,
    forget_confirmations,
    forget_scenario_store,
)


def show_saved(w: WhatIf, active_name: str | None, active: bool) -> None:
    """The section: its messages, then who you are, save, and open or delete."""
    st.subheader(tr("whatif.saved.title"))
    st.caption(tr("whatif.saved.shared"))
    show_flash(w, "saved")
    try:
        listing = w.store().list()
    except StoreUnavailableError as error:  # only this section is affected
        forget_scenario_store()
        st.warning(store_unavailable_text(error.reason, w.lang), icon=":material/cloud_off:")
        return
    show_author()
    save_column, open_column = st.columns(2)
    with save_column:
        show_save(w, active_name, active)
    with open_column:
        show_open(w, listing)


def confirm_buttons(w: WhatIf, key: str, label: str, on_click: Callable[[WhatIf], None]) -> None:
    """The second click of a replace or delete, and its cancel button."""
    yes, no = st.columns(2)
    yes.button(label, key=f"whatif.{key}_yes", type="primary", on_click=on_click, args=(w,))
    no.button(
        tr("whatif.saved.cancel"),
        key=f"whatif.{key}_cancel",
        on_click=forget_confirmations,
        args=(w,),
    )


def show_author() -> None:
    """The user's name, typed once per session, required to save, replace or delete."""
    if AUTHOR_INPUT_KEY not in st.session_state:  # back on the page: what was typed before
        st.session_state[AUTHOR_INPUT_KEY] = st.session_state.get(AUTHOR_KEY, "")
    typed = st.text_input(
        tr("whatif.store.author"),
        key=AUTHOR_INPUT_KEY,
        max_chars=MAX_AUTHOR_CHARS,
        help=tr("whatif.store.author_help"),
    )
    st.session_state[AUTHOR_KEY] = typed
    if not typed.strip():
        st.caption(tr("whatif.store.author_needed"))


def show_save(w: WhatIf, active_name: str | None, active: bool) -> None:
    name_key = w.versioned("save_name")
    st.text_input(
        tr("whatif.save.name"), value=active_name or "", max_chars=MAX_NAME_CHARS, key=name_key
    )
    st.button(
        tr("whatif.save.button"),
        key="whatif.save",
        disabled=not active,
        on_click=save_clicked,
        args=(w, name_key),
    )
    if not active:
        st.caption(tr("whatif.save.no_scenario"))
    pending = w.state.get(CONFIRM_OVERWRITE_KEY)
    if not pending:
        return
    typed, existing = pending
    name = plain(existing.name if existing else typed)
    if existing is None:
        st.warning(tr("whatif.store.confirm_overwrite_unread", name=name))
    else:
        by = plain(existing.updated_by) or tr("whatif.store.by_unknown")
        updated = saved_when(existing.updated_at, w.lang)
        text = tr("whatif.store.confirm_overwrite", name=name, by=by, updated=updated)
        st.warning(text, icon=":material/warning:")
    label = tr("whatif.store.overwrite_yes", name=name)
    confirm_buttons(w, "overwrite", label, overwrite_confirmed)


def show_open(w: WhatIf, listing: Listing) -> None:
    listed = {info.name: info for info in listing}
    if listing.skipped:
        names = [plain(row.name) or tr("whatif.store.unnamed") for row in listing.skipped]
        st.caption(ntr("whatif.store.skipped", len(names), names=", ".join(names)))
    if not listed:
        st.caption(tr("whatif.saved.none"))
        return
    labels = {name: saved_option(info, w.lang) for name, info in listed.items()}
    st.selectbox(  # options are shown as plain text: not escaped
        tr("whatif.saved.choose"), list(listed), format_func=labels.__getitem__, key=CHOICE_KEY
    )
    chosen = listed.get(w.state.get(CHOICE_KEY, ""))
    if chosen is not None:
        st.caption(saved_stamp(chosen, w.lang))
        viewed = viewed_number()
        if chosen.data_version != viewed:  # its amounts now apply to other figures
            text = tr("whatif.saved.other_version", saved=chosen.data_version, viewed=viewed)
            st.info(text, icon=":material/history:")
    updated = {name: info.updated_at for name, info in listed.items()}
    buttons = st.columns(2)
    buttons[0].button(tr("whatif.saved.open"), key="whatif.open", on_click=open_clicked, args=(w,))
    buttons[1].button(
        tr("whatif.saved.delete"), key="whatif.delete", on_click=delete_clicked, args=(w, updated)
    )
    pending = w.state.get(CONFIRM_DELETE_KEY)
    if pending:
        name = plain(pending[0])
        st.warning(tr("whatif.saved.confirm", name=name), icon=":material/delete:")
        confirm_buttons(w, "delete", tr("whatif.store.delete_yes", name=name), delete_confirmed)
