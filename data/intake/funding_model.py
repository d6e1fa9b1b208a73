"""What a funding update holds: :class:`FundingUpdate` and the names of its columns."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

AREA_COLUMNS = ("area_id", "confirmed_usd", "pledged_usd", "source_row")
OBJECTIVE_COLUMNS = ("objective_id", "confirmed_usd", "pledged_usd", "source_row")
DONOR_COLUMNS = ("area_id", "donor", "status", "amount_usd", "date", "source_row")
STATUSES = ("pledged", "committed", "paid")
CONFIRMED_STATUSES = ("committed", "paid")
STATUS_CHOICES = "pledged/promis, committed/engagé, paid/payé"


@dataclass(frozen=True)
class FundingUpdate:
    """A funding report as read: per area, per objective and (when given) per donor row.

    ``areas`` (:data:`AREA_COLUMNS`) and ``objectives`` (:data:`OBJECTIVE_COLUMNS`) hold the
    amounts as Int64 (<NA>: not reported) with the row they come from; ``donors``
    (:data:`DONOR_COLUMNS`) the donor rows (empty when the table has none).
    """

    file: str
    as_of: dt.date
    areas: pd.DataFrame
    objectives: pd.DataFrame
    donors: pd.DataFrame
    stated_total_usd: int | None = None
    ignored_columns: tuple[str, ...] = field(default=())

    @property
    def by_donor(self) -> bool:
        return not self.donors.empty
