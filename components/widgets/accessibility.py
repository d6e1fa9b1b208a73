"""Charts and maps for screen readers, and a visible keyboard focus.

Every plotly chart's drawing (its first ``svg.main-svg``) gets ``role="img"`` and an
``aria-label``: its own title, read by a small script from the drawn figure
(``el.layout.title.text`` of each ``.js-plotly-plot``); a deck's drawing (deck.gl's focusable
canvas holder) is named by the name given. The containers keep their toolbars (plotly's
modebar, Streamlit's full-screen button) reachable: an image's children would be hidden. A chart
shown through :func:`chart_description` (``show_chart`` does it) or a deck through
:func:`deck_description` also gets a description (``aria-describedby``): the summary lines of
:mod:`components.charts.summary`, in a hidden list beside it. A visible caption under every
chart was tried and dropped as clutter; the hidden list is only reached through the chart.

Nothing from a figure, a file or a visitor is ever put into the script or the CSS: both are
constants. The summary and the deck's name are HTML-escaped text nodes; the script only
reads the DOM and links elements (``id``, ``aria-*`` attributes set with ``setAttribute``).

:func:`page_accessibility` (the focus ring, and the script for charts that have no
description, such as the briefing's) is meant to be called once per run by the app shell.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

import plotly.graph_objects as go
import streamlit as st

from components.charts.summary import deck_summary, figure_summary, figure_title
from components.theme import COLORS

MARKER_CLASS = "crp-chart-a11y"
PAGE_CLASS = "crp-page-a11y"
FOCUS_COLOR = COLORS["confirmed"]  # Okabe-Ito blue: 5.2:1 on white, 4.7:1 on the sidebar grey

# The elements holding a hidden description or the page's CSS take no room (a flex gap
# would show as a blank line); styles and scripts in them work all the same.
_MARKER_CSS = f"""<style>
.stElementContainer:has(.{MARKER_CLASS}),
.stElementContainer:has(.{PAGE_CLASS}) {{ display: none; }}
</style>"""

# A visible focus ring for keyboard users: Streamlit's own is a faint background tint on the
# sidebar's links (about 1.1:1). Same colour everywhere; the offset keeps it off the control.
# The shortcut hints of buttons (<kbd>) are drawn at 60 % opacity by Streamlit: 2.9:1 in a
# primary button; full opacity gives 5.2:1 (white on the house blue).
FOCUS_CSS = f"""<style>
[data-testid="stSidebarNavLink"]:focus-visible,
[data-testid="stSidebar"] button:focus-visible,
[data-testid="stMain"] button:focus-visible,
[data-testid="stMain"] a:focus-visible,
[role="tab"]:focus-visible,
summary:focus-visible {{
  outline: 3px solid {FOCUS_COLOR} !important;
  outline-offset: 2px;
  box-shadow: none;
}}
button:not(:disabled) kbd {{ opacity: 1; }}
</style>"""

# Static: reads each chart's title and its description's ids from the DOM, never a value
# from Python. Installed once per browser tab; later copies only re-run the labelling.
# No "<" followed by a letter or "/" in it (written \x3c): DOMPurify, which Streamlit runs
# over st.html, drops a <script> whose text looks like markup.
LABEL_SCRIPT = """<script>
(() => {
  if (window.crpChartA11y) { window.crpChartA11y(); return; }
  let next = 0;
  const plain = (text) => String(text || "").replace(/\\x3cbr\\s*\\/?>/gi, " ")
    .replace(/\\x3c[^>]*>/g, "").replace(/\\s+/g, " ").trim();
  const idOf = (el, prefix) => { if (!el.id) { el.id = prefix + (++next); } return el.id; };
  const set = (el, name, value) => { if (el.getAttribute(name) !== value) el.setAttribute(name, value); };
  // The image is the drawing itself: plotly's first SVG layer, deck.gl's focusable canvas
  // holder. Not their containers, which hold toolbars (plotly's modebar, Streamlit's
  // full-screen button) that must stay reachable.
  const drawing = (chart) => chart.classList.contains("js-plotly-plot")
    ? chart.querySelector("svg.main-svg")
    : chart.querySelector(".deck-events-root") || chart.querySelector("canvas");
  const label = () => {
    document.querySelectorAll(".js-plotly-plot").forEach((plot) => {
      const title = plain(plot.layout && plot.layout.title && plot.layout.title.text);
      const svg = drawing(plot);
      if (title && svg) { set(svg, "role", "img"); set(svg, "aria-label", title); }
    });
    document.querySelectorAll(".crp-chart-a11y").forEach((marker) => {
      const box = marker.closest('[data-testid="stVerticalBlock"]');
      const chart = box && box.querySelector(
        '.js-plotly-plot, [data-testid="stDeckGlJsonChart"]');
      const image = chart && drawing(chart);
      if (!image) return;
      const name = marker.querySelector(".crp-chart-a11y-name");
      const summary = marker.querySelector(".crp-chart-a11y-summary");
      set(image, "role", "img");
      if (name && !chart.classList.contains("js-plotly-plot")) {
        set(image, "aria-labelledby", idOf(name, "crp-chart-name-"));
      }
      if (summary) set(image, "aria-describedby", idOf(summary, "crp-chart-summary-"));
    });
  };
  let queued = false;
  window.crpChartA11y = () => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => { queued = false; label(); });
  };
  new MutationObserver(window.crpChartA11y).observe(document.body, {childList: true, subtree: true});
  window.crpChartA11y();
})();
</script>"""


def description_html(name: str, lines: Sequence[str]) -> str:
    """The hidden name and summary list of one chart (text escaped), the CSS that hides
    them and the labelling script."""
    # A space between the items: Chrome joins the text of hidden items without one.
    items = " ".join(f"<li>{html.escape(line)}</li>" for line in lines)
    summary = f'<ul class="{MARKER_CLASS}-summary">{items}</ul>' if items else ""
    return (
        f"{_MARKER_CSS}"
        f'<div class="{MARKER_CLASS}">'
        f'<p class="{MARKER_CLASS}-name">{html.escape(name)}</p>{summary}</div>'
        f"{LABEL_SCRIPT}"
    )


def chart_description(fig: go.Figure, lang: str) -> list[str]:
    """Under a plotly chart, in the same container: its hidden summary, linked by the script
    (the chart's name is its title). Returns the summary lines."""
    lines = figure_summary(fig, lang)
    st.html(description_html(figure_title(fig), lines), unsafe_allow_javascript=True)
    return lines


def deck_description(deck: Any, name: str, lang: str) -> list[str]:
    """Under a pydeck map, in the same container: its name (a deck has no title) and its
    summary, linked by the script. Returns the summary lines."""
    lines = deck_summary(deck, lang)
    st.html(description_html(name, lines), unsafe_allow_javascript=True)
    return lines


def page_accessibility() -> None:
    """Once per run (the app shell): the keyboard focus ring, and names for every plotly
    chart of the page, including those shown without :func:`chart_description`. Drawn in
    the sidebar, in an element that takes no room."""
    st.sidebar.html(
        f'{_MARKER_CSS}{FOCUS_CSS}<span class="{PAGE_CLASS}"></span>{LABEL_SCRIPT}',
        unsafe_allow_javascript=True,
    )
