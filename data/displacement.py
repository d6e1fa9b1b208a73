"""DTM displacement figures: national IDP total, regional shares or counts, data notes.

Two table shapes are accepted:

- shares (the plan's): columns ``region, share_pct`` (0-100); the national total and its
  as-of date come from ``dtm_summary.csv``; estimated IDPs = share x total, rounded half up;
- counts (a later DTM round): columns ``region, idps, as_of``; the total is their sum (or a
  given national total, the remainder being 'other regions') and shares are computed.

Region names go through the explicit alias table of ``geo.regions``.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from data.plan import RECONCILIATION_COLUMNS
from data.schema import Column, DataValidationError, Issue, read_table, validate
from geo.regions import find_region, load_regions, suggest

CSV_DIR = Path(__file__).with_name("csv")
SHARES_CSV = CSV_DIR / "dtm_regional_shares.csv"
SUMMARY_CSV = CSV_DIR / "dtm_summary.csv"
MENTIONS_CSV = CSV_DIR / "plan_idp_mentions.csv"

SHARES_SCHEMA = (Column("region"), Column("share_pct", "float", minimum=0, maximum=100))
COUNTS_SCHEMA = (Column("region"), Column("idps", "int", minimum=0), Column("as_of", "date"))
SUMMARY_SCHEMA = (Column("key", unique=True), Column("value"), Column("note", nullable=True))
MENTIONS_SCHEMA = (
    Column("mention_id", unique=True),
    Column("total_idps", "int", minimum=0),
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
    (Int64). ``other_share``/``other_idps`` are the part not assigned to any named region.
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
    """The national IDP total and its as-of date from ``dtm_summary.csv``."""
    raw, display = read_table(path)
    frame = validate(raw, SUMMARY_SCHEMA, display)
    values = dict(zip(frame["key"], frame["value"], strict=True))
    issues = []
    try:
        total = int(values["total_idps"])
    except (KeyError, ValueError):
        issues.append(Issue(display, None, "value", "total_idps must be a whole number"))
    try:
        as_of = dt.date.fromisoformat(values["as_of"])
    except (KeyError, ValueError):
        issues.append(Issue(display, None, "value", "as_of must be a date YYYY-MM-DD"))
    if issues:
        raise DataValidationError(issues)
    return total, as_of


def _resolve_regions(frame: pd.DataFrame, file: str) -> pd.DataFrame:
    """Add region_id/name_fr/name_en; unknown and duplicate regions are errors naming the row."""
    issues: list[Issue] = []
    first_row: dict[str, tuple[int, str]] = {}
    ids: list[str | None] = []
    for position, name in enumerate(frame["region"]):
        row = position + 2
        region_id = find_region(name)
        if region_id is None:
            names = suggest(name)
            hint = f"; closest known names: {', '.join(names)}" if names else ""
            issues.append(Issue(file, row, "region", f"unknown region {name!r}{hint}"))
        elif region_id in first_row:
            other_row, other_name = first_row[region_id]
            issues.append(
                Issue(
                    file,
                    row,
                    "region",
                    f"duplicate region {name!r} (same region as {other_name!r} on row {other_row})",
                )
            )
        else:
            first_row[region_id] = (row, name)
        ids.append(region_id)
    if issues:
        raise DataValidationError(issues)
    regions = load_regions()
    frame = frame.copy()
    frame["region_id"] = pd.array(ids, dtype="string")
    frame["name_fr"] = frame["region_id"].map(regions["name_fr"]).astype("string")
    frame["name_en"] = frame["region_id"].map(regions["name_en"]).astype("string")
    return frame


def _shares(frame: pd.DataFrame, file: str, total_idps: int) -> tuple[pd.DataFrame, int]:
    share_sum = float(frame["share_pct"].sum())
    if share_sum > 100 + 1e-9:
        raise DataValidationError(
            [Issue(file, None, "share_pct", f"the shares add up to {share_sum:g}%, above 100%")]
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
        raise DataValidationError(
            [
                Issue(
                    file,
                    None,
                    "as_of",
                    f"one DTM round per table: found {len(dates)} dates ({dates[0]} to {dates[-1]})",
                )
            ]
        )
    counted = int(frame["idps"].sum())
    if total_idps is None:
        total_idps = counted
    elif counted > total_idps:
        raise DataValidationError(
            [
                Issue(
                    file,
                    None,
                    "idps",
                    f"the regions add up to {counted:,} IDPs, above the national total {total_idps:,}",
                )
            ]
        )
    frame["idps_estimate"] = frame["idps"].astype("Int64")
    frame["share"] = (frame["idps"].astype("Float64") / total_idps if total_idps else pd.NA).astype(
        "Float64"
    )
    return frame, total_idps, dates[0]


def load_dtm(
    table: Path | bytes = SHARES_CSV,
    *,
    name: str | None = None,
    summary: Path = SUMMARY_CSV,
    total_idps: int | None = None,
    mentions: Path | None = MENTIONS_CSV,
) -> Displacement:
    """Load a DTM regional table (shares or counts, path or uploaded bytes) and validate it.

    Raises
    ------
    DataValidationError
        Naming file, row and column for a missing column, a bad or negative number, a share
        above 100% (alone or in total), an unknown region (with the closest known names) or a
        region given twice (also under two aliases, e.g. Timbuktu and Tombouctou).
    """
    raw, display = read_table(table, name)
    if "share_pct" in raw.columns and "idps" in raw.columns:
        raise DataValidationError(
            [Issue(display, None, None, "give either share_pct or idps, not both")]
        )
    if "idps" in raw.columns:
        frame = _resolve_regions(validate(raw, COUNTS_SCHEMA, display), display)
        frame, total, as_of = _counts(frame, display, total_idps)
        kind = "counts"
    else:
        if "share_pct" not in raw.columns:
            raise DataValidationError(
                [
                    Issue(
                        display,
                        None,
                        "share_pct",
                        "required column is missing (a DTM table needs share_pct, or idps and as_of)",
                    )
                ]
            )
        frame = _resolve_regions(validate(raw, SHARES_SCHEMA, display), display)
        summary_total, as_of = load_summary(summary)
        frame, total = _shares(
            frame, display, total_idps if total_idps is not None else summary_total
        )
        kind = "shares"
    other_idps = total - int(frame["idps_estimate"].sum())
    other_share = round(1 - float(frame["share"].sum()), 9) if total else 0.0
    regions = frame[
        ["region", "region_id", "name_fr", "name_en", "share", "idps_estimate"]
    ].reset_index(drop=True)
    result = Displacement(
        regions=regions,
        kind=kind,
        total_idps=total,
        other_share=max(other_share, 0.0),
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
    """('April 2023') -> (2023, 4); None when the text is not 'Month YYYY'."""
    parts = text.replace(".", " ").split()
    if len(parts) != 2 or not parts[1].isdigit():
        return None
    month = _MONTHS.get(parts[0].casefold())
    return (int(parts[1]), month) if month else None


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
