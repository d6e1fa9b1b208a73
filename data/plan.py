"""The plan's funding tables: load (``load_plan``) and derive (``compute_funding``).

Every figure is transcribed once, in ``data/csv/*.csv``; everything derived (gaps, coverage,
totals, the reconciliation notes of :mod:`data.reconcile`) is computed here and never typed
in. ``load_plan`` returns the tables or raises :class:`data.errors.DataValidationError` (a
folder that is not one, a file that cannot be read, a value out of bounds, a broken reference
between tables), never a traceback. Each frame returned has its contract in
:mod:`data.contracts` (``OBJECTIVES``, ``AREAS``, ``AREA_REGIONS``, ``SOURCES``,
``FUNDING_AREAS``, ``FUNDING_OBJECTIVES``, ``TOTALS``; the notes ``NOTES``), checked here.

Names are data: each area and objective has its long names (``name_en``, ``name_fr``, as
the plan prints them) and short names for chart axes (``short_name_en``, ``short_name_fr``).
A short name left empty in the CSV is the long name (filled here, so the columns are never
<NA>); read them with :mod:`data.names`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from data import contracts
from data.contracts import check, check_fields
from data.csvfile import read_table
from data.errors import MAX_COUNT, MAX_USD, Issue, IssueList, excerpt, refuse, short_name
from data.names import with_short_names
from data.reconcile import (  # noqa: F401  (re-exported: callers import them from here)
    PRINTED_ROUNDING_USD,
    RECONCILIATION_COLUMNS,
    reconcile,
)
from data.schema import Column, parse_entries, validate
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
    Column("short_name_en", nullable=True, unique=True),  # empty: the long name
    Column("short_name_fr", nullable=True, unique=True),
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
    Column("short_name_en", nullable=True, unique=True),  # empty: the long name
    Column("short_name_fr", nullable=True, unique=True),
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
    def reword(issue: Issue, text: str) -> Issue:
        if issue.code not in ("not_whole", "negative"):
            return issue
        message = f"{issue.params['key']}: {excerpt(text)} is not a non-negative whole number"
        return Issue(file, issue.row, "value", message, issue.code, issue.params)

    parsed = parse_entries(frame, SUMMARY_VALUES, file, reword=reword)
    return PlanSummary(**parsed)  # type: ignore[arg-type]


def _reference_issue(
    file: str, row: int, column: str, message: str, code: str, value: object
) -> Issue:
    """An issue about a value that names something another table does not have."""
    return Issue(
        file, row, column, message.format(value=excerpt(value)), code, {"value": excerpt(value)}
    )


def _check_references(plan: PlanData) -> None:
    """Cross-table checks between the plan's tables.

    Every area's objective exists, every objective has at least one activity area (its
    required amount is reconciled with theirs), every area-region's area exists and every
    region it names is in the alias table of ``geo.regions``.
    """
    issues = IssueList()
    objective_ids = set(plan.objectives["objective_id"])
    for row, objective_id in enumerate(plan.areas["objective_id"], start=2):
        if objective_id not in objective_ids:
            issues.add(
                _reference_issue(
                    "activity_areas.csv",
                    row,
                    "objective_id",
                    "unknown objective {value}",
                    "unknown_objective",
                    objective_id,
                )
            )
    with_areas = set(plan.areas["objective_id"])
    for row, objective_id in enumerate(plan.objectives["objective_id"], start=2):
        if objective_id not in with_areas:
            issues.add(
                _reference_issue(
                    "objectives.csv",
                    row,
                    "objective_id",
                    "objective {value} has no activity area in activity_areas.csv",
                    "no_areas",
                    objective_id,
                )
            )
    area_ids = set(plan.areas["area_id"])
    pairs = zip(plan.area_regions["area_id"], plan.area_regions["region"], strict=True)
    for row, (area_id, region) in enumerate(pairs, start=2):
        if area_id not in area_ids:
            issues.add(
                _reference_issue(
                    "area_regions.csv",
                    row,
                    "area_id",
                    "unknown activity area {value}",
                    "unknown_area",
                    area_id,
                )
            )
        if find_region(region) is None:
            issues.add(
                _reference_issue(
                    "area_regions.csv",
                    row,
                    "region",
                    "unknown region {value}",
                    "unknown_region",
                    region,
                )
            )
    issues.raise_if_any()


def _folder(csv_dir: Path) -> Path:
    """``csv_dir`` as a folder, or a refusal naming it."""
    folder = Path(csv_dir)
    try:
        is_folder = folder.is_dir()
    except (OSError, ValueError):
        is_folder = False
    if not is_folder:
        raise refuse(
            short_name(folder, 200), "not a folder of the plan's CSV tables", "not_a_folder"
        )
    return folder


def load_plan(csv_dir: Path = CSV_DIR) -> PlanData:
    """Read and validate the plan's CSV files.

    Each table has exactly the columns of its schema (others in the file are left out), and
    the contract :data:`data.contracts.OBJECTIVES`, :data:`~data.contracts.AREAS`,
    :data:`~data.contracts.AREA_REGIONS` or :data:`~data.contracts.SOURCES`. Empty short names
    are the long names.

    Raises
    ------
    DataValidationError
        ``csv_dir`` is not a folder (the message names it), or one of its tables is missing,
        not a regular file, unreadable, not UTF-8 or breaks its schema, two areas or two
        objectives have the same short name, or a table names what another does not have.
    """
    folder = _folder(csv_dir)

    def table(name: str, schema: tuple[Column, ...]) -> tuple[pd.DataFrame, str]:
        raw, display = read_table(folder / name)
        return validate(raw, schema, display, keep_extra=False), display

    summary = _summary(table("plan_summary.csv", SUMMARY_SCHEMA)[0], "plan_summary.csv")
    plan = PlanData(
        summary=summary,
        objectives=with_short_names(*table("objectives.csv", OBJECTIVES_SCHEMA)),
        areas=with_short_names(*table("activity_areas.csv", AREAS_SCHEMA)),
        area_regions=table("area_regions.csv", AREA_REGIONS_SCHEMA)[0],
        sources=table("sources.csv", SOURCES_SCHEMA)[0],
    )
    _check_references(plan)
    check(plan.objectives, contracts.OBJECTIVES, "load_plan")
    check(plan.areas, contracts.AREAS, "load_plan")
    check(plan.area_regions, contracts.AREA_REGIONS, "load_plan")
    check(plan.sources, contracts.SOURCES, "load_plan")
    return plan


def _coverage(confirmed: pd.Series, required: pd.Series) -> pd.Series:
    """confirmed / required as Float64; <NA> where confirmed is not reported or required is 0."""
    required = required.astype("Float64").where(required != 0)
    return (confirmed.astype("Float64") / required).astype("Float64")


def _area_status(areas: pd.DataFrame) -> pd.DataFrame:
    """The plan's areas with ``reported``, ``gap_usd``, ``coverage`` and ``over_funded``."""
    areas = areas.copy()
    areas["reported"] = areas["confirmed_usd"].notna().astype(bool)
    areas["gap_usd"] = (areas["required_usd"] - areas["confirmed_usd"]).astype("Int64")
    areas["coverage"] = _coverage(areas["confirmed_usd"], areas["required_usd"])
    areas["over_funded"] = (
        (areas["confirmed_usd"] > areas["required_usd"]).fillna(False).astype(bool)
    )
    return areas


def _objective_status(objectives: pd.DataFrame, areas: pd.DataFrame) -> pd.DataFrame:
    """The plan's objectives with their areas' sums, gaps, coverage and reporting counts."""
    by_objective = areas.groupby("objective_id", sort=False)
    objectives = objectives.copy()
    ids = objectives["objective_id"]
    itemised = by_objective["confirmed_usd"].sum(min_count=1)
    objectives["areas_required_usd"] = ids.map(by_objective["required_usd"].sum()).astype("Int64")
    objectives["itemised_confirmed_usd"] = ids.map(itemised).astype("Int64").fillna(0)
    objectives["unitemised_confirmed_usd"] = (
        objectives["confirmed_usd"] - objectives["itemised_confirmed_usd"]
    ).astype("Int64")
    objectives["gap_usd"] = (objectives["required_usd"] - objectives["confirmed_usd"]).astype(
        "Int64"
    )
    objectives["coverage"] = _coverage(objectives["confirmed_usd"], objectives["required_usd"])
    objectives["areas_reported"] = ids.map(by_objective["reported"].sum()).astype("Int64")
    objectives["areas_total"] = ids.map(by_objective.size()).astype("Int64")
    return objectives


def compute_funding(plan: PlanData) -> Funding:
    """Gaps, coverage and totals per area, objective and plan, with the reconciliation notes.

    The frames have the contracts :data:`data.contracts.FUNDING_AREAS`,
    :data:`~data.contracts.FUNDING_OBJECTIVES` and :data:`~data.contracts.NOTES`; the totals
    :data:`~data.contracts.TOTALS`.
    """
    areas = _area_status(plan.areas)
    objectives = _objective_status(plan.objectives, areas)
    required = int(objectives["required_usd"].sum())
    confirmed = int(objectives["confirmed_usd"].sum())
    totals = Totals(
        required_usd=required,
        confirmed_usd=confirmed,
        gap_usd=required - confirmed,
        coverage=confirmed / required if required else float("nan"),
        people_targeted=int(plan.summary.people_targeted),
        entities_targeted=int(plan.summary.entities_targeted),
    )
    check_fields(totals, contracts.TOTALS, "compute_funding")
    return Funding(
        areas=check(areas, contracts.FUNDING_AREAS, "compute_funding"),
        objectives=check(objectives, contracts.FUNDING_OBJECTIVES, "compute_funding"),
        totals=totals,
        reconciliation=reconcile(plan.summary, areas, objectives, totals),
    )


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
