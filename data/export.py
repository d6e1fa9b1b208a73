"""Figures as JSON, and every table as CSV or Excel, for people and scripts."""

from __future__ import annotations

import datetime as dt
import io
import math
from collections.abc import Callable, Mapping

import pandas as pd

from data.displacement import Displacement
from data.plan import Funding, PlanData

NoteRenderer = Callable[[Mapping[str, object], str], str]


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

    ``describe(note_row, lang)`` renders a note's sentence (``components.notes.render_note``).
    """
    totals = funding.totals
    objective_names = dict(
        zip(funding.objectives["objective_id"], funding.objectives["name_en"], strict=True)
    )
    notes = pd.concat([funding.reconciliation, dtm.notes], ignore_index=True)
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
    notes = pd.concat([funding.reconciliation, dtm.notes], ignore_index=True)
    notes_table = notes.drop(columns=["params", "template"]).assign(
        description=[describe(row, lang) for row in notes.to_dict("records")]
    )
    summary = pd.DataFrame(
        [{"key": key, "value": _plain(value)} for key, value in plan.summary.__dict__.items()]
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
        "data_notes": notes_table,
        "sources": plan.sources,
    }


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 with BOM so that spreadsheet programs show accents right; empty cell = not reported."""
    return frame.to_csv(index=False).encode("utf-8-sig")


def to_xlsx_bytes(frames: Mapping[str, pd.DataFrame]) -> bytes:
    """One workbook, one sheet per table (sheet names cut to Excel's 31 characters)."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in frames.items():
            frame.to_excel(writer, sheet_name=name[:31], index=False)
    return buffer.getvalue()
