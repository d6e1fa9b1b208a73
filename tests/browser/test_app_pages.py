"""Open every page of the real dashboard in Debian Chromium with the network cut.

One ``streamlit run dashboard.py`` for the module. For each page: the script finishes, no
``stException``, its charts are drawn (the map's polygons included), and no request left
localhost. Screenshots go to ``test-artifacts/`` for people to look at.
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
PLOTLY = "[data-testid='stPlotlyChart']"
DECK = "[data-testid='stDeckGlJsonChart']"
TABLE = "[data-testid='stDataFrame']"
# url path -> what must be drawn on it (selector, minimum count); Overview, the default
# page, lives at the root ("/overview" would be a "page not found").
PAGES = {
    "": (PLOTLY, 2),
    "funding": (PLOTLY, 2),
    "coverage": (PLOTLY, 4),
    "displacement": (f"{PLOTLY} .scatterlayer .trace path.js-fill", 9),
    "what_if": (PLOTLY, 1),
    "briefing": (PLOTLY, 1),
    "data_sources": (TABLE, 8),
}


@pytest.fixture(scope="module")
def app(streamlit_server):
    return streamlit_server(ROOT / "dashboard.py")


@pytest.mark.parametrize("path", list(PAGES))
def test_page_renders_offline(path, app, offline_page, wait_for_app, artifacts_dir):
    page, guard = offline_page
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{app.url}{path}?lang=en")
    wait_for_app(page)
    selector, minimum = PAGES[path]
    page.wait_for_selector(selector, state="attached", timeout=30_000)
    assert page.locator("[data-testid='stException']").count() == 0
    assert page.locator(selector).count() >= minimum
    assert page.locator("h1").count() >= 1
    assert page.get_by_text("Page not found").count() == 0
    page.screenshot(path=str(artifacts_dir / f"page_{path or 'overview'}.png"), full_page=True)
    guard.assert_no_external()


def test_displacement_deck_canvas(app, offline_page, wait_for_app):
    page, guard = offline_page
    page.goto(f"{app.url}displacement?lang=en")
    wait_for_app(page)
    page.wait_for_selector("[data-testid='stPlotlyChart']", state="attached", timeout=30_000)
    # Lazy tabs: until the 3D tab is opened, neither the deck nor deck.gl's bundle is sent.
    assert page.locator(DECK).count() == 0
    assert not [url for url in guard.requests if "DeckGlJsonChart" in url]
    page.get_by_role("tab", name="3D view").click()
    page.wait_for_selector(f"{DECK} canvas", state="attached", timeout=30_000)
    assert [url for url in guard.requests if "DeckGlJsonChart" in url]
    assert page.locator("[data-testid='stException']").count() == 0
    guard.assert_no_external()


def test_a_fresh_server_opened_on_a_page_runs_the_entry_point(
    streamlit_server, offline_page, wait_for_app
):
    """A link straight to /funding on a new server gets the sidebar and navigation."""
    fresh = streamlit_server(ROOT / "dashboard.py")
    page, guard = offline_page
    page.goto(f"{fresh.url}funding?lang=fr")
    wait_for_app(page)
    sidebar = page.locator("[data-testid='stSidebar']")
    sidebar.get_by_text("Langue").wait_for(timeout=30_000)
    nav = page.locator("[data-testid='stSidebarNav']")
    assert nav.get_by_text("Financement").count() == 1
    assert nav.get_by_text("shared").count() == 0
    assert page.locator("h1").first.text_content() == "Financement"
    guard.assert_no_external()
