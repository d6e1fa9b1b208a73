"""The plan-vs-scenario comparison as an Excel workbook, in one language.

Sheets (translated names): a README (``table.sheet.readme``) naming the scenario (or
"unsaved scenario"), saying its figures are not the published plan's, and listing its edits,
the plan's source, the plan figures' date and the export date; then one sheet per activity
area and one per objective with the plan's total, each with: required, confirmed (plan),
confirmed (scenario), change, coverage (plan), coverage (scenario), change in percentage
points, status. Figures come from :func:`data.scenario.compare`.

As in :mod:`data.workbook`: numbers stay numbers with the language's formats (``#,##0 $``,
``0.0 %``; changes signed), headers bold and frozen, an autofilter, fitted widths, text
formula-safe. A figure that is not reported is **written out** ("non communiqué" / "not
reported"), never 0 and never a blank a reader might take for one.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from data.names import area_names, objective_names
from data.plan import Funding, PlanData
from data.readable import DATE, PCT, USD, Cell, plain
from data.scenario.compare import compare
from data.scenario.identity import ScenarioIdentity
from data.workbook import BOLD, NUMBER_FORMATS, fit_widths, sheet_names, write_cell, write_text
from text import t

DELTA, POINTS = "delta", "points"
"""Extra kinds of cell: a signed change of USD, a change of coverage in percentage points."""

FIGURE_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("required_usd", "whatif.col.required", USD),
    ("baseline_confirmed_usd", "whatif.cmp.baseline", USD),
    ("scenario_confirmed_usd", "whatif.cmp.scenario", USD),
    ("delta_usd", "whatif.cmp.delta", DELTA),
    ("baseline_coverage", "whatif.cmp.baseline_coverage", PCT),
    ("scenario_coverage", "whatif.cmp.scenario_coverage", PCT),
    ("delta_coverage_pp", "compare.xlsx.col.delta_pp", POINTS),
)
"""(column of the compare frame, header key, kind), in sheet order."""


def _quoted(text: str) -> str:
    return f'"{text}"' if text else ""


def number_formats(lang: str) -> dict[str, str]:
    """Excel formats by kind in ``lang``: the workbook's, plus signed changes (``+#,##0 $``)
    and percentage points (``+0.0" pt"``, the suffix of ``whatif.pp``)."""
    formats = dict(NUMBER_FORMATS[lang])
    usd = formats[USD]
    formats[DELTA] = f"+{usd};-{usd};{usd.replace('#,##', '')}"
    before, _, after = t("whatif.pp", lang, value="\0").partition("\0")
    points = f"{_quoted(before)}0.0{_quoted(after)}"
    formats[POINTS] = f"+{points};-{points};{points}"
    return formats


def _status_word(key: str, lang: str) -> str:
    return t("whatif.status.reported", lang) if key == "reported" else t(f"status.{key}", lang)


def status_text(before: str, after: str, lang: str) -> str:
    """``reported``, or ``not reported → reported`` when the scenario moves it."""
    if before == after:
        return _status_word(after, lang)
    return t(
        "whatif.status_change",
        lang,
        before=_status_word(before, lang),
        after=_status_word(after, lang),
    )


def _objective_status(confirmed: Any, required: Any) -> str:
    """An objective's status, as :func:`data.scenario.compare` words an area's."""
    if pd.isna(confirmed):
        return "not_reported"
    return "over_funded" if bool(confirmed > required) else "reported"


class _Writer:
    """Writes cells of one language, 'not reported' written out for a missing figure."""

    def __init__(self, lang: str):
        self.lang, self.formats = lang, number_formats(lang)
        self.missing = t("status.not_reported", lang)

    def figure(self, sheet: Worksheet, row: int, column: int, value: object, kind: str) -> int:
        """A number with its format (``kind``); returns the width it needs."""
        value = plain(value)
        if value is None:
            write_text(sheet, row, column, self.missing)
            return len(self.missing)
        target = sheet.cell(row=row, column=column, value=value)
        target.number_format = self.formats[kind]
        return 14

    def text(self, sheet: Worksheet, row: int, column: int, value: str, bold: bool = False) -> int:
        write_cell(sheet, row, column, Cell("text", value), self.lang)
        if bold:
            sheet.cell(row=row, column=column).font = BOLD
        return len(value)


def _table_sheet(
    sheet: Worksheet,
    writer: _Writer,
    headers: Sequence[str],
    rows: Sequence[tuple[Sequence[str], pd.Series, str, bool]],
) -> None:
    """Header (bold, frozen, filtered), then per row: its text cells, the figures, its
    status; ``bold`` rows (changed areas, the total) in bold."""
    widths = [len(header) for header in headers]
    for column, header in enumerate(headers, start=1):
        writer.text(sheet, 1, column, header, bold=True)
    for number, (texts, figures, status, bold) in enumerate(rows, start=2):
        column = 1
        for value in texts:
            widths[column - 1] = max(
                widths[column - 1], writer.text(sheet, number, column, value, bold)
            )
            column += 1
        for key, _, kind in FIGURE_COLUMNS:
            width = writer.figure(sheet, number, column, figures[key], kind)
            widths[column - 1] = max(widths[column - 1], width)
            column += 1
        widths[column - 1] = max(widths[column - 1], writer.text(sheet, number, column, status))
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{len(rows) + 1}"
    fit_widths(sheet, widths)


def _figure_headers(lang: str) -> list[str]:
    return [t(key, lang) for _, key, _ in FIGURE_COLUMNS] + [t("whatif.cmp.status", lang)]


def _areas_sheet(sheet: Worksheet, writer: _Writer, plan: PlanData, areas: pd.DataFrame) -> None:
    lang = writer.lang
    names = area_names(plan.areas, lang)
    objectives = objective_names(plan.objectives, lang, short=True)
    headers = [t("whatif.col.area", lang), t("whatif.col.objective", lang), *_figure_headers(lang)]
    rows = [
        (
            [
                names.get(row.area_id, str(row[f"name_{lang}"])),
                objectives.get(row.objective_id, ""),
            ],
            row,
            status_text(row.baseline_status, row.scenario_status, lang),
            bool(row.changed),
        )
        for _, row in areas.iterrows()
    ]
    _table_sheet(sheet, writer, headers, rows)


def _objectives_sheet(sheet: Worksheet, writer: _Writer, objectives: pd.DataFrame) -> None:
    lang = writer.lang
    headers = [t("whatif.cmp.name", lang), *_figure_headers(lang)]
    rows = []
    for _, row in objectives.iterrows():
        name = t("label.total", lang) if row.is_total else str(row[f"name_{lang}"])
        before = _objective_status(row.baseline_confirmed_usd, row.required_usd)
        after = _objective_status(row.scenario_confirmed_usd, row.required_usd)
        rows.append(([name], row, status_text(before, after, lang), bool(row.is_total)))
    _table_sheet(sheet, writer, headers, rows)


def plan_source(plan: PlanData) -> str:
    """The document the plan's figures come from (its sources row), else the plan's title."""
    ids = set(plan.areas["source_id"].dropna())
    for record in plan.sources.to_dict("records"):
        if record.get("document_id") in ids:
            publisher = plain(record.get("publisher"))
            return f"{record['document']} — {publisher}" if publisher else str(record["document"])
    return plan.summary.title


def _readme_sheet(
    sheet: Worksheet,
    writer: _Writer,
    plan: PlanData,
    identity: ScenarioIdentity | None,
    exported: dt.date,
) -> None:
    """Title, 'not the published plan', the not-reported rule, scenario name, plan source,
    dates, then the edits (area, plan, scenario, pledge, note)."""
    lang = writer.lang
    writer.text(sheet, 1, 1, t("app.title", lang), bold=True)
    writer.text(sheet, 2, 1, t("compare.xlsx.readme.title", lang), bold=True)
    not_plan = "compare.xlsx.readme.not_plan" if identity else "whatif.compare.baseline_only"
    writer.text(sheet, 3, 1, t(not_plan, lang))
    writer.text(sheet, 4, 1, t("compare.xlsx.readme.not_reported", lang, value=writer.missing))
    name = t("scenario.unsaved", lang) if identity is None or not identity.name else identity.name
    facts: list[tuple[str, Cell]] = [
        ("compare.xlsx.readme.scenario", Cell("text", name)),
        ("compare.xlsx.readme.plan_source", Cell("text", plan_source(plan))),
        ("compare.xlsx.readme.as_of", Cell(DATE, plan.summary.document_date)),
        ("compare.xlsx.readme.exported", Cell(DATE, exported)),
    ]
    for row, (key, item) in enumerate(facts, start=6):
        writer.text(sheet, row, 1, t(key, lang), bold=True)
        write_cell(sheet, row, 2, item, lang)
    _edits_table(sheet, writer, plan, identity, 11)
    fit_widths(sheet, [40, 22, 22, 22, 60])


def _edits_table(
    sheet: Worksheet, writer: _Writer, plan: PlanData, identity: ScenarioIdentity | None, top: int
) -> None:
    lang = writer.lang
    writer.text(sheet, top, 1, t("compare.xlsx.readme.edits", lang), bold=True)
    keys = ("area", "plan_confirmed", "confirmed_usd", "pledge_usd", "note")
    for column, key in enumerate(keys, start=1):
        writer.text(sheet, top + 1, column, t(f"whatif.col.{key}", lang), bold=True)
    names = area_names(plan.areas, lang)
    for row, line in enumerate(() if identity is None else identity.lines, start=top + 2):
        writer.text(sheet, row, 1, names.get(line.area_id, line.area_id))
        writer.figure(sheet, row, 2, line.plan_usd, USD)
        writer.figure(sheet, row, 3, line.scenario_usd, USD)
        if line.pledge_usd:
            writer.figure(sheet, row, 4, line.pledge_usd, USD)
        if line.note:
            writer.text(sheet, row, 5, line.note)


def comparison_workbook(
    plan: PlanData,
    baseline: Funding,
    scenario: Funding,
    identity: ScenarioIdentity | None,
    lang: str,
    *,
    exported: dt.date,
) -> bytes:
    """The ``.xlsx`` bytes of plan vs scenario in ``lang`` (see the module).

    ``identity`` names the scenario and lists its edits (``None``: the plan against itself,
    the README says no scenario is active); ``exported`` is the export date.
    """
    areas, objectives = compare(baseline, scenario)
    writer = _Writer(lang)
    book = Workbook()
    readme = book.active
    assert readme is not None  # a new workbook has one sheet
    names = sheet_names(
        [
            t("table.sheet.readme", lang),
            t("compare.xlsx.sheet.areas", lang),
            t("compare.xlsx.sheet.objectives", lang),
        ]
    )
    readme.title = names[0]
    _readme_sheet(readme, writer, plan, identity, exported)
    _areas_sheet(book.create_sheet(names[1]), writer, plan, areas)
    _objectives_sheet(book.create_sheet(names[2]), writer, objectives)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
