"""The plan's funding at each data version, what a page shows (DataState), the funding and donor
history, withdrawn versions, and the whole path through a real VersionStore (SQLite file).

Versions used (numbers run over every kind): 1 March funding, 2 DTM round A, 3 June donors,
4 DTM round B, 5 July objective total. Figures: the plan's (data/csv), the updates' in
``versions_fixtures``.
"""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest
from versions_fixtures import (
    JULY,
    JULY_CSV,
    JUNE,
    JUNE_DONORS_CSV,
    MARCH,
    MARCH_CSV,
    dtm_version,
    funding_update,
    funding_version,
    round_a,
    round_b,
    sha,
    version,
)

from data.errors import DataValidationError
from data.plan import compute_funding
from data.store import VersionStore
from data.versions import (
    DONOR_HISTORY,
    FUNDING_HISTORY,
    data_state,
    donor_history,
    dtm_payload,
    funding_history,
    funding_payload,
    plan_at,
    read_versions,
)

PLAN_DATE = dt.date(2023, 11, 27)  # "Updated November 27, 2023"
DTM_DATE = dt.date(2023, 9, 30)  # the plan's DTM figure, September 2023
OBJ1_REQUIRED, OBJ2_REQUIRED, PLAN_REQUIRED = 17_700_000, 6_900_000, 24_600_000


@pytest.fixture(scope="module")
def versions(plan):
    return [
        funding_version(1, funding_update(plan, MARCH_CSV)),
        dtm_version(2, round_a()),
        funding_version(3, funding_update(plan, JUNE_DONORS_CSV)),
        dtm_version(4, round_b()),
        funding_version(5, funding_update(plan, JULY_CSV)),
    ]


def area(plan, area_id: str) -> object:
    return plan.areas.set_index("area_id").at[area_id, "confirmed_usd"]


def objectives(plan) -> dict[str, int]:
    frame = compute_funding(plan).objectives
    return dict(zip(frame["objective_id"], frame["confirmed_usd"], strict=True))


def unitemised(plan) -> dict[str, int]:
    frame = compute_funding(plan).objectives
    return dict(zip(frame["objective_id"], frame["unitemised_confirmed_usd"], strict=True))


def test_the_plan_as_printed(plan):
    assert area(plan, "protection") == 167_256
    assert area(plan, "mhpss") is pd.NA
    assert objectives(plan) == {"obj1": 1_860_594, "obj2": 366_282}
    assert unitemised(plan) == {"obj1": 410_526, "obj2": 0}


def test_plan_at_each_version(plan, versions):
    for at in (0, None):
        assert plan_at(plan, [], at) is plan
    assert plan_at(plan, versions, 0) is plan
    march = plan_at(plan, versions, 1)
    assert area(march, "protection") == 400_000
    assert area(march, "mhpss") == 50_000  # not reported in the plan
    # 1,860,594 + (400,000 - 167,256) + 50,000: the unitemised 410,526 is kept.
    assert objectives(march) == {"obj1": 2_143_338, "obj2": 366_282}
    assert unitemised(march) == {"obj1": 410_526, "obj2": 0}
    assert objectives(plan_at(plan, versions, 2)) == objectives(march)  # a DTM round
    june = plan_at(plan, versions, 3)
    assert area(june, "shelter") == 600_000
    assert area(june, "mhpss") == 50_000  # not listed in June: kept from March
    assert objectives(june) == {"obj1": 2_291_370, "obj2": 366_282}  # + 148,032
    assert unitemised(june) == {"obj1": 410_526, "obj2": 0}
    latest = plan_at(plan, versions)
    assert objectives(latest) == {"obj1": 2_291_370, "obj2": 455_000}
    assert unitemised(latest) == {"obj1": 410_526, "obj2": 88_718}
    assert objectives(plan_at(plan, versions, 99)) == objectives(latest)
    assert compute_funding(latest).totals.confirmed_usd == 2_746_370


def test_coverage_at_a_version(plan, versions):
    funding = compute_funding(plan_at(plan, versions, 1))
    coverage = dict(zip(funding.areas["area_id"], funding.areas["coverage"], strict=True))
    assert coverage["protection"] == 0.4
    assert coverage["mhpss"] == 50_000 / 1_200_000
    assert coverage["basic_needs"] is pd.NA  # still not reported, never 0
    assert funding.totals.coverage == 2_509_620 / PLAN_REQUIRED


def test_a_withdrawn_update_drops_out(plan, versions):
    withdrawn = [
        funding_version(1, funding_update(plan, MARCH_CSV), withdrawn=True),
        *versions[1:],
    ]
    latest = plan_at(plan, withdrawn)
    assert area(latest, "mhpss") is pd.NA  # March withdrawn: not reported again
    assert area(latest, "protection") == 400_000  # June's donor rows
    assert area(latest, "shelter") == 600_000
    # 1,860,594 + (600,000 - 451,968) + (400,000 - 167,256)
    assert objectives(latest) == {"obj1": 2_241_370, "obj2": 455_000}
    assert plan_at(plan, withdrawn, 2) is plan
    history = funding_history(plan, withdrawn)
    assert list(dict.fromkeys(history["version"])) == [0, 3, 5]


def test_the_data_state_at_each_version(plan, dtm, versions):
    boundaries = version(6, "boundaries", "{}", dt.date(2021, 6, 1)).info
    infos = [item.info for item in versions] + [boundaries]
    state = data_state(infos, plan_as_of=plan.summary.document_date, dtm_as_of=dtm.as_of)
    assert state.funding and state.dtm and state.boundaries
    assert (state.funding.id, state.dtm.id, state.boundaries.id) == (5, 4, 6)
    assert state.funding_ids == (1, 3, 5)
    assert (state.funding_as_of, state.dtm_as_of) == (JULY, dt.date(2023, 12, 31))
    assert state.stamp == "funding=1+3+5;dtm=4;boundaries=6"
    assert not state.is_baseline
    earlier = data_state(infos, 2, plan_as_of=PLAN_DATE, dtm_as_of=DTM_DATE)
    assert earlier.funding and earlier.dtm
    assert (earlier.funding.id, earlier.dtm.id, earlier.boundaries) == (1, 2, None)
    assert (earlier.funding_as_of, earlier.dtm_as_of) == (MARCH, dt.date(2023, 4, 30))
    assert earlier.stamp == "funding=1;dtm=2;boundaries=0"
    baseline = data_state(infos, 0, plan_as_of=PLAN_DATE, dtm_as_of=DTM_DATE)
    assert (baseline.funding, baseline.dtm, baseline.boundaries) == (None, None, None)
    assert (baseline.funding_as_of, baseline.dtm_as_of) == (PLAN_DATE, DTM_DATE)
    assert baseline.stamp == "funding=0;dtm=0;boundaries=0" and baseline.is_baseline
    assert data_state([], plan_as_of=PLAN_DATE, dtm_as_of=DTM_DATE).stamp == baseline.stamp
    assert (plan.summary.document_date, dtm.as_of) == (PLAN_DATE, DTM_DATE)


def test_a_withdrawn_version_changes_the_stamp_and_dates(plan, versions):
    infos = [item.info for item in versions]
    withdrawn = [version(5, "funding", versions[4].payload, JULY, withdrawn=True).info]
    state = data_state(infos[:4] + withdrawn, plan_as_of=PLAN_DATE, dtm_as_of=DTM_DATE)
    assert state.stamp == "funding=1+3;dtm=4;boundaries=0"
    assert state.funding and (state.funding.id, state.funding_as_of) == (3, JUNE)


def _rows(history: pd.DataFrame, version: int, level: str) -> dict[str, tuple]:
    rows = history[(history["version"] == version) & (history["level"] == level)]
    return {
        row_id: (required, confirmed, coverage)
        for row_id, required, confirmed, coverage in zip(
            rows["id"], rows["required_usd"], rows["confirmed_usd"], rows["coverage"], strict=True
        )
    }


def test_the_funding_history(plan, versions):
    history = funding_history(plan, versions)
    assert list(history.columns) == list(FUNDING_HISTORY.columns)
    assert {column: str(dtype) for column, dtype in history.dtypes.items()} == dict(
        FUNDING_HISTORY.columns
    )
    points = history.drop_duplicates("version")[["version", "as_of"]]
    assert list(points.itertuples(index=False, name=None)) == [
        (0, PLAN_DATE),
        (1, MARCH),
        (3, JUNE),
        (5, JULY),
    ]
    # One plan row, 2 objectives and 15 areas per version.
    assert len(history) == 4 * (1 + 2 + 15)
    assert _rows(history, 0, "plan") == {
        "plan": (PLAN_REQUIRED, 2_226_876, 2_226_876 / PLAN_REQUIRED)
    }
    assert _rows(history, 1, "plan") == {
        "plan": (PLAN_REQUIRED, 2_509_620, 2_509_620 / PLAN_REQUIRED)
    }
    assert _rows(history, 5, "plan") == {
        "plan": (PLAN_REQUIRED, 2_746_370, 2_746_370 / PLAN_REQUIRED)
    }
    assert _rows(history, 1, "objective") == {
        "obj1": (OBJ1_REQUIRED, 2_143_338, 2_143_338 / OBJ1_REQUIRED),
        "obj2": (OBJ2_REQUIRED, 366_282, 366_282 / OBJ2_REQUIRED),
    }
    assert _rows(history, 5, "objective")["obj2"] == (
        OBJ2_REQUIRED,
        455_000,
        455_000 / OBJ2_REQUIRED,
    )
    protection = [_rows(history, v, "area")["protection"] for v in (0, 1, 3, 5)]
    assert protection == [
        (1_000_000, 167_256, 0.167256),
        (1_000_000, 400_000, 0.4),
        (1_000_000, 400_000, 0.4),
        (1_000_000, 400_000, 0.4),
    ]
    mhpss = [_rows(history, v, "area")["mhpss"] for v in (0, 1)]
    assert mhpss[0][0] == 1_200_000
    assert mhpss[0][1] is pd.NA and mhpss[0][2] is pd.NA  # not reported: never 0
    assert mhpss[1] == (1_200_000, 50_000, 50_000 / 1_200_000)


def test_the_history_up_to_a_version(plan, versions):
    history = funding_history(plan, versions, at=3)
    assert list(dict.fromkeys(history["version"])) == [0, 1, 3]
    only_plan = funding_history(plan, [])
    assert list(dict.fromkeys(only_plan["version"])) == [0]
    assert len(only_plan) == 18


def test_the_donor_history(plan, versions):
    history = donor_history(versions)
    assert {column: str(dtype) for column, dtype in history.dtypes.items()} == dict(
        DONOR_HISTORY.columns
    )
    assert list(history.itertuples(index=False, name=None)) == [
        (3, JUNE, "shelter", "Bailleur A", "paid", 450_000),
        (3, JUNE, "shelter", "Bailleur B", "committed", 150_000),
        (3, JUNE, "protection", "Bailleur A", "paid", 400_000),
        (3, JUNE, "protection", "Bailleur C", "pledged", 80_000),
    ]
    empty = donor_history(versions, at=2)
    assert empty.empty and list(empty.columns) == list(DONOR_HISTORY.columns)
    assert str(empty["amount_usd"].dtype) == "Int64"


def test_a_damaged_stored_update_is_refused_naming_the_version(plan, versions):
    document = json.loads(versions[0].payload)
    document["areas"][0]["confirmed_usd"] = "beaucoup"
    damaged = version(1, "funding", json.dumps(document), MARCH, source="mars.xlsx")
    with pytest.raises(DataValidationError) as info:
        plan_at(plan, [damaged, *versions[1:]])
    issue = info.value.issues[0]
    assert (issue.file, issue.row, issue.column, issue.code) == (
        "mars.xlsx (version 1)",
        1,
        "areas.confirmed_usd",
        "payload_invalid",
    )


def test_what_the_calling_code_gets_wrong(plan, versions):
    with pytest.raises(TypeError, match="without their payload"):
        plan_at(plan, [versions[0].info])
    with pytest.raises(ValueError, match="0 or more"):
        plan_at(plan, versions, -1)
    with pytest.raises(TypeError, match="whole number"):
        plan_at(plan, versions, True)


def test_through_a_real_store(tmp_path, plan, dtm):
    """Add versions to a SQLite store, withdraw one, read the figures and the history back."""
    store = VersionStore(tmp_path / "versions.sqlite3")
    march = funding_update(plan, MARCH_CSV, "mars.csv")
    june = funding_update(plan, JUNE_DONORS_CSV, "juin.csv")
    first = store.add_version(
        "funding",
        funding_payload(march),
        as_of=march.as_of,
        source="mars.csv",
        checksum=sha(MARCH_CSV),
        note="",
        by="Awa",
    )
    store.add_version(
        "dtm",
        dtm_payload(round_a()),
        as_of=dt.date(2023, 4, 30),
        source="dtm_r14.csv",
        checksum=sha("round a"),
        round_number=14,
        note="",
        by="Awa",
    )
    store.add_version(
        "funding",
        funding_payload(june),
        as_of=june.as_of,
        source="juin.csv",
        checksum=sha(JUNE_DONORS_CSV),
        note="",
        by="Awa",
    )
    assert area(plan_at(plan, read_versions(store)), "mhpss") == 50_000
    store.withdraw(first.id, by="Awa", reason="mauvais mois")
    stored = read_versions(store)
    assert [item.info.id for item in stored] == [2, 3]
    every = [store.get(info.id) for info in store.list_versions()]
    for given in (stored, every):
        latest = plan_at(plan, given)
        assert area(latest, "mhpss") is pd.NA
        assert objectives(latest) == {"obj1": 2_241_370, "obj2": 366_282}
        assert list(dict.fromkeys(funding_history(plan, given)["version"])) == [0, 3]
    state = data_state(store.list_versions(), plan_as_of=PLAN_DATE, dtm_as_of=dtm.as_of)
    assert state.stamp == "funding=3;dtm=2;boundaries=0"
    assert (state.funding_as_of, state.dtm_as_of) == (JUNE, dt.date(2023, 4, 30))
    assert store.current_stamp() == (3, 1)
    assert len(donor_history(stored)) == 4
