"""Page scripts, run by ``st.navigation`` in ``dashboard.py``.

A folder named ``pages/`` beside the entry point makes Streamlit start in its old
"pages directory" mode: until some session has run ``st.navigation``, a link straight to a
page (``/funding``) runs that page's script alone, without ``dashboard.py`` (no sidebar, no
language switch, file names as navigation). :func:`leave_pages_directory_mode` switches that
mode off for the process (what ``st.navigation`` itself does) and reruns, so that
``dashboard.py`` runs from then on. It runs when this
package is first imported (every page imports ``pages._shared``) and from ``page_header``.
"""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager


def leave_pages_directory_mode() -> None:
    """If Streamlit is still in its old pages-directory mode, leave it and rerun.

    The rerun is needed even when ``dashboard.py`` is running the page (inside the old
    mode's own navigation): widget ids differ between that run and the next, and the first
    click of the session would be lost: buttons use ``on_click`` callbacks (an inline
    ``if st.button(...)`` would lose its click in that first run). Streamlit's ``AppTest``
    re-enters the old mode on every run; the tests (``tests/conftest.py``) start it in
    ``st.navigation`` mode instead, as a warm server runs every session after the first.
    """
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


leave_pages_directory_mode()
