"""Exports are formula-safe also for categorical columns, leading white space and headers.

The holes found: a categorical cell that looked like a formula was emptied (its apostrophed
value was no category), ``" =1+1"`` (a space, no-break space or tab before ``=``/``+``/``-``/
``@``) was left as is, and column names were never neutralised.
"""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest

from data.export import looks_like_formula, neutralise_formulas, to_csv_bytes, to_xlsx_bytes

NBSP = "\u00a0"


def _csv_rows(frame: pd.DataFrame) -> list[list[str]]:
    """The CSV export read back as text: the header row, then the rows ('' for empty)."""
    rows = pd.read_csv(
        io.BytesIO(to_csv_bytes(frame)), dtype=str, keep_default_na=False, header=None
    )
    return rows.to_numpy().tolist()


def test_categorical_formula_cells_are_neutralised_not_emptied():
    frame = pd.DataFrame(
        {"region": pd.Categorical(['=HYPERLINK("http://x")', "Mopti", None, "@SUM(A1)"])}
    )
    safe = neutralise_formulas(frame)
    assert safe["region"].tolist()[:2] == ['\'=HYPERLINK("http://x")', "Mopti"]
    assert pd.isna(safe["region"].tolist()[2])
    assert safe["region"].tolist()[3] == "'@SUM(A1)"
    assert frame["region"].tolist()[0] == '=HYPERLINK("http://x")'  # the input is not changed
    assert _csv_rows(frame) == [
        ["region"],
        ['\'=HYPERLINK("http://x")'],
        ["Mopti"],
        [""],
        ["'@SUM(A1)"],
    ]


def test_a_categorical_column_without_formulas_keeps_its_dtype():
    frame = pd.DataFrame({"region": pd.Categorical(["Mopti", "Gao"])})
    pd.testing.assert_frame_equal(neutralise_formulas(frame), frame)


@pytest.mark.parametrize(
    "text",
    [
        " =1+1",
        f"{NBSP}=1+1",
        "\t=1+1",
        "  +cmd",
        f"{NBSP}{NBSP}-2+3",
        " @SUM(A1)",
        "\n=1",
        "\uff1d1+1",  # fullwidth ＝
        " \uff20SUM(A1)",
    ],
)
def test_leading_white_space_before_a_trigger_is_neutralised(text):
    assert looks_like_formula(text)
    frame = pd.DataFrame({"note": pd.array([text], dtype="string")})
    assert neutralise_formulas(frame)["note"].tolist() == ["'" + text]


@pytest.mark.parametrize("text", ["Mopti", " Mopti", "a=b", "1-2", "", "   ", "x@y.example"])
def test_text_that_is_no_formula_is_unchanged(text):
    assert not looks_like_formula(text)
    frame = pd.DataFrame({"note": pd.array([text], dtype="string")})
    assert neutralise_formulas(frame)["note"].tolist() == [text]


def test_column_names_are_neutralised_and_numbers_stay_numbers():
    frame = pd.DataFrame(
        {
            "=cmd|' /C calc'!A0": pd.array([-5, 2], dtype="Int64"),
            " @name": [-0.5, 1.0],
            "region": ["Mopti", "Gao"],
        }
    )
    safe = neutralise_formulas(frame)
    assert list(safe.columns) == ["'=cmd|' /C calc'!A0", "' @name", "region"]
    assert safe.iloc[:, 0].tolist() == [-5, 2] and str(safe.dtypes.iloc[0]) == "Int64"
    assert safe.iloc[:, 1].tolist() == [-0.5, 1.0]
    assert list(frame.columns)[0] == "=cmd|' /C calc'!A0"  # the input is not changed
    header, first, _ = _csv_rows(frame)
    assert header == ["'=cmd|' /C calc'!A0", "' @name", "region"]
    assert first == ["-5", "-0.5", "Mopti"]


def test_duplicate_column_names_are_each_neutralised():
    frame = pd.DataFrame([["=1", "=2"]], columns=["a", "a"])
    assert neutralise_formulas(frame).iloc[0].tolist() == ["'=1", "'=2"]


def test_xlsx_header_and_leading_space_cells_get_the_quote_prefix():
    frame = pd.DataFrame(
        {
            "=cmd": pd.Categorical([" =1+1", "ok"]),
            "amount": pd.array([-5, 3], dtype="Int64"),
        }
    )
    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes({"t": frame})))["t"]
    header = [(c.value, c.data_type, c.quotePrefix) for c in sheet[1]]
    assert header[0] == ("=cmd", "s", True)
    assert (sheet["A2"].value, sheet["A2"].data_type, sheet["A2"].quotePrefix) == (
        " =1+1",
        "s",
        True,
    )
    assert (sheet["A3"].value, sheet["A3"].quotePrefix) == ("ok", False)
    assert [sheet["B2"].value, sheet["B3"].value] == [-5, 3]
    assert sheet["B2"].data_type == "n"
