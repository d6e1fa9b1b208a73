"""The briefing pack of ``pages/briefing.py``: its screens, chart images and files, cached.

Built on click (``st.download_button`` runs its ``data`` callable in its own thread, so
everything the pack needs from the session, the edits and the scenario's identity, is read
by the page and passed in, the data version viewed included). The cache key holds the
language, the edits, the day, the scenario's identity (its name and edit lines: renaming a
scenario gives a new cover) and the data state's stamp (another version, another pack); the
cover gives the as-of dates of the figures at that version with their age on ``day``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import streamlit as st

from components.briefing import (
    Screen,
    briefing_pack_pdf,
    briefing_pack_pptx,
    briefing_screens,
    screen_images,
)
from components.briefing.screens import PACK_CHART_HEIGHT
from data.names import area_names
from data.scenario import ScenarioIdentity
from data.versions import DataState, Freshness, freshness
from pages._data_state import current_state
from pages._scenario import scenario_funding
from pages._shared import baseline_funding, dtm_data, idp_join, plan_data
from text import fmt_date, nt, t


def pack_screens(code: str, edits: dict, state: DataState) -> list[Screen]:
    """The screens as the pack lays them out (charts at :data:`PACK_CHART_HEIGHT`)."""
    funding = scenario_funding(edits, state) if edits else baseline_funding(state)
    return briefing_screens(
        plan_data(state),
        funding,
        dtm_data(state=state),
        idp_join(state=state),
        code,
        bool(edits),
        chart_height=PACK_CHART_HEIGHT,
    )


@st.cache_data(show_spinner=False, max_entries=8)
def pack_images(code: str, edits: dict, stamp: str, _state: DataState) -> list[bytes]:
    """The pack's charts as PNG, shared by the PDF and the PowerPoint (``stamp``: the
    data state's, which names the figures)."""
    return screen_images(pack_screens(code, edits, _state))


def cover_as_of(state: DataState, day: dt.date, code: str) -> str:
    """'27 nov. 2023 (financement, il y a 1 100 jours, ancien) ; …' for the pack's cover."""
    funding_age, dtm_age = (
        freshness(state.funding_as_of, day),
        freshness(state.dtm_as_of, day),
    )

    def age(value: Freshness) -> str:
        text = nt("freshness.age", value.age_days, code)
        return f"{text}, {t('freshness.stale_word', code)}" if value.stale else text

    return t(
        "briefing.cover.as_of_aged",
        code,
        plan=fmt_date(state.funding_as_of, code),
        plan_age=age(funding_age),
        dtm=fmt_date(state.dtm_as_of, code),
        dtm_age=age(dtm_age),
    )


@st.cache_data(show_spinner=False, max_entries=8)
def pack_bytes(
    kind: str,
    code: str,
    edits: dict,
    day: dt.date,
    identity: ScenarioIdentity | None,
    stamp: str,
    _state: DataState,
) -> bytes:
    """The pack as ``kind`` (``"pdf"`` or ``"pptx"``) at the data state ``_state`` (named by
    ``stamp``); under a scenario its cover names it and a page lists its edits (areas by
    their long names in ``code``)."""
    plan = plan_data(_state)
    build = briefing_pack_pdf if kind == "pdf" else briefing_pack_pptx
    return build(
        pack_screens(code, edits, _state),
        lang=code,
        plan_title=t("app.title", code),
        document_date=day,
        data_as_of=cover_as_of(_state, day, code),
        sources=plan.sources,
        scenario=bool(edits),
        images=pack_images(code, edits, stamp, _state),
        identity=identity,
        area_names=area_names(plan.areas, code, short=False),
    )


def pack_builder(
    code: str,
    edits: dict,
    day: dt.date,
    identity: ScenarioIdentity | None,
    state: DataState | None = None,
) -> Callable[[str], bytes]:
    """``build(kind)`` for :func:`components.widgets.projector.pack_downloads`, at the data
    state the page shows (``state``; default: read now, on the page's run)."""
    state = state or current_state()
    return lambda kind: pack_bytes(kind, code, edits, day, identity, state.stamp, state)
