"""Entry point: page config, theme, the shared sidebar and navigation. It only wires."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

import streamlit as st

from pages._asof import asof_refused, asof_refused_text, asof_selector
from pages._scenario import (
    publish_identity,
    reset_scenario,
    scenario_active,
    scenario_label_markdown,
)
from pages._scenario_link import wire_scenario_link
from pages._shared import (
    LANG_KEY,
    app_accessibility,
    data_problem,
    lang,
    show_input_error,
    tr,
)
from pages._what_if_draft import show_unapplied_warning
from text import LANGS, t

LOG = logging.getLogger("crp_dashboard")
RAISE_ERRORS_ENV = "CRP_DASHBOARD_RAISE_ERRORS"
FAVICON = Path(__file__).with_name("assets") / "favicon.png"

current_lang = lang()
st.set_page_config(
    page_title=tr("app.title"),
    page_icon=str(FAVICON),  # a local file: a material icon here would be fetched from a CDN
    layout="wide",
)

PAGES = {
    "overview": ("pages/overview.py", ":material/dashboard:"),
    "funding": ("pages/funding.py", ":material/payments:"),
    "coverage": ("pages/coverage.py", ":material/donut_large:"),
    "displacement": ("pages/displacement.py", ":material/map:"),
    "what_if": ("pages/what_if.py", ":material/science:"),
    "briefing": ("pages/briefing.py", ":material/co_present:"),
    "data_sources": ("pages/data_sources.py", ":material/table:"),
    "update_data": ("pages/update_data.py", ":material/upload_file:"),
}


def page(key: str, default: bool = False) -> st.Page:
    path, icon = PAGES[key]
    return st.Page(path, title=tr(f"page.{key}"), icon=icon, url_path=key, default=default)


with st.sidebar:
    choice = st.radio(
        tr("app.language"),
        list(LANGS),
        index=LANGS.index(current_lang),
        # Each language is named in itself, whatever the current language.
        format_func=lambda code: t(f"app.lang_name.{code}", code),
        horizontal=True,
        key="sidebar.lang",
    )
    if choice != current_lang:
        st.session_state[LANG_KEY] = choice
        st.query_params[LANG_KEY] = choice
        st.rerun()
    st.query_params[LANG_KEY] = current_lang

navigation = st.navigation(
    {
        tr("app.section.plan"): [page("overview", default=True), page("funding"), page("coverage")],
        tr("app.section.analysis"): [page("displacement"), page("what_if"), page("briefing")],
        tr("app.section.about"): [page("data_sources"), page("update_data")],
    }
)
# Each page its own browser-tab title, and the document's language for screen readers and
# hyphenation (Streamlit writes lang="en" whatever the app's language). The script is ours;
# the language code comes from LANGS only.
st.set_page_config(page_title=tr("app.tab_title", page=navigation.title, app=tr("app.title")))
st.sidebar.html(
    f"<script>document.documentElement.lang = {json.dumps(current_lang)};</script>",
    unsafe_allow_javascript=True,
)
app_accessibility()  # keyboard focus ring, charts named for screen readers

refused = asof_refused()  # ?asof= naming no version in force: the latest, and say why
with st.sidebar:
    asof_selector()  # before the data check: a version that does not load can be left
if refused is not None:
    st.warning(asof_refused_text(*refused), icon=":material/history:")
problem = data_problem()
if problem is not None:  # a broken data file: say which and where, never a traceback
    show_input_error(tr("app.data_failed"), problem)
    st.stop()
wire_scenario_link()  # a shared ?whatif= link (first run); the address follows the edits
publish_identity()  # chart downloads name their files after the scenario

with st.sidebar:
    if scenario_active():
        label = scenario_label_markdown()  # the name, escaped
        shown = tr("app.scenario_active") + (f"  \n**{label}**" if label else "")
        st.warning(shown, icon=":material/science:")
        st.button(
            tr("app.reset_scenario"), key="sidebar.reset", type="primary", on_click=reset_scenario
        )
    else:
        st.caption(tr("app.baseline"))
    show_unapplied_warning()  # edits typed on the What-if page and not applied

try:
    navigation.run()
except Exception:  # a bug, not bad input (that is DashboardError, worded where it happens)
    # The visitor gets a sentence in their language, never a traceback; the log keeps it.
    # Tests set CRP_DASHBOARD_RAISE_ERRORS so that AppTest still sees the exception.
    if os.environ.get(RAISE_ERRORS_ENV):
        raise
    LOG.exception("page %s failed", navigation.url_path or "overview")
    st.error(tr("app.unexpected_error"), icon=":material/error:")
