"""Language and legibility in Chromium: ``html[lang]`` per language, a tab title per page, and
chart tick text dark enough on white (WCAG AA: contrast ≥ 4.5:1)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from text import t

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]


def contrast(rgb: tuple[int, int, int], background: tuple[int, int, int] = (255, 255, 255)):
    """WCAG 2 contrast ratio of two sRGB colours."""

    def luminance(colour):
        channels = []
        for value in colour:
            c = value / 255
            channels.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
        r, g, b = channels
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    high, low = sorted((luminance(rgb), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_contrast_formula():
    assert round(contrast((128, 132, 149)), 1) == 3.7  # Streamlit's chart grey: too light
    assert round(contrast((0, 0, 0)), 1) == 21.0


@pytest.fixture(scope="module")
def app(streamlit_server):
    return streamlit_server(ROOT / "dashboard.py")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_document_language_and_tab_title_follow_the_page(lang, app, offline_page, wait_for_app):
    page, guard = offline_page
    for path, key in (
        ("", "page.overview"),
        ("funding", "page.funding"),
        ("briefing", "page.briefing"),
    ):
        page.goto(f"{app.url}{path}?lang={lang}")
        wait_for_app(page)
        page.wait_for_function(f"document.documentElement.lang === '{lang}'", timeout=10_000)
        expected = t("app.tab_title", lang, page=t(key, lang), app=t("app.title", lang))
        page.wait_for_function(f"document.title === {expected!r}", timeout=10_000)
    guard.assert_no_external()


def test_chart_tick_text_has_aa_contrast(app, offline_page, wait_for_app):
    page, guard = offline_page
    page.goto(f"{app.url}funding?lang=en")
    wait_for_app(page)
    ticks = page.locator("[data-testid='stPlotlyChart'] .ytick text")
    ticks.first.wait_for(timeout=30_000)
    fills = {ticks.nth(i).evaluate("e => getComputedStyle(e).fill") for i in range(3)}
    for fill in fills:
        rgb = tuple(int(v) for v in re.findall(r"\d+", fill)[:3])
        assert contrast(rgb) >= 4.5, fill
    guard.assert_no_external()
