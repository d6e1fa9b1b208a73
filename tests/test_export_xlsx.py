"""The readable tables (data.readable) and the Excel workbook (data.workbook), read back with
openpyxl in each language."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pandas as pd
import pytest

from data.export import tables
from data.readable import PCT, USD, Cell, display_tables, header, word
from data.workbook import MAX_WIDTH, MIN_WIDTH, sheet_names, workbook
from text import fmt_usd, not_reported, t
from text.notes import render_note

SHEETS = {
    "fr": [
        "Lisez-moi",
        "Chiffres clés",
        "Objectifs",
        "Domaines d’activité",
        "Régions par domaine",
        "Parts régionales DTM",
        "Totaux de PDI du plan",
        "Notes sur les données",
        "Sources",
    ],
    "en": [
        "README",
        "Key figures",
        "Objectives",
        "Activity areas",
        "Regions by area",
        "DTM regional shares",
        "Plan IDP totals",
        "Data notes",
        "Sources",
    ],
}
USD_FORMAT = {"fr": "#,##0 $", "en": "$#,##0"}
PCT_FORMAT = {"fr": "0.0 %", "en": "0.0%"}


@pytest.fixture(scope="module")
def frames(plan, funding, dtm):
    return {lang: tables(plan, funding, dtm, render_note, lang) for lang in ("fr", "en")}


@pytest.fixture(scope="module")
def books(frames):
    return {
        lang: openpyxl.load_workbook(io.BytesIO(workbook(frames[lang], lang)))
        for lang in ("fr", "en")
    }


def column_of(sheet, title: str) -> int:
    (column,) = [c.column for c in sheet[1] if c.value == title]
    return column


# --- readable tables -------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_display_tables_are_text_only_under_translated_headers(frames, lang):
    shown = display_tables(frames[lang], lang)
    assert list(shown) == list(frames[lang])
    for name, frame in shown.items():
        assert all(str(dtype) == "str" for dtype in frame.dtypes), name
        assert frame.map(lambda v: isinstance(v, str)).all().all(), name
        assert "None" not in frame.to_numpy().ravel().tolist(), name
        assert "<NA>" not in frame.to_numpy().ravel().tolist(), name
    summary = shown["plan_summary"]
    assert list(summary.columns) == [t("table.col.key", lang), t("table.col.value", lang)]
    values = dict(zip(summary.iloc[:, 0], summary.iloc[:, 1], strict=True))
    assert values[t("table.summary.required_usd", lang)] == fmt_usd(24_600_000, lang)
    assert (
        values[t("table.summary.computed_coverage", lang)]
        == {"fr": "9,1\u00a0%", "en": "9.1%"}[lang]
    )
    assert (
        values[t("table.summary.document_date", lang)]
        == {
            "fr": "27 nov. 2023",
            "en": "27 Nov 2023",
        }[lang]
    )
    assert (
        values[t("table.summary.people_targeted", lang)]
        == {
            "fr": "608\u202f300",
            "en": "608,300",
        }[lang]
    )


def test_french_amounts_and_not_reported_are_written_out(frames):
    areas = display_tables(frames["fr"], "fr")["activity_areas"].set_index("Code du domaine")
    assert areas.loc["shelter", "Financement requis"] == "5\u202f400\u202f000\u00a0$"
    assert areas.loc["shelter", "Couverture"] == "8,4\u00a0%"
    assert areas.loc["shelter", "Financé au-delà du requis"] == "Non"
    unreported = frames["fr"]["activity_areas"]["confirmed_usd"].isna()
    assert unreported.any()
    confirmed = areas["Financement confirmé"].to_numpy()[unreported.to_numpy()]
    assert set(confirmed) == {not_reported("fr")}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_domain_names_come_from_the_data_in_the_pages_language(frames, lang):
    shown = display_tables(frames[lang], lang)["objectives"]
    assert (
        shown[t("table.col.name", lang)].tolist()
        == frames[lang]["objectives"][f"name_{lang}"].tolist()
    )
    assert "name_fr" not in shown and "name_en" not in shown


def test_data_notes_figures_follow_their_unit(frames):
    notes = display_tables(frames["en"], "en")["data_notes"].set_index("Check")
    assert notes.loc["plan.confirmed", "Difference"] == "\u2212$26,876"
    assert notes.loc["obj2.coverage_pct", "Printed figure"] == "5.0%"
    assert notes.loc["dtm.factbox.total", "Printed figure"] == "391,691"
    assert notes.loc["plan.confirmed", "Type"] == t("note_kind.rounding", "en")


def test_header_falls_back_to_the_code_name():
    assert header("name_fr", "fr") == header("name_en", "fr") == "Nom"
    assert header("no_such_column", "en") == "no_such_column"
    assert word(Cell(USD, None), "fr") == not_reported("fr")
    assert word(Cell(PCT, 0.0905234146), "fr") == "9,1\u00a0%"


def test_sheet_names_are_valid_unique_and_short():
    names = sheet_names(["a/b:c", "x" * 40, "x" * 40, "README", "readme", ""])
    assert names[0] == "a b c"
    assert names[1] == "x" * 31 and names[2] == "x" * 27 + " (2)"
    assert names[3] == "README" and names[4] == "readme (2)"
    assert names[5] == "Sheet"
    assert all(len(n) <= 31 for n in names)


# --- the workbook ----------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_workbook_sheets_headers_and_layout(books, frames, lang):
    book = books[lang]
    assert book.sheetnames == SHEETS[lang]
    shown = display_tables(frames[lang], lang)
    for name, (key, frame) in zip(book.sheetnames[1:], shown.items(), strict=True):
        sheet = book[name]
        assert [c.value for c in sheet[1]] == list(frame.columns), key
        assert all(c.font.bold for c in sheet[1]), key
        assert sheet.freeze_panes == "A2", key
        last = openpyxl.utils.get_column_letter(frame.shape[1])
        assert sheet.auto_filter.ref == f"A1:{last}{len(frame) + 1}", key
        assert sheet.max_row == len(frame) + 1, key
        for column in range(1, frame.shape[1] + 1):
            letter = openpyxl.utils.get_column_letter(column)
            width = sheet.column_dimensions[letter].width
            assert MIN_WIDTH <= width <= MAX_WIDTH, (key, letter)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_workbook_numbers_are_numbers_with_formats(books, lang):
    summary = books[lang][SHEETS[lang][1]]
    rows = {row[0].value: row[1] for row in summary.iter_rows(min_row=2)}
    required = rows[t("table.summary.required_usd", lang)]
    assert required.value == 24_600_000 and required.number_format == USD_FORMAT[lang]
    coverage = rows[t("table.summary.computed_coverage", lang)]
    assert coverage.value == pytest.approx(2_226_876 / 24_600_000)
    assert coverage.number_format == PCT_FORMAT[lang]
    people = rows[t("table.summary.people_targeted", lang)]
    assert people.value == 608_300 and people.number_format == "#,##0"
    document_date = rows[t("table.summary.document_date", lang)]
    assert document_date.value == dt.datetime(2023, 11, 27)
    assert document_date.is_date and document_date.number_format == "d mmm yyyy"

    areas = books[lang][SHEETS[lang][3]]
    coverage_col = column_of(areas, t("table.col.coverage", lang))
    cell = areas.cell(row=2, column=coverage_col)
    assert isinstance(cell.value, float) and cell.number_format == PCT_FORMAT[lang]
    dtm = books[lang][SHEETS[lang][5]]
    as_of = dtm.cell(row=2, column=column_of(dtm, t("table.col.as_of", lang)))
    assert as_of.value == dt.datetime(2023, 9, 30)


def test_not_reported_cells_are_empty_with_a_header_comment(books, frames):
    areas = books["fr"]["Domaines d’activité"]
    column = column_of(areas, "Financement confirmé")
    missing = frames["fr"]["activity_areas"]["confirmed_usd"].isna().tolist()
    values = [areas.cell(row=r, column=column).value for r in range(2, len(missing) + 2)]
    assert [v is None for v in values] == missing
    assert areas.cell(row=1, column=column).comment.text == t("table.empty_cell", "fr")
    assert areas.cell(row=1, column=1).comment is None  # every area has an id


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_readme_lists_sources_and_notes(books, frames, lang):
    readme = books[lang][SHEETS[lang][0]]
    rows = list(readme.iter_rows(values_only=True))
    assert rows[0][0] == t("app.title", lang)
    assert rows[1][0] == t("table.readme.empty", lang)
    assert rows[3][0] == t("data.table.sources", lang)
    assert rows[4][:3] == tuple(t(f"table.col.{c}", lang) for c in ("document", "date", "section"))
    sources = frames[lang]["sources"]
    first = rows[5]
    assert first[0] == sources["document"].iloc[0]
    assert first[1] == dt.datetime(2023, 11, 27)
    assert first[2] == sources["section"].iloc[0]
    assert readme.cell(row=6, column=2).number_format == "d mmm yyyy"
    undated = sources["date"].isna().tolist().index(True)
    assert rows[5 + undated][1] is None  # not reported: empty
    notes_at = 5 + len(sources) + 1
    assert rows[notes_at][0] == t("data.table.data_notes", lang)
    described = [r[0] for r in rows[notes_at + 1 :]]
    assert described == frames[lang]["data_notes"]["description"].tolist()


def test_workbook_text_cells_stay_formula_safe():
    frames = {
        "sources": pd.DataFrame(
            {"document": ['=HYPERLINK("x")'], "date": [None], "section": ["@SUM(A1)"]}
        ),
        "area_regions": pd.DataFrame({"area_id": ["+1"], "region": ["-2"], "quote": ["ok"]}),
    }
    book = openpyxl.load_workbook(io.BytesIO(workbook(frames, "en")))
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate)
    regions = book[book.sheetnames[2]]  # README, sources, regions
    assert regions["A2"].value == "+1" and regions["A2"].quotePrefix
    assert regions["C2"].value == "ok" and not regions["C2"].quotePrefix
    readme = book[book.sheetnames[0]]
    assert readme["A6"].value == '=HYPERLINK("x")' and readme["A6"].quotePrefix
