"""One declared contract per frame the pure layer returns, checked where it is returned."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from data import contracts
from data.contracts import ANY, Contract, ContractError, check, check_fields, problems
from data.errors import DashboardError
from data.plan import compute_funding
from geo.boundaries import BOUNDARY_COLUMNS, load_boundaries
from geo.join import join_regional_values

SMALL = Contract("small", {"id": "string", "amount": "Int64"})


def small(**columns) -> pd.DataFrame:
    base = {
        "id": pd.array(["a", "b"], dtype="string"),
        "amount": pd.array([1, None], dtype="Int64"),
    }
    return pd.DataFrame({**base, **columns})


# --- the mechanism ---------------------------------------------------------------------------


def test_a_frame_with_its_columns_and_dtypes_passes_unchanged():
    frame = small()
    assert check(frame, SMALL, "f") is frame
    assert problems(frame, SMALL) == []


@pytest.mark.parametrize(
    ("frame", "found"),
    [
        (small().drop(columns="amount"), "missing column(s) amount"),
        (small(note=["x", "y"]), "extra column(s) note"),
        (small()[["amount", "id"]], "columns in the order amount, id; expected id, amount"),
        (small(amount=[1.0, 2.0]), "wrong dtype(s): amount is float64 (expected Int64)"),
        (small(id=["a", "b"]), "wrong dtype(s): id is str (expected string)"),
    ],
)
def test_a_broken_contract_names_the_frame_and_what_breaks_it(frame, found):
    with pytest.raises(ContractError) as caught:
        check(frame, SMALL, "load_small")
    assert str(caught.value) == f"load_small: the small frame breaks its contract: {found}"


def test_every_problem_is_listed():
    frame = small(note=["x", "y"], amount=["1", "2"]).drop(columns="id")
    assert problems(frame, SMALL) == [
        "missing column(s) id",
        "extra column(s) note",
        "wrong dtype(s): amount is str (expected Int64)",
    ]


def test_a_contract_error_is_a_mistake_in_the_code_not_a_users_problem():
    assert issubclass(ContractError, RuntimeError)
    assert not issubclass(ContractError, ValueError)  # not caught as an input error
    assert not issubclass(ContractError, DashboardError)


def test_an_input_contract_allows_other_columns_and_any_order():
    wanted = Contract("input", {"amount": ANY})
    assert check(small(note=["x", "y"]), wanted, "f", exact=False) is not None
    with pytest.raises(ContractError, match="missing column"):
        check(small().drop(columns="amount"), wanted, "f", exact=False)


def test_extend_appends_columns():
    assert list(SMALL.extend("bigger", {"x": "bool"}).columns) == ["id", "amount", "x"]


def test_check_fields_wants_python_numbers():
    @dataclasses.dataclass
    class Figures:
        count: object
        share: object

    fields = {"count": int, "share": float}
    check_fields(Figures(3, 0.5), fields, "f")
    check_fields(Figures(3, 1), fields, "f")  # a whole share is a float's value
    for bad in (Figures(True, 0.5), Figures(3.0, 0.5), Figures(pd.NA, 0.5)):
        with pytest.raises(ContractError, match="f: Figures breaks its contract: count is"):
            check_fields(bad, fields, "f")


# --- every loader returns its contract -------------------------------------------------------


def test_load_plan_tables_have_their_contracts(plan):
    assert problems(plan.objectives, contracts.OBJECTIVES) == []
    assert problems(plan.areas, contracts.AREAS) == []
    assert problems(plan.area_regions, contracts.AREA_REGIONS) == []
    assert problems(plan.sources, contracts.SOURCES) == []


def test_compute_funding_has_its_contracts(funding):
    assert problems(funding.areas, contracts.FUNDING_AREAS) == []
    assert problems(funding.objectives, contracts.FUNDING_OBJECTIVES) == []
    assert problems(funding.reconciliation, contracts.NOTES) == []
    check_fields(funding.totals, contracts.TOTALS, "test")


def test_compute_funding_refuses_a_plan_frame_the_code_broke(plan):
    broken = dataclasses.replace(plan, areas=plan.areas.assign(extra=1))
    with pytest.raises(ContractError, match="compute_funding: the funding areas frame"):
        compute_funding(broken)


def test_load_dtm_has_its_contracts(dtm):
    assert problems(dtm.regions, contracts.DTM_REGIONS) == []
    assert problems(dtm.notes, contracts.NOTES) == []
    assert problems(dtm.plan_mentions, contracts.DTM_MENTIONS) == []


def test_notes_keep_their_dtypes_when_empty(dtm):
    from data.reconcile import notes_frame

    assert problems(notes_frame([], "test"), contracts.NOTES) == []


def test_boundaries_and_the_join_have_their_contracts(dtm):
    boundaries = load_boundaries()
    assert problems(boundaries, contracts.BOUNDARIES) == []
    assert list(contracts.BOUNDARIES.columns) == BOUNDARY_COLUMNS
    joined = join_regional_values(boundaries, dtm.regions, ["idps_estimate", "share"])
    wanted = contracts.joined({"idps_estimate": "Int64", "share": "Float64"})
    assert problems(joined.gdf, wanted) == []
    assert problems(joined.rollups, contracts.ROLLUPS) == []
    assert problems(joined.unmatched_units, contracts.UNITS) == []
