"""The plan's funding tables: load (``load_plan``), derive (``compute_funding``), reconcile.

Every figure is transcribed once, in ``data/csv/*.csv``; everything derived (gaps, coverage,
totals, the reconciliation notes) is computed here and never typed in. ``load_plan`` returns the
tables or raises :class:`data.schema.DataValidationError` (a folder that is not one, a file that
cannot be read, a value out of bounds, a broken reference between tables), never a traceback.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from data.errors import MAX_COUNT, MAX_USD, excerpt
from data.schema import (
    Column,
    Issue,
    IssueList,
    parse_cell,
    read_table,
    refuse,
    short_name,
    validate,
)
from geo.regions import find_region

CSV_DIR = Path(__file__).with_name("csv")

SUMMARY_SCHEMA = (
    Column("key", unique=True),
    Column("value"),
    Column("printed_as", nullable=True),
    Column("source_id"),
)
OBJECTIVES_SCHEMA = (
    Column("objective_id", unique=True),
    Column("name_en", unique=True),
    Column("name_fr", unique=True),
    Column("required_usd", "int", minimum=0, maximum=MAX_USD),
    Column("confirmed_usd", "int", nullable=True, minimum=0, maximum=MAX_USD),
    Column("people_targeted", "int", nullable=True, minimum=0, maximum=MAX_COUNT),
    Column("printed_coverage_pct", "int", nullable=True, minimum=0, maximum=100),
    Column("source_id"),
)
AREAS_SCHEMA = (
    Column("area_id", unique=True),
    Column("objective_id"),
    Column("name_en", unique=True),
    Column("name_fr", unique=True),
    Column("required_usd", "int", minimum=0, maximum=MAX_USD),
    Column("confirmed_usd", "int", nullable=True, minimum=0, maximum=MAX_USD),
    Column("printed_coverage_pct", "int", nullable=True, minimum=0, maximum=100),
    Column("source_id"),
)
AREA_REGIONS_SCHEMA = (
    Column("area_id"),
    Column("region"),
    Column("quote", nullable=True),
    # The place the plan actually names when the region is inferred from it (e.g. the
    # cercle of Ansongo, in Gao); empty when the plan names the region itself.
    Column("inferred_from_place", nullable=True),
)
SOURCES_SCHEMA = (
    Column("document_id"),
    Column("file", unique=True),
    Column("document"),
    Column("publisher"),
    Column("date", "date", nullable=True),  # empty: the source records no date
    Column("section"),
    Column("url", nullable=True),
    Column("note", nullable=True),
)

# Keys of plan_summary.csv and how each value is parsed (kind and bounds, as a table cell).
SUMMARY_VALUES: tuple[Column, ...] = (
    Column("title"),
    Column("period_start", "date"),
    Column("period_end", "date"),
    Column("document_date", "date"),
    Column("required_usd", "int", minimum=0, maximum=MAX_USD),
    Column("confirmed_printed_usd", "int", minimum=0, maximum=MAX_USD),
    Column("gap_printed_usd", "int", minimum=0, maximum=MAX_USD),
    Column("people_targeted", "int", minimum=0, maximum=MAX_COUNT),
    Column("entities_targeted", "int", minimum=0, maximum=MAX_COUNT),
)

# A printed amount like "$2.2M" is exact to half of its last digit.
PRINTED_ROUNDING_USD = 50_000


@dataclass(frozen=True)
class PlanSummary:
    """The plan's cover figures, as printed."""

    title: str
    period_start: dt.date
    period_end: dt.date
    document_date: dt.date
    required_usd: int
    confirmed_printed_usd: int
    gap_printed_usd: int
    people_targeted: int
    entities_targeted: int


@dataclass(frozen=True)
class PlanData:
    """The plan's tables as loaded and validated (no derived figures)."""

    summary: PlanSummary
    objectives: pd.DataFrame
    areas: pd.DataFrame
    area_regions: pd.DataFrame
    sources: pd.DataFrame


@dataclass(frozen=True)
class Totals:
    """Plan-level figures derived from the objectives."""

    required_usd: int
    confirmed_usd: int
    gap_usd: int
    coverage: float
    people_targeted: int
    entities_targeted: int


@dataclass(frozen=True)
class Funding:
    """Derived funding status: per area, per objective, overall, plus reconciliation notes."""

    areas: pd.DataFrame
    objectives: pd.DataFrame
    totals: Totals
    reconciliation: pd.DataFrame


def _summary(frame: pd.DataFrame, file: str) -> PlanSummary:
    rows = {
        key: (position + 2, value)
        for position, (key, value) in enumerate(zip(frame["key"], frame["value"], strict=True))
    }
    issues = IssueList()
    parsed: dict[str, object] = {}
    for column in SUMMARY_VALUES:
        if column.name not in rows:
            issues.add(
                Issue(
                    file,
                    None,
                    "key",
                    f"missing key {column.name!r}",
                    "missing_key",
                    {"key": column.name},
                )
            )
            continue
        row, text = rows[column.name]
        value, issue = parse_cell(text, column, file, row, where="value", key=column.name)
        if issue is None:
            parsed[column.name] = value
            continue
        if issue.code in ("not_whole", "negative"):
            issue = Issue(
                file,
                row,
                "value",
                f"{column.name}: {excerpt(text)} is not a non-negative whole number",
                issue.code,
                issue.params,
            )
        issues.add(issue)
    issues.raise_if_any()
    return PlanSummary(**parsed)  # type: ignore[arg-type]


def _check_references(plan: PlanData) -> None:
    """Cross-table checks between the plan's tables.

    Every area's objective exists, every objective has at least one activity area (its
    required amount is reconciled with theirs), every area-region's area exists and every
    region it names is in the alias table of ``geo.regions``.
    """
    issues = IssueList()
    objective_ids = set(plan.objectives["objective_id"])
    for position, objective_id in enumerate(plan.areas["objective_id"]):
        if objective_id not in objective_ids:
            issues.add(
                Issue(
                    "activity_areas.csv",
                    position + 2,
                    "objective_id",
                    f"unknown objective {excerpt(objective_id)}",
                    "unknown_objective",
                    {"value": excerpt(objective_id)},
                )
            )
    with_areas = set(plan.areas["objective_id"])
    for position, objective_id in enumerate(plan.objectives["objective_id"]):
        if objective_id not in with_areas:
            issues.add(
                Issue(
                    "objectives.csv",
                    position + 2,
                    "objective_id",
                    f"objective {excerpt(objective_id)} has no activity area in activity_areas.csv",
                    "no_areas",
                    {"value": excerpt(objective_id)},
                )
            )
    area_ids = set(plan.areas["area_id"])
    for position, (area_id, region) in enumerate(
        zip(plan.area_regions["area_id"], plan.area_regions["region"], strict=True)
    ):
        if area_id not in area_ids:
            issues.add(
                Issue(
                    "area_regions.csv",
                    position + 2,
                    "area_id",
                    f"unknown activity area {excerpt(area_id)}",
                    "unknown_area",
                    {"value": excerpt(area_id)},
                )
            )
        if find_region(region) is None:
            issues.add(
                Issue(
                    "area_regions.csv",
                    position + 2,
                    "region",
                    f"unknown region {excerpt(region)}",
                    "unknown_region",
                    {"value": excerpt(region)},
                )
            )
    issues.raise_if_any()


def load_plan(csv_dir: Path = CSV_DIR) -> PlanData:
    """Read and validate the plan's CSV files.

    Raises
    ------
    DataValidationError
        ``csv_dir`` is not a folder (the message names it), or one of its tables is missing,
        not a regular file, unreadable, not UTF-8 or breaks its schema.
    """
    folder = Path(csv_dir)
    try:
        is_folder = folder.is_dir()
    except (OSError, ValueError):
        is_folder = False
    if not is_folder:
        raise refuse(
            short_name(folder, 200),
            "not a folder of the plan's CSV tables",
            "not_a_folder",
        )

    def table(name: str, schema: tuple[Column, ...]) -> pd.DataFrame:
        raw, display = read_table(folder / name)
        return validate(raw, schema, display)

    summary = _summary(table("plan_summary.csv", SUMMARY_SCHEMA), "plan_summary.csv")
    plan = PlanData(
        summary=summary,
        objectives=table("objectives.csv", OBJECTIVES_SCHEMA),
        areas=table("activity_areas.csv", AREAS_SCHEMA),
        area_regions=table("area_regions.csv", AREA_REGIONS_SCHEMA),
        sources=table("sources.csv", SOURCES_SCHEMA),
    )
    _check_references(plan)
    return plan


def _coverage(confirmed: pd.Series, required: pd.Series) -> pd.Series:
    """confirmed / required as Float64; <NA> where confirmed is not reported or required is 0."""
    required = required.astype("Float64").where(required != 0)
    return (confirmed.astype("Float64") / required).astype("Float64")


def compute_funding(plan: PlanData) -> Funding:
    """Gaps, coverage and totals per area, objective and plan, with the reconciliation notes."""
    areas = plan.areas.copy()
    areas["reported"] = areas["confirmed_usd"].notna().astype(bool)
    areas["gap_usd"] = (areas["required_usd"] - areas["confirmed_usd"]).astype("Int64")
    areas["coverage"] = _coverage(areas["confirmed_usd"], areas["required_usd"])
    areas["over_funded"] = (
        (areas["confirmed_usd"] > areas["required_usd"]).fillna(False).astype(bool)
    )

    by_objective = areas.groupby("objective_id", sort=False)
    objectives = plan.objectives.copy()
    itemised = by_objective["confirmed_usd"].sum(min_count=1)
    area_required = by_objective["required_usd"].sum()
    objectives["areas_required_usd"] = objectives["objective_id"].map(area_required).astype("Int64")
    objectives["itemised_confirmed_usd"] = (
        objectives["objective_id"].map(itemised).astype("Int64").fillna(0)
    )
    objectives["unitemised_confirmed_usd"] = (
        objectives["confirmed_usd"] - objectives["itemised_confirmed_usd"]
    ).astype("Int64")
    objectives["gap_usd"] = (objectives["required_usd"] - objectives["confirmed_usd"]).astype(
        "Int64"
    )
    objectives["coverage"] = _coverage(objectives["confirmed_usd"], objectives["required_usd"])
    objectives["areas_reported"] = (
        objectives["objective_id"].map(by_objective["reported"].sum()).astype("Int64")
    )
    objectives["areas_total"] = objectives["objective_id"].map(by_objective.size()).astype("Int64")

    required = int(objectives["required_usd"].sum())
    confirmed = int(objectives["confirmed_usd"].sum())
    totals = Totals(
        required_usd=required,
        confirmed_usd=confirmed,
        gap_usd=required - confirmed,
        coverage=confirmed / required if required else float("nan"),
        people_targeted=plan.summary.people_targeted,
        entities_targeted=plan.summary.entities_targeted,
    )
    return Funding(
        areas=areas,
        objectives=objectives,
        totals=totals,
        reconciliation=reconcile(plan, areas, objectives, totals),
    )


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


def reconcile(
    plan: PlanData, areas: pd.DataFrame, objectives: pd.DataFrame, totals: Totals
) -> pd.DataFrame:
    """Every check between printed and computed figures, as rows the UI can show.

    ``kind`` is one of: ``match`` (adds up exactly), ``difference`` (an amount the itemised
    figures do not account for), ``rounding`` (printed figure rounded, within rounding),
    ``truncation`` (printed percentage truncated, not rounded), ``not_additive``.
    ``amount`` is ``printed - computed`` in ``unit``. ``template`` names the sentence that
    describes the row (in ``components.i18n``, as ``note.<template>``) and ``params`` holds its
    values: keys ending ``_usd`` are amounts, ``_pct`` percentages, ``name_fr``/``name_en`` names.
    """
    rows: list[dict[str, object]] = []

    def add(
        check_id: str,
        kind: str,
        scope: str,
        template: str,
        printed: float,
        computed: float,
        unit: str,
        /,
        **params: object,
    ) -> None:
        rows.append(
            {
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
        )

    for obj in objectives.itertuples(index=False):
        printed, computed = int(obj.required_usd), int(obj.areas_required_usd)
        add(
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
    printed = plan.summary.required_usd
    add(
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
    for obj in objectives.itertuples(index=False):
        if pd.isna(obj.confirmed_usd):
            continue
        printed, computed = int(obj.confirmed_usd), int(obj.itemised_confirmed_usd)
        add(
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
    for check_id, printed, computed in (
        ("plan.confirmed", plan.summary.confirmed_printed_usd, totals.confirmed_usd),
        ("plan.gap", plan.summary.gap_printed_usd, totals.gap_usd),
    ):
        within = abs(printed - computed) <= PRINTED_ROUNDING_USD
        add(
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
    printed_pct = pd.concat(
        [
            areas[["area_id", "name_fr", "name_en", "printed_coverage_pct", "coverage"]].rename(
                columns={"area_id": "id"}
            ),
            objectives[
                ["objective_id", "name_fr", "name_en", "printed_coverage_pct", "coverage"]
            ].rename(columns={"objective_id": "id"}),
        ]
    )
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
        add(
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
    people = objectives["people_targeted"].dropna()
    if len(people) > 1 and int(people.sum()) != plan.summary.people_targeted:
        printed, computed = plan.summary.people_targeted, int(people.sum())
        add(
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
    frame = pd.DataFrame(rows, columns=RECONCILIATION_COLUMNS)
    return frame.astype({"printed": "Float64", "computed": "Float64", "amount": "Float64"})


def region_mentions(plan: PlanData, area_id: str) -> list[tuple[str, str | None]]:
    """(region as written, place it is inferred from or None) for one activity area."""
    rows = plan.area_regions[plan.area_regions["area_id"] == area_id]
    return [
        (
            str(row.region),
            None if pd.isna(row.inferred_from_place) else str(row.inferred_from_place),
        )
        for row in rows.itertuples(index=False)
    ]


def regions_by_area(plan: PlanData) -> dict[str, list[str]]:
    """The region names the plan's text names for each activity area (areas without any: [])."""
    named = plan.area_regions.groupby("area_id", sort=False)["region"].agg(list)
    return {area_id: list(named.get(area_id, [])) for area_id in plan.areas["area_id"]}
