"""A funding update from an officer's table: :func:`parse_funding_update`.

Two shapes are read (column headers through the alias table):

- **one row per area or objective**: ``area`` and/or ``objective``, ``confirmed_usd`` and/or
  ``pledged_usd``. A row naming an activity area (by id or name, FR or EN, long or short)
  gives that area's amounts; a row naming only an objective (in either column) gives the
  objective's confirmed total; a ``Total`` row is kept as :attr:`FundingUpdate.stated_total_usd`
  (shown, never applied). An amount left empty is "not reported" (<NA>), never 0.
- **one row per donor contribution** (a ``donor`` column): ``area``, ``donor``, the amount
  (``confirmed_usd`` column, e.g. ``montant``), ``status`` (pledged, committed or paid, FR or
  EN; committed when there is no status column) and a date. Rows list every contribution to
  date. Per area: confirmed = committed + paid; pledged = pledged (plus a ``pledged_usd``
  column when given); an area with pledges only has confirmed "not reported".

The report's date is ``as_of`` (given by the page) or the table's single date; for donor rows,
the latest contribution date. :func:`data.intake.funding_apply.apply_funding_update` makes the
new plan tables; the update is checked against them here (an objective total below the sum
of its areas is refused).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from data.errors import MAX_SHOWN, MAX_USD, Issue, IssueList, excerpt, refuse
from data.intake.aliases import lookup, match_headers, row_label
from data.intake.cells import Cells, one_date
from data.intake.funding_apply import apply_funding_update
from data.intake.funding_model import (
    CONFIRMED_STATUSES,
    DONOR_COLUMNS,
    STATUS_CHOICES,
    FundingUpdate,
)
from data.intake.plan_names import NameIndex
from data.intake.table import RawTable
from data.intake.values import parse_date, parse_whole
from data.plan import PlanData


@dataclass
class _Found:
    """What the rows gave so far, with the first row of each name (duplicates)."""

    areas: dict[str, tuple[int | None, int | None, int]] = field(default_factory=dict)
    objectives: dict[str, tuple[int | None, int | None, int]] = field(default_factory=dict)
    donors: list[tuple[str, str, str, int, dt.date | None, int]] = field(default_factory=list)
    total: tuple[int | None, int] | None = None


def _amount(text: str) -> int | None:
    return parse_whole(text, currency=True, maximum=MAX_USD)


def _unknown(
    cells: Cells,
    index: int,
    column: str,
    name: str,
    indexes: list[NameIndex],
    what: str,
    few: bool,
) -> Issue:
    """``unknown_area`` or ``unknown_objective`` (``_hint`` with the closest names)."""
    hints = [hint for found in indexes for hint in found.suggest(name)][:3] if few else []
    code = f"unknown_{what}"
    shown = "activity area" if what == "area" else what
    if hints:
        hint = ", ".join(hints)
        message = f"unknown {shown} {excerpt(name)}; closest names: {hint}"
        return cells.issue(
            index, column, message, f"{code}_hint", value=excerpt(name), suggestions=hint
        )
    message = f"unknown {shown} {excerpt(name)}"
    return cells.issue(index, column, message, code, value=excerpt(name))


def _target(
    cells: Cells,
    index: int,
    objective_of: Mapping[str, str],
    names: tuple[NameIndex, NameIndex],
    aliases: Mapping[str, str] | None,
    issues: IssueList,
) -> tuple[str, str] | None:
    """``("area" | "objective" | "total", id)`` the row is about; None (issue added) if unknown."""
    areas, objectives = names
    area_text, objective_text = cells.text(index, "area"), cells.text(index, "objective")
    column = "area" if area_text else "objective"
    name = area_text or objective_text
    if not name:
        issues.add(
            cells.issue(index, "area" if cells.has("area") else "objective", "empty value", "empty")
        )
        return None
    if row_label(name) == "total":
        return "total", ""
    area_id = areas.find(name, aliases) if area_text else None
    objective_id = objectives.find(name, aliases)
    if area_id is not None and objective_id is not None:
        message = f"{excerpt(name)} names an activity area and an objective"
        issues.add(cells.issue(index, column, message, "ambiguous_name", value=excerpt(name)))
        return None
    if area_id is None and objective_id is None:
        what, found = ("area", [areas, objectives]) if area_text else ("objective", [objectives])
        few = len(issues) < MAX_SHOWN  # suggestions cost a comparison with every name
        issues.add(_unknown(cells, index, column, name, found, what, few))
        return None
    if area_id is None:
        return "objective", str(objective_id)
    if objective_text and area_text:
        given = objectives.find(objective_text, aliases)
        expected = objective_of[area_id]
        if given != expected:
            message = f"{excerpt(area_text)} is an activity area of {expected}"
            params = {
                "value": excerpt(objective_text),
                "area": excerpt(area_text),
                "expected": expected,
            }
            issues.add(
                cells.issue(index, "objective", message, "area_objective_mismatch", **params)
            )
            return None
    return "area", area_id


def _first(
    cells: Cells,
    index: int,
    column: str,
    seen: dict[str, tuple[int | None, int | None, int]],
    key: str,
    issues: IssueList,
) -> bool:
    """True when ``key`` is new; else a ``duplicate`` issue naming the first row."""
    if key not in seen:
        return True
    first_row = seen[key][-1]
    name = cells.text(index, column) or cells.text(index, "objective")
    message = f"duplicate value {excerpt(name)} (first on row {first_row})"
    issues.add(
        cells.issue(index, column, message, "duplicate", value=excerpt(name), first_row=first_row)
    )
    return False


def _one_row_each(
    cells: Cells, index: int, target: tuple[str, str], found: _Found, issues: IssueList
) -> None:
    """One row of the shape 'one row per area or objective'."""
    kind, target_id = target
    confirmed = cells.read(index, "confirmed_usd", _amount, issues)
    pledged = cells.read(index, "pledged_usd", _amount, issues)
    row = cells.row(index)
    if kind == "total":
        if found.total is not None:
            message = f"a second total row (the first is row {found.total[1]})"
            issues.add(
                cells.issue(index, "area", message, "duplicate_total_row", first_row=found.total[1])
            )
        else:
            found.total = (confirmed, row)
        return
    column = "area" if cells.text(index, "area") else "objective"
    seen = found.areas if kind == "area" else found.objectives
    if _first(cells, index, column, seen, target_id, issues):
        seen[target_id] = (confirmed, pledged, row)


def _donor_row(
    cells: Cells,
    index: int,
    target: tuple[str, str],
    found: _Found,
    issues: IssueList,
    day_first: bool | None,
) -> None:
    """One row of the shape 'one row per donor contribution'."""
    kind, area_id = target
    if kind == "total":
        _one_row_each(cells, index, target, found, issues)
        return
    if kind != "area":
        message = "a donor row names an activity area, not an objective"
        issues.add(cells.issue(index, "area", message, "donor_needs_area"))
        return
    donor = cells.text(index, "donor")
    if not donor:
        issues.add(cells.issue(index, "donor", "empty value", "empty"))
    status = "committed"
    if cells.has("status"):
        text = cells.text(index, "status")
        status = (lookup("status", text) or "") if text else ""
        if not status:
            code, message = ("not_choice", f"{excerpt(text)} is not one of {STATUS_CHOICES}")
            params = {"value": excerpt(text), "choices": STATUS_CHOICES}
            if not text:
                code, message, params = "empty", "empty value", {}
            issues.add(cells.issue(index, "status", message, code, **params))
    amount = cells.read(index, "confirmed_usd", _amount, issues)
    pledged = cells.read(index, "pledged_usd", _amount, issues)
    date = cells.read(index, "as_of", lambda text: parse_date(text, day_first), issues)
    if not cells.text(index, "confirmed_usd") and not cells.text(index, "pledged_usd"):
        column = "confirmed_usd" if cells.has("confirmed_usd") else "pledged_usd"
        issues.add(cells.issue(index, column, "empty value", "empty"))
    row = cells.row(index)
    if amount is not None and status:
        found.donors.append((area_id, donor, status, amount, date, row))
    if pledged is not None:
        found.donors.append((area_id, donor, "pledged", pledged, date, row))


def _donor_totals(found: _Found) -> None:
    """Per area: confirmed = committed + paid, pledged = pledged (None when there are none)."""
    for area_id, _donor, status, amount, _date, row in found.donors:
        confirmed, pledged, first_row = found.areas.get(area_id, (None, None, row))
        if status in CONFIRMED_STATUSES:
            confirmed = (confirmed or 0) + amount
        else:
            pledged = (pledged or 0) + amount
        found.areas[area_id] = (confirmed, pledged, first_row)


def _frame(rows: dict[str, tuple[int | None, int | None, int]], id_column: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            id_column: pd.array(list(rows), dtype="string"),
            "confirmed_usd": pd.array([value[0] for value in rows.values()], dtype="Int64"),
            "pledged_usd": pd.array([value[1] for value in rows.values()], dtype="Int64"),
            "source_row": pd.array([value[2] for value in rows.values()], dtype="Int64"),
        }
    )


def _donor_frame(found: _Found) -> pd.DataFrame:
    columns = list(zip(*found.donors, strict=True)) if found.donors else [()] * 6
    dtypes = ("string", "string", "string", "Int64", "object", "Int64")
    return pd.DataFrame(
        {
            name: pd.array(list(values), dtype=dtype)
            for name, values, dtype in zip(DONOR_COLUMNS, columns, dtypes, strict=True)
        }
    )


def parse_funding_update(
    raw: RawTable,
    plan: PlanData,
    *,
    as_of: dt.date | None = None,
    day_first: bool | None = None,
    aliases: Mapping[str, str] | None = None,
) -> FundingUpdate:
    """A funding update from a table read by :func:`data.intake.read_upload`, for ``plan``.

    ``aliases`` maps names the officer chose to area or objective ids; ``as_of`` is the
    report's date when the table has none (or must agree with the table's).

    Raises
    ------
    DataValidationError
        Naming file, row and column: missing columns (with the closest headers), unknown,
        ambiguous or repeated areas and objectives (with the closest names), bad amounts
        (cents, negative, ambiguous ``91.274``), bad statuses or dates (``ambiguous_date`` asks
        for ``day_first``), no date, nothing to update, or an objective total below the sum
        of its areas.
    """
    headers = match_headers(
        raw.header,
        file=raw.file,
        header_row=raw.header_row,
        required=[("area", "objective"), ("confirmed_usd", "pledged_usd")],
        optional=["donor", "status", "as_of"],
    )
    cells = Cells(raw, headers)
    names = (NameIndex.of(plan.areas, "area_id"), NameIndex.of(plan.objectives, "objective_id"))
    issues, found = IssueList(), _Found()
    by_donor = cells.has("donor")
    objective_of = dict(zip(plan.areas["area_id"], plan.areas["objective_id"], strict=True))
    for index in range(len(cells)):
        target = _target(cells, index, objective_of, names, aliases, issues)
        if target is not None and by_donor:
            _donor_row(cells, index, target, found, issues, day_first)
        elif target is not None:
            _one_row_each(cells, index, target, found, issues)
    if by_donor:
        _donor_totals(found)
        dates = [row[4] for row in found.donors if row[4] is not None]
        date = as_of or (max(dates) if dates else None)
        if date is None and not len(issues):
            issues.add(Issue(raw.file, None, None, "the table has no date", "missing_as_of"))
    else:
        date = one_date(cells, issues, as_of, day_first)
    issues.raise_if_any()
    if not found.areas and not found.objectives:
        raise refuse(raw.file, "no activity area or objective to update", "nothing_to_update")
    assert date is not None
    update = FundingUpdate(
        file=raw.file,
        as_of=date,
        areas=_frame(found.areas, "area_id"),
        objectives=_frame(found.objectives, "objective_id"),
        donors=_donor_frame(found),
        stated_total_usd=found.total[0] if found.total else None,
        ignored_columns=headers.ignored
        + ((cells.column("status"),) if cells.has("status") and not by_donor else ()),
    )
    apply_funding_update(plan, update)  # refuses an objective total below its areas' sum
    return update
