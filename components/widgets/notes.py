"""The data notes on a page: what needs a word as a list, the checks that add up folded."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from text import t
from text.notes import render_note


def data_notes(shown: pd.DataFrame, matches: pd.DataFrame, *, lang: str) -> None:
    """Each note of ``shown`` with its kind; ``matches`` (checks that add up exactly) in an
    expander that says how many there are. Split them with :func:`data.notes.split_matches`."""
    for note in shown.to_dict("records"):
        st.markdown(f"- **{t('note_kind.' + note['kind'], lang)}** — {render_note(note, lang)}")
    with st.expander(t("overview.checks_that_match", lang, n=len(matches))):
        for note in matches.to_dict("records"):
            st.markdown(f"- {render_note(note, lang)}")
