"""Untrusted text is shown as typed: no link, image, formula, colour or markup in the browser.

``apps/escaped_text_app.py`` puts each payload of ``apps/markdown_payloads.json`` through
``components.safe_text.plain`` into ``st.markdown``, ``st.caption``, ``st.error``,
``st.success`` and a button label. In real Chromium: no ``<img>``, ``<a>``, KaTeX, coloured
span, heading, list, quote, table, strong/em/code element is created, no request leaves the
page (the guard would count the tracker image), and the text shown is the payload itself
(line breaks shown as spaces).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

APP = Path(__file__).with_name("apps") / "escaped_text_app.py"
PAYLOADS = json.loads(APP.with_name("markdown_payloads.json").read_text("utf-8"))
MARKUP = "img, a, .katex, h1, h2, h3, ul, ol, blockquote, table, strong, em, code, del, span[class*='color']"


def _flat(text: str) -> str:
    return " ".join(text.replace("\u202e", "").replace("\u2060", "").split())


@pytest.mark.browser
def test_payloads_render_as_plain_text(streamlit_server, offline_page, wait_for_app, artifacts_dir):
    app = streamlit_server(APP)
    page, guard = offline_page
    page.goto(app.url)
    wait_for_app(page)
    page.screenshot(path=str(artifacts_dir / "escaped-text.png"), full_page=True)
    assert page.locator("[data-testid='stException']").count() == 0
    for number, payload in enumerate(PAYLOADS):
        case = page.locator(f".st-key-case-{number}")
        markdown = case.locator("[data-testid='stMarkdownContainer']")
        assert markdown.count() == 4  # markdown, error, success and button label
        assert case.locator(MARKUP).count() == 0, payload
        expected = _flat(payload)
        texts = sorted(_flat(markdown.nth(i).inner_text()) for i in range(4))
        assert texts == sorted([expected, expected, f"Loaded: {expected}", f"Refused: {expected}"])
        caption = case.locator("[data-testid='stCaptionContainer']")
        assert _flat(caption.inner_text()) == expected, payload
    guard.assert_no_external()
