"""Edits from the user (a data editor, a mapping, parsed pairs), checked against the plan,
and the recomputation: :func:`apply_overrides` and :func:`scenario_funding`.

The baseline (:class:`data.plan.PlanData` as loaded) is never modified: :func:`apply_overrides`
returns a new ``PlanData`` and :func:`data.plan.compute_funding` derives every scenario
figure from it, exactly as for the plan.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping
from typing import Any

import pandas as pd

from data.plan import Funding, PlanData, compute_funding
from data.scenario.amounts import grouped, is_blank, parse_amount, parse_typed_cell
from data.scenario.model import AreaEdit
from data.scenario.problems import Problem, ScenarioError, echo, quoted

EDIT_KEYS = ("confirmed_usd", "pledge_usd", "note")


def area_ids(baseline: PlanData) -> list[str]:
    """The plan's activity area ids, in the plan's order."""
    return [str(area_id) for area_id in baseline.areas["area_id"]]


def unknown_area(area_id: object, valid: list[str], where: str) -> Problem:
    """An area id the plan does not have, with the valid ids."""
    return Problem(
        where,
        "unknown_area",
        f"unknown activity area {quoted(area_id)}; valid ids: {', '.join(valid)}",
        {"area_id": echo(area_id), "valid": ", ".join(valid)},
    )


def _parse_note(value: object, where: str) -> str:
    if is_blank(value) or (isinstance(value, float) and math.isnan(value)):
        return ""
    if not isinstance(value, str):
        raise ScenarioError(Problem(where, "not_text", f"{quoted(value)} is not text"))
    return value


def _parse_edit(raw: object, where: str, problems: list[Problem]) -> AreaEdit | None:
    """One edit from an AreaEdit, a mapping of EDIT_KEYS, or a bare confirmed amount."""
    if isinstance(raw, AreaEdit):
        return raw
    if isinstance(raw, Mapping):
        fields = dict(raw)
        for key in fields:
            if key not in EDIT_KEYS:
                problems.append(
                    Problem(
                        f"{where}.{echo(key)}",
                        "unexpected_key",
                        f"unexpected key (expected {', '.join(EDIT_KEYS)})",
                        {"key": echo(key)},
                    )
                )
    else:
        fields = {"confirmed_usd": raw}
    values: dict[str, Any] = {}
    for key, parse in (
        ("confirmed_usd", parse_amount),
        ("pledge_usd", parse_amount),
        ("note", _parse_note),
    ):
        try:
            values[key] = parse(fields.get(key), f"{where}.{key}")
        except ScenarioError as exc:
            problems.extend(exc.problems)
    if len(values) < len(EDIT_KEYS):
        return None
    try:
        return AreaEdit(
            confirmed_usd=values["confirmed_usd"],
            pledge_usd=values["pledge_usd"] or 0,
            note=values["note"],
        )
    except ScenarioError as exc:
        problems.extend(
            dataclasses.replace(problem, where=f"{where}.{problem.where}")
            for problem in exc.problems
        )
        return None


def _rows(edits_like: object) -> list[tuple[object, object]]:
    """(area id, raw edit) pairs from a mapping or a data-editor frame."""
    if isinstance(edits_like, pd.DataFrame):
        frame = edits_like
        if "area_id" not in frame.columns:
            frame = frame.reset_index()
        if "area_id" not in frame.columns:
            raise ScenarioError(
                Problem("", "missing_column", "the table has no 'area_id' column or index")
            )
        columns = [key for key in EDIT_KEYS if key in frame.columns]
        # An empty cell of a data editor (NaN in a float column, <NA>) means 'keep the plan's'.
        frame = frame.astype(object).where(frame.notna(), None)
        return [
            (record["area_id"], {key: record[key] for key in columns})
            for record in frame.to_dict("records")
        ]
    if isinstance(edits_like, Mapping):
        return list(edits_like.items())
    if isinstance(edits_like, list):  # (area id, raw edit) pairs, repeated ids kept
        return list(edits_like)
    raise ScenarioError(
        Problem(
            "",
            "bad_type",
            f"edits must be a mapping of area id to edit, not {type(edits_like).__name__}",
        )
    )


def baseline_confirmed(baseline: PlanData) -> dict[str, int | None]:
    """Each area's confirmed amount in the plan (``None``: not reported)."""
    return {
        str(area_id): None if pd.isna(value) else int(value)
        for area_id, value in zip(
            baseline.areas["area_id"], baseline.areas["confirmed_usd"], strict=True
        )
    }


def parse_edits(
    baseline: PlanData, edits_like: object, prefix: str = "", drop_unchanged: bool = False
) -> tuple[dict[str, AreaEdit], list[Problem]]:
    """Parse (area id, raw edit) pairs; drop empty edits (and, if asked, the plan's own figures)."""
    valid = area_ids(baseline)
    base = baseline_confirmed(baseline)
    problems: list[Problem] = []
    parsed: dict[str, AreaEdit] = {}
    seen: set[str] = set()
    for raw_id, raw in _rows(edits_like):
        area_id = raw_id.strip() if isinstance(raw_id, str) else raw_id
        where = f"{prefix}{area_id}"
        if area_id not in base:
            problems.append(unknown_area(raw_id, valid, prefix.rstrip(".")))
            continue
        if area_id in seen:
            problems.append(
                Problem(where, "duplicate_area", "this activity area is given more than once")
            )
            continue
        seen.add(area_id)
        edit = _parse_edit(raw, where, problems)
        if edit is None:
            continue
        unchanged = edit.confirmed_usd is None or (
            drop_unchanged and edit.confirmed_usd == base[area_id]
        )
        if unchanged and edit.pledge_usd == 0 and not edit.note:
            continue  # carries nothing: dropped, so that 'no edits' means 'the plan'
        parsed[area_id] = edit
    ordered = {area_id: parsed[area_id] for area_id in valid if area_id in parsed}
    return ordered, problems


def scenario_confirmed(base: int | None, edit: AreaEdit | None) -> int | None:
    """An area's scenario confirmed amount; ``None`` (not reported) only if nothing is given."""
    if edit is None or edit.is_noop:
        return base
    start = edit.confirmed_usd if edit.confirmed_usd is not None else (base or 0)
    return start + edit.pledge_usd


def validate_edits(
    baseline: PlanData, edits_like: Mapping[str, object] | pd.DataFrame
) -> tuple[dict[str, AreaEdit], list[str]]:
    """Check user edits; return them as ``{area_id: AreaEdit}`` (plan order) and warnings.

    ``edits_like`` maps area ids to an :class:`AreaEdit`, a mapping with any of
    ``confirmed_usd``, ``pledge_usd``, ``note``, or a bare confirmed amount; or is a data-editor
    frame with an ``area_id`` column (or index) and those columns. Empty edits (no confirmed
    figure, no pledge, no note) are dropped; in a frame (a full table of every area) so are
    rows that only repeat the plan's own confirmed figure. In a frame an empty cell (NaN,
    <NA>) means 'keep the plan's figure'; elsewhere NaN is refused.

    Warnings (not errors): areas whose scenario confirmed exceeds their requirement.

    Raises
    ------
    ScenarioError
        Listing every unknown area (with the valid ids), repeated area, and bad amount
        (not a number, NaN/infinite, cents, negative, above ``MAX_AMOUNT_USD``).
    """
    edits, problems = parse_edits(
        baseline, edits_like, drop_unchanged=isinstance(edits_like, pd.DataFrame)
    )
    if problems:
        raise ScenarioError(problems)
    base = baseline_confirmed(baseline)
    required = dict(
        zip(
            (str(area_id) for area_id in baseline.areas["area_id"]),
            (int(value) for value in baseline.areas["required_usd"]),
            strict=True,
        )
    )
    warnings = []
    for area_id, edit in edits.items():
        confirmed = scenario_confirmed(base[area_id], edit)
        if confirmed is not None and confirmed > required[area_id]:
            warnings.append(
                f"{area_id}: scenario confirmed {grouped(confirmed)} USD exceeds the "
                f"{grouped(required[area_id])} USD required (over-funded by "
                f"{grouped(confirmed - required[area_id])} USD)"
            )
    return edits, warnings


# --- recomputation ----------------------------------------------------------------------


def apply_overrides(baseline: PlanData, edits: Mapping[str, AreaEdit]) -> PlanData:
    """A new ``PlanData`` with the edits applied; ``baseline`` is left untouched.

    Each edited area's confirmed = (edited confirmed, else the plan's, 'not reported' counting
    as 0 only when an amount is given) + pledge; other areas keep the plan's value, <NA>
    included. Each objective's confirmed moves by the change of its areas' itemised sum, so
    the amount not itemised to any area (410,526 USD for objective 1) is kept as it is.
    Confirmed above required is allowed (``compute_funding`` flags it ``over_funded``).
    """
    known = set(area_ids(baseline))
    unknown = [area_id for area_id in edits if area_id not in known]
    if unknown:
        raise ScenarioError(
            [unknown_area(area_id, area_ids(baseline), str(area_id)) for area_id in unknown]
        )
    for area_id, edit in edits.items():
        if not isinstance(edit, AreaEdit):
            raise TypeError(f"edits[{area_id!r}] is not an AreaEdit: {edit!r}")

    areas = baseline.areas.copy()
    base = baseline_confirmed(baseline)
    areas["confirmed_usd"] = pd.array(
        [
            scenario_confirmed(base[str(area_id)], edits.get(str(area_id)))
            for area_id in areas["area_id"]
        ],
        dtype="Int64",
    )

    def itemised(frame: pd.DataFrame) -> pd.Series:
        return frame.groupby("objective_id", sort=False)["confirmed_usd"].sum()  # <NA> skipped

    delta = (itemised(areas) - itemised(baseline.areas)).astype("Int64")
    objectives = baseline.objectives.copy()
    change = objectives["objective_id"].map(delta).astype("Int64").fillna(0)
    confirmed = objectives["confirmed_usd"]
    objectives["confirmed_usd"] = confirmed.where(change == 0, confirmed.fillna(0) + change).astype(
        "Int64"
    )
    return dataclasses.replace(
        baseline,
        areas=areas,
        objectives=objectives,
        area_regions=baseline.area_regions.copy(),
        sources=baseline.sources.copy(),
    )


def scenario_funding(baseline: PlanData, edits: Mapping[str, AreaEdit]) -> Funding:
    """Every scenario figure: ``compute_funding(apply_overrides(baseline, edits))``."""
    return compute_funding(apply_overrides(baseline, edits))


# --- the what-if grid: amounts typed as text in the page's language -------------------------
AMOUNT_KEYS = ("confirmed_usd", "pledge_usd")


def validate_typed(
    baseline: PlanData, table: pd.DataFrame, lang: str
) -> tuple[dict[str, AreaEdit], list[str]]:
    """:func:`validate_edits` of a grid whose amounts are text typed in ``lang``.

    ``table`` has index ``area_id`` and columns ``confirmed_usd``, ``pledge_usd`` (text as
    typed, read by :func:`~data.scenario.amounts.parse_typed_amount`; or the active
    scenario's integers; empty: none) and ``note``.

    Raises
    ------
    ScenarioError
        Every refused amount (``where``: ``<area_id>.<column>``, ``value``: what was typed),
        then, once every amount reads, whatever :func:`validate_edits` refuses.
    """
    frame = table.astype(object)
    problems: list[Problem] = []
    for row, area_id in enumerate(frame.index):
        for key in AMOUNT_KEYS:
            column = frame.columns.get_loc(key)
            try:
                frame.iat[row, column] = parse_typed_cell(
                    frame.iat[row, column], lang, f"{area_id}.{key}"
                )
            except ScenarioError as exc:
                problems.extend(exc.problems)
    if problems:
        raise ScenarioError(problems)
    return validate_edits(baseline, frame)


def edit_changes(
    before: Mapping[str, AreaEdit], after: Mapping[str, AreaEdit], order: list[str]
) -> list[tuple[str, str, object]]:
    """``(area_id, field, new value)`` of every field of :data:`EDIT_KEYS` that differs
    between two sets of edits, areas in ``order`` (``None`` / 0 / "": no value)."""
    empty = AreaEdit()
    changes: list[tuple[str, str, object]] = []
    for area_id in order:
        old, new = before.get(area_id, empty), after.get(area_id, empty)
        changes.extend(
            (area_id, key, getattr(new, key))
            for key in EDIT_KEYS
            if getattr(old, key) != getattr(new, key)
        )
    return changes
