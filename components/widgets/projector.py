"""The projector view of ``pages/briefing.py``: full-screen styling, the top bar (title,
previous/next, language, exit), big key figures, notes and the pack's download buttons."""

from __future__ import annotations

import datetime as dt
import functools
import html
import math
from collections.abc import Callable, Sequence

import streamlit as st

from components.export import export_available
from components.widgets.charts import export_file_name
from text import LANGS, t

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
PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
PACK_KINDS = (
    ("pdf", "application/pdf", ":material/picture_as_pdf:"),
    ("pptx", PPTX_MIME, ":material/slideshow:"),
)


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


def briefing_bar(
    title: str,
    *,
    scenario: bool,
    index: int,
    total: int,
    lang: str,
    step: Callable[[int], None],
    switch_language: Callable[[], None],
    exit_page: str = "pages/overview.py",
) -> None:
    """The top bar: the screen's title; previous / next (also the Left / Right keys) with
    the position, the language switch (``briefing.lang``) and the exit link."""
    title_column, controls = st.columns([5, 6], vertical_alignment="center")
    with title_column:
        briefing_title(title, scenario=scenario)
    with controls, st.container(horizontal=True, horizontal_alignment="right", gap="small"):
        st.button(
            t("briefing.nav.previous", lang),
            key="briefing.previous",
            on_click=step,
            args=(-1,),
            disabled=index == 0,
            shortcut="Left",
        )
        position = t("briefing.nav.position", lang, n=index + 1, total=total)
        st.markdown(f'<span class="briefing-position">{position}</span>', unsafe_allow_html=True)
        st.button(
            t("briefing.nav.next", lang),
            key="briefing.next",
            on_click=step,
            args=(1,),
            disabled=index == total - 1,
            shortcut="Right",
            type="primary",
        )
        st.segmented_control(
            t("app.language", lang),
            list(LANGS),
            default=lang,
            format_func=lambda c: c.upper(),
            key="briefing.lang",
            on_change=switch_language,
            label_visibility="collapsed",
        )
        st.page_link(exit_page, label=t("briefing.exit", lang), icon=":material/close:")


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


def pack_downloads(build: Callable[[str], bytes], *, lang: str, day: dt.date) -> None:
    """The PDF and PowerPoint pack buttons; ``build(kind)`` runs on click (``"pdf"`` or
    ``"pptx"``). Without Chromium (the pack's charts are images) a caption says so at once,
    instead of buttons that wait for minutes."""
    can_export = export_available()
    if not can_export:
        st.caption(t("export.unavailable", lang))
    with st.container(horizontal=True, gap="small"):
        for kind, mime, icon in PACK_KINDS if can_export else ():
            st.download_button(
                t(f"briefing.pack.{kind}", lang),
                data=functools.partial(build, kind),
                file_name=export_file_name("briefing", lang, kind, day),
                mime=mime,
                key=f"briefing.pack.{kind}",
                icon=icon,
                on_click="ignore",
                type="primary" if kind == "pdf" else "secondary",
            )
