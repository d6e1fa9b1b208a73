"""AppTest of Data & sources in both languages: translated headers, worded figures, no raw
``None``, and no Arrow conversion warning."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from text import not_reported, t

ARROW_LOGGER = "streamlit.dataframe_util"
DASHBOARD = str(Path(__file__).resolve().parents[1] / "dashboard.py")


def open_data_page(lang: str) -> AppTest:
    at = AppTest.from_file(DASHBOARD, default_timeout=90)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page("pages/data_sources.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def plain_spaces(text: str) -> str:
    return text.replace("\u202f", " ").replace("\u00a0", " ")


@pytest.fixture(scope="module", params=["fr", "en"])
def page(request):
    lang = request.param
    # Streamlit's loggers do not propagate: listen where the Arrow fallback is logged.
    logger = logging.getLogger(ARROW_LOGGER)
    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append  # type: ignore[method-assign]
    logger.addHandler(handler)
    try:
        at = open_data_page(lang)
    finally:
        logger.removeHandler(handler)
    return lang, at, records


def test_headers_are_translated(page):
    lang, at, _ = page
    frames = [frame.value for frame in at.dataframe]
    assert len(frames) == 8
    headers = {str(c) for frame in frames for c in frame.columns}
    for key in ("key", "value", "check_id", "kind", "required_usd", "coverage", "document"):
        assert t(f"table.col.{key}", lang) in headers
    if lang == "fr":
        assert not headers & {"key", "value", "check_id", "kind", "required_usd"}


def test_cells_are_worded_text(page):
    lang, at, _ = page
    cells = [plain_spaces(str(v)) for frame in at.dataframe for v in frame.value.to_numpy().ravel()]
    assert "None" not in cells and "<NA>" not in cells and "nan" not in cells
    assert {"fr": "24 600 000 $", "en": "$24,600,000"}[lang] in cells
    assert {"fr": "9,1 %", "en": "9.1%"}[lang] in cells
    assert plain_spaces(not_reported(lang)) in cells
    assert "24600000" not in cells and "0.23" not in cells


def test_summary_frame_is_text_only_and_arrow_is_quiet(page):
    lang, at, records = page
    summary = at.dataframe[0].value
    assert list(summary.columns) == [t("table.col.key", lang), t("table.col.value", lang)]
    assert summary.map(lambda v: isinstance(v, str)).all().all()
    assert not records, [r.getMessage() for r in records]


def test_workbook_is_offered_in_the_pages_language(page):
    lang, at, _ = page
    (workbook_button,) = [b for b in at.get("download_button") if "xlsx" in str(b.proto)]
    assert t("data.download_xlsx", lang) in str(workbook_button.proto)


def test_the_arrow_listener_hears_a_mixed_column(tmp_path):
    """The check above would catch the old page: a column of numbers, text and dates."""
    script = tmp_path / "mixed.py"
    script.write_text(
        "import datetime as dt\nimport pandas as pd\nimport streamlit as st\n"
        "st.dataframe(pd.DataFrame({'value': ['x', 24600000, dt.date(2023, 11, 27)]}))\n"
    )
    logger = logging.getLogger(ARROW_LOGGER)
    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append  # type: ignore[method-assign]
    logger.addHandler(handler)
    try:
        AppTest.from_file(str(script)).run()
    finally:
        logger.removeHandler(handler)
    assert records and records[0].exc_info
