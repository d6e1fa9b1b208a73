"""History frames for the trend-chart tests, in the schema of ``data/versions`` (built here,
never imported from it), from the repository's own data:

- funding: version 0 = the plan (``compute_funding``, as of its document date 27 Nov 2023),
  version 1 = ``data/examples/funding_donors_example.xlsx`` applied (29 Mar 2024), version 2 =
  ``data/examples/funding_update_example.csv`` applied on top (31 Mar 2024);
- donors: the eight donor rows of the donors example, as version 1;
- DTM: version 0 = the plan's shares x its national total (estimates, 30 Sep 2023),
  version 1 = round 14 (``dtm_round_example.csv``, counts with a total row, 30 Apr 2023),
  version 2 = round 15 (``dtm_round_example.xlsx``, counts with an "other regions" row,
  30 Sep 2023).

Small hand-made frames for the edge cases (gaps, one version, many areas) are built with
:func:`funding_frame` / :func:`dtm_frame`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pandas as pd

from data.intake import apply_funding_update, parse_dtm_round, parse_funding_update, read_upload
from data.plan import compute_funding

EXAMPLES = Path(__file__).resolve().parents[1] / "data" / "examples"
PLAN_DATE = dt.date(2023, 11, 27)
FUNDING_COLUMNS = ("version", "as_of", "level", "id", "required_usd", "confirmed_usd", "coverage")
DONOR_COLUMNS = ("version", "as_of", "area_id", "donor", "status", "amount_usd")
DTM_COLUMNS = ("version", "as_of", "round_number", "region_id", "idps", "share", "measure")
SOURCE = "OIM Mali — versions des données"


def read_example(name: str) -> Any:
    return read_upload((EXAMPLES / name).read_bytes(), name)


def funding_frame(rows: list[tuple]) -> pd.DataFrame:
    """A funding history from ``(version, as_of, level, id, required, confirmed, coverage)``."""
    frame = pd.DataFrame(rows, columns=list(FUNDING_COLUMNS))
    return frame.astype(
        {
            "version": "int64",
            "required_usd": "Int64",
            "confirmed_usd": "Int64",
            "coverage": "Float64",
        }
    )


def dtm_frame(rows: list[tuple]) -> pd.DataFrame:
    """A DTM history from ``(version, as_of, round, region_id, idps, share, measure)``."""
    frame = pd.DataFrame(rows, columns=list(DTM_COLUMNS))
    return frame.astype(
        {"version": "int64", "round_number": "Int64", "idps": "Int64", "share": "Float64"}
    )


def _funding_rows(version: int, as_of: dt.date, funding: Any) -> list[tuple]:
    totals = funding.totals
    rows = [
        (
            version,
            as_of,
            "plan",
            "plan",
            totals.required_usd,
            totals.confirmed_usd,
            totals.coverage,
        )
    ]
    for level, frame, key in (
        ("objective", funding.objectives, "objective_id"),
        ("area", funding.areas, "area_id"),
    ):
        rows += [
            (version, as_of, level, getattr(r, key), r.required_usd, r.confirmed_usd, r.coverage)
            for r in frame.itertuples()
        ]
    return rows


def funding_versions(plan: Any) -> tuple[list[Any], list[Any]]:
    """The plans of versions 0, 1, 2 and the two updates applied."""
    donors = parse_funding_update(read_example("funding_donors_example.xlsx"), plan)
    update = parse_funding_update(read_example("funding_update_example.csv"), plan)
    first = apply_funding_update(plan, donors)
    return [plan, first, apply_funding_update(first, update)], [donors, update]


def funding_history(plan: Any) -> pd.DataFrame:
    plans, updates = funding_versions(plan)
    dates = [PLAN_DATE, updates[0].as_of, updates[1].as_of]
    rows = []
    for version, (version_plan, as_of) in enumerate(zip(plans, dates, strict=True)):
        rows += _funding_rows(version, as_of, compute_funding(version_plan))
    return funding_frame(rows)


def donor_history(plan: Any) -> pd.DataFrame:
    update = parse_funding_update(read_example("funding_donors_example.xlsx"), plan)
    donors = update.donors
    frame = pd.DataFrame(
        {
            "version": 1,
            "as_of": update.as_of,
            "area_id": donors["area_id"].astype(str),
            "donor": donors["donor"].astype(str),
            "status": donors["status"].astype(str),
            "amount_usd": donors["amount_usd"].astype("Int64"),
        }
    )
    return frame[list(DONOR_COLUMNS)]


def dtm_rounds() -> tuple[Any, Any]:
    """Rounds 14 (CSV, total row) and 15 (XLSX, other-regions row) as the data layer reads them."""
    return (
        parse_dtm_round(read_example("dtm_round_example.csv")),
        parse_dtm_round(read_example("dtm_round_example.xlsx")),
    )


def _round_rows(version: int, dtm_round: Any) -> list[tuple]:
    measure = "count" if dtm_round.kind == "counts" else "estimate"
    when, number = dtm_round.as_of, dtm_round.round_number
    rows = [(version, when, number, "national", dtm_round.total_idps, 1.0, "count")]
    rows += [
        (version, when, number, r.region_id, r.idps, r.share, measure)
        for r in dtm_round.regions.itertuples()
    ]
    rows.append(
        (version, when, number, "other", dtm_round.other_idps, dtm_round.other_share, measure)
    )
    return rows


def dtm_history(dtm: Any) -> pd.DataFrame:
    """The plan's DTM figures (version 0) and rounds 14 and 15 (versions 1 and 2)."""
    rows = [(0, dtm.as_of, pd.NA, "national", dtm.total_idps, 1.0, "count")]
    rows += [
        (0, dtm.as_of, pd.NA, r.region_id, r.idps_estimate, r.share, "estimate")
        for r in dtm.regions.itertuples()
    ]
    rows.append((0, dtm.as_of, pd.NA, "other", dtm.other_idps, dtm.other_share, "estimate"))
    round_14, round_15 = dtm_rounds()
    return dtm_frame(rows + _round_rows(1, round_14) + _round_rows(2, round_15))
