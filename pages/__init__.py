"""Page scripts, run by ``st.navigation`` in ``dashboard.py``.

A folder named ``pages/`` beside the entry point makes Streamlit start in its old
"pages directory" mode: until some session has run ``st.navigation``, a link straight to a
page (``/funding``) runs that page's script alone, without ``dashboard.py`` (no sidebar, no
language switch, file names as navigation). :func:`leave_pages_directory_mode` switches that
mode off for the process (what ``st.navigation`` itself does) and, when the page is running
without the entry point, reruns so that ``dashboard.py`` runs from then on. It runs when this
package is first imported (every page imports ``pages._shared``) and from ``page_header``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

ENTRY_POINT = Path(__file__).resolve().parents[1] / "dashboard.py"


def _entry_point_running() -> bool:
    """True when ``dashboard.py`` is on the call stack (it is running this page)."""
    frame = sys._getframe(1)
    while frame is not None:
        if Path(frame.f_code.co_filename).resolve() == ENTRY_POINT:
            return True
        frame = frame.f_back
    return False


def leave_pages_directory_mode() -> None:
    """If Streamlit is still in its old pages-directory mode, leave it (rerun if needed)."""
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        if not _entry_point_running():
            st.rerun()


leave_pages_directory_mode()
