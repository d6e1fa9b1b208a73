"""Both IDP maps render in real Chromium with every non-local request aborted.

One ``streamlit run`` of ``apps/offline_maps_app.py`` for the module. The main test fails
on any request to a host other than localhost / 127.0.0.1, on any ``stException``, if
the choropleth drew no polygon or the deck no canvas. The control test loads the two
configurations the builders avoid and checks the guard sees their CDN/basemap requests
(so a green main test means "nothing was requested", not "nothing was recorded").
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

APP = Path(__file__).with_name("apps") / "offline_maps_app.py"
PLOTLY = "[data-testid='stPlotlyChart']"
DECK = "[data-testid='stDeckGlJsonChart']"
FILLS = f"{PLOTLY} .scatterlayer .trace path.js-fill"


@pytest.fixture
def app(streamlit_server):
    return streamlit_server(APP)


def _charts_drawn(page) -> None:
    page.wait_for_selector(FILLS, state="attached", timeout=20_000)
    page.wait_for_selector(f"{DECK} canvas", state="attached", timeout=20_000)


def test_maps_render_offline(app, offline_page, wait_for_app, artifacts_dir):
    page, guard = offline_page
    page.goto(app.url + "?lang=en")
    wait_for_app(page)
    _charts_drawn(page)

    assert page.locator("[data-testid='stException']").count() == 0
    fills = page.locator(FILLS)
    assert fills.count() >= 3
    # Polygons have real geometry (a non-empty path with area on screen).
    box = fills.first.bounding_box()
    assert box is not None and box["width"] > 5 and box["height"] > 5
    assert page.locator(f"{DECK} canvas").count() >= 1

    # Hover over a valued unit (its invisible centre marker): the label shows the estimate.
    marker = page.locator(f"{PLOTLY} .scatterlayer .trace .points path.point").first
    marker_box = marker.bounding_box()
    assert marker_box is not None
    page.mouse.move(
        marker_box["x"] + marker_box["width"] / 2, marker_box["y"] + marker_box["height"] / 2
    )
    hover = page.locator(f"{PLOTLY} .hoverlayer .hovertext")
    hover.first.wait_for(timeout=5_000)
    assert "Estimated IDPs: " in (hover.first.text_content() or "")

    page.wait_for_timeout(1_000)  # let deck.gl / plotly finish any late loading
    page.screenshot(path=str(artifacts_dir / "offline_maps.png"), full_page=True)
    page.locator(DECK).first.screenshot(path=str(artifacts_dir / "offline_deck.png"))
    guard.assert_no_external()
    assert not guard.failed, f"local requests failed: {guard.failed}"
    assert any(url.startswith(app.url) for url in guard.requests)


def test_guard_catches_cdn_and_basemap(app, offline_page, wait_for_app):
    page, guard = offline_page
    page.goto(app.url + "?control=1")
    wait_for_app(page)
    page.wait_for_selector(f"{DECK} canvas", state="attached", timeout=20_000)
    page.wait_for_timeout(2_000)

    hosts = guard.external_hosts
    assert "cdn.plot.ly" in hosts, hosts
    assert "basemaps.cartocdn.com" in hosts, hosts
    # And the geo choropleth indeed draws nothing without its topojson.
    assert page.locator(f"{PLOTLY} path.choroplethlocation").count() == 0
