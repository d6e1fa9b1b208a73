"""Untrusted text is escaped, messages are bounded, exports are formula-safe, export says so."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from components import export as chart_export
from components.safe_text import plain
from data.errors import MAX_SHOWN, DashboardError, cap_lines, excerpt
from data.export import neutralise_formulas, to_csv_bytes, to_xlsx_bytes
from data.schema import DataValidationError, Issue

J = "\u2060"  # word joiner: breaks autolinks and :material/…: icons, invisible


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("![](http://t.example/a.gif)", f"\\!\\[\\]\\(http\\:{J}//t\\.example/a\\.gif\\)"),
        ("[Re-login](https://p.example)", f"\\[Re\\-login\\]\\(https\\:{J}//p\\.example\\)"),
        (":red[Plan A]", f"\\:{J}red\\[Plan A\\]"),
        ("$x$", "\\$x\\$"),
        ("www.p.example", f"www{J}\\.p\\.example"),
        ("a@b.example", f"a{J}\\@b\\.example"),
        ("Plan A\nB\r\tC", "Plan A B  C"),
        ("Ségou 12,5 %", "Ségou 12,5 %"),
    ],
)
def test_plain_escapes_markdown(text, escaped):
    assert plain(text) == escaped


def test_plain_cuts_long_text_before_escaping():
    assert plain("abcdefghij", limit=5) == "abcd…"


@given(st.text())
def test_plain_leaves_no_markdown_character_unescaped(text):
    out = plain(text)
    assert "\n" not in out and "\r" not in out
    position = 0
    while position < len(out):
        ch = out[position]
        if ch == "\\":
            assert position + 1 < len(out)
            position += 2
            continue
        assert ch not in "`*_{}[]()#+-.!|<>~:$&@"
        position += 1


def test_excerpt_is_short_single_line_and_quoted():
    assert excerpt("a\nb") == "'a b'"
    assert excerpt("x" * 100) == repr("x" * 39 + "…")


def test_messages_are_capped():
    issues = [Issue("f.csv", row, "region", "duplicate") for row in range(2, 10_002)]
    error = DataValidationError(issues)
    lines = str(error).splitlines()
    assert len(lines) == MAX_SHOWN + 1
    assert lines[-1] == "… and 9,990 more"
    assert len(error.issues) == 10_000
    assert isinstance(error, DashboardError)
    assert cap_lines(["a", "b"]) == ["a", "b"]


FRAME = pd.DataFrame(
    {
        "note": pd.array(
            ['=HYPERLINK("http://x")', "+1", "-2", "@SUM(A1)", "\tx", "\rx", "ok", None],
            dtype="string",
        ),
        "amount": pd.array([-5, 1, 2, 3, 4, 5, 6, None], dtype="Int64"),
        "share": [0.5, -0.25, 0.0, 1.0, 0.1, 0.2, 0.3, float("nan")],
    }
)


def test_csv_export_neutralises_formulas_and_keeps_numbers():
    rows = pd.read_csv(io.BytesIO(to_csv_bytes(FRAME)), dtype=str, keep_default_na=False)
    assert rows["note"].tolist() == [
        '\'=HYPERLINK("http://x")',
        "'+1",
        "'-2",
        "'@SUM(A1)",
        "'\tx",
        "'\rx",
        "ok",
        "",
    ]
    assert rows["amount"].tolist() == ["-5", "1", "2", "3", "4", "5", "6", ""]
    safe = neutralise_formulas(FRAME)
    assert safe["note"].tolist()[:7] == [
        '\'=HYPERLINK("http://x")',
        "'+1",
        "'-2",
        "'@SUM(A1)",
        "'\tx",
        "'\rx",
        "ok",
    ]
    assert safe["note"].isna().tolist()[7]
    pd.testing.assert_series_equal(safe["amount"], FRAME["amount"])
    pd.testing.assert_series_equal(safe["share"], FRAME["share"])


def test_xlsx_export_writes_text_never_formulas():
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes({"t": FRAME})))
    cells = list(book["t"].iter_rows(min_row=2, max_row=5, max_col=2))
    assert [(c.value, c.data_type, c.quotePrefix) for c, _ in cells] == [
        ('=HYPERLINK("http://x")', "s", True),
        ("+1", "s", True),
        ("-2", "s", True),
        ("@SUM(A1)", "s", True),
    ]
    assert [amount.value for _, amount in cells] == [-5, 1, 2, 3]
    assert all(amount.data_type == "n" for _, amount in cells)


def test_chart_export_without_a_browser_says_so_at_once(monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    monkeypatch.setattr(chart_export.shutil, "which", lambda name: None)
    assert chart_export.find_browser() is None
    assert not chart_export.export_available()
    with pytest.raises(chart_export.ExportUnavailableError, match="no Chromium found"):
        chart_export.FigureRenderer().start()
