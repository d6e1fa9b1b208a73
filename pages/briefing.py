"""Briefing mode for HCT meetings: one message per screen at 16:9, and the briefing pack.

Projector layout (no sidebar, toolbar or mode bar; large type), previous/next buttons (also
the Left/Right keys) with the screen number in the URL (``?screen=2``), French/English, an
exit link to the Overview, chart downloads (PNG/SVG) and the PDF/PowerPoint pack built on
the server in the current language.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from components.briefing import (
    PACK_CHART_HEIGHT,
    briefing_pack_pdf,
    briefing_pack_pptx,
    briefing_screens,
    clamp_screen,
    screen_from_param,
    screen_images,
    screen_title,
)
from components.widgets import (
    briefing_bar,
    briefing_notes,
    chart_downloads,
    key_figures,
    pack_downloads,
    projector_mode,
)
from pages._scenario import current_funding, scenario_active, scenario_edits, scenario_funding
from pages._shared import (
    LANG_KEY,
    baseline_funding,
    dtm_data,
    idp_join,
    lang,
    plan_data,
    tr,
)
from text import LANGS, fmt_date, t

SCREEN_STATE = "briefing.screen"  # 0-based index of the screen shown
SCREEN_PARAM = "screen"  # 1-based in the URL
SIDEBAR_LANG_WIDGET = "sidebar.lang"  # dashboard.py's language radio, kept in step


# --- the pack: built on click (download_button runs `data` in its own thread) ---------------
@st.cache_data(show_spinner=False, max_entries=8)
def pack_images(code: str, edits: dict) -> list[bytes]:
    return screen_images(pack_screens(code, edits))


def pack_screens(code: str, edits: dict):
    funding = scenario_funding(edits) if edits else baseline_funding()
    return briefing_screens(
        plan_data(),
        funding,
        dtm_data(),
        idp_join(),
        code,
        bool(edits),
        chart_height=PACK_CHART_HEIGHT,
    )


@st.cache_data(show_spinner=False, max_entries=8)
def pack_bytes(kind: str, code: str, edits: dict, day: dt.date) -> bytes:
    plan, dtm = plan_data(), dtm_data()
    build = briefing_pack_pdf if kind == "pdf" else briefing_pack_pptx
    return build(
        pack_screens(code, edits),
        lang=code,
        plan_title=t("app.title", code),
        document_date=day,
        data_as_of=t(
            "briefing.cover.as_of_both",
            code,
            plan=fmt_date(plan.summary.document_date, code),
            dtm=fmt_date(dtm.as_of, code),
        ),
        sources=plan.sources,
        scenario=bool(edits),
        images=pack_images(code, edits),
    )


# --- screen number and language ---------------------------------------------------------------
if SCREEN_STATE not in st.session_state:
    st.session_state[SCREEN_STATE] = screen_from_param(st.query_params.get(SCREEN_PARAM, 1))


def step(delta: int) -> None:
    st.session_state[SCREEN_STATE] = clamp_screen(st.session_state[SCREEN_STATE] + delta)


def switch_language() -> None:
    chosen = st.session_state.get("briefing.lang")
    if chosen in LANGS:
        st.session_state[LANG_KEY] = chosen
        st.session_state[SIDEBAR_LANG_WIDGET] = chosen
        st.query_params[LANG_KEY] = chosen


projector_mode()
code = lang()
scenario = scenario_active()
screens = briefing_screens(plan_data(), current_funding(), dtm_data(), idp_join(), code, scenario)
index = st.session_state[SCREEN_STATE]
screen = screens[index]
st.query_params[SCREEN_PARAM] = str(index + 1)

briefing_bar(
    screen_title(screen, code),
    scenario=screen.scenario,
    index=index,
    total=len(screens),
    lang=code,
    step=step,
    switch_language=switch_language,
)
key_figures(screen.key_figures, scenario=screen.scenario)
st.plotly_chart(
    screen.figure,
    key=f"briefing.chart.{screen.key}",
    config={"displayModeBar": False},
    theme=None,
)
briefing_notes(screen.notes)
chart_downloads(screen.figure, f"briefing-{screen.key}", lang=code)

# --- the pack -------------------------------------------------------------------------------
st.divider()
st.subheader(tr("briefing.pack.heading"))
st.caption(tr("briefing.pack.help", language=tr(f"app.lang_name.{code}").lower()))
edits = dict(scenario_edits())
today = dt.date.today()
pack_downloads(lambda kind: pack_bytes(kind, code, edits, today), lang=code, day=today)
