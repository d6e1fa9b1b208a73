"""Contrast of every colour the dashboard uses for text, against its background (WCAG 2.x).

Text needs 4.5:1 (1.4.3). Large text (24 px, or 18.66 px bold) needs 3:1: only the scenario
titles use it (vermillion, 26 px bold in charts, 56 px in the briefing). A focus ring, not
text, needs 3:1 against what is around it (1.4.11). Exempt, as WCAG exempts them: Streamlit's
disabled controls (text at 40 %), and the scenario watermark, a decoration at 16 % opacity
whose word the title carries too. Map labels sit on their unit's fill inside a halo of the
opposite colour: the text against its halo needs 4.5:1, against the fill 3:1.

Streamlit's own colours are derived from ``.streamlit/config.toml``: captions are the text
colour at 60 % (``fadedText60``), a selected segment is the primary colour on a 10 % tint of
it; the browser test (tests/browser/test_accessibility.py) measures the rendered pages.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import plotly.graph_objects as go
import pytest

from components.charts import (
    Stamp,
    area_funding_bars,
    coverage_donut,
    coverage_donuts_grid,
    delta_bars,
    objective_funding_bars,
)
from components.maps import LABELS_TRACE, idp_choropleth, idp_deck, label_colours, value_color
from components.theme import COLORS, SIZES, STAMP_NAME, WATERMARK_NAME
from components.widgets.accessibility import FOCUS_COLOR, FOCUS_CSS
from components.widgets.projector import PROJECTOR_CSS
from data.scenario import AreaEdit, scenario_funding
from geo.boundaries import load_boundaries
from geo.join import join_regional_values, region_presence
from text import t

ROOT = Path(__file__).resolve().parents[1]
THEME = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())["theme"]
AA, AA_LARGE, NON_TEXT = 4.5, 3.0, 3.0
WHITE = (255, 255, 255)
DECK_GL_TOOLTIP_TEXT = "#a0a7b4"  # deck.gl's Tooltip widget default colour (we set the background)

RGB = tuple[float, float, float]


# --- the formula ---------------------------------------------------------------------------
def rgb(colour: str) -> RGB:
    """``#rrggbb`` or ``rgb(r, g, b)`` as a triple."""
    if colour.startswith("#"):
        return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]
    r, g, b = (float(v) for v in re.findall(r"[\d.]+", colour)[:3])
    return r, g, b


def luminance(colour: RGB) -> float:
    def channel(value: float) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str | RGB, b: str | RGB) -> float:
    """WCAG 2 contrast ratio of two colours (1 to 21)."""
    high, low = sorted((luminance(_rgb(a)), luminance(_rgb(b))), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _rgb(colour: str | RGB) -> RGB:
    return rgb(colour) if isinstance(colour, str) else colour


def over(colour: str | RGB, alpha: float, background: str | RGB) -> RGB:
    """``colour`` at ``alpha`` over ``background``."""
    fg, bg = _rgb(colour), _rgb(background)
    r, g, b = (f * alpha + k * (1 - alpha) for f, k in zip(fg, bg, strict=True))
    return r, g, b


def test_the_formula():
    assert round(contrast("#000000", "#FFFFFF"), 1) == 21.0
    assert round(contrast("#777777", "#FFFFFF"), 2) == 4.48  # the classic just-too-light grey
    assert round(contrast("rgb(128, 132, 149)", WHITE), 1) == 3.7  # Streamlit's chart grey


# --- the chart theme -----------------------------------------------------------------------
def test_chart_text_colours_on_the_chart_background():
    for name in ("text", "muted_text"):
        assert contrast(COLORS[name], COLORS["background"]) >= AA, name


def test_the_scenario_colour_is_for_large_text_only():
    assert contrast(COLORS["scenario"], COLORS["background"]) >= AA_LARGE
    assert contrast(COLORS["scenario"], COLORS["background"]) < AA  # so never for small text
    assert SIZES["title"] >= 24


def _fonts(node: Any, path: str = "") -> Iterator[tuple[str, dict]]:
    """Every font dict (``font``, ``textfont``, ``tickfont``…) in a figure's JSON."""
    if isinstance(node, dict):
        for key, value in node.items():
            here = f"{path}.{key}" if path else key
            if key.endswith("font") and isinstance(value, dict):
                yield here, value
            yield from _fonts(value, here)
    elif isinstance(node, list | tuple):
        for i, value in enumerate(node):
            yield from _fonts(value, f"{path}[{i}]")


def _figures(plan, funding, units) -> Iterator[tuple[str, go.Figure]]:
    edits = {
        "protection": AreaEdit(confirmed_usd=1_500_000),
        "shelter": AreaEdit(confirmed_usd=100_000),
        "mhpss": AreaEdit(confirmed_usd=200_000),
    }
    scenario = scenario_funding(plan, edits)
    for lang in ("fr", "en"):
        for flag, figures in ((False, funding), (True, scenario)):
            stamp: Stamp = {"lang": lang, "source": "Plan", "as_of": "2023-11-27", "scenario": flag}
            yield "area bars", area_funding_bars(figures.areas, figures.objectives, **stamp)
            yield "objective bars", objective_funding_bars(figures.objectives, **stamp)
            totals = figures.totals
            yield (
                "donut",
                coverage_donut(totals.confirmed_usd, totals.required_usd, title="Plan", **stamp),
            )
            yield "grid", coverage_donuts_grid(figures.areas, **stamp)
            yield "deltas", delta_bars(funding.areas, scenario.areas, **stamp)
            yield (
                "map",
                idp_choropleth(
                    units,
                    lang=lang,
                    title="IDPs",
                    source="DTM",
                    as_of="2023-09-30",
                    scenario=flag,
                    presence=region_presence(units, ["mopti"]),
                ),
            )


@pytest.fixture(scope="module")
def units(dtm):
    return join_regional_values(load_boundaries(), dtm.regions, ["idps_estimate", "share"]).gdf


def _trace_name(spec: dict, path: str) -> str | None:
    match = re.match(r"data\[(\d+)\]", path)
    return spec["data"][int(match.group(1))].get("name") if match else None


def _annotation(layout: dict, path: str) -> dict | None:
    match = re.match(r"layout\.annotations\[(\d+)\]", path)
    return layout["annotations"][int(match.group(1))] if match else None


def test_every_text_colour_in_every_chart(plan, funding, units):
    """Walk each figure's fonts: an explicit colour is checked against the paper (or the
    box an annotation draws), with the size it is drawn at; the layout's own font colour is
    the default of every other text."""
    checked = 0
    for what, fig in _figures(plan, funding, units):
        spec = fig.to_plotly_json()
        layout = spec["layout"]
        base = layout["font"]
        assert base["color"] == COLORS["text"] and layout["paper_bgcolor"] == COLORS["background"]
        assert layout["hoverlabel"]["bgcolor"] == COLORS["background"]
        for path, font in _fonts(spec):
            colours = font.get("color")
            if colours is None or _trace_name(spec, path) == LABELS_TRACE:
                continue  # inherits the layout's colour (checked); map labels: see below
            size = font.get("size") or base["size"]
            background: str | RGB = COLORS["background"]
            if path.startswith("layout.hoverlabel"):
                background = layout["hoverlabel"]["bgcolor"]
            annotation = _annotation(layout, path)
            if annotation is not None:
                if annotation.get("name") == WATERMARK_NAME:
                    assert annotation["opacity"] <= 0.2  # decoration; the title says it too
                    assert t("scenario.watermark", "fr") in str(layout["title"]["text"]) or t(
                        "scenario.watermark", "en"
                    ) in str(layout["title"]["text"])
                    continue
                if annotation.get("bgcolor"):  # the box is drawn in the gap below its bar
                    alpha = float(re.findall(r"[\d.]+", annotation["bgcolor"])[3])
                    background = over(annotation["bgcolor"], alpha, COLORS["background"])
            large = size >= 24 or (size >= 18.66 and path.startswith("layout.title"))
            for colour in colours if isinstance(colours, list) else [colours]:
                ratio = contrast(colour, background)
                assert ratio >= (AA_LARGE if large else AA), (what, path, colour, size, ratio)
                checked += 1
    assert checked >= 200  # the walk found the fonts


def test_the_stamp_is_muted_text():
    fig = coverage_donut(1, 2, title="x", lang="en", source="Plan", as_of="2023-11-27")
    (stamp,) = [a for a in fig.layout.annotations if a.name == STAMP_NAME]
    assert stamp.font.color == COLORS["muted_text"]


def test_map_labels_on_every_fill_of_the_scale():
    """Labels: white with a black halo on dark fills, dark with a white halo on light ones."""
    for step in range(0, 1001):
        fill = value_color(step, 1000)
        text, halo = label_colours(fill)
        halo_colour = re.search(r"#[0-9A-Fa-f]{6}", halo).group(0)  # type: ignore[union-attr]
        assert contrast(text, halo_colour) >= AA, fill
        assert contrast(text, fill) >= AA_LARGE, fill


def test_the_3d_maps_tooltip(units):
    style = idp_deck(units, lang="en")._tooltip["style"]  # what st.pydeck_chart sends
    assert contrast(DECK_GL_TOOLTIP_TEXT, style["backgroundColor"]) >= AA


# --- Streamlit's theme and the CSS the app injects ----------------------------------------------
def test_streamlit_theme_text():
    text, page, sidebar = (
        THEME["textColor"],
        THEME["backgroundColor"],
        THEME["secondaryBackgroundColor"],
    )
    primary = THEME["primaryColor"]
    for background in (page, sidebar):
        assert contrast(text, background) >= AA
        caption = over(text, 0.6, background)  # st.caption: the text colour at 60 %
        assert contrast(caption, background) >= AA, (background, contrast(caption, background))
    assert contrast(primary, page) >= AA  # links, the selected tab
    assert contrast(primary, over(primary, 0.1, page)) >= AA  # a selected segment
    assert contrast("#FFFFFF", primary) >= AA  # primary buttons


def test_the_focus_ring():
    assert f"outline: 3px solid {FOCUS_COLOR}" in FOCUS_CSS
    for background in (THEME["backgroundColor"], THEME["secondaryBackgroundColor"]):
        assert contrast(FOCUS_COLOR, background) >= NON_TEXT


class _Names(dict):
    """Formats ``PROJECTOR_CSS`` with each placeholder left as ``@name@``."""

    def __missing__(self, key: str) -> str:
        return f"@{key}@"


def test_the_injected_css_uses_only_the_checked_text_colours():
    """The projector's CSS colours text with the theme's text, muted and scenario colours
    (checked above); the scenario colour only on the briefing's title (56 px)."""
    css = PROJECTOR_CSS % _Names()
    rules = re.findall(r"([^{}]+)\{([^{}]*)\}", css)
    sizes = {sel.strip(): decl for sel, decl in rules}
    for selector, declarations in rules:
        for name in re.findall(r"(?<![-\w])color:\s*@(\w+)@", declarations):
            assert name in {"text", "muted", "scenario"}, (selector, name)
            if name == "scenario":
                assert selector.strip().endswith("h1"), selector
    title_rule = next(
        decl for sel, decl in sizes.items() if sel.endswith("h1") and "font-size" in decl
    )
    assert int(re.search(r"font-size:\s*(\d+)px", title_rule).group(1)) >= 24  # type: ignore[union-attr]
    assert not re.search(r"(?<![-\w])color:", FOCUS_CSS)  # the focus CSS colours no text
