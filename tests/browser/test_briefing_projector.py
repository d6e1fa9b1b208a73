"""The projected briefing screen in Chromium at 1920x1080 and 1280x720, French and English.

One ``streamlit run dashboard.py`` for the module, the network cut. For every screen: the
16:9 stage fits the viewport (nothing to scroll to see it), no element of the presenter panel
(downloads, pack) is inside it, the chart's text is at least 24 px on a 1920 px screen (read
from the rendered SVG: computed font size times the drawn scale), nothing in the stage is cut
off; on the map screen the map's polygons cover at least half of the free area, its labels do
not overlap and its legend is next to it. Screenshots go to ``test-artifacts/``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
DESIGN_W, DESIGN_H = 1920, 1080
MIN_FONT_AT_1920 = 24
SIZES = [(1920, 1080), (1280, 720)]
LANGS = ("fr", "en")
SCREENS = ("status", "objectives", "coverage", "displacement")  # SCREEN_KEYS, in order
TIMEOUT = 30_000

MEASURE = """() => {
  const box = (e) => { const r = e.getBoundingClientRect();
    return {x: r.left, y: r.top, r: r.right, b: r.bottom, w: r.width, h: r.height}; };
  const one = (s) => { const e = document.querySelector(s); return e ? box(e) : null; };
  const svg = document.querySelector('.st-key-briefing-chart .main-svg');
  const drawn = svg.getBoundingClientRect().width / svg.width.baseVal.value;
  const fonts = [...document.querySelectorAll('.st-key-briefing-chart svg text')]
    .filter((t) => t.textContent.trim() && t.getBoundingClientRect().width > 0)
    .map((t) => ({text: t.textContent.trim(),
                  px: parseFloat(getComputedStyle(t).fontSize) * drawn}));
  const scroller = document.querySelector('[data-testid="stMain"]');
  const clipped = [...document.querySelectorAll(
      '.st-key-briefing-stage h1, .st-key-briefing-stage [data-testid="stMetricValue"] div')]
    .filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.textContent);
  const stage = document.querySelector('.st-key-briefing-stage');
  const inStage = [...document.querySelectorAll('[data-testid="stDownloadButton"]')]
    .filter((e) => stage.contains(e)).length;
  const presenter = document.querySelector('.st-key-briefing-presenter');
  const presenterParts = [...presenter.querySelectorAll('*')]
    .map(box).filter((r) => r.w > 0 && r.h > 0);
  const side = document.querySelector('[class*="st-key-briefing-side"]');
  const sideParts = [...side.querySelectorAll('[data-testid="stMetric"], .briefing-notes')].map(box);
  const polygons = [...document.querySelectorAll('.st-key-briefing-chart .scatterlayer path.js-fill')]
    .map(box).filter((r) => r.w > 0);
  const labels = [...document.querySelectorAll('.st-key-briefing-chart .scatterlayer .trace text')]
    .filter((t) => t.textContent.trim()).map(box);
  const legend = one('.st-key-briefing-chart .legend');
  return {
    viewport: {w: window.innerWidth, h: window.innerHeight},
    scale: parseFloat(getComputedStyle(document.documentElement).getPropertyValue('--briefing-scale')),
    scroll: {top: scroller.scrollTop, sw: scroller.scrollWidth, cw: scroller.clientWidth},
    stage: box(stage), bar: one('.st-key-briefing-bar'), body: one('.st-key-briefing-body'),
    side: box(side), sideParts, chart: one('.st-key-briefing-chart'),
    plot: box(svg), fonts, clipped, inStage, presenterParts,
    downloads: [...document.querySelectorAll('[data-testid="stDownloadButton"]')].map(box),
    polygons, labels, legend,
  };
}"""


@pytest.fixture(scope="module")
def app(streamlit_server):
    return streamlit_server(ROOT / "dashboard.py")


def union(rects: list[dict]) -> dict:
    x, y = min(r["x"] for r in rects), min(r["y"] for r in rects)
    right, bottom = max(r["r"] for r in rects), max(r["b"] for r in rects)
    return {"x": x, "y": y, "r": right, "b": bottom, "w": right - x, "h": bottom - y}


def overlap(a: dict, b: dict) -> bool:
    return (
        a["x"] < b["r"] - 0.5
        and b["x"] < a["r"] - 0.5
        and a["y"] < b["b"] - 0.5
        and (b["y"] < a["b"] - 0.5)
    )


def wait_for_screen(page, wait_for_app, key: str, width: int) -> dict:
    """Wait until screen ``key`` is drawn on a stage scaled to ``width``; measure it."""
    wait_for_app(page)
    page.wait_for_selector(f".st-key-briefing-chart-{key} .main-svg", timeout=TIMEOUT)
    # The stage is scaled by the page's script and the chart drawn at its final size.
    page.wait_for_function(
        f"""() => {{
          const s = document.querySelector('.st-key-briefing-stage');
          const svg = document.querySelector('.st-key-briefing-chart-{key} .main-svg');
          return s && svg && Math.abs(s.getBoundingClientRect().width - {width}) < 2
            && svg.width.baseVal.value > 0
            && document.querySelectorAll('[data-testid="stDownloadButton"]').length >= 2;
        }}""",
        timeout=TIMEOUT,
    )
    page.wait_for_timeout(200)  # plotly's last relayout
    return page.evaluate(MEASURE)


def check_projected_screen(m: dict, width: int, height: int, screen: int) -> None:
    scale = min(width / DESIGN_W, height / DESIGN_H)
    assert m["scale"] == pytest.approx(scale, abs=1e-3)
    # The projected 16:9 stage fills the viewport: nothing to scroll, nothing beyond an edge.
    stage = m["stage"]
    assert m["scroll"]["top"] == 0 and m["scroll"]["sw"] <= m["scroll"]["cw"]
    assert stage["x"] >= -0.5 and stage["y"] >= -0.5
    assert stage["r"] <= width + 0.5 and stage["b"] <= height + 0.5
    assert stage["w"] == pytest.approx(DESIGN_W * scale, abs=1)
    # No presenter control inside it: every part of the presenter panel is below the fold.
    assert m["inStage"] == 0
    assert m["presenterParts"] and min(r["y"] for r in m["presenterParts"]) >= height - 0.5
    assert len(m["downloads"]) == 4 and min(r["y"] for r in m["downloads"]) >= height
    # Nothing cut: the title and the key figures whole, the side column inside the body.
    assert m["clipped"] == []
    assert max(r["b"] for r in m["sideParts"]) <= m["body"]["b"] + 0.5
    assert m["chart"]["b"] <= stage["b"] + 0.5 and m["chart"]["r"] <= stage["r"] + 0.5
    # Chart text: at least 24 px on a 1920 px screen, scaled like the stage.
    smallest = min(m["fonts"], key=lambda f: f["px"])
    assert smallest["px"] >= MIN_FONT_AT_1920 * scale - 0.01, (screen, smallest)


def check_map(m: dict, width: int, height: int) -> None:
    scale = min(width / DESIGN_W, height / DESIGN_H)
    # The free area: what the title bar and the key figures leave (the chart's column).
    free = {
        "x": m["side"]["r"],
        "y": m["bar"]["b"],
        "r": m["bar"]["r"],
        "b": m["body"]["b"],
    }
    free_area = (free["r"] - free["x"]) * (free["b"] - free["y"])
    drawn = union(m["polygons"])
    assert len(m["polygons"]) >= 9
    assert drawn["w"] * drawn["h"] >= 0.5 * free_area, (drawn, free)
    assert drawn["x"] >= free["x"] and drawn["r"] <= free["r"] + 0.5
    labels = m["labels"]
    assert len(labels) == 4  # the units with an estimate: Tombouctou, Gao, Mopti, Ségou
    for i, a in enumerate(labels):
        assert not any(overlap(a, b) for b in labels[i + 1 :]), labels
    legend = m["legend"]
    assert legend["x"] >= drawn["r"] and legend["x"] - drawn["r"] <= 60 * scale
    assert legend["y"] < drawn["b"] and legend["b"] > drawn["y"]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_projected_screens_fit_and_read_from_the_back(
    size, app, offline_page, wait_for_app, artifacts_dir
):
    width, height = size
    page, guard = offline_page
    page.set_viewport_size({"width": width, "height": height})
    stage_width = round(DESIGN_W * min(width / DESIGN_W, height / DESIGN_H))
    for lang in LANGS:
        page.goto(f"{app.url}briefing?lang={lang}&screen=1")
        for number, key in enumerate(SCREENS, start=1):
            if number > 1:
                page.locator(".st-key-briefing-next button").click()
            m = wait_for_screen(page, wait_for_app, key, stage_width)
            assert page.locator("[data-testid='stException']").count() == 0
            page.screenshot(path=str(artifacts_dir / f"briefing_{lang}_{number}_{width}.png"))
            check_projected_screen(m, width, height, number)
            if key == "displacement":
                check_map(m, width, height)
    guard.assert_no_external()
