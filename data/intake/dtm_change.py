"""Two DTM rounds compared (:func:`round_change`), and a round as the pages' ``Displacement``.

The change between rounds ``a`` and ``b`` is ``b - a`` per region, for the national total and
for the part in no named region. A region missing from one round (or not reported in it) has
<NA> for that round and for the change: never 0.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from data.contracts import DTM_REGIONS, check
from data.displacement import Displacement
from data.dtm_notes import dtm_notes
from data.intake.dtm import DtmRound
from data.reconcile import notes_frame

CHANGE_COLUMNS = (
    "region_id",
    "name_fr",
    "name_en",
    "idps_a",
    "idps_b",
    "change",
    "share_a",
    "share_b",
    "share_change",
)
"""The columns of :attr:`RoundChange.regions`."""


@dataclass(frozen=True)
class RoundChange:
    """Round ``b`` minus round ``a``: per region (:data:`CHANGE_COLUMNS`), national, other.

    ``share_change`` is in fractions of the national total (0.01 = one percentage point).
    ``days`` is the number of days from ``a.as_of`` to ``b.as_of``.
    """

    regions: pd.DataFrame
    total_a: int
    total_b: int
    total_change: int
    other_a: int
    other_b: int
    other_change: int
    days: int


def round_change(a: DtmRound, b: DtmRound) -> RoundChange:
    """The change from round ``a`` to round ``b`` (regions of ``a`` first, then new ones)."""
    left = a.regions.set_index("region_id")
    right = b.regions.set_index("region_id")
    ids = list(dict.fromkeys([*left.index, *right.index]))
    names = pd.concat([left[["name_fr", "name_en"]], right[["name_fr", "name_en"]]])
    names = names[~names.index.duplicated()].reindex(ids)
    idps_a = left["idps"].reindex(ids).astype("Int64")
    idps_b = right["idps"].reindex(ids).astype("Int64")
    share_a = left["share"].reindex(ids).astype("Float64")
    share_b = right["share"].reindex(ids).astype("Float64")
    regions = pd.DataFrame(
        {
            "region_id": pd.array(ids, dtype="string"),
            "name_fr": names["name_fr"].astype("string").to_numpy(),
            "name_en": names["name_en"].astype("string").to_numpy(),
            "idps_a": idps_a.to_numpy(),
            "idps_b": idps_b.to_numpy(),
            "change": (idps_b - idps_a).astype("Int64").to_numpy(),
            "share_a": share_a.to_numpy(),
            "share_b": share_b.to_numpy(),
            "share_change": (share_b - share_a).astype("Float64").to_numpy(),
        },
        columns=list(CHANGE_COLUMNS),
    )
    return RoundChange(
        regions=regions,
        total_a=a.total_idps,
        total_b=b.total_idps,
        total_change=b.total_idps - a.total_idps,
        other_a=a.other_idps,
        other_b=b.other_idps,
        other_change=b.other_idps - a.other_idps,
        days=(b.as_of - a.as_of).days,
    )


def as_displacement(dtm_round: DtmRound) -> Displacement:
    """The round as the pages' :class:`data.displacement.Displacement` (regions reported only).

    ``idps_estimate`` holds the DTM counts for a round of counts (``kind`` "counts"), the
    estimates for shares; the data notes are those of :func:`data.dtm_notes.dtm_notes`.
    """
    reported = dtm_round.regions[dtm_round.regions["idps"].notna()]
    regions = reported.rename(columns={"idps": "idps_estimate"})[list(DTM_REGIONS.columns)]
    result = Displacement(
        regions=check(regions.reset_index(drop=True), DTM_REGIONS, "as_displacement"),
        kind=dtm_round.kind,
        total_idps=dtm_round.total_idps,
        other_share=dtm_round.other_share,
        other_idps=dtm_round.other_idps,
        as_of=dtm_round.as_of,
        source_file=dtm_round.file,
        notes=notes_frame([], "as_displacement"),
    )
    return replace(result, notes=dtm_notes(result, None))
