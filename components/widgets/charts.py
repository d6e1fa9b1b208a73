"""A chart on a page, with its PNG and SVG download buttons.

The image bytes are produced only when a button is clicked: in Streamlit 1.67
``st.download_button`` accepts a callable ``data`` that runs on click, in its own thread, so
drawing a page never waits for Chromium. The images come from :mod:`components.export` (one
shared headless Chromium via kaleido), exactly as built: title, source/as-of stamp, scenario
watermark. Under a scenario, the file names carry it
(:func:`data.scenario.scenario_file_name`: ``…-<what>-scenario-<slug>-<lang>-<date>.<ext>``).

Each chart sits in its own container with a hidden text summary that screen readers get as
the chart's description (:mod:`components.widgets.accessibility`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import plotly.graph_objects as go
import streamlit as st

from components.charts.donuts import same_donut_size
from components.export import MIME, export_available, figure_png, figure_svg
from components.widgets.accessibility import chart_description, deck_description
from data.scenario import FILE_PREFIX as FILE_PREFIX  # re-exported: tables.py, widgets
from data.scenario import ScenarioIdentity, scenario_file_name
from text import DEFAULT_LANG, LANGS, t

LANG_STATE_KEY = "lang"  # where the app shell keeps the language (pages._shared.LANG_KEY)
# Where the app shell keeps the active scenario's identity each run
# (pages._scenario.current_identity(); None or absent while the plan is shown).
IDENTITY_STATE_KEY = "scenario.identity"
# Charts are designed for a 1280 x 720 projector (components.theme); images keep that layout
# and are drawn 1.25x larger: 1600 x 900 px.
EXPORT_LAYOUT = (1280, 720)
EXPORT_SCALE = 1.25


def export_file_name(
    basename: str,
    lang: str,
    ext: str,
    day: dt.date | None = None,
    identity: ScenarioIdentity | None = None,
) -> str:
    """``iom-mali-crp2024-<basename>-<lang>-<YYYY-MM-DD>.<ext>`` (file-system safe); under a
    scenario (``identity``) ``…-<basename>-scenario-<slug>-<lang>-<YYYY-MM-DD>.<ext>``."""
    return scenario_file_name(basename, lang, ext, day or dt.date.today(), identity, "chart")


def _current_lang() -> str:
    code = st.session_state.get(LANG_STATE_KEY, DEFAULT_LANG)
    return code if code in LANGS else DEFAULT_LANG


def _current_identity() -> ScenarioIdentity | None:
    identity = st.session_state.get(IDENTITY_STATE_KEY)
    return identity if isinstance(identity, ScenarioIdentity) else None


def chart_downloads(
    fig: go.Figure,
    basename: str,
    *,
    lang: str | None = None,
    key: str | None = None,
) -> None:
    """Two buttons, PNG and SVG, downloading ``fig`` as shown (title, stamp, watermark),
    their file names marked with the active scenario (``st.session_state[IDENTITY_STATE_KEY]``).

    Parameters
    ----------
    fig
        The figure as built by a ``components`` builder.
    basename
        Short file-safe name of the chart (``"funding-by-area"``); also the default widget
        key prefix, so it must be unique on the page.
    lang
        Language of the labels and of the file name; default: the app's current language.
    key
        Widget key prefix (default ``export.<basename>``).
    """
    code = lang or _current_lang()
    identity = _current_identity()
    if not export_available():  # say so at once, instead of a button that waits for minutes
        st.caption(t("export.unavailable", code))
        return
    prefix = key or f"export.{basename}"
    width, height = EXPORT_LAYOUT
    px = (round(width * EXPORT_SCALE), round(height * EXPORT_SCALE))

    def png() -> bytes:
        return figure_png(fig, width=width, height=height, scale=EXPORT_SCALE)

    def svg() -> bytes:
        return figure_svg(fig, width=width, height=height)

    row = st.container(horizontal=True, gap="small")
    for ext, data, size in (("png", png, px), ("svg", svg, (width, height))):
        row.download_button(
            t(f"export.{ext}", code),
            data=data,
            file_name=export_file_name(basename, code, ext, identity=identity),
            mime=MIME[ext],
            key=f"{prefix}.{ext}",
            help=t("export.help", code, format=ext.upper(), width=size[0], height=size[1]),
            icon=":material/download:",
            on_click="ignore",
            type="tertiary",
        )


def show_chart(
    fig: go.Figure,
    basename: str,
    *,
    lang: str | None = None,
    config: dict | None = None,
) -> None:
    """A plotly chart with its PNG and SVG download buttons underneath (the key is
    ``basename``), named by its title and described by its summary for screen readers."""
    code = lang or _current_lang()
    with st.container(key=f"chart-box.{basename}"):
        st.plotly_chart(fig, key=f"chart.{basename}", config=config or {})
        chart_description(fig, code)
        chart_downloads(fig, basename, lang=code)


def show_deck(deck: Any, name: str, *, key: str, lang: str | None = None) -> None:
    """A pydeck map, named ``name`` (a deck has no title) and described by its summary for
    screen readers."""
    with st.container(key=f"deck-box.{key}"):
        st.pydeck_chart(deck, key=key)
        deck_description(deck, name, lang or _current_lang())


def chart_columns(charts: Sequence[tuple[go.Figure, str]], *, lang: str | None = None) -> list:
    """Charts side by side, one column each (``(figure, basename)``); returns the columns.

    A row of single donuts is given one ring size (:func:`same_donut_size`), whatever the
    length of each title.
    """
    charts = same_donut_size(charts)
    columns = st.columns(len(charts))
    for column, (fig, basename) in zip(columns, charts, strict=True):
        with column:
            show_chart(fig, basename, lang=lang)
    return columns
