"""The projector view of ``pages/briefing.py``: a fixed 16:9 stage scaled to the viewport, the
title bar (title, previous/next, language, exit), the key figures and notes, the chart, and
below the stage the presenter panel (chart downloads and the pack's buttons).

The stage is designed at 1920 x 1080 px (:mod:`components.briefing.stage`) and scaled as one
piece by a CSS transform: :data:`FIT_SCRIPT` sets ``--briefing-scale`` to
``min(width / 1920, height / 1080)`` of the viewport, on load and on every resize. The stage
fills the viewport (no scroll bar needed to see it); the presenter panel starts below it,
out of the projected picture.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

import plotly.graph_objects as go
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from components.briefing.stage import (
    BODY_GAP,
    CHART_BOX,
    CHART_ZOOM,
    PAD_X,
    PAD_Y,
    SIDE_W,
    STAGE_H,
    STAGE_W,
    TITLE_BAR_H,
    chart_layout_size,
)
from components.export import export_available
from data.scenario import ScenarioIdentity, scenario_file_name
from text import LANGS, t

VIEWPORT_KEY = "briefing-viewport"  # the viewport-sized box that holds the stage
STAGE_KEY = "briefing-stage"  # the 1920 x 1080 stage, scaled
PRESENTER_KEY = "briefing-presenter"  # below the stage: downloads and the pack
PROJECTOR_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stExpandSidebarButton"], [data-testid="stToolbar"],
[data-testid="stDecoration"], [data-testid="stHeader"], header {
  display: none !important;
}
[data-testid="stMainBlockContainer"], .block-container {
  padding: 0 !important; max-width: none !important;
}
.st-key-%(viewport)s {
  position: relative; width: 100%%; height: 100vh; overflow: hidden; flex: none;
}
.st-key-%(stage)s {
  position: absolute; left: 50%%; top: 50%%;
  width: %(stage_w)spx !important; min-width: %(stage_w)spx; max-width: none !important;
  height: %(stage_h)spx; box-sizing: border-box;
  margin: -%(half_h)spx 0 0 -%(half_w)spx; padding: %(pad_y)spx %(pad_x)spx;
  transform: scale(var(--briefing-scale, 1)); transform-origin: 50%% 50%%;
  gap: %(body_gap)spx; flex-wrap: nowrap; background: %(background)s;
}
.st-key-briefing-bar { height: %(bar_h)spx; flex: none; flex-wrap: nowrap; }
.st-key-briefing-bar > div:first-child { min-width: 0; flex: 1 1 auto; }
.st-key-briefing-title h1, .st-key-briefing-title-scenario h1 {
  font-size: 56px; font-weight: 800; line-height: 1.15; color: %(text)s;
  padding: 0; margin: 0; white-space: nowrap; overflow: hidden; text-overflow: ellipsis;
}
.st-key-briefing-title-scenario h1 { color: %(scenario)s; }
.st-key-briefing-controls { flex: none; width: auto !important; }
.st-key-briefing-controls button, .st-key-briefing-controls a,
.st-key-briefing-controls p { font-size: 20px; }
/* The Left/Right key hints in the buttons: full strength (at 60 %% the white arrow on the
   blue Next button is 2.9:1, below WCAG AA). */
.st-key-briefing-controls kbd { opacity: 1 !important; }
.st-key-briefing-bar, .st-key-briefing-body {
  width: %(inner_w)spx !important; max-width: none !important;
}
.st-key-briefing-body { height: %(body_h)spx; flex: none; flex-wrap: nowrap; gap: %(column_gap)spx; }
%(side)s {
  width: %(side_w)spx !important; max-width: none !important; height: %(body_h)spx;
  flex: none; gap: 14px;
}
.st-key-briefing-chart {
  width: %(chart_w)spx !important; max-width: none !important; height: %(chart_h)spx;
  flex: none; overflow: hidden;
}
/* Streamlit sizes a plotly chart from its boxes' getBoundingClientRect(), which includes the
   stage's scale: boxes 1/scale as large measure the figure's layout size at every scale. */
.st-key-briefing-chart .stElementContainer,
.st-key-briefing-chart [data-testid="stFullScreenFrame"],
.st-key-briefing-chart [data-testid="stPlotlyChart"] {
  width: calc(%(layout_w)spx / var(--briefing-scale, 1)) !important;
  height: calc(%(layout_h)spx / var(--briefing-scale, 1)) !important;
  max-width: none !important; flex: none; overflow: visible !important;
}
.st-key-briefing-chart .js-plotly-plot { transform: scale(%(zoom)s); transform-origin: 0 0; }
%(side)s [data-testid="stMetric"] {
  border: none; border-left: 8px solid %(accent)s; border-radius: 0;
  padding: 2px 0 2px 16px; background: %(background)s;
}
.st-key-briefing-side-scenario [data-testid="stMetric"] { border-left-color: %(scenario)s; }
%(side)s [data-testid="stMetricLabel"] p, %(side)s [data-testid="stMetricLabel"] {
  font-size: 24px !important; color: %(muted)s; line-height: 1.25;
}
%(side)s [data-testid="stMetricValue"], %(side)s [data-testid="stMetricValue"] div {
  font-size: 46px !important; font-weight: 800; color: %(text)s;
  line-height: 1.1; font-variant-numeric: tabular-nums;
}
%(side)s .briefing-notes {
  font-size: 24px !important; line-height: 1.3; color: %(muted)s; margin: 0;
}
.briefing-position { font-size: 22px; font-weight: 700; color: %(text)s; white-space: nowrap; }
.st-key-%(presenter)s {
  padding: 24px 32px 48px 32px; border-top: 4px solid %(grid)s; background: %(background)s;
}
</style>
"""
FIT_SCRIPT = """
<script>
(() => {
  const fit = (attempt = 0) => {
    const box = document.querySelector(".st-key-%(viewport)s");
    if (!box) {
      if (attempt < 60) requestAnimationFrame(() => fit(attempt + 1));
      return;
    }
    const scale = Math.min(box.clientWidth / %(stage_w)s, window.innerHeight / %(stage_h)s);
    document.documentElement.style.setProperty("--briefing-scale", String(scale));
    if (window.briefingObserved !== box) {
      window.briefingObserved = box;
      new ResizeObserver(() => fit()).observe(box);
    }
  };
  if (!window.briefingFitting) {
    window.briefingFitting = true;
    window.addEventListener("resize", () => fit());
  }
  fit();
})();
</script>
"""
PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
PACK_KINDS = (
    ("pdf", "application/pdf", ":material/picture_as_pdf:"),
    ("pptx", PPTX_MIME, ":material/slideshow:"),
)


def _geometry() -> dict[str, object]:
    from components.theme import COLORS

    return {
        "viewport": VIEWPORT_KEY,
        "stage": STAGE_KEY,
        "presenter": PRESENTER_KEY,
        "side": '[class*="st-key-briefing-side"]',  # the side column, scenario or not
        "stage_w": STAGE_W,
        "stage_h": STAGE_H,
        "half_w": STAGE_W // 2,
        "half_h": STAGE_H // 2,
        "pad_x": PAD_X,
        "pad_y": PAD_Y,
        "bar_h": TITLE_BAR_H,
        "body_gap": BODY_GAP,
        "body_h": CHART_BOX.h,
        "inner_w": STAGE_W - 2 * PAD_X,
        "side_w": SIDE_W,
        "column_gap": CHART_BOX.x - PAD_X - SIDE_W,
        "chart_w": CHART_BOX.w,
        "chart_h": CHART_BOX.h,
        "zoom": CHART_ZOOM,
        "layout_w": chart_layout_size()[0],
        "layout_h": chart_layout_size()[1],
        "text": COLORS["text"],
        "muted": COLORS["muted_text"],
        "accent": COLORS["confirmed"],
        "scenario": COLORS["scenario"],
        "background": COLORS["background"],
        "grid": COLORS["grid"],
    }


def projector_mode() -> None:
    """Full-screen projector styling: no sidebar, toolbar or header; the stage's geometry.

    Colours from :mod:`components.theme` (Okabe-Ito, colour-blind safe). Plotly's mode bar is
    hidden per chart (``config={"displayModeBar": False}``).
    """
    st.html(PROJECTOR_CSS % _geometry())


def fit_stage() -> None:
    """The script that scales the stage to the viewport (ours, constant: no outside value)."""
    st.html(FIT_SCRIPT % _geometry(), unsafe_allow_javascript=True)


@contextmanager
def briefing_stage() -> Iterator[None]:
    """The projected 16:9 stage: everything written inside is on the projected screen."""
    with st.container(key=VIEWPORT_KEY), st.container(key=STAGE_KEY, gap=None):
        yield


def briefing_title(title: str, *, scenario: bool = False, freshness: Sequence[str] = ()) -> None:
    """The screen title (``st.title``) in projector type; vermillion for scenario figures.
    ``freshness``: the as-of lines of the figures (our Markdown), under the title."""
    with st.container(key="briefing-title-scenario" if scenario else "briefing-title"):
        st.title(title, anchor=False)
        if freshness:
            with st.container(key="briefing-freshness"):
                st.markdown("  \n".join(freshness))


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
    freshness: Sequence[str] = (),
) -> None:
    """The title bar: the screen's title (and the figures' as-of lines); previous / next
    (also the Left / Right keys) with the position, the language switch (``briefing.lang``)
    and the exit link."""
    bar = st.container(
        key="briefing-bar", horizontal=True, vertical_alignment="center", gap="medium"
    )
    with bar:
        briefing_title(title, scenario=scenario, freshness=freshness)
        controls = st.container(
            key="briefing-controls",
            horizontal=True,
            horizontal_alignment="right",
            vertical_alignment="center",
            gap="small",
            width="content",
        )
    with controls:
        st.button(
            t("briefing.nav.previous", lang),
            key="briefing.previous",
            on_click=step,
            args=(-1,),
            disabled=index == 0,
            shortcut="Left",
        )
        position = t("briefing.nav.position", lang, n=index + 1, total=total)
        st.markdown(
            f'<span class="briefing-position">{html.escape(position)}</span>',
            unsafe_allow_html=True,
        )
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


@contextmanager
def briefing_body(*, scenario: bool = False) -> Iterator[tuple[DeltaGenerator, DeltaGenerator]]:
    """The stage's body: ``(side, chart)`` containers, the key figures and notes on the left,
    the chart in the free area."""
    with st.container(key="briefing-body", horizontal=True, gap=None):
        side_key = "briefing-side-scenario" if scenario else "briefing-side"
        side = st.container(key=side_key, width=SIDE_W, gap=None)
        chart = st.container(key="briefing-chart", width=CHART_BOX.w, gap=None)
        yield side, chart


def key_figures(figures: Sequence[tuple[str, str]], *, scenario: bool = False) -> None:
    """Big numbers (``st.metric``), one under the other."""
    del scenario  # the side column's key marks scenario figures (see briefing_body)
    for label, value in figures:
        st.metric(label, value, border=True)


def briefing_notes(notes: Sequence[str]) -> None:
    """Short sentences under the key figures (HTML-escaped)."""
    for note in notes:
        st.markdown(f'<p class="briefing-notes">{html.escape(note)}</p>', unsafe_allow_html=True)


def stage_chart(fig: go.Figure, key: str, *, name: str) -> None:
    """The chart in the free area, at its layout size (drawn :data:`CHART_ZOOM` times larger
    by the stylesheet), without mode bar; ``name`` (plotly HTML allowed, tags dropped) is
    its accessible name (the projector map has no title of its own)."""
    st.plotly_chart(
        fig,
        key=key,
        alt=" ".join(re.sub(r"<[^>]+>", " ", name).split()) or None,
        # Fixed sizes: measured, the scaled stage would feed the drawn size back as layout.
        width=int(fig.layout.width),
        height=int(fig.layout.height),
        config={"displayModeBar": False, "responsive": False},
        theme=None,
    )


@contextmanager
def presenter_panel(heading: str, help_text: str) -> Iterator[None]:
    """Below the stage, off the projected picture: a heading, a line of help, the contents."""
    with st.container(key=PRESENTER_KEY):
        st.subheader(heading, anchor=False)
        st.caption(help_text)
        yield


def pack_downloads(
    build: Callable[[str], bytes],
    *,
    lang: str,
    day: dt.date,
    identity: ScenarioIdentity | None = None,
) -> None:
    """The PDF and PowerPoint pack buttons; ``build(kind)`` runs on click (``"pdf"`` or
    ``"pptx"``). Under a scenario the file names carry it
    (:func:`data.scenario.scenario_file_name`). Without Chromium (the pack's charts are
    images) a caption says so at once, instead of buttons that wait for minutes."""
    can_export = export_available()
    if not can_export:
        st.caption(t("export.unavailable", lang))
    with st.container(horizontal=True, gap="small"):
        for kind, mime, icon in PACK_KINDS if can_export else ():
            st.download_button(
                t(f"briefing.pack.{kind}", lang),
                data=functools.partial(build, kind),
                file_name=scenario_file_name("briefing", lang, kind, day, identity),
                mime=mime,
                key=f"briefing.pack.{kind}",
                icon=icon,
                on_click="ignore",
                type="primary" if kind == "pdf" else "secondary",
            )
