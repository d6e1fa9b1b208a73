"""Data notes on the displacement figures, in the shape of the reconciliation notes.

The plan prints the national IDP total twice (context analysis and fact box, see
``data/csv/plan_idp_mentions.csv``), with different figures and dates; the dashboard uses one
(``dtm_summary.csv``). :func:`dtm_notes` says where a printed figure or date differs from the
one used, how precise whole-percent shares are, and how many IDPs are in no named region.
Rows have the contract :data:`data.contracts.NOTES`; the text layer words them
(``note.<template>``).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from data.contracts import DTM_MENTIONS, check
from data.csvfile import read_table
from data.errors import MAX_COUNT, MAX_YEAR, MIN_YEAR
from data.reconcile import note, notes_frame, round_half_up
from data.schema import Column, validate

if TYPE_CHECKING:
    from data.displacement import Displacement

MENTIONS_CSV = Path(__file__).with_name("csv") / "plan_idp_mentions.csv"

MENTIONS_SCHEMA = (
    # Each mention has a label ``mention.<id>`` in the text layer (the data notes name it).
    Column("mention_id", unique=True, choices=("context", "factbox")),
    Column("total_idps", "int", minimum=0, maximum=MAX_COUNT),
    Column("as_of_printed"),
    Column("section"),
)

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}


def load_mentions(path: Path = MENTIONS_CSV) -> pd.DataFrame:
    """The IDP totals the plan prints, with their printed dates and sections.

    The frame has the contract :data:`data.contracts.DTM_MENTIONS`.
    """
    raw, display = read_table(path)
    return check(
        validate(raw, MENTIONS_SCHEMA, display, keep_extra=False), DTM_MENTIONS, "load_mentions"
    )


def _printed_month(text: str) -> tuple[int, int] | None:
    """('April 2023') -> (2023, 4); None when the text is not 'Month YYYY' (years 1900-2100)."""
    parts = text.replace(".", " ").split()
    if len(parts) != 2 or not re.fullmatch(r"\d{4}", parts[1], re.ASCII):
        return None
    month = _MONTHS.get(parts[0].casefold())
    year = int(parts[1])
    return (year, month) if month and MIN_YEAR <= year <= MAX_YEAR else None


def _mention_notes(dtm: Displacement, mentions: Path) -> list[dict[str, object]]:
    """A note for each printed total, and each printed date, that differs from the one used."""
    rows = []
    for item in load_mentions(mentions).itertuples(index=False):
        printed = int(item.total_idps)
        if printed != dtm.total_idps:
            rows.append(
                note(
                    f"dtm.{item.mention_id}.total",
                    "difference",
                    "dtm",
                    "dtm_total_differs",
                    printed,
                    dtm.total_idps,
                    "people",
                    mention=item.mention_id,
                    printed=printed,
                    used=dtm.total_idps,
                    difference=abs(printed - dtm.total_idps),
                    as_of=dtm.as_of,
                )
            )
        month = _printed_month(item.as_of_printed)
        if month != (dtm.as_of.year, dtm.as_of.month):
            rows.append(
                note(
                    f"dtm.{item.mention_id}.date",
                    "difference",
                    "dtm",
                    "dtm_date_differs",
                    printed,
                    dtm.total_idps,
                    "people",
                    mention=item.mention_id,
                    printed_date=item.as_of_printed,
                    printed_month=dt.date(*month, 1) if month else item.as_of_printed,
                    used=dtm.total_idps,
                    as_of=dtm.as_of,
                )
            )
    return rows


def dtm_notes(dtm: Displacement, mentions: Path | None = MENTIONS_CSV) -> pd.DataFrame:
    """Data notes on the displacement figures, in the reconciliation notes' shape.

    - each IDP total printed in the plan that differs from the figure used (``dtm_total_differs``);
    - each printed as-of date that differs from the date used (``dtm_date_differs``);
    - the precision of whole-percent shares (``dtm_shares_rounded``);
    - the part of the total in no named region (``dtm_other_regions``).
    """
    rows = _mention_notes(dtm, mentions) if mentions is not None else []
    if dtm.kind == "shares":
        half_point = round_half_up(0.005 * dtm.total_idps)
        rows.append(
            note(
                "dtm.shares_rounded",
                "rounding",
                "dtm",
                "dtm_shares_rounded",
                0,
                0,
                "people",
                precision=half_point,
                total=dtm.total_idps,
            )
        )
    if dtm.other_idps:
        rows.append(
            note(
                "dtm.other_regions",
                "not_assigned",
                "dtm",
                "dtm_other_regions",
                dtm.other_idps,
                0,
                "people",
                other_pct=dtm.other_share,
                other=dtm.other_idps,
                total=dtm.total_idps,
            )
        )
    return notes_frame(rows, "dtm_notes")
