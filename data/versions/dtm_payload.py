"""A DTM round as the store keeps it: :func:`dtm_payload` and :func:`dtm_from_payload`.

The payload is canonical JSON (:mod:`data.versions.payload_json`)::

    {"format": "crp-dashboard/dtm-round", "format_version": 1,
     "file": "DTM round 14.csv", "as_of": "2023-04-30", "round_number": 14,
     "kind": "counts", "total_idps": 391961, "total_source": "total_row",
     "named_idps": 326177, "other_idps": 65784, "other_share": 0.16783...,
     "ignored_columns": [],
     "regions": [{"region": "Mopti", "region_id": "mopti", "name_fr": "Mopti",
                  "name_en": "Mopti", "idps": 91274, "share": 0.23286...,
                  "source_row": 2}, ...]}

``kind`` says what the figures are (``counts``: DTM counts; ``shares``: share x total,
estimates). A region left empty has ``null`` (not reported), never 0. Shares are floats
written exactly (Python's shortest repr), so reading back gives the same
:class:`~data.intake.DtmRound`, column dtypes included.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

import pandas as pd

from data.errors import MAX_COUNT, excerpt
from data.intake.dtm import REGION_COLUMNS, DtmRound, Kind, TotalSource
from data.versions.payload_json import (
    Reader,
    canonical,
    choice,
    date,
    fraction,
    name,
    optional,
    records,
    text,
    texts,
    whole,
)

FORMAT = "crp-dashboard/dtm-round"
FORMAT_VERSION = 1

KINDS: tuple[Kind, ...] = ("counts", "shares")
TOTAL_SOURCES: tuple[TotalSource, ...] = ("total_row", "other_row", "given", "sum")

_DTYPES = {
    "region": "string",
    "region_id": "string",
    "name_fr": "string",
    "name_en": "string",
    "idps": "Int64",
    "share": "Float64",
    "source_row": "Int64",
}
_REGION_READERS: dict[str, Callable[[object], object]] = {
    "region": text,
    "region_id": name,
    "name_fr": text,
    "name_en": text,
    "idps": optional(whole(0, MAX_COUNT)),
    "share": optional(fraction),
    "source_row": optional(whole(1)),
}


def dtm_payload(dtm_round: DtmRound) -> str:
    """``dtm_round`` as the canonical JSON text the store keeps (same round, same text)."""
    return canonical(
        {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "file": dtm_round.file,
            "as_of": dtm_round.as_of.isoformat(),
            "round_number": dtm_round.round_number,
            "kind": dtm_round.kind,
            "total_idps": dtm_round.total_idps,
            "total_source": dtm_round.total_source,
            "named_idps": dtm_round.named_idps,
            "other_idps": dtm_round.other_idps,
            "other_share": float(dtm_round.other_share),
            "ignored_columns": list(dtm_round.ignored_columns),
            "regions": records(dtm_round.regions, REGION_COLUMNS),
        }
    )


def _region_row(reader: Reader, entry: object, row: int) -> dict[str, object]:
    return {
        key: reader.field(entry, key, read, where="regions", row=row)
        for key, read in _REGION_READERS.items()
    }


def dtm_from_payload(payload: str | bytes, name_shown: str = "version") -> DtmRound:
    """The :class:`~data.intake.DtmRound` a payload of :func:`dtm_payload` holds.

    ``name_shown`` is what a problem calls the payload (the version and its source).

    Raises
    ------
    DataValidationError
        The payload does not read (``payload_not_json``, ``payload_format``,
        ``payload_missing``, ``payload_invalid``: see :mod:`data.versions.payload_json`);
        no region, a region listed twice, or a national total of 0 are ``payload_invalid``.
    """
    reader = Reader(name_shown)
    document = reader.document(payload, FORMAT, FORMAT_VERSION)
    regions = reader.rows(document, "regions", lambda entry, row: _region_row(reader, entry, row))
    if not regions:
        raise reader.fail("payload_invalid", "regions", value=excerpt([]))
    seen: set[object] = set()
    for number, region in enumerate(regions, start=1):
        if region["region_id"] in seen:
            value = excerpt(region["region_id"])
            raise reader.fail("payload_invalid", "regions.region_id", number, value=value)
        seen.add(region["region_id"])
    frame = pd.DataFrame(
        {
            column: pd.array([region[column] for region in regions], dtype=_DTYPES[column])
            for column in REGION_COLUMNS
        },
        columns=list(REGION_COLUMNS),
    )
    count = whole(0, MAX_COUNT)
    return DtmRound(
        file=reader.field(document, "file", text),
        as_of=reader.field(document, "as_of", date),
        round_number=reader.field(document, "round_number", optional(whole(1))),
        kind=cast(Kind, reader.field(document, "kind", choice(*KINDS))),
        total_idps=reader.field(document, "total_idps", whole(1, MAX_COUNT)),
        total_source=cast(
            TotalSource, reader.field(document, "total_source", choice(*TOTAL_SOURCES))
        ),
        named_idps=reader.field(document, "named_idps", count),
        other_idps=reader.field(document, "other_idps", count),
        other_share=reader.field(document, "other_share", fraction),
        regions=frame,
        ignored_columns=reader.field(document, "ignored_columns", texts),
    )
