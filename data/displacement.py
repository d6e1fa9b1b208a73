"""DTM displacement figures: national IDP total, regional shares or counts, data notes.

Two table shapes are accepted:

- shares (the plan's): columns ``region, share_pct`` (0-100); the national total and its
  as-of date come from ``dtm_summary.csv``; estimated IDPs = share x total, rounded half up;
- counts (a later DTM round): columns ``region, idps, as_of``; the total is their sum (or a
  given national total, the remainder being 'other regions') and shares are computed.

Region names go through the explicit alias table of ``geo.regions``. Every loader returns
figures or raises :class:`data.schema.DataValidationError` (never a traceback, never NaN):
shares are percentages (a table of fractions such as ``0.23`` is refused), counts and totals are
whole numbers up to :data:`data.errors.MAX_COUNT`, dates are ISO ``YYYY-MM-DD``.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from data.errors import MAX_COUNT, MAX_SHOWN, MAX_UPLOAD_BYTES, MAX_YEAR, MIN_YEAR, excerpt
from data.plan import RECONCILIATION_COLUMNS
from data.schema import Column, Issue, IssueList, parse_cell, read_table, refuse, validate
from geo.regions import find_region, load_regions, suggest

CSV_DIR = Path(__file__).with_name("csv")
SHARES_CSV = CSV_DIR / "dtm_regional_shares.csv"
SUMMARY_CSV = CSV_DIR / "dtm_summary.csv"
MENTIONS_CSV = CSV_DIR / "plan_idp_mentions.csv"

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
MENTIONS_SCHEMA = (
    # Each mention has a label ``mention.<id>`` in components.i18n (the data notes name it).
    Column("mention_id", unique=True, choices=("context", "factbox")),
    Column("total_idps", "int", minimum=0, maximum=MAX_COUNT),
    Column("as_of_printed"),
    Column("section"),
)

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}


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


def round_half_up(value: float) -> int:
    """Round to the nearest whole number, halves away from zero (not banker's rounding)."""
    return int(math.floor(abs(value) + 0.5)) * (1 if value >= 0 else -1)


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
    frame = validate(raw, SUMMARY_SCHEMA, display)
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
                    display,
                    None,
                    "key",
                    f"missing key {column.name!r}",
                    "missing_key",
                    {"key": column.name},
                )
            )
            continue
        row, text = rows[column.name]
        value, issue = parse_cell(text, column, display, row, where="value", key=column.name)
        if issue is not None:
            issues.add(issue)
        else:
            parsed[column.name] = value
    issues.raise_if_any()
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
    if len(shares) > 1 and max(shares) <= 1 and share_sum <= 1:
        # 0.23 meant as 23%: read as a percentage it would put 99% in 'other regions'.
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
    if "share_pct" in raw.columns and "idps" in raw.columns:
        raise refuse(display, "give either share_pct or idps, not both", "both_shapes")
    if "idps" in raw.columns:
        frame = _resolve_regions(validate(raw, COUNTS_SCHEMA, display), display)
        frame, total, as_of = _counts(frame, display, total_idps)
        kind = "counts"
    else:
        if "share_pct" not in raw.columns:
            raise refuse(
                display,
                "required column is missing (a DTM table needs share_pct, or idps and as_of)",
                "missing_dtm_column",
                column="share_pct",
            )
        frame = _resolve_regions(validate(raw, SHARES_SCHEMA, display), display)
        summary_total, as_of = load_summary(summary)
        frame, total = _shares(
            frame, display, total_idps if total_idps is not None else summary_total
        )
        kind = "shares"
    # Estimates rounded half up may add up to a few people more than the total when the shares
    # add up to 100%: 'other regions' is then 0, never negative.
    other_idps = max(total - sum(int(value) for value in frame["idps_estimate"]), 0)
    other_share = max(round(1 - math.fsum(float(share) for share in frame["share"]), 9), 0.0)
    regions = frame[
        ["region", "region_id", "name_fr", "name_en", "share", "idps_estimate"]
    ].reset_index(drop=True)
    result = Displacement(
        regions=regions,
        kind=kind,
        total_idps=total,
        other_share=other_share,
        other_idps=other_idps,
        as_of=as_of,
        source_file=display,
        notes=pd.DataFrame(columns=RECONCILIATION_COLUMNS),
        cited_in_plan=not isinstance(table, bytes) and Path(table).name == SHARES_CSV.name,
    )
    # The plan's own mentions of the IDP total concern the national total of dtm_summary.csv,
    # which only a shares table uses; a table of counts brings its own total.
    mentions = mentions if kind == "shares" else None
    notes = dtm_notes(result, mentions)
    printed = load_mentions(mentions) if mentions is not None else None
    return Displacement(**{**result.__dict__, "notes": notes, "plan_mentions": printed})


def load_mentions(path: Path = MENTIONS_CSV) -> pd.DataFrame:
    """The IDP totals the plan prints, with their printed dates and sections."""
    raw, display = read_table(path)
    return validate(raw, MENTIONS_SCHEMA, display)


def _printed_month(text: str) -> tuple[int, int] | None:
    """('April 2023') -> (2023, 4); None when the text is not 'Month YYYY' (years 1900-2100)."""
    parts = text.replace(".", " ").split()
    if len(parts) != 2 or not re.fullmatch(r"\d{4}", parts[1], re.ASCII):
        return None
    month = _MONTHS.get(parts[0].casefold())
    year = int(parts[1])
    return (year, month) if month and MIN_YEAR <= year <= MAX_YEAR else None


def dtm_notes(dtm: Displacement, mentions: Path | None = MENTIONS_CSV) -> pd.DataFrame:
    """Data notes on the displacement figures, in the reconciliation notes' shape.

    - each IDP total printed in the plan that differs from the figure used (``dtm_total_differs``);
    - each printed as-of date that differs from the date used (``dtm_date_differs``);
    - the precision of whole-percent shares (``dtm_shares_rounded``);
    - the part of the total in no named region (``dtm_other_regions``).
    """
    rows: list[dict[str, object]] = []

    def add(
        check_id: str,
        kind: str,
        template: str,
        printed: float,
        computed: float,
        unit: str,
        /,
        **params: object,
    ):
        rows.append(
            {
                "check_id": check_id,
                "kind": kind,
                "scope": "dtm",
                "template": template,
                "printed": printed,
                "computed": computed,
                "amount": printed - computed,
                "unit": unit,
                "params": params,
            }
        )

    if mentions is not None:
        for item in load_mentions(mentions).itertuples(index=False):
            printed = int(item.total_idps)
            if printed != dtm.total_idps:
                add(
                    f"dtm.{item.mention_id}.total",
                    "difference",
                    "dtm_total_differs",
                    printed,
                    dtm.total_idps,
                    "people",
                    mention=item.mention_id,
                    printed=printed,
                    used=dtm.total_idps,
                    difference=abs(printed - dtm.total_idps),
                    as_of=dtm.as_of,
                )
            month = _printed_month(item.as_of_printed)
            if month != (dtm.as_of.year, dtm.as_of.month):
                add(
                    f"dtm.{item.mention_id}.date",
                    "difference",
                    "dtm_date_differs",
                    printed,
                    dtm.total_idps,
                    "people",
                    mention=item.mention_id,
                    printed_date=item.as_of_printed,
                    printed_month=dt.date(*month, 1) if month else item.as_of_printed,
                    used=dtm.total_idps,
                    as_of=dtm.as_of,
                )
    if dtm.kind == "shares":
        half_point = round_half_up(0.005 * dtm.total_idps)
        add(
            "dtm.shares_rounded",
            "rounding",
            "dtm_shares_rounded",
            0,
            0,
            "people",
            precision=half_point,
            total=dtm.total_idps,
        )
    if dtm.other_idps:
        add(
            "dtm.other_regions",
            "not_assigned",
            "dtm_other_regions",
            dtm.other_idps,
            0,
            "people",
            other_pct=dtm.other_share,
            other=dtm.other_idps,
            total=dtm.total_idps,
        )
    frame = pd.DataFrame(rows, columns=RECONCILIATION_COLUMNS)
    return frame.astype({"printed": "Float64", "computed": "Float64", "amount": "Float64"})


def load_bundled_dtm(csv_dir: Path = CSV_DIR) -> Displacement:
    """The DTM figures of a folder laid out like ``data/csv`` (shares, summary, mentions)."""
    return load_dtm(
        csv_dir / SHARES_CSV.name,
        summary=csv_dir / SUMMARY_CSV.name,
        mentions=csv_dir / MENTIONS_CSV.name,
    )
