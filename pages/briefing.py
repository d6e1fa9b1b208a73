"""Briefing mode for HCT meetings: one message per screen at 16:9, and the briefing pack.

The projected screen is a 16:9 stage designed at 1920 x 1080 and scaled to the viewport
(no sidebar, toolbar or mode bar; large type): the title bar with previous/next (also the
Left/Right keys, the screen number in the URL, ``?screen=2``), French/English and the exit
link; the key figures and notes on the left; the chart or map in the rest. Below it, off the
projected picture, the presenter panel: the chart's PNG/SVG and the PDF/PowerPoint pack
(built on the server in the current language; under a scenario it carries its name and
edits, ``pages/_briefing_pack.py``).
"""

from __future__ import annotations

import streamlit as st

from components.briefing import (
    briefing_screens,
    chart_layout_size,
    clamp_screen,
    projector_figure,
    screen_from_param,
    screen_title,
)
from components.widgets.charts import chart_downloads
from components.widgets.projector import (
    briefing_bar,
    briefing_body,
    briefing_notes,
    briefing_stage,
    fit_stage,
    key_figures,
    pack_downloads,
    presenter_panel,
    projector_mode,
    stage_chart,
)
from pages._briefing_pack import pack_builder
from pages._data_state import current_state
from pages._data_state import today as data_today
from pages._scenario import current_funding, current_identity, scenario_active, scenario_edits
from pages._shared import LANG_KEY, dtm_data, freshness_lines, idp_join, lang, plan_data, tr
from text import LANGS

SCREEN_STATE = "briefing.screen"  # 0-based index of the screen shown
SCREEN_PARAM = "screen"  # 1-based in the URL
SIDEBAR_LANG_WIDGET = "sidebar.lang"  # dashboard.py's language radio, kept in step


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
screens = briefing_screens(
    plan_data(),
    current_funding(),
    dtm_data(),
    idp_join(),
    code,
    scenario,
    chart_height=chart_layout_size()[1],
)
index = st.session_state[SCREEN_STATE]
screen = screens[index]
st.query_params[SCREEN_PARAM] = str(index + 1)

# --- the projected screen (16:9, scaled to the viewport) -------------------------------------
with briefing_stage():
    briefing_bar(
        screen_title(screen, code),
        scenario=screen.scenario,
        index=index,
        total=len(screens),
        lang=code,
        step=step,
        switch_language=switch_language,
        freshness=freshness_lines(code),
    )
    with briefing_body(scenario=screen.scenario) as (side, chart):
        with side:
            key_figures(screen.key_figures)
            briefing_notes(screen.notes)
        with chart:
            stage_chart(
                projector_figure(screen, code),
                key=f"briefing.chart.{screen.key}",
                name=screen.figure.layout.title.text or screen.title,
            )

# --- the presenter panel, below the projected screen ------------------------------------------
with presenter_panel(tr("briefing.presenter.heading"), tr("briefing.presenter.help")):
    st.markdown(f"**{tr('briefing.presenter.chart')}**")
    chart_downloads(screen.figure, f"briefing-{screen.key}", lang=code)
    st.markdown(f"**{tr('briefing.pack.heading')}**")
    st.caption(tr("briefing.pack.help", language=tr(f"app.lang_name.{code}").lower()))
    identity, today = current_identity(), data_today()
    build = pack_builder(code, dict(scenario_edits()), today, identity, current_state())
    pack_downloads(build, lang=code, day=today, identity=identity)
    fit_stage()
