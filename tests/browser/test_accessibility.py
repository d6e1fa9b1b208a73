"""Language and legibility in Chromium: ``html[lang]`` per language, a tab title per page,
every chart and map named and described for screen readers, a visible keyboard focus on the
navigation, and text contrast on every page (WCAG AA: ≥ 4.5:1, large text ≥ 3:1).

Exempt from the contrast check, as WCAG 1.4.3 exempts them: disabled controls, text hidden
from everyone (``aria-hidden``, not displayed) and the map's unit labels, which sit on their
unit's fill with a halo (``tests/test_contrast.py`` checks them against both).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from components.charts import area_funding_bars
from components.charts.summary import figure_summary
from text import fmt_int, t

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
        assert contrast(rgb_of(fill)) >= 4.5, fill
    guard.assert_no_external()


# --- charts and maps named and described --------------------------------------------------
PLOTLY = "[data-testid='stPlotlyChart']"
ANY_TEXT = re.compile(r"\S")
# url path -> charts shown through show_chart (named by their title, described by a summary)
DESCRIBED = {"": 2, "funding": 2, "coverage": 4, "displacement": 1}


def spaced(text: str) -> re.Pattern:
    """``text`` as browsers give accessible text: any run of white space (the no-break
    spaces of French typography included) matches any other."""
    return re.compile(r"\s+".join(re.escape(part) for part in text.split()))


def open_page(page, url: str, wait_for_app) -> None:
    page.goto(url)
    wait_for_app(page)


def chart_images(page, count: int):
    """The drawing of each plotly chart (``svg.main-svg[role=img]``), once all are labelled."""
    images = page.locator(f"{PLOTLY} svg.main-svg[role='img']")
    page.wait_for_function(
        f"document.querySelectorAll(\"{PLOTLY} svg.main-svg[role='img']\").length >= {count}",
        timeout=30_000,
    )
    return images


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_chart_and_map_has_a_name_and_a_summary(
    lang, app, offline_page, wait_for_app, funding
):
    from playwright.sync_api import expect

    page, guard = offline_page
    for path, count in DESCRIBED.items():
        open_page(page, f"{app.url}{path}?lang={lang}", wait_for_app)
        images = chart_images(page, count)
        assert images.count() == page.locator(PLOTLY).count() == count, path
        for i in range(count):
            expect(images.nth(i)).to_have_accessible_name(ANY_TEXT)
            expect(images.nth(i)).to_have_accessible_description(ANY_TEXT)
    # Exact names and summaries: the Displacement map, then its 3D view (a deck has no title).
    map_image = page.get_by_role("img", name=t("displacement.map_title", lang), exact=True)
    expect(map_image).to_have_accessible_description(spaced(fmt_int(325_327, lang)))
    page.get_by_role("tab", name=t("displacement.tab_3d", lang)).click()
    deck = page.get_by_role("img", name=t("displacement.deck_name", lang), exact=True)
    expect(deck).to_have_count(1, timeout=30_000)
    expect(deck).to_have_accessible_description(spaced(fmt_int(325_327, lang)))
    open_page(page, f"{app.url}funding?lang={lang}", wait_for_app)
    bars = page.get_by_role("img", name=t("chart.area_funding.title", lang), exact=True)
    stamp = {"lang": lang, "source": "-", "as_of": "2023-11-27"}
    lines = figure_summary(area_funding_bars(funding.areas, funding.objectives, **stamp), lang)
    expect(bars).to_have_accessible_description(spaced(" ".join(lines)))
    guard.assert_no_external()


def test_briefing_chart_is_named_by_its_title(app, offline_page, wait_for_app):
    """A chart drawn without show_chart is still named, by the page-wide script
    (``components.widgets.accessibility.page_accessibility``, called by the app shell)."""
    from playwright.sync_api import expect

    page, guard = offline_page
    open_page(page, f"{app.url}briefing?lang=en", wait_for_app)
    images = chart_images(page, 1)
    expect(images.first).to_have_accessible_name(ANY_TEXT)
    guard.assert_no_external()


# --- keyboard focus ---------------------------------------------------------------------------
FOCUS_STYLE = """() => {
  const el = document.activeElement;
  const cs = getComputedStyle(el);
  let bg = null;
  for (let e = el.parentElement; e && !bg; e = e.parentElement) {
    const c = getComputedStyle(e).backgroundColor;
    if (c && c !== "rgba(0, 0, 0, 0)" && c !== "transparent") bg = c;
  }
  return {testid: el.dataset.testid || "", text: el.innerText || "",
          outlineStyle: cs.outlineStyle, outlineWidth: parseFloat(cs.outlineWidth),
          outlineColor: cs.outlineColor, boxShadow: cs.boxShadow, background: bg};
}"""


def rgb_of(css: str) -> tuple[int, int, int]:
    r, g, b = (int(float(v)) for v in re.findall(r"[\d.]+", css)[:3])
    return r, g, b


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_tab_reaches_the_navigation_with_a_visible_focus_ring(
    lang, app, offline_page, wait_for_app
):
    page, guard = offline_page
    open_page(page, f"{app.url}funding?lang={lang}", wait_for_app)
    # The ring's CSS comes with the page's run (components.widgets.accessibility): wait for it.
    page.locator(".crp-page-a11y").first.wait_for(state="attached", timeout=30_000)
    focused = None
    for _ in range(10):  # skip link, then the sidebar's links
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STYLE)
        if state["testid"] == "stSidebarNavLink":
            focused = state
            break
    assert focused is not None, "Tab never reached a navigation link"
    for _ in range(20):  # a rerun still drawing may swap the style sheet in: give it 2 s
        if focused["outlineStyle"] not in ("none", "hidden"):
            break
        page.wait_for_timeout(100)
        focused = page.evaluate(FOCUS_STYLE)
    assert t("page.overview", lang) in focused["text"]
    assert focused["outlineStyle"] not in ("none", "hidden") and focused["outlineWidth"] >= 2
    # WCAG 2.2 (1.4.11, 2.4.13): the indicator contrasts ≥ 3:1 with what is around it.
    assert contrast(rgb_of(focused["outlineColor"]), rgb_of(focused["background"])) >= 3
    guard.assert_no_external()


# --- text contrast on every page ----------------------------------------------------------------
CONTRAST_AUDIT = """() => {
  const parse = (s) => { const m = s && s.match(/rgba?\\(([^)]+)\\)/); if (!m) return null;
    const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
  const lum = (c) => { const f = (v) => { v /= 255;
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]); };
  const ratio = (a, b) => { const [h, l] = [lum(a), lum(b)].sort((x, y) => y - x);
    return (h + 0.05) / (l + 0.05); };
  const over = (fg, bg) => [0, 1, 2].map((i) => fg[i] * fg[3] + bg[i] * (1 - fg[3]));
  const background = (el) => { const layers = [];
    for (let e = el; e; e = e.parentElement) { const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c[3] > 0) layers.push(c); if (c && c[3] === 1) break; }
    let bg = [255, 255, 255]; for (const c of layers.reverse()) bg = over(c, bg); return bg; };
  const opacity = (el, stop) => { let o = 1;
    for (let e = el; e && e !== stop; e = e.parentElement) o *= parseFloat(getComputedStyle(e).opacity);
    return o; };
  const exempt = (el) => el.closest('[aria-hidden="true"], [disabled], [aria-disabled="true"]');
  const large = (cs) => { const px = parseFloat(cs.fontSize), w = parseInt(cs.fontWeight, 10);
    return px >= 24 || (px >= 18.66 && w >= 700); };
  const failures = [];
  const check = (el, text, fg, bg, cs) => { const r = ratio(fg, bg); const need = large(cs) ? 3 : 4.5;
    if (r < need) failures.push(`${r.toFixed(2)} < ${need}: "${text.slice(0, 40)}" ${cs.color || cs.fill} ${cs.fontSize}`); };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const text = n.textContent.trim(); const el = n.parentElement;
    if (!text || !el || el.closest("svg, script, style, noscript") || exempt(el)) continue;
    const cs = getComputedStyle(el); const box = el.getBoundingClientRect();
    if (cs.visibility === "hidden" || box.width === 0 || box.height === 0) continue;
    const bg = background(el); const fg = parse(cs.color);
    check(el, text, over([fg[0], fg[1], fg[2], fg[3] * opacity(el, null)], bg), bg, cs);
  }
  document.querySelectorAll(".js-plotly-plot").forEach((plot) => {
    const isMap = (plot.data || []).some((d) => d.meta && d.meta.pcode !== undefined);
    plot.querySelectorAll("text").forEach((el) => {
      const text = el.textContent.trim(); if (!text) return;
      if (isMap && el.closest(".textpoint")) return;  // unit labels: on their fill, with a halo
      const cs = getComputedStyle(el); const fill = parse(cs.fill) || [0, 0, 0, 1];
      const alpha = fill[3] * parseFloat(cs.fillOpacity) * opacity(el, plot);
      if (alpha < 0.25) return;  // the scenario watermark: decorative, the title says it too
      const paper = [255, 255, 255];
      check(el, text, over([fill[0], fill[1], fill[2], alpha], paper), paper, cs);
    });
  });
  return failures;
}"""
CHARTS_DRAWN = """() => [...document.querySelectorAll("[data-testid='stPlotlyChart']")]
  .every((chart) => chart.querySelector(".js-plotly-plot .gtitle, .js-plotly-plot .xtick"))"""
PAGES = ["", "funding", "coverage", "displacement", "what_if", "briefing", "data_sources"]


@pytest.mark.parametrize("path", PAGES)
def test_text_contrast_on_every_page(path, app, offline_page, wait_for_app):
    page, guard = offline_page
    open_page(page, f"{app.url}{path}?lang=fr", wait_for_app)
    page.wait_for_function(CHARTS_DRAWN, timeout=30_000)
    failures = page.evaluate(CONTRAST_AUDIT)
    assert failures == []
    guard.assert_no_external()
