"""The briefing pack of ``pages/briefing.py``: its screens, chart images and files, cached.

Built on click (``st.download_button`` runs its ``data`` callable in its own thread, so
everything the pack needs from the session, the edits and the scenario's identity, is read
by the page and passed in). The cache key holds the language, the edits, the day and the
scenario's identity (its name and edit lines): renaming a scenario gives a new cover.
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
from pages._scenario import scenario_funding
from pages._shared import baseline_funding, dtm_data, idp_join, plan_data
from text import fmt_date, t


def pack_screens(code: str, edits: dict) -> list[Screen]:
    """The screens as the pack lays them out (charts at :data:`PACK_CHART_HEIGHT`)."""
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
def pack_images(code: str, edits: dict) -> list[bytes]:
    """The pack's charts as PNG, shared by the PDF and the PowerPoint."""
    return screen_images(pack_screens(code, edits))


@st.cache_data(show_spinner=False, max_entries=8)
def pack_bytes(
    kind: str, code: str, edits: dict, day: dt.date, identity: ScenarioIdentity | None
) -> bytes:
    """The pack as ``kind`` (``"pdf"`` or ``"pptx"``); under a scenario its cover names it
    and a page lists its edits (areas by their long names in ``code``)."""
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
        identity=identity,
        area_names=area_names(plan.areas, code, short=False),
    )


def pack_builder(
    code: str, edits: dict, day: dt.date, identity: ScenarioIdentity | None
) -> Callable[[str], bytes]:
    """``build(kind)`` for :func:`components.widgets.projector.pack_downloads`."""
    return lambda kind: pack_bytes(kind, code, edits, day, identity)
