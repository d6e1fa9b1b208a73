"""What-if in real Chromium: type a pledge into the data editor, apply, see it everywhere.

One ``streamlit run dashboard.py`` for the module, with its own empty scenario store. The
data editor is a glide-data-grid canvas: a cell is selected with the keyboard from the
first body cell, opened with Enter, filled through the grid's overlay input and committed
with Enter; the grid's accessibility table (``glide-cell-<col>-<row>``) confirms the value.
Navigation goes through the sidebar so the browser session (and its scenario) is kept.
Expected figures come from the data layer, not from the test's memory.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Locator, Page, expect

from data.plan import compute_funding
from data.scenario import AreaEdit, edits_to_query, scenario_funding
from data.store import DATA_DIR_ENV
from text import fmt_pct

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
EDITS = {"shelter": AreaEdit(pledge_usd=500_000)}
SHELTER_ROW = 0  # plan order
PLEDGE_COLUMN = 4  # area, required, confirmed (plan), confirmed (scenario), pledge
ROW_PX = 35  # the grid's row (and header) height
BANNER = "SCENARIO — figures on this page include edits"
TIMEOUT = 20_000


@pytest.fixture(scope="module")
def app(streamlit_server, tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("scenarios")
    return streamlit_server(ROOT / "dashboard.py", env={DATA_DIR_ENV: str(data_dir)})


@pytest.fixture(scope="module")
def coverage(plan) -> tuple[str, str]:
    """(plan, scenario) coverage of the whole plan, as the Overview writes it in English."""
    baseline = compute_funding(plan).totals.coverage
    scenario = scenario_funding(plan, EDITS).totals.coverage
    shown = fmt_pct(baseline, "en"), fmt_pct(scenario, "en")
    assert shown[0] != shown[1]
    return shown


def coverage_value(page: Page) -> Locator:
    """The Coverage metric's value; a stale copy left by a rerun in progress is skipped."""
    fresh = page.locator("[data-testid='stElementContainer'][data-stale='false']")
    return (
        fresh.get_by_test_id("stMetric").filter(has_text="Coverage").get_by_test_id("stMetricValue")
    )


def go_to(page: Page, title: str, wait_for_app) -> None:
    """Follow the sidebar link (same browser session), wait for the page's script."""
    page.get_by_test_id("stSidebarNavLink").filter(has_text=title).click()
    expect(page.locator("h1").first).to_have_text(title, timeout=TIMEOUT)
    wait_for_app(page)


def edit_cell(page: Page, grid: Locator, row: int, column: int, text: str) -> None:
    """Type ``text`` into a cell of an ``st.data_editor`` and commit it."""
    canvas = grid.get_by_test_id("data-grid-canvas")
    box = canvas.bounding_box()
    assert box is not None
    # The canvas sits under the grid's scroller: click by position, on the first body cell.
    page.mouse.click(box["x"] + 10, box["y"] + ROW_PX * 1.5)
    for _ in range(column):
        page.keyboard.press("ArrowRight")
    for _ in range(row):
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")  # open the cell's editor
    field = page.locator("#portal input, #portal textarea").first
    field.wait_for(timeout=5_000)
    field.fill(text)
    page.keyboard.press("Enter")  # commit
    expect(grid.get_by_test_id(f"glide-cell-{column}-{row}")).to_have_text(text)


def test_pledge_typed_in_the_editor_changes_the_overview_until_reset(
    app, offline_page, wait_for_app, coverage, artifacts_dir
):
    baseline, scenario = coverage
    page, guard = offline_page
    page.goto(f"{app.url}?lang=en")
    wait_for_app(page)
    expect(coverage_value(page)).to_have_text(baseline, timeout=TIMEOUT)
    expect(page.get_by_text(BANNER)).to_have_count(0)

    go_to(page, "What-if", wait_for_app)
    grid = page.get_by_role("region", name="Scenario funding")
    edit_cell(page, grid, SHELTER_ROW, PLEDGE_COLUMN, "500000")
    # Each cell edit reruns the page, which then lists the change: click Apply after that.
    expect(page.get_by_text("Changed, not applied yet:")).to_be_visible(timeout=TIMEOUT)
    wait_for_app(page)
    page.get_by_role("button", name="Apply the scenario").click()
    expect(page.get_by_text("Scenario applied: every page shows its figures.")).to_be_visible(
        timeout=TIMEOUT
    )
    wait_for_app(page)
    assert parse_qs(urlsplit(page.url).query)["whatif"] == [edits_to_query(EDITS)]
    page.screenshot(path=str(artifacts_dir / "what_if_applied.png"), full_page=True)

    go_to(page, "Overview", wait_for_app)
    expect(coverage_value(page)).to_have_text(scenario, timeout=TIMEOUT)
    expect(page.get_by_text(BANNER)).to_be_visible()
    assert parse_qs(urlsplit(page.url).query)["whatif"] == [edits_to_query(EDITS)]

    page.get_by_role("button", name="Reset to plan figures").click()  # the sidebar's
    expect(coverage_value(page)).to_have_text(baseline, timeout=TIMEOUT)
    expect(page.get_by_text(BANNER)).to_have_count(0)
    wait_for_app(page)
    assert "whatif" not in parse_qs(urlsplit(page.url).query)
    assert page.get_by_test_id("stException").count() == 0
    guard.assert_no_external()


def test_a_shared_link_opens_the_scenario(app, offline_page, wait_for_app, coverage):
    baseline, scenario = coverage
    page, guard = offline_page
    page.goto(f"{app.url}?whatif=shelter%3A%3D%2B500000&lang=en")
    wait_for_app(page)
    expect(coverage_value(page)).to_have_text(scenario, timeout=TIMEOUT)
    expect(page.get_by_text(BANNER)).to_be_visible()

    page.goto(f"{app.url}?whatif=shelter%3A-5&lang=en")  # a new session, a bad link
    wait_for_app(page)
    expect(page.get_by_text("The link's scenario was refused")).to_be_visible(timeout=TIMEOUT)
    expect(coverage_value(page)).to_have_text(baseline)
    assert page.get_by_test_id("stException").count() == 0
    guard.assert_no_external()
