"""Plan and scenario side by side: :func:`compare`, per activity area and per objective.

Deltas count 'not reported' as 0 against a reported figure, and are <NA> when both sides
are not reported.
"""

from __future__ import annotations

import pandas as pd

from data.plan import Funding

STATUSES = ("not_reported", "reported", "over_funded")


def _status(frame: pd.DataFrame) -> pd.Series:
    status = pd.Series("reported", index=frame.index, dtype="string")
    status = status.mask(~frame["reported"].astype(bool), "not_reported")
    return status.mask(frame["over_funded"].astype(bool), "over_funded")


def _delta(baseline: pd.Series, scenario: pd.Series, scale: float = 1) -> pd.Series:
    """scenario - baseline, 'not reported' counting as 0 unless both are not reported."""
    both_missing = baseline.isna() & scenario.isna()
    delta = (scenario.fillna(0) - baseline.fillna(0)) * scale
    return delta.mask(both_missing)


AREA_COMPARE_COLUMNS = [
    "area_id",
    "objective_id",
    "name_en",
    "name_fr",
    "required_usd",
    "baseline_confirmed_usd",
    "scenario_confirmed_usd",
    "delta_usd",
    "baseline_gap_usd",
    "scenario_gap_usd",
    "baseline_coverage",
    "scenario_coverage",
    "delta_coverage_pp",
    "baseline_status",
    "scenario_status",
    "status_changed",
    "changed",
]
OBJECTIVE_COMPARE_COLUMNS = [
    "objective_id",
    "name_en",
    "name_fr",
    "is_total",
    "required_usd",
    "baseline_confirmed_usd",
    "scenario_confirmed_usd",
    "delta_usd",
    "baseline_itemised_usd",
    "scenario_itemised_usd",
    "baseline_unitemised_usd",
    "scenario_unitemised_usd",
    "baseline_gap_usd",
    "scenario_gap_usd",
    "baseline_coverage",
    "scenario_coverage",
    "delta_coverage_pp",
    "baseline_areas_reported",
    "scenario_areas_reported",
    "areas_total",
    "scenario_over_funded",
    "changed",
]


def compare(baseline: Funding, scenario: Funding) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Plan vs scenario, per activity area and per objective (plus a plan total row).

    Areas: confirmed, gap and coverage on both sides, ``delta_usd``, ``delta_coverage_pp``
    (percentage points), statuses (``not_reported`` / ``reported`` / ``over_funded``),
    ``status_changed`` and ``changed``. Deltas count 'not reported' as 0 against a reported
    figure, and are <NA> when both sides are not reported. Objectives: the same figures plus
    itemised / not itemised amounts, areas reported, and a last row ``objective_id="plan"``
    (``is_total``) with the plan's totals.
    """
    return _area_comparison(baseline, scenario), _objective_comparison(baseline, scenario)


def _area_comparison(baseline: Funding, scenario: Funding) -> pd.DataFrame:
    """The area frame of :func:`compare` (``ValueError`` when the plans' areas differ)."""
    keys = ["area_id", "required_usd", "confirmed_usd", "gap_usd", "coverage"]
    flags = ["reported", "over_funded"]
    if set(baseline.areas["area_id"]) != set(scenario.areas["area_id"]):
        raise ValueError("baseline and scenario are not the same plan (activity areas differ)")
    merged = baseline.areas[["objective_id", "name_en", "name_fr", *keys, *flags]].merge(
        scenario.areas[[*keys, *flags]],
        on="area_id",
        how="left",
        suffixes=("_b", "_s"),
        validate="one_to_one",
    )
    if (merged["required_usd_b"] != merged["required_usd_s"]).any():
        raise ValueError("baseline and scenario are not the same plan (requirements differ)")
    areas = pd.DataFrame(
        {
            "area_id": merged["area_id"],
            "objective_id": merged["objective_id"],
            "name_en": merged["name_en"],
            "name_fr": merged["name_fr"],
            "required_usd": merged["required_usd_b"],
            "baseline_confirmed_usd": merged["confirmed_usd_b"],
            "scenario_confirmed_usd": merged["confirmed_usd_s"],
            "delta_usd": _delta(merged["confirmed_usd_b"], merged["confirmed_usd_s"]),
            "baseline_gap_usd": merged["gap_usd_b"],
            "scenario_gap_usd": merged["gap_usd_s"],
            "baseline_coverage": merged["coverage_b"],
            "scenario_coverage": merged["coverage_s"],
            "delta_coverage_pp": _delta(merged["coverage_b"], merged["coverage_s"], 100),
            "baseline_status": _status(
                merged[["reported_b", "over_funded_b"]].set_axis(flags, axis=1)
            ),
            "scenario_status": _status(
                merged[["reported_s", "over_funded_s"]].set_axis(flags, axis=1)
            ),
        }
    )
    areas["status_changed"] = (areas["baseline_status"] != areas["scenario_status"]).astype(bool)
    areas["changed"] = (
        areas["delta_usd"].fillna(0).ne(0)
        | areas["baseline_confirmed_usd"].isna().ne(areas["scenario_confirmed_usd"].isna())
    ).astype(bool)
    areas = areas.astype(
        {
            "required_usd": "Int64",
            "baseline_confirmed_usd": "Int64",
            "scenario_confirmed_usd": "Int64",
            "delta_usd": "Int64",
            "baseline_gap_usd": "Int64",
            "scenario_gap_usd": "Int64",
            "baseline_coverage": "Float64",
            "scenario_coverage": "Float64",
            "delta_coverage_pp": "Float64",
        }
    )
    return areas[AREA_COMPARE_COLUMNS]


def _objective_comparison(baseline: Funding, scenario: Funding) -> pd.DataFrame:
    """The objective frame of :func:`compare`, its last row the plan's totals."""
    b, s = baseline.objectives, scenario.objectives
    if list(b["objective_id"]) != list(s["objective_id"]):
        raise ValueError("baseline and scenario are not the same plan (objectives differ)")
    s = s.reset_index(drop=True)
    b = b.reset_index(drop=True)
    objectives = pd.DataFrame(
        {
            "objective_id": b["objective_id"],
            "name_en": b["name_en"],
            "name_fr": b["name_fr"],
            "is_total": False,
            "required_usd": b["required_usd"],
            "baseline_confirmed_usd": b["confirmed_usd"],
            "scenario_confirmed_usd": s["confirmed_usd"],
            "baseline_itemised_usd": b["itemised_confirmed_usd"],
            "scenario_itemised_usd": s["itemised_confirmed_usd"],
            "baseline_unitemised_usd": b["unitemised_confirmed_usd"],
            "scenario_unitemised_usd": s["unitemised_confirmed_usd"],
            "baseline_gap_usd": b["gap_usd"],
            "scenario_gap_usd": s["gap_usd"],
            "baseline_coverage": b["coverage"],
            "scenario_coverage": s["coverage"],
            "baseline_areas_reported": b["areas_reported"],
            "scenario_areas_reported": s["areas_reported"],
            "areas_total": b["areas_total"],
            "scenario_over_funded": (s["confirmed_usd"] > s["required_usd"])
            .fillna(False)
            .astype(bool),
        }
    )
    objectives = pd.concat(
        [objectives, pd.DataFrame([_total_row(baseline, scenario, objectives)])],
        ignore_index=True,
    )
    objectives["delta_usd"] = _delta(
        objectives["baseline_confirmed_usd"].astype("Int64"),
        objectives["scenario_confirmed_usd"].astype("Int64"),
    )
    objectives["delta_coverage_pp"] = _delta(
        objectives["baseline_coverage"].astype("Float64"),
        objectives["scenario_coverage"].astype("Float64"),
        100,
    )
    objectives["changed"] = objectives["delta_usd"].fillna(0).ne(0).astype(bool)
    int_columns = [
        name for name in OBJECTIVE_COMPARE_COLUMNS if name.endswith(("_usd", "_reported", "_total"))
    ]
    objectives = objectives.astype(
        {
            **dict.fromkeys(int_columns, "Int64"),
            "baseline_coverage": "Float64",
            "scenario_coverage": "Float64",
            "delta_coverage_pp": "Float64",
            "is_total": bool,
            "scenario_over_funded": bool,
            "objective_id": "string",
            "name_en": "string",
            "name_fr": "string",
        }
    )
    return objectives[OBJECTIVE_COMPARE_COLUMNS]


def _total_row(baseline: Funding, scenario: Funding, objectives: pd.DataFrame) -> dict[str, object]:
    """The plan's row: its totals, and the objectives' itemised and reporting sums."""
    bt, st_ = baseline.totals, scenario.totals
    total = {
        "objective_id": "plan",
        "name_en": "Total",
        "name_fr": "Total",
        "is_total": True,
        "required_usd": bt.required_usd,
        "baseline_confirmed_usd": bt.confirmed_usd,
        "scenario_confirmed_usd": st_.confirmed_usd,
        "baseline_gap_usd": bt.gap_usd,
        "scenario_gap_usd": st_.gap_usd,
        "baseline_coverage": bt.coverage,
        "scenario_coverage": st_.coverage,
        "scenario_over_funded": st_.confirmed_usd > st_.required_usd,
    }
    for column in (
        "itemised_usd",
        "unitemised_usd",
        "areas_reported",
    ):
        total[f"baseline_{column}"] = int(objectives[f"baseline_{column}"].sum())
        total[f"scenario_{column}"] = int(objectives[f"scenario_{column}"].sum())
    total["areas_total"] = int(objectives["areas_total"].sum())
    return total
