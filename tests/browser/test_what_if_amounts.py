"""What-if amounts in real Chromium: what is typed is what the page reads, or it is refused.

A number column let the browser reinterpret ``1234.50`` as 123 450; the amount columns are
text now, read by the page in its language. Typing ``1234.50`` into the pledge cell of the
Shelter row is refused by name, Apply is disabled, and nothing is applied.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect
from test_what_if import PLEDGE_COLUMN, SHELTER_ROW, TIMEOUT, edit_cell, go_to

from data.store import DATA_DIR_ENV

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def app(streamlit_server, tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("scenarios")
    return streamlit_server(ROOT / "dashboard.py", env={DATA_DIR_ENV: str(data_dir)})


def test_cents_typed_in_the_editor_are_refused_and_apply_is_disabled(
    app, offline_page, wait_for_app, artifacts_dir
):
    page, guard = offline_page
    page.goto(f"{app.url}?lang=en")
    wait_for_app(page)
    go_to(page, "What-if", wait_for_app)
    grid = page.get_by_role("region", name="Scenario funding")
    edit_cell(page, grid, SHELTER_ROW, PLEDGE_COLUMN, "1234.50")
    wait_for_app(page)
    alert = page.get_by_test_id("stAlert").filter(has_text="Not applied: correct these cells")
    expect(alert).to_be_visible(timeout=TIMEOUT)
    expect(alert).to_contain_text("Shelter › Additional pledge: “1234.50” has a decimal part")
    expect(page.get_by_role("button", name="Apply the scenario")).to_be_disabled()
    expect(grid.get_by_test_id(f"glide-cell-{PLEDGE_COLUMN}-{SHELTER_ROW}")).to_have_text("1234.50")
    page.screenshot(path=str(artifacts_dir / "what_if_cents_refused.png"), full_page=True)
    expect(page.get_by_text("Edits on the What-if page are not applied.")).to_be_visible()
    assert page.get_by_test_id("stException").count() == 0
    guard.assert_no_external()
