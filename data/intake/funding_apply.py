"""A funding update applied to the plan's tables: :func:`apply_funding_update` (pure).

Rules (the same as the what-if scenarios', ``data.scenario.edits.apply_overrides``):

- an area the update lists gets the update's confirmed amount; left empty in the update, it is
  "not reported" (<NA>), never 0; an area the update does not list keeps its amount;
- an objective the update gives a confirmed total for gets that total; an objective without
  one moves by the change of its areas' itemised sum, so the part of its confirmed funding not
  itemised to any area (410,526 USD for objective 1 in the plan) is kept as it is;
- an objective total below the sum of its areas' confirmed amounts is refused;
- the printed coverage of a row whose confirmed amount changed no longer describes it: it
  becomes <NA>; ``source_id`` (when given) is written on the changed rows.

Pledged amounts are not part of the plan's tables: they stay in the :class:`FundingUpdate`.
The plan's cover figures (``summary``, as printed) are left as they are.
"""

from __future__ import annotations

import dataclasses

import pandas as pd

from data import contracts
from data.contracts import check
from data.errors import Issue, IssueList, excerpt
from data.intake.funding_model import FundingUpdate
from data.plan import PlanData


def _unknown_ids(plan: PlanData, update: FundingUpdate) -> None:
    issues = IssueList()
    for frame, column, known, code in (
        (update.areas, "area_id", set(plan.areas["area_id"]), "unknown_area"),
        (
            update.objectives,
            "objective_id",
            set(plan.objectives["objective_id"]),
            "unknown_objective",
        ),
    ):
        for value, row in zip(frame[column], frame["source_row"], strict=True):
            if value not in known:
                message = f"unknown {column.removesuffix('_id')} {excerpt(value)}"
                issues.add(
                    Issue(update.file, int(row), column, message, code, {"value": excerpt(value)})
                )
    issues.raise_if_any()


def _differs(new: pd.Series, old: pd.Series) -> pd.Series:
    """Where two Int64 series differ, <NA> against a number counting as a difference."""
    both = new.notna() & old.notna()
    return (both & (new != old)).fillna(False).astype(bool) | (new.isna() != old.isna())


def _itemised(areas: pd.DataFrame) -> pd.Series:
    return areas.groupby("objective_id", sort=False)["confirmed_usd"].sum()  # <NA> skipped


def _check_totals(objectives: pd.DataFrame, areas: pd.DataFrame, update: FundingUpdate) -> None:
    rows = dict(
        zip(update.objectives["objective_id"], update.objectives["source_row"], strict=True)
    )
    itemised = objectives["objective_id"].map(_itemised(areas)).astype("Int64").fillna(0)
    issues = IssueList()
    for objective_id, total, items in zip(
        objectives["objective_id"], objectives["confirmed_usd"], itemised, strict=True
    ):
        if pd.isna(total) or int(total) >= int(items):
            continue
        row = rows.get(objective_id)
        issues.add(
            Issue(
                update.file,
                None if row is None or pd.isna(row) else int(row),
                "confirmed_usd",
                f"the confirmed total of {objective_id} ({int(total):,}) is below the sum of "
                f"its activity areas ({int(items):,})",
                "objective_below_areas",
                {"objective": str(objective_id), "total": int(total), "itemised": int(items)},
            )
        )
    issues.raise_if_any()


def apply_funding_update(
    plan: PlanData, update: FundingUpdate, *, source_id: str | None = None
) -> PlanData:
    """New plan tables with ``update`` applied (see the module's rules); ``plan`` is untouched.

    Raises
    ------
    DataValidationError
        The update names an area or objective the plan does not have (``unknown_area``,
        ``unknown_objective``), or gives an objective total below the sum of its areas
        (``objective_below_areas``, naming the row).
    """
    _unknown_ids(plan, update)
    areas = plan.areas.copy()
    given = dict(zip(update.areas["area_id"], update.areas["confirmed_usd"], strict=True))
    old_areas = plan.areas["confirmed_usd"]
    areas["confirmed_usd"] = pd.array(
        [
            given[area_id] if area_id in given else old
            for area_id, old in zip(areas["area_id"], old_areas, strict=True)
        ],
        dtype="Int64",
    )
    objectives = plan.objectives.copy()
    change = (_itemised(areas) - _itemised(plan.areas)).astype("Int64")
    moved = objectives["objective_id"].map(change).astype("Int64").fillna(0)
    confirmed = objectives["confirmed_usd"]
    confirmed = confirmed.where(moved == 0, confirmed.fillna(0) + moved).astype("Int64")
    totals = dict(
        zip(update.objectives["objective_id"], update.objectives["confirmed_usd"], strict=True)
    )
    objectives["confirmed_usd"] = pd.array(
        [
            totals[objective_id] if objective_id in totals else value
            for objective_id, value in zip(objectives["objective_id"], confirmed, strict=True)
        ],
        dtype="Int64",
    )
    _check_totals(objectives, areas, update)
    for frame, old in ((areas, old_areas), (objectives, plan.objectives["confirmed_usd"])):
        changed = _differs(frame["confirmed_usd"], old).to_numpy()
        frame.loc[changed, "printed_coverage_pct"] = pd.NA
        if source_id is not None:
            frame.loc[changed, "source_id"] = source_id
    return dataclasses.replace(
        plan,
        areas=check(areas, contracts.AREAS, "apply_funding_update"),
        objectives=check(objectives, contracts.OBJECTIVES, "apply_funding_update"),
    )
