"""How old the figures shown are: :func:`age_days`, :func:`freshness`, :func:`stale_after_days`.

Figures older than the threshold are flagged as stale on every page. The threshold is
``$CRP_DASHBOARD_STALE_DAYS`` (a whole number of days from 1), else :data:`STALE_DAYS`; a value
that is not such a number is ignored (the default applies) rather than stopping the app.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass

STALE_DAYS_ENV = "CRP_DASHBOARD_STALE_DAYS"
STALE_DAYS = 90
"""Figures older than this many days are stale, unless the environment says otherwise."""


def stale_after_days() -> int:
    """``$CRP_DASHBOARD_STALE_DAYS`` when a whole number from 1, else :data:`STALE_DAYS`."""
    raw = os.environ.get(STALE_DAYS_ENV, "").strip()
    if raw.isascii() and raw.isdigit() and int(raw) >= 1:
        return int(raw)
    return STALE_DAYS


def age_days(as_of: dt.date, today: dt.date) -> int:
    """Whole days from ``as_of`` to ``today`` (negative when ``as_of`` is later)."""
    for value in (as_of, today):
        if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
            raise TypeError(f"a date is expected, got {value!r}")
    return (today - as_of).days


@dataclass(frozen=True)
class Freshness:
    """The age of figures dated ``as_of`` on ``today``: ``stale`` when older than
    ``threshold_days``."""

    age_days: int
    stale: bool
    as_of: dt.date
    threshold_days: int


def freshness(as_of: dt.date, today: dt.date, threshold_days: int | None = None) -> Freshness:
    """How old figures dated ``as_of`` are on ``today``; stale when more than
    ``threshold_days`` old (default :func:`stale_after_days`: the environment, else 90)."""
    threshold = stale_after_days() if threshold_days is None else threshold_days
    if isinstance(threshold, bool) or not isinstance(threshold, int) or threshold < 0:
        raise ValueError(f"the threshold is a whole number of days, got {threshold!r}")
    age = age_days(as_of, today)
    return Freshness(age_days=age, stale=age > threshold, as_of=as_of, threshold_days=threshold)
