"""The history of the figures across data versions, for trend charts (pure, pandas).

One point per version in force (withdrawn versions are left out, see
:mod:`data.versions.state`), version 0 being the bundled tables:

- :func:`funding_history`: required, confirmed and coverage per plan, objective and area;
- :func:`donor_history`: the donor rows of the funding updates that have them;
- :func:`dtm_history`: IDPs and shares per region, the national total (``national``) and
  the part in no named region (``other``), per round;
- :func:`dtm_change`: the change between two points of the DTM history.

"Not reported" stays <NA> in every frame, never 0. Each frame has its contract
(:data:`FUNDING_HISTORY`, :data:`DONOR_HISTORY`, :data:`DTM_HISTORY`, :data:`DTM_CHANGE`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd

from data.contracts import Contract, check
from data.displacement import Displacement
from data.intake.funding_model import DONOR_COLUMNS
from data.plan import PlanData, compute_funding
from data.versions.dtm_payload import dtm_from_payload
from data.versions.funding_payload import funding_from_payload
from data.versions.state import AnyVersion, funding_steps, shown_name, with_payloads

NATIONAL = "national"
"""The ``region_id`` of the national total in :func:`dtm_history`."""
OTHER = "other"
"""The ``region_id`` of the IDPs in no named region in :func:`dtm_history`."""

FUNDING_HISTORY = Contract(
    "funding history",
    {
        "version": "int64",
        "as_of": "object",
        "level": "string",
        "id": "string",
        "required_usd": "Int64",
        "confirmed_usd": "Int64",
        "coverage": "Float64",
    },
)
DONOR_HISTORY = Contract(
    "donor history",
    {
        "version": "int64",
        "as_of": "object",
        "area_id": "string",
        "donor": "string",
        "status": "string",
        "amount_usd": "Int64",
    },
)
DTM_HISTORY = Contract(
    "DTM history",
    {
        "version": "int64",
        "as_of": "object",
        "round_number": "Int64",
        "region_id": "string",
        "idps": "Int64",
        "share": "Float64",
        "measure": "string",
    },
)
DTM_CHANGE = Contract(
    "DTM change",
    {
        "region_id": "string",
        "idps_a": "Int64",
        "idps_b": "Int64",
        "change": "Int64",
        "share_a": "Float64",
        "share_b": "Float64",
        "share_change": "Float64",
        "measure_a": "string",
        "measure_b": "string",
    },
)


def _frame(columns: dict[str, list[object]], contract: Contract, where: str) -> pd.DataFrame:
    frame = pd.DataFrame(
        {name: pd.array(columns[name], dtype=dtype) for name, dtype in contract.columns.items()},
        columns=list(contract.columns),
    )
    return check(frame, contract, where)


def _coverage(confirmed: int | None, required: int) -> float | None:
    """confirmed / required; None (<NA>) when not reported or nothing is required."""
    return None if confirmed is None or not required else confirmed / required


def funding_history(
    baseline: PlanData, versions: Sequence[AnyVersion], at: int | None = None
) -> pd.DataFrame:
    """Required, confirmed and coverage at each funding version in force up to ``at``.

    One row per (version, level, id): ``level`` is ``plan`` (``id`` "plan"), ``objective``
    or ``area`` (their ids, in the plan's order). Version 0 is the plan as printed, dated
    its document date; each update is dated its as-of date. The plan's confirmed amount is
    the sum of its objectives' (<NA> when none is reported); coverage is confirmed /
    required, <NA> when confirmed is not reported.
    """
    columns: dict[str, list[object]] = {name: [] for name in FUNDING_HISTORY.columns}

    def add(version: int, as_of: dt.date, level: str, rows: pd.DataFrame, ids: str) -> None:
        for row_id, required, confirmed, coverage in zip(
            rows[ids], rows["required_usd"], rows["confirmed_usd"], rows["coverage"], strict=True
        ):
            for name, value in zip(
                FUNDING_HISTORY.columns,
                (version, as_of, level, row_id, required, confirmed, coverage),
                strict=True,
            ):
                columns[name].append(value)

    for info, plan in funding_steps(baseline, versions, at):
        version = 0 if info is None else info.id
        as_of = baseline.summary.document_date if info is None else info.as_of
        funding = compute_funding(plan)
        objectives = funding.objectives
        required = int(objectives["required_usd"].sum())
        reported = objectives["confirmed_usd"].sum(min_count=1)
        confirmed = None if pd.isna(reported) else int(reported)
        total = pd.DataFrame(
            {
                "id": ["plan"],
                "required_usd": [required],
                "confirmed_usd": [confirmed],
                "coverage": [_coverage(confirmed, required)],
            }
        )
        add(version, as_of, "plan", total, "id")
        add(version, as_of, "objective", objectives, "objective_id")
        add(version, as_of, "area", funding.areas, "area_id")
    return _frame(columns, FUNDING_HISTORY, "funding_history")


def donor_history(versions: Sequence[AnyVersion], at: int | None = None) -> pd.DataFrame:
    """The donor rows of every funding update in force up to ``at`` that has them.

    Each update lists every contribution to date, so a version's rows are its whole picture;
    ``as_of`` is the version's as-of date. Empty (with the columns) when no update has donors.
    """
    columns: dict[str, list[object]] = {name: [] for name in DONOR_HISTORY.columns}
    for version in with_payloads(versions, "funding", at):
        donors = funding_from_payload(version.payload, shown_name(version.info)).donors
        for area_id, donor, status, amount in zip(
            *(donors[name] for name in DONOR_COLUMNS[:4]), strict=True
        ):
            for name, value in zip(
                DONOR_HISTORY.columns,
                (version.info.id, version.info.as_of, area_id, donor, status, amount),
                strict=True,
            ):
                columns[name].append(value)
    return _frame(columns, DONOR_HISTORY, "donor_history")


def _dtm_rows(
    columns: dict[str, list[object]],
    point: tuple[int, dt.date, int | None],
    regions: pd.DataFrame,
    totals: tuple[int, int, float],
    measure: str,
) -> None:
    """The national row, one row per region (``idps`` column), then the other regions' row."""
    total, other, other_share = totals
    rows = [(NATIONAL, total, 1.0, "count")]
    rows += [
        (region_id, idps, share, measure)
        for region_id, idps, share in zip(
            regions["region_id"], regions["idps"], regions["share"], strict=True
        )
    ]
    rows.append((OTHER, other, other_share, measure))
    for row in rows:
        for name, value in zip(DTM_HISTORY.columns, (*point, *row), strict=True):
            columns[name].append(value)


def dtm_history(
    baseline_dtm: Displacement, versions: Sequence[AnyVersion], at: int | None = None
) -> pd.DataFrame:
    """IDPs and shares per region at version 0 and at each DTM round in force up to ``at``.

    Per point: the ``national`` total (``share`` 1, ``measure`` "count": the national total is
    DTM's figure), each region as the round lists it (<NA> when left empty) and ``other``
    (IDPs in no named region). ``measure`` is "count" for DTM counts and "estimate" for
    share x total. Shares are of the national total. ``round_number`` is <NA> when not known.
    """
    columns: dict[str, list[object]] = {name: [] for name in DTM_HISTORY.columns}
    base = baseline_dtm
    _dtm_rows(
        columns,
        (0, base.as_of, None),
        base.regions.rename(columns={"idps_estimate": "idps"}),
        (base.total_idps, base.other_idps, base.other_share),
        "count" if base.kind == "counts" else "estimate",
    )
    for version in with_payloads(versions, "dtm", at):
        dtm = dtm_from_payload(version.payload, shown_name(version.info))
        number = dtm.round_number if dtm.round_number is not None else version.info.round_number
        _dtm_rows(
            columns,
            (version.info.id, version.info.as_of, number),
            dtm.regions,
            (dtm.total_idps, dtm.other_idps, dtm.other_share),
            "count" if dtm.kind == "counts" else "estimate",
        )
    return _frame(columns, DTM_HISTORY, "dtm_history")


def dtm_change(history: pd.DataFrame, version_a: int, version_b: int) -> pd.DataFrame:
    """Version ``b`` minus version ``a`` of a :func:`dtm_history`, per region.

    Rows: ``national``, the regions of ``a`` then those only in ``b``, ``other`` last. A region
    missing from one point (or not reported there) has <NA> for it and for the change, never
    0. ``share_change`` is in fractions of the national total (0.01: one percentage point).

    Raises
    ------
    ValueError
        ``version_a`` or ``version_b`` is not a point of ``history``.
    """
    points = []
    for version in (version_a, version_b):
        rows = history[history["version"] == version]
        if rows.empty:
            raise ValueError(f"version {version} is not in the DTM history")
        points.append(rows.set_index("region_id"))
    left, right = points
    ids = [i for i in dict.fromkeys([*left.index, *right.index]) if i != OTHER] + [OTHER]
    idps_a = left["idps"].reindex(ids).astype("Int64")
    idps_b = right["idps"].reindex(ids).astype("Int64")
    share_a = left["share"].reindex(ids).astype("Float64")
    share_b = right["share"].reindex(ids).astype("Float64")
    columns: dict[str, list[object]] = {
        "region_id": ids,
        "idps_a": list(idps_a),
        "idps_b": list(idps_b),
        "change": list(idps_b - idps_a),
        "share_a": list(share_a),
        "share_b": list(share_b),
        "share_change": list(share_b - share_a),
        "measure_a": list(left["measure"].reindex(ids)),
        "measure_b": list(right["measure"].reindex(ids)),
    }
    return _frame(columns, DTM_CHANGE, "dtm_change")
