"""Streamlit widgets around the pure components (the only ``components`` module importing st).

:func:`chart_downloads` puts two download buttons (PNG, SVG) under a chart. The image bytes
are produced only when a button is clicked: in Streamlit 1.67 ``st.download_button``
accepts a callable ``data`` that runs on click, in its own thread, so drawing a page never
waits for Chromium. The images come from :mod:`components.export` (one shared headless
Chromium via kaleido), exactly as built: title, source/as-of stamp, scenario watermark.

:func:`projector_mode`, :func:`briefing_title`, :func:`key_figures` and
:func:`briefing_notes` are the projector view of ``pages/briefing.py``.
"""

from __future__ import annotations

import datetime as dt
import html
import math
import re
from collections.abc import Sequence

import plotly.graph_objects as go
import streamlit as st

from components.export import MIME, export_available, figure_png, figure_svg
from components.i18n import DEFAULT_LANG, LANGS, t

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


# --- projector (briefing) mode -----------------------------------------------------------------
PROJECTOR_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stExpandSidebarButton"], [data-testid="stToolbar"],
[data-testid="stDecoration"], [data-testid="stHeader"], header {
  display: none !important;
}
[data-testid="stMainBlockContainer"], .block-container {
  padding: 0.75rem 1.5rem 2rem 1.5rem !important;
  max-width: none !important;
}
.st-key-briefing-title h1, .st-key-briefing-title-scenario h1 {
  font-size: clamp(1.8rem, 5.6vh, 3rem); font-weight: 800; line-height: 1.1;
  color: %(text)s; padding: 0; margin: 0;
}
.st-key-briefing-title-scenario h1 { color: %(scenario)s; }
.st-key-briefing-figures [data-testid="stMetric"],
.st-key-briefing-figures-scenario [data-testid="stMetric"] {
  border: none; border-left: 0.45rem solid %(accent)s; border-radius: 0;
  padding: 0.1rem 0 0.1rem 0.8rem; background: %(background)s;
}
.st-key-briefing-figures-scenario [data-testid="stMetric"] { border-left-color: %(scenario)s; }
[data-testid="stMetricLabel"] p, [data-testid="stMetricLabel"] {
  font-size: clamp(1rem, 2.5vh, 1.5rem) !important; color: %(muted)s; line-height: 1.25;
}
[data-testid="stMetricValue"], [data-testid="stMetricValue"] div {
  font-size: clamp(1.8rem, 5.4vh, 3.4rem) !important; font-weight: 800; color: %(text)s;
  line-height: 1.1; font-variant-numeric: tabular-nums;
}
.briefing-notes { font-size: clamp(1rem, 2.4vh, 1.4rem); color: %(muted)s; margin: 0; }
.briefing-position { font-size: 1.2rem; font-weight: 700; color: %(text)s; }
</style>
"""


def projector_mode() -> None:
    """Full-screen projector styling: no sidebar, toolbar or header; large, high-contrast type.

    Colours from :mod:`components.theme` (Okabe-Ito, colour-blind safe). Plotly's mode bar is
    hidden per chart (``config={"displayModeBar": False}``).
    """
    from components.theme import COLORS

    css = PROJECTOR_CSS % {
        "text": COLORS["text"],
        "muted": COLORS["muted_text"],
        "accent": COLORS["confirmed"],
        "scenario": COLORS["scenario"],
        "background": COLORS["background"],
    }
    st.markdown(css, unsafe_allow_html=True)


def briefing_title(title: str, *, scenario: bool = False) -> None:
    """The screen title (``st.title``) in projector type; vermillion for scenario figures."""
    with st.container(key="briefing-title-scenario" if scenario else "briefing-title"):
        st.title(title, anchor=False)


def key_figures(figures: Sequence[tuple[str, str]], *, scenario: bool = False) -> None:
    """Big numbers (``st.metric``): up to 4 in one row, more in rows of ``ceil(n/2)``."""
    per_row = len(figures) if len(figures) <= 4 else math.ceil(len(figures) / 2)
    with st.container(key="briefing-figures-scenario" if scenario else "briefing-figures"):
        for start in range(0, len(figures), max(per_row, 1)):
            columns = st.columns(per_row, gap="medium")
            for column, (label, value) in zip(
                columns, figures[start : start + per_row], strict=False
            ):
                column.metric(label, value, border=True)


def briefing_notes(notes: Sequence[str]) -> None:
    """Short sentences under a screen (HTML-escaped)."""
    for note in notes:
        st.markdown(f'<p class="briefing-notes">{html.escape(note)}</p>', unsafe_allow_html=True)


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
