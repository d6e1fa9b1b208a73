"""A data version applied while a visitor looks at Overview is seen on their next rerun
(Debian Chromium, network cut): the figure, the freshness header and the "as of" selector."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from versions_fixtures import MARCH, MARCH_CSV, funding_update, sha

from data.plan import load_plan
from data.store import ScenarioStore
from data.store.database import FILE_NAME
from data.versions import funding_payload

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
METRIC = "[data-testid='stMetricValue']"


@pytest.fixture(scope="module")
def data_dir() -> Path:
    return Path(tempfile.mkdtemp(prefix="crp-versions-browser-"))


@pytest.fixture(scope="module")
def app(streamlit_server, data_dir):
    return streamlit_server(ROOT / "dashboard.py", env={"CRP_DASHBOARD_DATA_DIR": str(data_dir)})


def metric_values(page) -> list[str]:
    return [text.strip() for text in page.locator(METRIC).all_inner_texts()]


def test_a_version_added_elsewhere_shows_on_the_next_rerun(
    app, data_dir, offline_page, wait_for_app, artifacts_dir
):
    page, guard = offline_page
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(f"{app.url}?lang=en")
    wait_for_app(page)
    page.wait_for_selector(METRIC, timeout=30_000)
    assert "$2,226,876" in metric_values(page)
    assert page.get_by_text("Funding as of 27 Nov 2023").count() == 1

    # Another server (here: this test process) applies the March update to the shared store.
    payload = funding_payload(funding_update(load_plan(), MARCH_CSV))
    store = ScenarioStore(data_dir / FILE_NAME)
    store.versions.add_version(
        "funding", payload, as_of=MARCH, source="mars.csv", note="", checksum=sha(payload), by="Awa"
    )
    page.reload()
    wait_for_app(page)
    page.wait_for_selector(METRIC, timeout=30_000)
    assert "$2,509,620" in metric_values(page)
    assert page.get_by_text("Funding as of 31 Mar 2024").count() == 1
    selector = page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']")
    shown = selector.inner_text() + " ".join(
        box.input_value() for box in selector.locator("input").all()
    )
    assert "Data: latest version (no. 1, 31 Mar 2024)" in shown, shown
    assert page.locator("[data-testid='stException']").count() == 0
    for lang in ("en", "fr"):
        for width, height in ((1366, 768), (1920, 1080)):
            page.set_viewport_size({"width": width, "height": height})
            page.goto(f"{app.url}?lang={lang}")
            wait_for_app(page)
            page.wait_for_selector(METRIC, timeout=30_000)
            page.screenshot(path=str(artifacts_dir / f"versions_overview_{lang}_{width}.png"))
    guard.assert_no_external()
