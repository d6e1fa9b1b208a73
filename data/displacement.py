"""DTM displacement figures: national IDP total, regional shares or counts.

Two table shapes are accepted:

- shares (the plan's): columns ``region, share_pct`` (0-100); the national total and its
  as-of date come from ``dtm_summary.csv``; estimated IDPs = share x total, rounded half up;
- counts (a later DTM round): columns ``region, idps, as_of``; the total is their sum (or a
  given national total, the remainder being 'other regions') and shares are computed.

Region names go through the explicit alias table of ``geo.regions``. Every loader returns
figures or raises :class:`data.schema.DataValidationError` (never a traceback, never NaN):
shares are percentages (a table whose every share is at most 1, such as ``0.23``, is refused
as fractions), counts and totals are whole numbers up to :data:`data.errors.MAX_COUNT`, dates
are ISO ``YYYY-MM-DD``. The regions have the contract :data:`data.contracts.DTM_REGIONS`; the
data notes on these figures are computed by :mod:`data.dtm_notes`.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd

from data.contracts import DTM_REGIONS, check
from data.csvfile import read_table
from data.dtm_notes import (  # noqa: F401  (re-exported: callers import them from here)
    MENTIONS_CSV,
    MENTIONS_SCHEMA,
    dtm_notes,
    load_mentions,
)
from data.errors import MAX_COUNT, MAX_SHOWN, MAX_UPLOAD_BYTES, Issue, IssueList, excerpt, refuse
from data.reconcile import notes_frame, round_half_up  # noqa: F401  (round_half_up re-exported)
from data.schema import Column, parse_entries, validate
from geo.regions import find_region, load_regions, suggest

CSV_DIR = Path(__file__).with_name("csv")
SHARES_CSV = CSV_DIR / "dtm_regional_shares.csv"
SUMMARY_CSV = CSV_DIR / "dtm_summary.csv"

MAX_DTM_ROWS = 10_000
"""Most rows a DTM table may have (Mali has 20 regions; a round lists each once)."""

SHARES_SCHEMA = (Column("region"), Column("share_pct", "float", minimum=0, maximum=100))
COUNTS_SCHEMA = (
    Column("region"),
    Column("idps", "int", minimum=0, maximum=MAX_COUNT),
    Column("as_of", "date"),
)
SUMMARY_SCHEMA = (Column("key", unique=True), Column("value"), Column("note", nullable=True))
# The entries of dtm_summary.csv, parsed like table cells (bounds included).
SUMMARY_VALUES = (
    Column("total_idps", "int", minimum=1, maximum=MAX_COUNT),
    Column("as_of", "date"),
)


@dataclass(frozen=True)
class Displacement:
    """Regional IDP figures ready to join onto boundaries.

    ``regions`` has one row per DTM region: ``region`` (as written in the table),
    ``region_id``, ``name_fr``, ``name_en``, ``share`` (Float64, 0-1) and ``idps_estimate``
    (Int64). ``other_share``/``other_idps`` are the part not assigned to any named region:
    never NaN nor negative. ``total_idps`` is at least 1.
    """

    regions: pd.DataFrame
    kind: str
    total_idps: int
    other_share: float
    other_idps: int
    as_of: dt.date
    source_file: str
    notes: pd.DataFrame
    cited_in_plan: bool = False  # the plan's own shares (data/csv), not an uploaded DTM table
    plan_mentions: pd.DataFrame | None = None  # every IDP total the plan prints (shares only)


def load_summary(path: Path = SUMMARY_CSV) -> tuple[int, dt.date]:
    """The national IDP total and its as-of date from ``dtm_summary.csv``.

    Raises
    ------
    DataValidationError
        A key is missing, the total is not a whole number from 1 to
        :data:`data.errors.MAX_COUNT`, or the date is not ISO ``YYYY-MM-DD`` between
        :data:`data.errors.MIN_YEAR` and :data:`data.errors.MAX_YEAR`.
    """
    raw, display = read_table(path)
    parsed = parse_entries(validate(raw, SUMMARY_SCHEMA, display), SUMMARY_VALUES, display)
    total, as_of = parsed["total_idps"], parsed["as_of"]
    assert isinstance(total, int) and isinstance(as_of, dt.date)
    return total, as_of


def _resolve_regions(frame: pd.DataFrame, file: str) -> pd.DataFrame:
    """Add region_id/name_fr/name_en; unknown and duplicate regions are errors naming the row.

    The closest known names are suggested for the first :data:`data.errors.MAX_SHOWN` unknown
    names only (each suggestion is a fuzzy comparison with every known name).
    """
    issues = IssueList()
    first_row: dict[str, tuple[int, str]] = {}
    ids: list[str | None] = []
    unknown = 0
    for position, name in enumerate(frame["region"]):
        row = position + 2
        region_id = find_region(name)
        if region_id is None:
            unknown += 1
            names = suggest(name) if unknown <= MAX_SHOWN else []
            if names:
                hint = ", ".join(names)
                issues.add(
                    Issue(
                        file,
                        row,
                        "region",
                        f"unknown region {excerpt(name)}; closest known names: {hint}",
                        "unknown_region_hint",
                        {"value": excerpt(name), "suggestions": hint},
                    )
                )
            else:
                issues.add(
                    Issue(
                        file,
                        row,
                        "region",
                        f"unknown region {excerpt(name)}",
                        "unknown_region",
                        {"value": excerpt(name)},
                    )
                )
        elif region_id in first_row:
            other_row, other_name = first_row[region_id]
            issues.add(
                Issue(
                    file,
                    row,
                    "region",
                    f"duplicate region {excerpt(name)} (same region as {excerpt(other_name)} "
                    f"on row {other_row})",
                    "duplicate_region",
                    {"value": excerpt(name), "other": excerpt(other_name), "first_row": other_row},
                )
            )
        else:
            first_row[region_id] = (row, name)
        ids.append(region_id)
    issues.raise_if_any()
    regions = load_regions()
    frame = frame.copy()
    frame["region_id"] = pd.array(ids, dtype="string")
    frame["name_fr"] = frame["region_id"].map(regions["name_fr"]).astype("string")
    frame["name_en"] = frame["region_id"].map(regions["name_en"]).astype("string")
    return frame


def _shares(frame: pd.DataFrame, file: str, total_idps: int) -> tuple[pd.DataFrame, int]:
    shares = [float(share) for share in frame["share_pct"]]
    share_sum = math.fsum(shares)
    if share_sum > 100 + 1e-9:
        raise refuse(
            file,
            f"the shares add up to {share_sum:g}%, above 100%",
            "shares_above_100",
            column="share_pct",
            total=round(share_sum, 6),
        )
    if share_sum == 0:
        raise refuse(file, "all shares are zero", "all_shares_zero", column="share_pct")
    if max(shares) <= 1:
        # 0.23 meant as 23%: read as a percentage it would put 99% in 'other regions'. Any
        # number of rows (one row of 0.23 too) and any sum (0.6 + 0.9 too): no DTM round has
        # every region at 1% or less.
        raise refuse(
            file,
            f"every share is at most 1 and they add up to {share_sum:g}: shares are "
            "percentages from 0 to 100 (write 23 for 23%, not 0.23)",
            "shares_as_fractions",
            column="share_pct",
            total=round(share_sum, 6),
        )
    frame["share"] = (frame["share_pct"] / 100).astype("Float64")
    frame["idps_estimate"] = pd.array(
        [round_half_up(float(share) * total_idps) for share in frame["share"]], dtype="Int64"
    )
    return frame, total_idps


def _counts(
    frame: pd.DataFrame, file: str, total_idps: int | None
) -> tuple[pd.DataFrame, int, dt.date]:
    dates = sorted(set(frame["as_of"]))
    if len(dates) > 1:
        raise refuse(
            file,
            f"one DTM round per table: found {len(dates)} dates ({dates[0]} to {dates[-1]})",
            "several_dates",
            column="as_of",
            count=len(dates),
            first=dates[0],
            last=dates[-1],
        )
    counts = [int(count) for count in frame["idps"]]  # Python ints: no overflow
    counted = sum(counts)
    if counted > MAX_COUNT:
        raise refuse(
            file,
            f"the regions add up to {counted:,} IDPs, above the maximum {MAX_COUNT:,}",
            "total_above_maximum",
            column="idps",
            total=counted,
            maximum=MAX_COUNT,
        )
    if total_idps is None:
        if counted == 0:
            raise refuse(
                file,
                "all counts are zero: there is no total to compute shares from",
                "all_zero",
                column="idps",
            )
        total_idps = counted
    elif counted > total_idps:
        raise refuse(
            file,
            f"the regions add up to {counted:,} IDPs, above the national total {total_idps:,}",
            "counts_above_total",
            column="idps",
            counted=counted,
            total=total_idps,
        )
    frame["idps_estimate"] = pd.array(counts, dtype="Int64")
    frame["share"] = pd.array([count / total_idps for count in counts], dtype="Float64")
    return frame, total_idps, dates[0]


def _check_total(total_idps: int, file: str) -> int:
    """A national total given by the caller: a whole number from 1 to MAX_COUNT."""
    if isinstance(total_idps, bool) or not isinstance(total_idps, int):
        raise TypeError(f"total_idps must be an int, not {type(total_idps).__name__}")
    if not 1 <= total_idps <= MAX_COUNT:
        raise refuse(
            file,
            f"the national total {total_idps:,} is not between 1 and {MAX_COUNT:,}",
            "total_out_of_range",
            column="total_idps",
            total=total_idps,
            maximum=MAX_COUNT,
        )
    return total_idps


def load_dtm(
    table: Path | bytes = SHARES_CSV,
    *,
    name: str | None = None,
    summary: Path = SUMMARY_CSV,
    total_idps: int | None = None,
    mentions: Path | None = MENTIONS_CSV,
    max_bytes: int = MAX_UPLOAD_BYTES,
) -> Displacement:
    """Load a DTM regional table (shares or counts, path or uploaded bytes) and validate it.

    Raises
    ------
    DataValidationError
        Naming file, row and column for a missing column, a bad, negative or too large number,
        a share above 100% (alone or in total), shares written as fractions (0.23 for 23%),
        counts that are all zero, a date that is not ISO ``YYYY-MM-DD``, an unknown region
        (with the closest known names) or a region given twice (also under two aliases, e.g.
        Timbuktu and Tombouctou); a file above ``max_bytes`` or :data:`MAX_DTM_ROWS` rows.
    """
    raw, display = read_table(table, name, max_bytes=max_bytes, max_rows=MAX_DTM_ROWS)
    if total_idps is not None:
        total_idps = _check_total(total_idps, display)
    frame, kind, total, as_of = _figures(raw, display, summary, total_idps)
    # Estimates rounded half up may add up to a few people more than the total when the shares
    # add up to 100%: 'other regions' is then 0, never negative.
    other_idps = max(total - sum(int(value) for value in frame["idps_estimate"]), 0)
    other_share = max(round(1 - math.fsum(float(share) for share in frame["share"]), 9), 0.0)
    regions = frame[list(DTM_REGIONS.columns)].reset_index(drop=True)
    result = Displacement(
        regions=check(regions, DTM_REGIONS, "load_dtm"),
        kind=kind,
        total_idps=total,
        other_share=other_share,
        other_idps=other_idps,
        as_of=as_of,
        source_file=display,
        notes=notes_frame([], "load_dtm"),
        cited_in_plan=not isinstance(table, bytes) and Path(table).name == SHARES_CSV.name,
    )
    # The plan's own mentions of the IDP total concern the national total of dtm_summary.csv,
    # which only a shares table uses; a table of counts brings its own total.
    mentions = mentions if kind == "shares" else None
    notes = dtm_notes(result, mentions)
    printed = load_mentions(mentions) if mentions is not None else None
    return replace(result, notes=notes, plan_mentions=printed)


def _figures(
    raw: pd.DataFrame, display: str, summary: Path, total_idps: int | None
) -> tuple[pd.DataFrame, str, int, dt.date]:
    """The regions with ``share`` and ``idps_estimate``, the table's kind, total and date."""
    if "share_pct" in raw.columns and "idps" in raw.columns:
        raise refuse(display, "give either share_pct or idps, not both", "both_shapes")
    if "idps" in raw.columns:
        frame = _resolve_regions(validate(raw, COUNTS_SCHEMA, display), display)
        frame, total, as_of = _counts(frame, display, total_idps)
        return frame, "counts", total, as_of
    if "share_pct" not in raw.columns:
        raise refuse(
            display,
            "required column is missing (a DTM table needs share_pct, or idps and as_of)",
            "missing_dtm_column",
            column="share_pct",
        )
    frame = _resolve_regions(validate(raw, SHARES_SCHEMA, display), display)
    summary_total, as_of = load_summary(summary)
    frame, total = _shares(frame, display, total_idps if total_idps is not None else summary_total)
    return frame, "shares", total, as_of


def load_bundled_dtm(csv_dir: Path = CSV_DIR) -> Displacement:
    """The DTM figures of a folder laid out like ``data/csv`` (shares, summary, mentions)."""
    return load_dtm(
        csv_dir / SHARES_CSV.name,
        summary=csv_dir / SUMMARY_CSV.name,
        mentions=csv_dir / MENTIONS_CSV.name,
    )
