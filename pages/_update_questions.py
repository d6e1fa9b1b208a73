"""The questions a refused table can be fixed by: the day/month order of an ambiguous date
(a radio), a known name for each name that matches nothing (a selectbox each, offering the
closest names first; the choice is remembered for the session and the file parsed again)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TypeVar

import streamlit as st

from components.safe_text import plain
from components.update_preview import unknown_names
from data.errors import DashboardError, DataValidationError
from data.intake import ambiguous_dates
from pages._shared import lang, show_input_error, tr
from pages._update_common import Upload
from text import fmt_date

T = TypeVar("T")


def aliases_key(prefix: str) -> str:
    return f"update.{prefix}.aliases"


def parse_asking(
    prefix: str,
    upload: Upload,
    parse: Callable[[dict[str, str], bool | None], T],
    choices: Mapping[str, str],
) -> T | None:
    """``parse(aliases, day_first)``; on refusal the questions that can fix it, then why.

    ``choices`` are the known ids and their names, offered for each unknown name; the choice
    is remembered for the session (``update.<prefix>.aliases``) and the file parsed again.
    """
    aliases: dict[str, str] = dict(st.session_state.get(aliases_key(prefix), {}))
    day_first: bool | None = st.session_state.get(f"update.{prefix}.day_first")
    try:
        return parse(aliases, day_first)
    except DataValidationError as error:
        if ambiguous_dates(error) and day_first is None:
            _ask_day_first(prefix, error)
        unknown = unknown_names(error.issues, upload.raw)
        if unknown:
            _ask_names(prefix, unknown, choices)
        show_input_error(tr("update.refused", name=plain(upload.raw.file, limit=80)), error)
    except DashboardError as error:
        show_input_error(tr("update.refused", name=plain(upload.raw.file, limit=80)), error)
    return None


def _ask_day_first(prefix: str, error: DataValidationError) -> None:
    params = ambiguous_dates(error)[0].params
    code = lang()
    readings = {
        True: tr("update.day_first_yes", date=fmt_date(params.get("day_first"), code)),
        False: tr("update.day_first_no", date=fmt_date(params.get("month_first"), code)),
    }
    st.radio(
        tr("update.day_first", value=plain(params.get("value", ""))),
        [True, False],
        index=None,
        format_func=readings.__getitem__,
        key=f"update.{prefix}.day_first",
        horizontal=True,
    )


def _ask_names(
    prefix: str, unknown: list[tuple[str, list[str]]], choices: Mapping[str, str]
) -> None:
    st.markdown(tr("update.unknown_intro"))
    by_name = {name: row_id for row_id, name in choices.items()}
    chosen: dict[str, str] = {}
    for number, (name, hints) in enumerate(unknown):
        first = [by_name[h] for h in hints if h in by_name]
        options = [*dict.fromkeys([*first, *choices])]
        picked = st.selectbox(
            tr("update.unknown_name", name=plain(name, limit=80)),
            options,
            index=None,
            format_func=dict(choices).__getitem__,
            key=f"update.{prefix}.alias.{number}",
        )
        if picked is not None:
            chosen[name] = picked
    st.button(
        tr("update.use_names"),
        key=f"update.{prefix}.use_names",
        disabled=not chosen,
        on_click=_remember,
        args=(prefix, chosen),
    )


def _remember(prefix: str, chosen: dict[str, str]) -> None:
    """The officer's names, kept for the session (this tab's next files too)."""
    key = aliases_key(prefix)
    st.session_state[key] = {**st.session_state.get(key, {}), **chosen}
