"""A chart on a page, with its PNG and SVG download buttons.

The image bytes are produced only when a button is clicked: in Streamlit 1.67
``st.download_button`` accepts a callable ``data`` that runs on click, in its own thread, so
drawing a page never waits for Chromium. The images come from :mod:`components.export` (one
shared headless Chromium via kaleido), exactly as built: title, source/as-of stamp, scenario
watermark.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

import plotly.graph_objects as go
import streamlit as st

from components.charts.donuts import same_donut_size
from components.export import MIME, export_available, figure_png, figure_svg
from text import DEFAULT_LANG, LANGS, t

FILE_PREFIX = "iom-mali-crp2024"
LANG_STATE_KEY = "lang"  # where the app shell keeps the language (pages._shared.LANG_KEY)
# Charts are designed for a 1280 x 720 projector (components.theme); images keep that layout
# and are drawn 1.25x larger: 1600 x 900 px.
EXPORT_LAYOUT = (1280, 720)
EXPORT_SCALE = 1.25


def export_file_name(basename: str, lang: str, ext: str, day: dt.date | None = None) -> str:
    """``iom-mali-crp2024-<basename>-<lang>-<YYYY-MM-DD>.<ext>`` (file-system safe)."""
    safe = re.sub(r"[^A-Za-z0-9_-]+", "-", basename).strip("-") or "chart"
    return f"{FILE_PREFIX}-{safe}-{lang}-{(day or dt.date.today()).isoformat()}.{ext}"


def _current_lang() -> str:
    code = st.session_state.get(LANG_STATE_KEY, DEFAULT_LANG)
    return code if code in LANGS else DEFAULT_LANG


def chart_downloads(
    fig: go.Figure,
    basename: str,
    *,
    lang: str | None = None,
    key: str | None = None,
) -> None:
    """Two buttons, PNG and SVG, downloading ``fig`` as shown (title, stamp, watermark).

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
            file_name=export_file_name(basename, code, ext),
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
    """A plotly chart with its PNG and SVG download buttons underneath (the key is ``basename``)."""
    st.plotly_chart(fig, key=f"chart.{basename}", config=config or {})
    chart_downloads(fig, basename, lang=lang)


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
