"""One declared contract per frame the pure layer returns: its columns, in order, and dtypes.

A loader checks its result against its contract just before returning it
(``return check(frame, AREAS, "load_plan")``). A frame that breaks its contract is a mistake
in the code, not in the user's input: :func:`check` raises :class:`ContractError` (never a
:class:`data.errors.DashboardError`, which pages word for users), naming the frame, the
missing and extra columns and the wrong dtypes. User input is refused earlier, by the schemas
of :mod:`data.schema` and the checks of :mod:`geo.boundaries`.

Dtypes are written as pandas names them (``str(series.dtype)``): ``"string"`` (text with
<NA>), ``"str"`` (pandas' default text dtype), ``"Int64"``, ``"Float64"``, ``"bool"``,
``"object"`` (dates, lists, dicts), ``"geometry"``; :data:`ANY` accepts every dtype (for
the columns a function reads from its input, checked with ``exact=False``).

The contracts of the pure layer's frames are declared at the end of this module, one per
frame: the plan's tables, the funding figures, the notes, the DTM figures, the boundaries
and the join.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TypeVar

import pandas as pd

Frame = TypeVar("Frame", bound=pd.DataFrame)


class ContractError(RuntimeError):
    """A frame returned by the pure layer does not have its declared columns and dtypes."""


@dataclass(frozen=True)
class Contract:
    """The columns (in order) and dtypes of one frame: ``Contract("areas", {"area_id": "string"})``."""

    name: str
    columns: Mapping[str, str]

    def extend(self, name: str, columns: Mapping[str, str]) -> Contract:
        """This contract's columns followed by ``columns``, under a new name."""
        return Contract(name, {**self.columns, **columns})


ANY = "any"
"""A dtype that accepts every dtype (for the columns a function reads from its input)."""


def problems(frame: pd.DataFrame, contract: Contract, *, exact: bool = True) -> list[str]:
    """What breaks ``contract`` in ``frame``: missing, extra, misplaced and mistyped columns.

    With ``exact`` False, other columns may follow in any order (an input's contract).
    """
    columns = [str(column) for column in frame.columns]
    expected = list(contract.columns)
    found = []
    missing = [column for column in expected if column not in columns]
    extra = [column for column in columns if column not in contract.columns] if exact else []
    if missing:
        found.append(f"missing column(s) {', '.join(missing)}")
    if extra:
        found.append(f"extra column(s) {', '.join(extra)}")
    if len(set(columns)) != len(columns):
        found.append("repeated column names")
    elif exact and not missing and not extra and columns != expected:
        found.append(f"columns in the order {', '.join(columns)}; expected {', '.join(expected)}")
    wrong = [
        f"{column} is {frame[column].dtype} (expected {dtype})"
        for column, dtype in contract.columns.items()
        if dtype != ANY
        and column in columns
        and columns.count(column) == 1
        and str(frame[column].dtype) != dtype
    ]
    if wrong:
        found.append(f"wrong dtype(s): {'; '.join(wrong)}")
    return found


def check(frame: Frame, contract: Contract, where: str, *, exact: bool = True) -> Frame:
    """Return ``frame`` unchanged when it has exactly the columns and dtypes of ``contract``.

    With ``exact`` False (a function's input), ``frame`` may have other columns too.

    Raises
    ------
    ContractError
        Naming ``where`` (the function returning or receiving the frame), the contract, and
        every missing, extra or misplaced column and wrong dtype.
    """
    found = problems(frame, contract, exact=exact)
    if found:
        raise ContractError(
            f"{where}: the {contract.name} frame breaks its contract: " + "; ".join(found)
        )
    return frame


def check_fields(record: object, fields: Mapping[str, type], where: str) -> None:
    """Check that each attribute of ``record`` named in ``fields`` is of its type.

    For dataclasses of figures (:class:`data.plan.Totals`): an ``int`` is a Python int (not
    a bool, not a numpy integer), a ``float`` a Python float or int.

    Raises
    ------
    ContractError
        Naming ``where`` and every attribute that is missing or of the wrong type.
    """
    wrong = []
    for name, kind in fields.items():
        value = getattr(record, name, None)
        if kind is float:
            ok = type(value) in (float, int)
        else:
            ok = type(value) is kind
        if not ok:
            wrong.append(f"{name} is {type(value).__name__} (expected {kind.__name__})")
    if wrong:
        raise ContractError(
            f"{where}: {type(record).__name__} breaks its contract: " + "; ".join(wrong)
        )


# --- the frames of the pure layer ------------------------------------------------------------
_TEXT, _INT, _FLOAT = "string", "Int64", "Float64"

OBJECTIVES = Contract(
    "objectives",
    {
        "objective_id": _TEXT,
        "name_en": _TEXT,
        "name_fr": _TEXT,
        "required_usd": _INT,
        "confirmed_usd": _INT,
        "people_targeted": _INT,
        "printed_coverage_pct": _INT,
        "source_id": _TEXT,
        "short_name_en": _TEXT,
        "short_name_fr": _TEXT,
    },
)
"""``load_plan().objectives``: one row per objective, as printed (short names never <NA>)."""

AREAS = Contract(
    "areas",
    {
        "area_id": _TEXT,
        "objective_id": _TEXT,
        "name_en": _TEXT,
        "name_fr": _TEXT,
        "required_usd": _INT,
        "confirmed_usd": _INT,
        "printed_coverage_pct": _INT,
        "source_id": _TEXT,
        "short_name_en": _TEXT,
        "short_name_fr": _TEXT,
    },
)
"""``load_plan().areas``: one row per activity area; ``confirmed_usd`` <NA> = not reported."""

AREA_REGIONS = Contract(
    "area_regions",
    {"area_id": _TEXT, "region": _TEXT, "quote": _TEXT, "inferred_from_place": _TEXT},
)
"""``load_plan().area_regions``: the regions the plan's text names per area."""

SOURCES = Contract(
    "sources",
    {
        "document_id": _TEXT,
        "file": _TEXT,
        "document": _TEXT,
        "publisher": _TEXT,
        "date": "object",
        "section": _TEXT,
        "url": _TEXT,
        "note": _TEXT,
    },
)
"""``load_plan().sources``: one row per data file; ``date`` a ``datetime.date`` or <NA>."""

FUNDING_AREAS = AREAS.extend(
    "funding areas",
    {"reported": "bool", "gap_usd": _INT, "coverage": _FLOAT, "over_funded": "bool"},
)
"""``compute_funding().areas``: the areas with their status."""

FUNDING_OBJECTIVES = OBJECTIVES.extend(
    "funding objectives",
    {
        "areas_required_usd": _INT,
        "itemised_confirmed_usd": _INT,
        "unitemised_confirmed_usd": _INT,
        "gap_usd": _INT,
        "coverage": _FLOAT,
        "areas_reported": _INT,
        "areas_total": _INT,
    },
)
"""``compute_funding().objectives``: the objectives with their areas' sums and status."""

TOTALS: dict[str, type] = {
    "required_usd": int,
    "confirmed_usd": int,
    "gap_usd": int,
    "coverage": float,
    "people_targeted": int,
    "entities_targeted": int,
}
"""``compute_funding().totals`` (:class:`data.plan.Totals`): Python numbers."""

NOTES = Contract(
    "notes",
    {
        "check_id": "str",
        "kind": "str",
        "scope": "str",
        "template": "str",
        "printed": _FLOAT,
        "computed": _FLOAT,
        "amount": _FLOAT,
        "unit": "str",
        "params": "object",
    },
)
"""The reconciliation (``compute_funding().reconciliation``) and the DTM notes
(``load_dtm().notes``): one row per check, ``params`` a dict (:mod:`data.reconcile`)."""

DTM_REGIONS = Contract(
    "DTM regions",
    {
        "region": _TEXT,
        "region_id": _TEXT,
        "name_fr": _TEXT,
        "name_en": _TEXT,
        "share": _FLOAT,
        "idps_estimate": _INT,
    },
)
"""``load_dtm().regions``: one row per DTM region, ``share`` 0..1."""

DTM_MENTIONS = Contract(
    "DTM mentions",
    {"mention_id": _TEXT, "total_idps": _INT, "as_of_printed": _TEXT, "section": _TEXT},
)
"""``load_dtm().plan_mentions``: the IDP totals the plan prints."""

BOUNDARIES = Contract(
    "boundaries",
    {
        "pcode": _TEXT,
        "region_id": _TEXT,
        "name_fr": _TEXT,
        "name_en": _TEXT,
        "level": _INT,
        "geometry": "geometry",
    },
)
"""``geo.boundaries.load_boundaries()``: one row per admin-1 unit, EPSG:4326."""

UNITS = Contract("units", {"pcode": _TEXT, "region_id": _TEXT, "name_fr": _TEXT, "name_en": _TEXT})
"""``geo.join.join_regional_values().unmatched_units``: units that hold no region."""

ROLLUPS = Contract(
    "rollups", {"region": _TEXT, "region_id": _TEXT, "pcode": _TEXT, "rolled_up": "bool"}
)
"""``geo.join.join_regional_values().rollups``: the unit that holds each region."""


def joined(values: Mapping[str, str]) -> Contract:
    """``geo.join.join_regional_values().gdf`` for value columns ``{name: dtype}``.

    ``dtm_regions`` lists the region ids each unit holds (its own first); ``label_fr`` and
    ``label_en`` are the units' worded names (kept until every caller words them with
    :func:`geo.names.rollup_label`).
    """
    return UNITS.extend(
        "joined units",
        {
            **values,
            "dtm_regions": "object",
            "label_fr": _TEXT,
            "label_en": _TEXT,
            "geometry": "geometry",
        },
    )
