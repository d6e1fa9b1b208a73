"""Figures as JSON, and every table as CSV or Excel, for people and scripts."""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
from collections.abc import Mapping

import pandas as pd

from data.displacement import Displacement
from data.notes import NoteRenderer, all_notes, notes_table
from data.plan import Funding, PlanData


def _plain(value: object) -> object:
    """JSON-safe scalars: <NA>/NaN -> None, numpy numbers -> int/float, dates -> ISO text."""
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "item"):
        return _plain(value.item())
    return value


def figures(
    plan: PlanData, funding: Funding, dtm: Displacement, describe: NoteRenderer
) -> dict[str, object]:
    """All the dashboard's figures as one JSON-ready dict (English names and notes).

    ``describe(note_row, lang)`` renders a note's sentence (``text.notes.render_note``).
    """
    totals = funding.totals
    objective_names = dict(
        zip(funding.objectives["objective_id"], funding.objectives["name_en"], strict=True)
    )
    notes = all_notes(funding, dtm)
    return {
        "plan": {
            "title": plan.summary.title,
            "document_date": plan.summary.document_date.isoformat(),
            "period": [plan.summary.period_start.isoformat(), plan.summary.period_end.isoformat()],
            "required_usd": totals.required_usd,
            "confirmed_usd": totals.confirmed_usd,
            "confirmed_printed_usd": plan.summary.confirmed_printed_usd,
            "gap_usd": totals.gap_usd,
            "coverage": totals.coverage,
            "people_targeted": totals.people_targeted,
            "entities_targeted": totals.entities_targeted,
        },
        "objectives": [
            {
                "id": row.objective_id,
                "name": row.name_en,
                "required_usd": _plain(row.required_usd),
                "confirmed_usd": _plain(row.confirmed_usd),
                "itemised_confirmed_usd": _plain(row.itemised_confirmed_usd),
                "unitemised_confirmed_usd": _plain(row.unitemised_confirmed_usd),
                "gap_usd": _plain(row.gap_usd),
                "coverage": _plain(row.coverage),
                "people_targeted": _plain(row.people_targeted),
            }
            for row in funding.objectives.itertuples(index=False)
        ],
        "activity_areas": [
            {
                "id": row.area_id,
                "name": row.name_en,
                "objective": objective_names[row.objective_id],
                "objective_id": row.objective_id,
                "required_usd": _plain(row.required_usd),
                "confirmed_usd": _plain(row.confirmed_usd),
                "gap_usd": _plain(row.gap_usd),
                "coverage": _plain(row.coverage),
            }
            for row in funding.areas.itertuples(index=False)
        ],
        "reconciliation": [
            {
                "check": row["check_id"],
                "kind": row["kind"],
                "amount_usd": _plain(row["amount"]) if row["unit"] == "USD" else None,
                "amount": _plain(row["amount"]),
                "unit": row["unit"],
                "description": describe(row, "en"),
            }
            for row in notes.to_dict("records")
        ],
        "displacement": {
            "total_idps": dtm.total_idps,
            "as_of": dtm.as_of.isoformat(),
            "kind": dtm.kind,
            "source_file": dtm.source_file,
            "other_regions": {"share": dtm.other_share, "idps_estimate": dtm.other_idps},
            "regions": [
                {
                    "name": row.name_en,
                    "region_id": row.region_id,
                    "share": _plain(row.share),
                    "idps_estimate": _plain(row.idps_estimate),
                }
                for row in dtm.regions.itertuples(index=False)
            ],
        },
    }


def tables(
    plan: PlanData, funding: Funding, dtm: Displacement, describe: NoteRenderer, lang: str = "en"
) -> dict[str, pd.DataFrame]:
    """Every table as the dashboard shows it, keyed by a file-safe name (for CSV and Excel)."""
    # Dates stay dates (the CSV writes them as ISO text all the same; the readable tables
    # and the workbook word and format them as dates).
    summary = pd.DataFrame(
        [
            {"key": key, "value": value if isinstance(value, dt.date) else _plain(value)}
            for key, value in plan.summary.__dict__.items()
        ]
        + [
            {"key": f"computed_{key}", "value": _plain(value)}
            for key, value in funding.totals.__dict__.items()
        ]
    )
    return {
        "plan_summary": summary,
        "objectives": funding.objectives,
        "activity_areas": funding.areas,
        "area_regions": plan.area_regions,
        "dtm_regions": dtm.regions.assign(as_of=dtm.as_of, total_idps=dtm.total_idps),
        **({"plan_idp_mentions": dtm.plan_mentions} if dtm.plan_mentions is not None else {}),
        "data_notes": notes_table(all_notes(funding, dtm), describe, lang),
        "sources": plan.sources,
    }


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""A text cell starting with one of these is read as a formula by spreadsheet programs."""

_TRIGGERS = ("=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20")
"""Formula triggers that spreadsheet programs also find after leading white space (and their
fullwidth forms ＝＋－＠, which an East Asian input method turns into the ASCII ones)."""


def looks_like_formula(value: object) -> bool:
    """Whether ``value`` is text a spreadsheet program may run as a formula.

    It starts with one of :data:`FORMULA_STARTS`, or its first character that is not white
    space (space, no-break space, tab, line break...) is ``=``, ``+``, ``-`` or ``@`` (or
    their fullwidth forms): OWASP's CSV-injection guidance, as ``" =1+1"`` is a formula in
    some programs.
    """
    if not isinstance(value, str):
        return False
    return value.startswith(FORMULA_STARTS) or value.lstrip().startswith(_TRIGGERS)


def _safe_text(value: object) -> object:
    """``value`` with a leading apostrophe when it looks like a formula, else unchanged."""
    return f"'{value}" if looks_like_formula(value) else value


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells and column names cannot run as formulas.

    OWASP's CSV-injection guidance: a text cell that :func:`looks_like_formula` (it starts with
    ``=``, ``+``, ``-``, ``@``, a tab or a carriage return, or one of the first four follows
    leading white space) gets a leading apostrophe, which spreadsheet programs show as text.
    Column names (the header row) are treated alike. Only text cells change: numbers (``-5``
    in an ``Int64`` column) stay numbers, and <NA> stays an empty cell ("not reported"). A
    categorical column with such a value becomes a text (object) column, so that the
    apostrophed value is not dropped for not being one of its categories.
    """
    out = frame.copy()
    for position in range(out.shape[1]):
        series = out.iloc[:, position]
        if isinstance(series.dtype, pd.CategoricalDtype):
            if any(looks_like_formula(v) for v in series.cat.categories):
                out.isetitem(position, series.astype(object).map(_safe_text))
            continue
        if pd.api.types.is_numeric_dtype(series) or pd.api.types.is_bool_dtype(series):
            continue
        if series.map(looks_like_formula).any():
            out.isetitem(position, series.map(_safe_text).astype(series.dtype))
    names = list(out.columns)
    if any(looks_like_formula(name) for name in names):
        out.columns = [_safe_text(name) for name in names]
    return out


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 with BOM so that spreadsheet programs show accents right; empty cell = not reported.

    Text cells are made formula-safe (:func:`neutralise_formulas`).
    """
    # RFC 4180 line ends: a cell holding a carriage return is then quoted, not split.
    # Every text cell is quoted: a spreadsheet that splits on ';' (French Excel) or ',' never
    # cuts a cell such as "x;=1" into a formula cell.
    text = neutralise_formulas(frame).to_csv(
        index=False, lineterminator="\r\n", quoting=csv.QUOTE_NONNUMERIC
    )
    return text.encode("utf-8-sig")


def to_xlsx_bytes(frames: Mapping[str, pd.DataFrame]) -> bytes:
    """One workbook, one sheet per table (sheet names cut to Excel's 31 characters).

    openpyxl stores any text starting with ``=`` as a formula; every text cell is written as
    text instead, and one that :func:`looks_like_formula` (the header row included) also gets
    Excel's quote prefix, so that editing the cell does not turn it into a formula either.
    """
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in frames.items():
            frame.to_excel(writer, sheet_name=name[:31], index=False)
            for row in writer.sheets[name[:31]].iter_rows():
                for cell in row:
                    if cell.data_type == "f" or looks_like_formula(cell.value):
                        cell.data_type = "s"
                        cell.quotePrefix = True
    return buffer.getvalue()
