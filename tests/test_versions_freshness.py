"""How old the figures are: age in days, the stale flag and its threshold from the environment."""

from __future__ import annotations

import datetime as dt

import pytest

from data.versions import (
    STALE_DAYS,
    STALE_DAYS_ENV,
    Freshness,
    age_days,
    freshness,
    stale_after_days,
)

PLAN_DATE = dt.date(2023, 11, 27)  # the plan's document date
DTM_DATE = dt.date(2023, 9, 30)  # the plan's DTM figure
DAY = dt.date(2026, 12, 1)


@pytest.fixture(autouse=True)
def _no_threshold_from_outside(monkeypatch):
    monkeypatch.delenv(STALE_DAYS_ENV, raising=False)


def test_the_plan_on_1_december_2026(plan, dtm):
    assert (plan.summary.document_date, dtm.as_of) == (PLAN_DATE, DTM_DATE)
    # 27 Nov 2023 -> 27 Nov 2024: 366 days (29 Feb 2024), then 365, 365, and 4 to 1 Dec.
    assert age_days(PLAN_DATE, DAY) == 366 + 365 + 365 + 4 == 1100
    assert freshness(PLAN_DATE, DAY) == Freshness(
        age_days=1100, stale=True, as_of=PLAN_DATE, threshold_days=90
    )
    # 30 Sep 2023 -> 27 Nov 2023: 31 + 27 days.
    assert age_days(DTM_DATE, DAY) == 1100 + 31 + 27 == 1158


def test_stale_only_when_older_than_the_threshold():
    assert STALE_DAYS == 90
    as_of = dt.date(2024, 3, 31)
    assert freshness(as_of, as_of) == Freshness(0, False, as_of, 90)
    assert freshness(as_of, dt.date(2024, 6, 29)) == Freshness(90, False, as_of, 90)
    assert freshness(as_of, dt.date(2024, 6, 30)) == Freshness(91, True, as_of, 90)
    assert freshness(as_of, dt.date(2024, 6, 30), threshold_days=91).stale is False
    assert freshness(as_of, dt.date(2024, 4, 1), threshold_days=0).stale is True


def test_a_date_after_today_is_not_stale():
    assert freshness(dt.date(2024, 4, 2), dt.date(2024, 4, 1)) == Freshness(
        -1, False, dt.date(2024, 4, 2), 90
    )


@pytest.mark.parametrize(
    ("value", "days"),
    [
        ("120", 120),
        (" 45 ", 45),
        ("1", 1),
        ("0", 90),
        ("-5", 90),
        ("1.5", 90),
        ("quatre-vingt-dix", 90),
        ("", 90),
        ("\u0663\u0660", 90),  # Arabic-Indic digits: not a whole number written in ASCII
    ],
)
def test_the_threshold_from_the_environment(monkeypatch, value, days):
    monkeypatch.setenv(STALE_DAYS_ENV, value)
    assert stale_after_days() == days
    assert freshness(PLAN_DATE, PLAN_DATE + dt.timedelta(days=100)).threshold_days == days


def test_the_environment_threshold_changes_the_flag(monkeypatch):
    monkeypatch.setenv(STALE_DAYS_ENV, "1200")
    assert freshness(PLAN_DATE, DAY) == Freshness(1100, False, PLAN_DATE, 1200)
    assert freshness(PLAN_DATE, DAY, threshold_days=90).stale is True  # given: wins


def test_what_the_calling_code_gets_wrong():
    with pytest.raises(TypeError):
        age_days(dt.datetime(2024, 3, 31, 12), DAY)
    with pytest.raises(TypeError):
        age_days("2024-03-31", DAY)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        freshness(PLAN_DATE, DAY, threshold_days=-1)
    with pytest.raises(ValueError):
        freshness(PLAN_DATE, DAY, threshold_days=True)
