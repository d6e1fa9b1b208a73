"""Update data in real Chromium: upload a DTM round as XLSX, confirm it, see Displacement's
national figure change, withdraw it, see the previous figure again.

One ``streamlit run dashboard.py`` for the module with its own empty data store; offline
(every non-local request aborted). The uploader itself is driven here (AppTest drives the
rest in tests/test_pages_update_data.py). Navigation goes through the sidebar so the browser
session is kept. Expected figures come from the data layer.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from data.displacement import load_dtm
from data.intake import parse_dtm_round, read_upload
from data.store import DATA_DIR_ENV
from text import fmt_int

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
ROUND = ROOT / "data" / "examples" / "dtm_round_example.xlsx"
TIMEOUT = 30_000


@pytest.fixture(scope="module")
def app(streamlit_server, tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("versions")
    return streamlit_server(ROOT / "dashboard.py", env={DATA_DIR_ENV: str(data_dir)})


def go_to(page: Page, title: str, wait_for_app) -> None:
    """Follow the sidebar link (same browser session), wait for the page's script."""
    page.get_by_test_id("stSidebarNavLink").filter(has_text=title).click()
    expect(page.locator("h1").first).to_have_text(title, timeout=TIMEOUT)
    wait_for_app(page)


def national_line(page: Page, total: int) -> None:
    """Displacement's national line shows ``total`` IDPs (in bold, as the page writes it)."""
    line = page.get_by_text("internally displaced persons as of").first
    expect(line).to_contain_text(f"{fmt_int(total, 'en')} internally", timeout=TIMEOUT)


def test_a_round_applied_changes_displacement_until_withdrawn(
    app, offline_page, wait_for_app, artifacts_dir
):
    before = load_dtm().total_idps
    after = parse_dtm_round(read_upload(ROUND.read_bytes(), ROUND.name)).total_idps
    assert (before, after) == (391_961, 391_691)
    page, guard = offline_page
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(f"{app.url}displacement?lang=en")
    wait_for_app(page)
    national_line(page, before)

    go_to(page, "Update data", wait_for_app)
    page.get_by_role("tab", name="DTM round").click()
    # The tab's content is drawn by the rerun the click starts: upload only into that
    # uploader, once the run is over (an upload into the one being replaced is lost).
    uploader = page.get_by_role("region", name="DTM round table (CSV or XLSX)")
    expect(uploader).to_be_visible(timeout=TIMEOUT)
    wait_for_app(page)
    uploader.locator("input[type='file']").set_input_files(str(ROUND))
    expect(page.get_by_text("IDPs national total")).to_be_visible(timeout=TIMEOUT)
    wait_for_app(page)
    preview = page.get_by_test_id("stDataFrame").first
    expect(preview).to_be_visible()
    page.get_by_label("Your name (recorded with each version)").fill("Awa Traoré")
    page.keyboard.press("Enter")
    wait_for_app(page)
    page.screenshot(path=str(artifacts_dir / "update-data-preview-en.png"), full_page=True)
    page.get_by_role("button", name="Confirm: apply as version 1").click()
    expect(page.get_by_text("Applied as version 1 (")).to_be_visible(timeout=TIMEOUT)
    wait_for_app(page)

    go_to(page, "Displacement", wait_for_app)
    national_line(page, after)

    go_to(page, "Update data", wait_for_app)
    page.get_by_label("Reason for withdrawal").fill("test round")
    page.keyboard.press("Enter")
    wait_for_app(page)
    page.get_by_role("button", name="Withdraw version 1…").click()
    wait_for_app(page)
    page.get_by_role("button", name="Confirm: withdraw version 1").click()
    expect(page.get_by_text("Version 1 withdrawn")).to_be_visible(timeout=TIMEOUT)
    wait_for_app(page)

    go_to(page, "Displacement", wait_for_app)
    national_line(page, before)
    assert page.locator("[data-testid='stException']").count() == 0
    guard.assert_no_external()
