"""A funding update as the store keeps it: :func:`funding_payload` and :func:`funding_from_payload`.

The payload is canonical JSON (:mod:`data.versions.payload_json`)::

    {"format": "crp-dashboard/funding-update", "format_version": 1,
     "file": "Financement mars.xlsx", "as_of": "2024-03-31", "stated_total_usd": null,
     "ignored_columns": [],
     "areas": [{"area_id": "protection", "confirmed_usd": 400000, "pledged_usd": null,
                "source_row": 4}, ...],
     "objectives": [{"objective_id": "obj2", "confirmed_usd": 455000, ...}],
     "donors": [{"area_id": ..., "donor": ..., "status": "paid", "amount_usd": ...,
                 "date": "2024-03-12", "source_row": ...}]}

Rows keep the update's order; ``null`` is "not reported" (<NA>), never 0. Reading it back gives
a :class:`~data.intake.FundingUpdate` equal to the one written, column dtypes included.
"""

from __future__ import annotations

import pandas as pd

from data.errors import MAX_USD, excerpt
from data.intake.funding_model import (
    AREA_COLUMNS,
    DONOR_COLUMNS,
    OBJECTIVE_COLUMNS,
    STATUSES,
    FundingUpdate,
)
from data.versions.payload_json import (
    Reader,
    canonical,
    cell,
    choice,
    date,
    name,
    optional,
    records,
    text,
    texts,
    whole,
)

FORMAT = "crp-dashboard/funding-update"
FORMAT_VERSION = 1

_AMOUNT = optional(whole(0, MAX_USD))
_ROW = optional(whole(1))
_DTYPES = {
    "area_id": "string",
    "objective_id": "string",
    "donor": "string",
    "status": "string",
    "confirmed_usd": "Int64",
    "pledged_usd": "Int64",
    "amount_usd": "Int64",
    "date": "object",
    "source_row": "Int64",
}


def funding_payload(update: FundingUpdate) -> str:
    """``update`` as the canonical JSON text the store keeps (same update, same text)."""
    return canonical(
        {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "file": update.file,
            "as_of": update.as_of.isoformat(),
            "stated_total_usd": cell(update.stated_total_usd),
            "ignored_columns": list(update.ignored_columns),
            "areas": records(update.areas, AREA_COLUMNS),
            "objectives": records(update.objectives, OBJECTIVE_COLUMNS),
            "donors": records(update.donors, DONOR_COLUMNS),
        }
    )


def _frame(rows: list[dict[str, object]], columns: tuple[str, ...]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            column: pd.array([row[column] for row in rows], dtype=_DTYPES[column])
            for column in columns
        },
        columns=list(columns),
    )


def _amount_row(
    reader: Reader, entry: object, row: int, id_column: str, where: str
) -> dict[str, object]:
    """One entry of ``areas`` or ``objectives``."""
    readers = {
        id_column: name,
        "confirmed_usd": _AMOUNT,
        "pledged_usd": _AMOUNT,
        "source_row": _ROW,
    }
    return {
        key: reader.field(entry, key, read, where=where, row=row) for key, read in readers.items()
    }


def _donor_row(reader: Reader, entry: object, row: int) -> dict[str, object]:
    """One entry of ``donors``."""
    readers = {
        "area_id": name,
        "donor": text,
        "status": choice(*STATUSES),
        "amount_usd": whole(0, MAX_USD),
        "date": optional(date),
        "source_row": _ROW,
    }
    return {
        key: reader.field(entry, key, read, where="donors", row=row)
        for key, read in readers.items()
    }


def funding_from_payload(payload: str | bytes, name_shown: str = "version") -> FundingUpdate:
    """The :class:`~data.intake.FundingUpdate` a payload of :func:`funding_payload` holds.

    ``name_shown`` is what a problem calls the payload (the version and its source).

    Raises
    ------
    DataValidationError
        The payload does not read (``payload_not_json``, ``payload_format``,
        ``payload_missing``, ``payload_invalid``: see :mod:`data.versions.payload_json`);
        an area or objective listed twice is ``payload_invalid``.
    """
    reader = Reader(name_shown)
    document = reader.document(payload, FORMAT, FORMAT_VERSION)
    areas = reader.rows(
        document, "areas", lambda entry, row: _amount_row(reader, entry, row, "area_id", "areas")
    )
    objectives = reader.rows(
        document,
        "objectives",
        lambda entry, row: _amount_row(reader, entry, row, "objective_id", "objectives"),
    )
    donors = reader.rows(document, "donors", lambda entry, row: _donor_row(reader, entry, row))
    _unique(reader, areas, "area_id", "areas")
    _unique(reader, objectives, "objective_id", "objectives")
    return FundingUpdate(
        file=reader.field(document, "file", text),
        as_of=reader.field(document, "as_of", date),
        areas=_frame(areas, AREA_COLUMNS),
        objectives=_frame(objectives, OBJECTIVE_COLUMNS),
        donors=_frame(donors, DONOR_COLUMNS),
        stated_total_usd=reader.field(document, "stated_total_usd", _AMOUNT),
        ignored_columns=reader.field(document, "ignored_columns", texts),
    )


def _unique(reader: Reader, rows: list[dict[str, object]], key: str, where: str) -> None:
    """An area or objective listed twice is a damaged payload (the parser lists each once)."""
    seen: set[object] = set()
    for number, row in enumerate(rows, start=1):
        if row[key] in seen:
            raise reader.fail("payload_invalid", f"{where}.{key}", number, value=excerpt(row[key]))
        seen.add(row[key])
