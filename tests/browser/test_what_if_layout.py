"""What-if at 1366 x 768 with the sidebar open, in real Chromium: the comparison's Total row
shows the scenario's coverage and change beside the plan's, and the editor's note column is
on screen, with nothing to scroll sideways.

The scenario comes from a shared link (a new session). Expected figures come from the data
layer (``scenario_funding``) and the text formats, not from the test's memory.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from components.whatif_tables import points
from data.plan import compute_funding
from data.scenario import AreaEdit, edits_to_query, scenario_funding
from data.store import DATA_DIR_ENV
from text import fmt_pct, t

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
EDITS = {"shelter": AreaEdit(pledge_usd=500_000), "protection": AreaEdit(confirmed_usd=3_000_000)}
VIEWPORT = {"width": 1366, "height": 768}
TIMEOUT = 20_000


@pytest.fixture(scope="module")
def app(streamlit_server, tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("scenarios")
    return streamlit_server(ROOT / "dashboard.py", env={DATA_DIR_ENV: str(data_dir)})


def total_row(plan, lang: str) -> dict[str, str]:
    """Header -> text the Total row must show (the coverage columns and their change)."""
    before = compute_funding(plan).totals.coverage
    after = scenario_funding(plan, EDITS).totals.coverage
    assert fmt_pct(before, lang) != fmt_pct(after, lang)
    return {
        t("whatif.cmp.baseline_coverage", lang): fmt_pct(before, lang),
        t("whatif.cmp.scenario_coverage", lang): fmt_pct(after, lang),
        t("whatif.cmp.delta_coverage", lang): points(round((after - before) * 100, 10), lang),
    }


def cells(page: Page, table_index: int) -> tuple[list[dict], list[dict]]:
    """(header cells, last-row cells) of an st.table: text and horizontal position."""
    return page.evaluate(
        """(i) => {
          const table = document.querySelectorAll('[data-testid=stTable] table')[i];
          const rows = table.querySelectorAll('tr');
          const box = (c) => { const r = c.getBoundingClientRect();
                               return {text: c.textContent.trim(), left: r.left, right: r.right}; };
          return [[...rows[0].querySelectorAll('th,td')].map(box),
                  [...rows[rows.length - 1].querySelectorAll('th,td')].map(box)];
        }""",
        table_index,
    )


def no_sideways_scroll(page: Page, selector: str) -> list[tuple[int, int]]:
    """(scrollWidth, clientWidth) of each element matching ``selector``."""
    return page.evaluate(
        "(s) => [...document.querySelectorAll(s)].map(e => [e.scrollWidth, e.clientWidth])",
        selector,
    )


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_total_row_shows_scenario_coverage_and_change_at_1366(
    app, offline_page, wait_for_app, plan, lang, artifacts_dir
):
    page, guard = offline_page
    page.set_viewport_size(VIEWPORT)
    query = edits_to_query(EDITS).replace("+", "%2B")
    page.goto(f"{app.url}what_if?lang={lang}&whatif={query}&whatif_name=Bailleur%20X")
    wait_for_app(page)
    expect(page.get_by_test_id("stTable").first).to_be_visible(timeout=TIMEOUT)
    sidebar = page.get_by_test_id("stSidebar").bounding_box()
    assert sidebar is not None and sidebar["x"] >= 0 and sidebar["width"] > 200  # open
    width = page.evaluate("window.innerWidth")
    assert width == VIEWPORT["width"]

    headers, total = cells(page, 0)  # by objective, the plan's total last
    shown = dict(zip([h["text"] for h in headers], [c["text"] for c in total], strict=True))
    assert shown[t("whatif.cmp.name", lang)] == t("label.total", lang)
    for header, text in total_row(plan, lang).items():
        assert shown[header] == text, (header, shown[header], text)
    main_left = sidebar["x"] + sidebar["width"]
    for cell in [*headers, *total]:  # every column on screen: not under the sidebar, not cut
        assert main_left <= cell["left"] < cell["right"] <= width, cell
    assert all(sw <= cw for sw, cw in no_sideways_scroll(page, "[data-testid=stTable]"))
    _, last_area = cells(page, 1)  # by activity area: the same columns fit
    assert all(cell["right"] <= width for cell in last_area)

    # The editor: every column, the note included, within the grid (no sideways scroll).
    grid = page.get_by_role("region", name=t("whatif.editor.title", lang))
    expect(grid).to_be_visible()
    scrollers = no_sideways_scroll(page, "[data-testid=stDataFrame] .dvn-scroller")
    assert scrollers and all(sw <= cw for sw, cw in scrollers), scrollers
    box = grid.bounding_box()
    assert box is not None and box["x"] + box["width"] <= width
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(artifacts_dir / f"what_if_1366_{lang}.png"))
    assert page.get_by_test_id("stException").count() == 0
    guard.assert_no_external()
