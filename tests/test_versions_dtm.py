"""DTM figures at a data version, the DTM history (shares of the national total), and the change
between two rounds.

Round A (version 2): counts for six regions with the national total 391,961 (a ``Total
national`` row). Round B (version 4): counts with an ``Autres régions`` row of 91,667, Ségou
left empty and Kidal new: national total 402,167. Version 0 is the plan's DTM figures.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from versions_fixtures import (
    ROUND_A,
    ROUND_A_TOTAL,
    ROUND_B_OTHER,
    ROUND_B_TOTAL,
    dtm_version,
    round_a,
    round_b,
)

from data.intake import round_change
from data.reconcile import round_half_up
from data.versions import DTM_CHANGE, DTM_HISTORY, displacement_at, dtm_change, dtm_history

APRIL, DECEMBER = dt.date(2023, 4, 30), dt.date(2023, 12, 31)
ROUND_A_OTHER = 65_784  # 391,961 - 326,177 (the six regions)


@pytest.fixture(scope="module")
def versions():
    return [dtm_version(2, round_a()), dtm_version(4, round_b())]


def test_the_rounds_as_read():
    assert sum(ROUND_A.values()) == ROUND_A_TOTAL - ROUND_A_OTHER
    assert (round_a().total_idps, round_a().other_idps) == (ROUND_A_TOTAL, ROUND_A_OTHER)
    assert (round_b().total_idps, round_b().other_idps) == (ROUND_B_TOTAL, ROUND_B_OTHER)


def test_displacement_at_each_version(dtm, versions):
    assert displacement_at(dtm, [], None) is dtm
    assert displacement_at(dtm, versions, 0) is dtm
    assert displacement_at(dtm, versions, 1) is dtm
    for at in (2, 3):
        shown = displacement_at(dtm, versions, at)
        assert (shown.total_idps, shown.other_idps, shown.as_of) == (
            ROUND_A_TOTAL,
            ROUND_A_OTHER,
            APRIL,
        )
        assert shown.kind == "counts" and shown.source_file == "dtm_r14.csv"
        mopti = shown.regions.set_index("region_id").loc["mopti"]
        assert mopti["idps_estimate"] == 91_274
        assert mopti["share"] == 91_274 / 391_961  # of the national total, not of the regions
    latest = displacement_at(dtm, versions)
    assert (latest.total_idps, latest.other_idps, latest.as_of) == (
        ROUND_B_TOTAL,
        ROUND_B_OTHER,
        DECEMBER,
    )
    assert "segou" not in set(latest.regions["region_id"])  # not reported: not shown as 0
    assert latest.regions.set_index("region_id").at["kidal", "idps_estimate"] == 12_000


def test_a_withdrawn_round_gives_back_the_previous_one(dtm):
    versions = [dtm_version(2, round_a()), dtm_version(4, round_b(), withdrawn=True)]
    assert displacement_at(dtm, versions).total_idps == ROUND_A_TOTAL
    assert displacement_at(dtm, versions[:1] + [dtm_version(4, round_b())], 3).as_of == APRIL
    only_withdrawn = [dtm_version(2, round_a(), withdrawn=True)]
    assert displacement_at(dtm, only_withdrawn) is dtm
    history = dtm_history(dtm, versions)
    assert list(dict.fromkeys(history["version"])) == [0, 2]


def _point(history: pd.DataFrame, version: int) -> dict[str, tuple]:
    rows = history[history["version"] == version]
    return {
        region_id: (idps, share, measure)
        for region_id, idps, share, measure in zip(
            rows["region_id"], rows["idps"], rows["share"], rows["measure"], strict=True
        )
    }


def test_the_dtm_history(dtm, versions):
    history = dtm_history(dtm, versions)
    assert {column: str(dtype) for column, dtype in history.dtypes.items()} == dict(
        DTM_HISTORY.columns
    )
    points = history.drop_duplicates("version")[["version", "as_of", "round_number"]]
    assert [tuple(row) for row in points.itertuples(index=False)] == [
        (0, dtm.as_of, pd.NA),
        (2, APRIL, 14),
        (4, DECEMBER, 15),
    ]
    a = _point(history, 2)
    assert list(a) == [
        "national",
        "mopti",
        "tombouctou",
        "bandiagara",
        "menaka",
        "gao",
        "segou",
        "other",
    ]
    assert a["national"] == (391_961, 1.0, "count")
    assert a["mopti"] == (91_274, 91_274 / 391_961, "count")
    assert a["segou"] == (34_862, 34_862 / 391_961, "count")
    assert a["other"] == (65_784, 65_784 / 391_961, "count")
    b = _point(history, 4)
    assert b["national"] == (402_167, 1.0, "count")
    assert b["kidal"] == (12_000, 12_000 / 402_167, "count")
    assert b["segou"][0] is pd.NA and b["segou"][1] is pd.NA  # not reported: never 0
    assert b["other"] == (91_667, 91_667 / 402_167, "count")


def test_the_plans_dtm_figures_are_version_0_as_estimates(dtm):
    history = dtm_history(dtm, [])
    base = _point(history, 0)
    assert dtm.kind == "shares"
    assert base["national"] == (dtm.total_idps, 1.0, "count")
    assert dtm.total_idps == 391_961
    assert base["other"] == (dtm.other_idps, dtm.other_share, "estimate")
    for region_id, share, idps in zip(
        dtm.regions["region_id"], dtm.regions["share"], dtm.regions["idps_estimate"], strict=True
    ):
        assert base[region_id] == (idps, share, "estimate")
        assert idps == round_half_up(share * 391_961)
    assert len(base) == len(dtm.regions) + 2


def _change(frame: pd.DataFrame) -> dict[str, tuple]:
    return {
        row.region_id: (row.idps_a, row.idps_b, row.change) for row in frame.itertuples(index=False)
    }


def test_the_change_between_two_rounds(dtm, versions):
    change = dtm_change(dtm_history(dtm, versions), 2, 4)
    assert {column: str(dtype) for column, dtype in change.dtypes.items()} == dict(
        DTM_CHANGE.columns
    )
    rows = _change(change)
    assert list(rows) == [
        "national",
        "mopti",
        "tombouctou",
        "bandiagara",
        "menaka",
        "gao",
        "segou",
        "kidal",
        "other",
    ]
    assert rows["national"] == (391_961, 402_167, 10_206)
    assert rows["mopti"] == (91_274, 95_000, 3_726)
    assert rows["tombouctou"] == (62_120, 60_000, -2_120)
    assert rows["other"] == (65_784, 91_667, 25_883)
    assert rows["segou"][:2] == (34_862, pd.NA) and rows["segou"][2] is pd.NA
    assert rows["kidal"][0] is pd.NA and rows["kidal"][1:] == (12_000, pd.NA)
    shares = change.set_index("region_id")
    assert shares.at["mopti", "share_change"] == 95_000 / 402_167 - 91_274 / 391_961
    assert shares.at["national", "share_change"] == 0.0
    assert shares.at["segou", "share_change"] is pd.NA


def test_the_change_agrees_with_the_intakes_round_change(dtm, versions):
    ours = dtm_change(dtm_history(dtm, versions), 2, 4).set_index("region_id")
    theirs = round_change(round_a(), round_b())
    regions = theirs.regions.set_index("region_id")
    for column in ("idps_a", "idps_b", "change", "share_a", "share_b", "share_change"):
        # round_change's frame holds NaN in float64 here (its Int64 columns go through
        # to_numpy()); compared in our dtypes.
        expected = regions[column].astype(ours[column].dtype)
        pd.testing.assert_series_equal(ours.loc[regions.index, column], expected, check_names=False)
    assert (ours.at["national", "change"], ours.at["other", "change"]) == (
        theirs.total_change,
        theirs.other_change,
    )


def test_the_change_from_the_plan_and_unknown_points(dtm, versions):
    history = dtm_history(dtm, versions)
    change = dtm_change(history, 0, 2).set_index("region_id")
    assert change.at["national", "change"] == 0  # the same national total, 391,961
    assert (change.at["mopti", "measure_a"], change.at["mopti", "measure_b"]) == (
        "estimate",
        "count",
    )
    with pytest.raises(ValueError, match="version 3 is not in the DTM history"):
        dtm_change(history, 2, 3)
