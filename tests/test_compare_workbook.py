"""The plan-vs-scenario workbook (data.compare_workbook) read back with openpyxl, both
languages; its download button (components.widgets.comparison) and the Data & sources
file names (components.widgets.tables)."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pandas as pd
import pytest

from data.compare_workbook import comparison_workbook, number_formats, plan_source
from data.export import to_csv_bytes
from data.names import area_names, objective_names
from data.scenario import AreaEdit, scenario_funding, scenario_identity
from text import not_reported, t

DAY = dt.date(2024, 3, 14)
NAME = '=HYPERLINK("http://x") Bailleur É'
EDITS = {
    "shelter": AreaEdit(pledge_usd=500_000),
    "protection": AreaEdit(confirmed_usd=3_000_000, note="@SUM(A1) ECHO"),
}
SHEETS = {
    "fr": ["Lisez-moi", "Par domaine d’activité", "Par objectif"],
    "en": ["README", "By activity area", "By objective"],
}
USD = {"fr": "#,##0 $", "en": "$#,##0"}
PCT = {"fr": "0.0 %", "en": "0.0%"}
DELTA = {"fr": "+#,##0 $;-#,##0 $;0 $", "en": "+$#,##0;-$#,##0;$0"}
POINTS = {
    "fr": '+0.0" pt";-0.0" pt";0.0" pt"',
    "en": '+0.0" pp";-0.0" pp";0.0" pp"',
}
FIGURE_HEADERS = [
    "whatif.col.required",
    "whatif.cmp.baseline",
    "whatif.cmp.scenario",
    "whatif.cmp.delta",
    "whatif.cmp.baseline_coverage",
    "whatif.cmp.scenario_coverage",
    "compare.xlsx.col.delta_pp",
    "whatif.cmp.status",
]


@pytest.fixture(scope="module")
def identity(plan):
    return scenario_identity(plan, EDITS, NAME)


@pytest.fixture(scope="module")
def scenario(plan):
    return scenario_funding(plan, EDITS)


@pytest.fixture(scope="module", params=["fr", "en"])
def book(request, plan, funding, scenario, identity):
    data = comparison_workbook(plan, funding, scenario, identity, request.param, exported=DAY)
    return request.param, openpyxl.load_workbook(io.BytesIO(data))


def rows(sheet) -> list[list[object]]:
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def row_of(sheet, first: str):
    (row,) = [row for row in sheet.iter_rows() if row[0].value == first]
    return row


def test_sheet_names_and_headers_are_translated(book):
    lang, wb = book
    assert wb.sheetnames == SHEETS[lang]
    _, areas, objectives = wb.worksheets
    figures = [t(key, lang) for key in FIGURE_HEADERS]
    assert rows(areas)[0] == [t("whatif.col.area", lang), t("whatif.col.objective", lang), *figures]
    assert rows(objectives)[0] == [t("whatif.cmp.name", lang), *figures]
    for sheet in (areas, objectives):
        assert sheet.freeze_panes == "A2"
        assert all(cell.font.bold for cell in sheet[1])
        last = openpyxl.utils.get_column_letter(sheet.max_column)
        assert sheet.auto_filter.ref == f"A1:{last}{sheet.max_row}"
        widths = [sheet.column_dimensions[c.column_letter].width for c in sheet[1]]
        assert all(8 <= width <= 60 for width in widths)
    assert areas.max_row == 1 + 15 and objectives.max_row == 1 + 2 + 1


def test_protection_edit_has_exact_figures_and_formats(book, plan):
    lang, wb = book
    areas = wb.worksheets[1]
    name = area_names(plan.areas, lang)["protection"]
    cells = row_of(areas, name)
    assert [c.value for c in cells] == [
        name,
        objective_names(plan.objectives, lang, short=True)["obj1"],
        1_000_000,
        167_256,
        3_000_000,
        2_832_744,
        pytest.approx(0.167256),
        3,
        pytest.approx(283.2744),
        t(
            "whatif.status_change",
            lang,
            before=t("whatif.status.reported", lang),
            after=t("status.over_funded", lang),
        ),
    ]
    assert [c.number_format for c in cells[2:9]] == [
        USD[lang],
        USD[lang],
        USD[lang],
        DELTA[lang],
        PCT[lang],
        PCT[lang],
        POINTS[lang],
    ]
    assert cells[0].font.bold  # a changed area stands out
    unchanged = row_of(areas, area_names(plan.areas, lang)["cccm"])
    assert unchanged[5].value == 0 and not unchanged[0].font.bold


def test_not_reported_is_written_out_never_zero(book, plan):
    lang, wb = book
    areas = wb.worksheets[1]
    cells = [c.value for c in row_of(areas, area_names(plan.areas, lang)["mhpss"])]
    assert cells[2] == 1_200_000
    assert cells[3:10] == [not_reported(lang)] * 7
    assert not any(row[3].value is None for row in areas.iter_rows(min_row=2))


def test_objectives_and_total_have_exact_figures(book, plan, funding):
    lang, wb = book
    objectives = wb.worksheets[2]
    obj1 = [c.value for c in row_of(objectives, objective_names(plan.objectives, lang)["obj1"])]
    assert obj1[1:5] == [17_700_000, 1_860_594, 1_860_594 + 500_000 + 2_832_744, 3_332_744]
    total = row_of(objectives, t("label.total", lang))
    assert [c.value for c in total[1:5]] == [24_600_000, 2_226_876, 5_559_620, 3_332_744]
    assert total[5].value == pytest.approx(2_226_876 / 24_600_000)
    assert total[6].value == pytest.approx(5_559_620 / 24_600_000)
    assert total[0].font.bold
    assert total[8].value == t("whatif.status.reported", lang)


def test_readme_names_the_scenario_and_lists_the_edits(book, plan):
    lang, wb = book
    readme = wb.worksheets[0]
    values = rows(readme)
    assert values[0][0] == t("app.title", lang)
    assert values[2][0] == t("compare.xlsx.readme.not_plan", lang)
    assert values[3][0] == t("compare.xlsx.readme.not_reported", lang, value=not_reported(lang))
    facts = {row[0]: row[1] for row in values[5:9]}
    assert facts == {
        t("compare.xlsx.readme.scenario", lang): NAME,
        t("compare.xlsx.readme.plan_source", lang): plan_source(plan),
        t("compare.xlsx.readme.as_of", lang): dt.datetime(2023, 11, 27),
        t("compare.xlsx.readme.exported", lang): dt.datetime(2024, 3, 14),
    }
    assert (
        plan_source(plan) == "Mali Crisis Response Plan 2023-2024 (January - December 2024) — IOM"
    )
    assert readme["B8"].number_format == "d mmm yyyy"
    assert values[10][0] == t("compare.xlsx.readme.edits", lang)
    names = area_names(plan.areas, lang)
    assert values[12][:5] == [names["shelter"], 451_968, 951_968, 500_000, None]
    assert values[13][:5] == [names["protection"], 167_256, 3_000_000, None, "@SUM(A1) ECHO"]
    assert readme["B13"].number_format == USD[lang]


def test_user_text_is_never_a_formula(book):
    _, wb = book
    readme = wb.worksheets[0]
    for ref in ("B6", "E14"):  # the scenario's name, the protection note
        cell = readme[ref]
        assert cell.data_type == "s", ref
        assert cell.quotePrefix, ref


def test_unsaved_scenario_and_no_scenario(plan, funding, scenario):
    unsaved = scenario_identity(plan, EDITS)
    wb = openpyxl.load_workbook(
        io.BytesIO(comparison_workbook(plan, funding, scenario, unsaved, "fr", exported=DAY))
    )
    assert wb.worksheets[0]["B6"].value == t("scenario.unsaved", "fr")
    wb = openpyxl.load_workbook(
        io.BytesIO(comparison_workbook(plan, funding, funding, None, "en", exported=DAY))
    )
    readme = wb.worksheets[0]
    assert readme["A3"].value == t("whatif.compare.baseline_only", "en")
    assert readme["A13"].value is None  # no edit lines
    deltas = [row[5].value for row in wb.worksheets[1].iter_rows(min_row=2)]
    assert set(deltas) == {0, not_reported("en")}


def test_number_formats_follow_the_catalog():
    assert number_formats("fr")["points"] == POINTS["fr"]
    assert number_formats("en")["delta"] == DELTA["en"]


# --- download buttons: file names ----------------------------------------------------------------
class Recorder:
    def __init__(self):
        self.calls: list[tuple[tuple, dict]] = []

    def __call__(self, *args, **kwargs):
        self.calls.append((args, kwargs))
        return False


def test_comparison_download_is_named_after_the_scenario(monkeypatch, plan, funding, scenario):
    import components.widgets.comparison as widget

    recorder = Recorder()
    monkeypatch.setattr(widget.st, "download_button", recorder)
    identity = scenario_identity(plan, EDITS, "Bailleur X : +2 M$")
    widget.comparison_download(plan, funding, scenario, identity, lang="fr", day=DAY)
    ((args, kwargs),) = recorder.calls
    assert args[0] == t("compare.download", "fr")
    assert (
        kwargs["file_name"]
        == "iom-mali-crp2024-comparison-scenario-bailleur-x-2-m-fr-2024-03-14.xlsx"
    )
    data = args[1]() if callable(args[1]) else args[1]
    readme = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
    assert readme["B6"].value == "Bailleur X : +2 M$"
    assert readme["B9"].value == dt.datetime(2024, 3, 14)


def test_data_tables_files_use_the_one_pattern(monkeypatch):
    import components.widgets.tables as widget

    recorder = Recorder()
    monkeypatch.setattr(widget.st, "download_button", recorder)
    for name in ("subheader", "dataframe"):
        monkeypatch.setattr(widget.st, name, lambda *a, **k: None)
    frame = pd.DataFrame({"a": [1]})
    widget.data_tables(
        {"objectives": frame},
        {"objectives": frame},
        lang="en",
        xlsx=b"x",
        csv=to_csv_bytes,
        day=DAY,
    )
    names = [kwargs["file_name"] for _, kwargs in recorder.calls]
    assert names == [
        "iom-mali-crp2024-tables-en-2024-03-14.xlsx",
        "iom-mali-crp2024-objectives-en-2024-03-14.csv",
    ]
