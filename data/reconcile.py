"""The plan's printed figures checked against the figures computed from its tables.

:func:`reconcile` returns one row per check in the notes' shape (:data:`data.contracts.NOTES`, shared with
the DTM notes of :mod:`data.dtm_notes`): ``check_id, kind, scope, template, printed, computed,
amount, unit, params``. ``kind`` is one of: ``match`` (adds up exactly), ``difference`` (an
amount the itemised figures do not account for), ``rounding`` (printed figure rounded, within
rounding), ``truncation`` (printed percentage truncated, not rounded), ``not_additive``.
``amount`` is ``printed - computed`` in ``unit``. ``template`` names the sentence that
describes the row (``note.<template>`` in the text layer, :mod:`text.notes`) and ``params``
holds its values: keys ending ``_usd`` are amounts, ``_pct`` percentages, ``name_fr``/
``name_en`` names.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

import pandas as pd

from data.contracts import NOTES, check

if TYPE_CHECKING:
    from data.plan import PlanSummary, Totals

RECONCILIATION_COLUMNS = [
    "check_id",
    "kind",
    "scope",
    "template",
    "printed",
    "computed",
    "amount",
    "unit",
    "params",
]

PRINTED_ROUNDING_USD = 50_000
"""A printed amount like "$2.2M" is exact to half of its last digit."""


def round_half_up(value: float) -> int:
    """Round to the nearest whole number, halves away from zero (not banker's rounding)."""
    return int(math.floor(abs(value) + 0.5)) * (1 if value >= 0 else -1)


def note(
    check_id: str,
    kind: str,
    scope: str,
    template: str,
    printed: float,
    computed: float,
    unit: str,
    /,
    **params: object,
) -> dict[str, object]:
    """One row of notes; ``amount`` is ``printed - computed`` (to 0.1 for percentages)."""
    return {
        "check_id": check_id,
        "kind": kind,
        "scope": scope,
        "template": template,
        "printed": printed,
        "computed": computed,
        "amount": round(printed - computed, 1) if unit == "%" else printed - computed,
        "unit": unit,
        "params": params,
    }


def notes_frame(rows: Sequence[dict[str, object]], where: str) -> pd.DataFrame:
    """The rows as a notes frame with the dtypes of :data:`NOTES` (also when empty)."""
    frame = pd.DataFrame(list(rows), columns=RECONCILIATION_COLUMNS)
    texts = {column: "str" for column, dtype in NOTES.columns.items() if dtype == "str"}
    frame = frame.astype(
        {**texts, "printed": "Float64", "computed": "Float64", "amount": "Float64"}
    )
    return check(frame, NOTES, where)


def _required_checks(objectives: pd.DataFrame, summary: PlanSummary, totals: Totals) -> list:
    """Each objective's required amount against its areas', then the plan's against the sum."""
    rows = []
    for obj in objectives.itertuples(index=False):
        printed, computed = int(obj.required_usd), int(obj.areas_required_usd)
        rows.append(
            note(
                f"{obj.objective_id}.required",
                "match" if printed == computed else "difference",
                obj.objective_id,
                "objective_required",
                printed,
                computed,
                "USD",
                name_fr=obj.name_fr,
                name_en=obj.name_en,
                printed_usd=printed,
                computed_usd=computed,
                amount_usd=printed - computed,
            )
        )
    printed = summary.required_usd
    rows.append(
        note(
            "plan.required",
            "match" if printed == totals.required_usd else "difference",
            "plan",
            "plan_required",
            printed,
            totals.required_usd,
            "USD",
            printed_usd=printed,
            computed_usd=totals.required_usd,
            amount_usd=printed - totals.required_usd,
        )
    )
    return rows


def _confirmed_checks(objectives: pd.DataFrame) -> list:
    """Each objective's confirmed amount against the sum of its areas' (when reported)."""
    rows = []
    for obj in objectives.itertuples(index=False):
        if pd.isna(obj.confirmed_usd):
            continue
        printed, computed = int(obj.confirmed_usd), int(obj.itemised_confirmed_usd)
        rows.append(
            note(
                f"{obj.objective_id}.confirmed",
                "match" if printed == computed else "difference",
                obj.objective_id,
                "objective_confirmed",
                printed,
                computed,
                "USD",
                name_fr=obj.name_fr,
                name_en=obj.name_en,
                reported=int(obj.areas_reported),
                total=int(obj.areas_total),
                printed_usd=printed,
                computed_usd=computed,
                amount_usd=printed - computed,
            )
        )
    return rows


def _printed_rounded_checks(summary: PlanSummary, totals: Totals) -> list:
    """The cover's rounded confirmed and gap amounts ("$2.2M") against the computed ones."""
    rows = []
    for check_id, printed, computed in (
        ("plan.confirmed", summary.confirmed_printed_usd, totals.confirmed_usd),
        ("plan.gap", summary.gap_printed_usd, totals.gap_usd),
    ):
        within = abs(printed - computed) <= PRINTED_ROUNDING_USD
        rows.append(
            note(
                check_id,
                "rounding" if within else "difference",
                "plan",
                check_id.replace(".", "_"),
                printed,
                computed,
                "USD",
                printed_usd=printed,
                computed_usd=computed,
                amount_usd=printed - computed,
            )
        )
    return rows


def _coverage_checks(areas: pd.DataFrame, objectives: pd.DataFrame) -> list:
    """Each printed coverage percentage against the computed one: rounded, truncated or not."""
    columns = ["name_fr", "name_en", "printed_coverage_pct", "coverage"]
    printed_pct = pd.concat(
        [
            areas[["area_id", *columns]].rename(columns={"area_id": "id"}),
            objectives[["objective_id", *columns]].rename(columns={"objective_id": "id"}),
        ]
    )
    rows = []
    for item in printed_pct.dropna(subset=["printed_coverage_pct", "coverage"]).itertuples(
        index=False
    ):
        exact = float(item.coverage) * 100
        printed = int(item.printed_coverage_pct)
        if printed == math.floor(exact) and printed != round(exact):
            kind = "truncation"
        elif printed == round(exact):
            kind = "rounding"
        else:
            kind = "difference"
        rows.append(
            note(
                f"{item.id}.coverage_pct",
                kind,
                item.id,
                f"printed_pct_{kind}",
                printed,
                round(exact, 1),
                "%",
                name_fr=item.name_fr,
                name_en=item.name_en,
                printed_pct=printed / 100,
                computed_pct=float(item.coverage),
            )
        )
    return rows


def _people_check(objectives: pd.DataFrame, summary: PlanSummary) -> list:
    """People targeted per objective do not add up to the plan's (people counted twice)."""
    people = objectives["people_targeted"].dropna()
    if len(people) <= 1 or int(people.sum()) == summary.people_targeted:
        return []
    printed, computed = summary.people_targeted, int(people.sum())
    return [
        note(
            "plan.people_targeted",
            "not_additive",
            "plan",
            "people_not_additive",
            printed,
            computed,
            "people",
            plan_people=printed,
            objectives_people=computed,
            overlap_people=computed - printed,
        )
    ]


def reconcile(
    summary: PlanSummary, areas: pd.DataFrame, objectives: pd.DataFrame, totals: Totals
) -> pd.DataFrame:
    """Every check between printed and computed figures, as rows the UI can show.

    ``areas`` and ``objectives`` are :func:`data.plan.compute_funding`'s frames; the rows come
    in this order: required amounts, confirmed amounts, the cover's rounded amounts, printed
    percentages, people targeted. The frame has the contract :data:`data.contracts.NOTES`.
    """
    rows = [
        *_required_checks(objectives, summary, totals),
        *_confirmed_checks(objectives),
        *_printed_rounded_checks(summary, totals),
        *_coverage_checks(areas, objectives),
        *_people_check(objectives, summary),
    ]
    return notes_frame(rows, "reconcile")
