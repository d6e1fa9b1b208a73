"""A DTM round from an officer's table: :func:`parse_dtm_round`, and :func:`round_change`.

A round gives IDPs per region either as **counts** (an ``idps`` column: DTM counts) or as
**shares** (a ``share_pct`` column, percentages: the counts are then estimates, share x total
rounded half up). The national total comes from a ``Total`` row, from an ``Other regions`` row
(total = named regions + other regions), from the page (``total_idps``), or, when the officer
says the table lists every region, is their sum (``total_is_sum``); with none of these the round
is refused: the sum of the named regions is never taken for the national total. Shares are
always count / national total. When both columns are given, the counts are used and the
share column is listed in ``ignored_columns``.

The date (``as_of``) and round number come from columns (one value per table) or from the
page; a region row left empty is "not reported" (<NA>), never 0.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Literal

import pandas as pd

from data.errors import MAX_COUNT, IssueList, refuse
from data.intake.aliases import match_headers
from data.intake.cells import Cells, one_date, one_round
from data.intake.dtm_rows import RoundRows, classify_rows
from data.intake.table import RawTable
from data.intake.values import parse_percent, parse_whole
from data.reconcile import round_half_up
from geo.regions import load_regions

Kind = Literal["counts", "shares"]
TotalSource = Literal["total_row", "other_row", "given", "sum"]

REGION_COLUMNS = ("region", "region_id", "name_fr", "name_en", "idps", "share", "source_row")
"""The columns of :attr:`DtmRound.regions`."""


@dataclass(frozen=True)
class DtmRound:
    """One DTM round as read from a file.

    ``regions`` has one row per named region (:data:`REGION_COLUMNS`): ``region`` as written,
    ``region_id`` and names from ``geo/regions.csv``, ``idps`` (Int64: the DTM count, or the
    estimate for shares; <NA> when not reported), ``share`` (Float64, 0-1, of the national
    total) and ``source_row`` (the row in the file). ``other_idps`` and ``other_share`` are the
    part in no named region. ``total_source`` says where the national total came from.
    """

    file: str
    as_of: dt.date
    round_number: int | None
    kind: Kind
    total_idps: int
    total_source: TotalSource
    named_idps: int
    other_idps: int
    other_share: float
    regions: pd.DataFrame
    ignored_columns: tuple[str, ...] = ()

    @property
    def figure(self) -> str:
        """``dtm_count`` for counts, ``estimate`` for shares x total (how a page labels them)."""
        return "dtm_count" if self.kind == "counts" else "estimate"


def _kind(cells: Cells, rows: RoundRows) -> Kind:
    if not cells.has("idps"):
        return "shares"
    if not cells.has("share_pct"):
        return "counts"
    return "counts" if any(cells.text(index, "idps") for index, _ in rows.named) else "shares"


def _check_given_total(total_idps: int | None, file: str) -> int | None:
    if total_idps is None:
        return None
    if isinstance(total_idps, bool) or not isinstance(total_idps, int):
        raise TypeError(f"total_idps must be an int, not {type(total_idps).__name__}")
    if not 1 <= total_idps <= MAX_COUNT:
        raise refuse(
            file,
            f"the national total {total_idps:,} is not between 1 and {MAX_COUNT:,}",
            "total_out_of_range",
            total=total_idps,
            maximum=MAX_COUNT,
        )
    return total_idps


def _count_at(cells: Cells, index: int | None, issues: IssueList) -> int | None:
    if index is None or not cells.has("idps"):
        return None
    return cells.read(index, "idps", lambda text: parse_whole(text, maximum=MAX_COUNT), issues)


def _national_total(
    cells: Cells,
    rows: RoundRows,
    named: int,
    given: int | None,
    total_is_sum: bool,
    other_count: int | None,
    counts: bool = True,
) -> tuple[int, TotalSource]:
    """The national total and where it came from; refused when sources disagree or are absent."""
    file = cells.file
    issues = IssueList()
    table_total = _count_at(cells, rows.total, issues)
    issues.raise_if_any()
    if rows.total is not None and table_total is None and counts:
        column = cells.column("idps")
        raise refuse(file, "empty value", "empty", row=cells.row(rows.total), column=column)
    source: TotalSource = "total_row"
    total = table_total
    if other_count is not None:
        if table_total is not None and named + other_count != table_total:
            assert rows.total is not None
            raise refuse(
                file,
                f"named regions ({named:,}) plus other regions ({other_count:,}) make "
                f"{named + other_count:,}, not the national total {table_total:,}",
                "total_disagrees",
                row=cells.row(rows.total),
                column=cells.column("idps"),
                named=named,
                other=other_count,
                computed=named + other_count,
                total=table_total,
            )
        if total is None:
            total, source = named + other_count, "other_row"
    if given is not None:
        if total is not None and total != given:
            raise refuse(
                file,
                f"the table's national total {total:,} differs from the total given, {given:,}",
                "total_param_disagrees",
                table_total=total,
                total=given,
            )
        total, source = given, "given" if total is None else source
    if total is None and total_is_sum:
        total, source = named, "sum"
    if total is None:
        raise refuse(
            file,
            "no national total: add a 'Total' row or an 'Other regions' row, or give the total",
            "missing_national_total",
        )
    return total, source


def _check_counts(file: str, column: str, named: int, total: int) -> None:
    if named > MAX_COUNT or total > MAX_COUNT:
        worst = max(named, total)
        raise refuse(
            file,
            f"the regions add up to {worst:,} IDPs, above the maximum {MAX_COUNT:,}",
            "total_above_maximum",
            column=column,
            total=worst,
            maximum=MAX_COUNT,
        )
    if total == 0:
        raise refuse(
            file,
            "all counts are zero: there is no total to compute shares from",
            "all_zero",
            column=column,
        )
    if named > total:
        raise refuse(
            file,
            f"the regions add up to {named:,} IDPs, above the national total {total:,}",
            "counts_above_total",
            column=column,
            counted=named,
            total=total,
        )


def _check_shares(file: str, column: str, shares: list[float], other: float | None) -> None:
    total = math.fsum(shares) + (other or 0.0)
    if total > 100 + 1e-9:
        raise refuse(
            file,
            f"the shares add up to {total:g}%, above 100%",
            "shares_above_100",
            column=column,
            total=round(total, 6),
        )
    if not any(shares):
        raise refuse(file, "all shares are zero", "all_shares_zero", column=column)
    if max(shares) <= 1:
        raise refuse(
            file,
            f"every share is at most 1 and they add up to {math.fsum(shares):g}: shares are "
            "percentages from 0 to 100 (write 23 for 23%, not 0.23)",
            "shares_as_fractions",
            column=column,
            total=round(math.fsum(shares), 6),
        )


def _regions_frame(
    cells: Cells, rows: RoundRows, idps: list[int | None], shares: list[float | None]
) -> pd.DataFrame:
    names = load_regions()
    ids = [region_id for _, region_id in rows.named]
    return pd.DataFrame(
        {
            "region": pd.array([cells.text(i, "region") for i, _ in rows.named], dtype="string"),
            "region_id": pd.array(ids, dtype="string"),
            "name_fr": pd.array([names.at[i, "name_fr"] for i in ids], dtype="string"),
            "name_en": pd.array([names.at[i, "name_en"] for i in ids], dtype="string"),
            "idps": pd.array(idps, dtype="Int64"),
            "share": pd.array(shares, dtype="Float64"),
            "source_row": pd.array([cells.row(i) for i, _ in rows.named], dtype="Int64"),
        },
        columns=list(REGION_COLUMNS),
    )


def _figures(
    cells: Cells, rows: RoundRows, kind: Kind, issues: IssueList
) -> tuple[list[int | None], list[float | None], int | float | None]:
    """The named regions' counts or shares, and the Other row's value."""
    if kind == "counts":
        read_count = lambda text: parse_whole(text, maximum=MAX_COUNT)  # noqa: E731
        counts = [cells.read(index, "idps", read_count, issues) for index, _ in rows.named]
        before = len(issues)
        other = _count_at(cells, rows.other, issues)
        if rows.other is not None and other is None and len(issues) == before:
            issues.add(cells.issue(rows.other, "idps", "empty value", "empty"))
        return counts, [], other
    shares = [cells.read(index, "share_pct", parse_percent, issues) for index, _ in rows.named]
    other_share = None
    if rows.other is not None:
        other_share = cells.read(rows.other, "share_pct", parse_percent, issues)
    return [], shares, other_share


def parse_dtm_round(
    raw: RawTable,
    *,
    known_regions: Collection[str] | None = None,
    aliases: Mapping[str, str] | None = None,
    as_of: dt.date | None = None,
    round_number: int | None = None,
    total_idps: int | None = None,
    total_is_sum: bool = False,
    day_first: bool | None = None,
) -> DtmRound:
    """A DTM round from a table read by :func:`data.intake.read_upload`.

    ``known_regions`` limits the regions accepted (region ids; default every region of
    ``geo/regions.csv``); ``aliases`` maps names the officer chose to region ids. ``as_of``,
    ``round_number`` and ``total_idps`` are given by the page when the table has none (or must
    agree with the table's); ``total_is_sum`` says the table lists every region.

    Raises
    ------
    DataValidationError
        Naming file, row and column: missing columns (with the closest headers), unknown or
        duplicate regions, bad numbers or dates (``ambiguous_date`` asks for ``day_first``),
        several dates or rounds, a total that disagrees or is missing, counts above the total,
        shares above 100% or written as fractions.
    """
    total_idps = _check_given_total(total_idps, raw.file)
    headers = match_headers(
        raw.header,
        file=raw.file,
        header_row=raw.header_row,
        required=["region", ("idps", "share_pct")],
        optional=["as_of", "round"],
    )
    cells = Cells(raw, headers)
    issues = IssueList()
    rows = classify_rows(cells, issues, known_regions, aliases)
    kind = _kind(cells, rows)
    counts, shares, other = _figures(cells, rows, kind, issues)
    date = one_date(cells, issues, as_of, day_first)
    number = one_round(cells, issues, round_number)
    if not rows.named and not len(issues):
        raise refuse(raw.file, "the table names no region", "no_region_rows")
    issues.raise_if_any()
    assert date is not None
    ignored = headers.ignored
    if kind == "counts" and cells.has("share_pct"):
        ignored = (*ignored, cells.column("share_pct"))
    if kind == "counts":
        given = (total_idps, total_is_sum)
        return _counts_round(cells, rows, counts, other, given, (date, number), ignored)
    return _shares_round(cells, rows, shares, other, total_idps, (date, number), ignored)


def _counts_round(
    cells: Cells,
    rows: RoundRows,
    counts: list[int | None],
    other: int | float | None,
    given: tuple[int | None, bool],
    when: tuple[dt.date, int | None],
    ignored: tuple[str, ...],
) -> DtmRound:
    reported = [count for count in counts if count is not None]
    if not reported:
        raise refuse(
            cells.file, "no region has a figure", "no_figures", column=cells.column("idps")
        )
    named = sum(reported)
    other_count = int(other) if other is not None else None
    total, source = _national_total(cells, rows, named, given[0], given[1], other_count)
    _check_counts(cells.file, cells.column("idps"), named, total)
    shares = [None if count is None else count / total for count in counts]
    return DtmRound(
        file=cells.file,
        as_of=when[0],
        round_number=when[1],
        kind="counts",
        total_idps=total,
        total_source=source,
        named_idps=named,
        other_idps=total - named,
        other_share=(total - named) / total,
        regions=_regions_frame(cells, rows, counts, shares),
        ignored_columns=ignored,
    )


def _shares_round(
    cells: Cells,
    rows: RoundRows,
    shares: list[float | None],
    other: int | float | None,
    given_total: int | None,
    when: tuple[dt.date, int | None],
    ignored: tuple[str, ...],
) -> DtmRound:
    given = [share for share in shares if share is not None]
    column = cells.column("share_pct")
    if not given:
        raise refuse(cells.file, "no region has a figure", "no_figures", column=column)
    _check_shares(cells.file, column, given, float(other) if other is not None else None)
    total, source = _national_total(cells, rows, 0, given_total, False, None, counts=False)
    if total < 1:
        raise refuse(
            cells.file,
            f"the national total {total:,} is not between 1 and {MAX_COUNT:,}",
            "total_out_of_range",
            row=cells.row(rows.total) if rows.total is not None else None,
            column=cells.column("idps"),
            total=total,
            maximum=MAX_COUNT,
        )
    estimates = [None if share is None else round_half_up(share / 100 * total) for share in shares]
    named = sum(value for value in estimates if value is not None)
    return DtmRound(
        file=cells.file,
        as_of=when[0],
        round_number=when[1],
        kind="shares",
        total_idps=total,
        total_source=source,
        named_idps=named,
        other_idps=max(total - named, 0),
        other_share=max(round(1 - math.fsum(given) / 100, 9), 0.0),
        regions=_regions_frame(
            cells, rows, estimates, [None if v is None else v / 100 for v in shares]
        ),
        ignored_columns=ignored,
    )
