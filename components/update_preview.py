"""The "Update data" page's tables: old vs new per row, and the versions' history.

Pure wording (no Streamlit, no I/O): each function takes the pure layer's results and returns
a :class:`pandas.DataFrame` of display strings in the page's language (columns named in that
language), for ``st.dataframe``. A figure left empty is written "not reported", never 0; a
change is only computed when both figures are known. Names of areas, objectives and regions
come from the data tables; file names, notes and authors are data (shown as plain text).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

import pandas as pd

from data.displacement import Displacement
from data.errors import Issue
from data.intake import DtmRound, FundingUpdate, RawTable
from data.names import area_names, objective_names
from data.plan import PlanData
from data.store import VersionInfo
from text import fmt_date, fmt_int, fmt_pct, fmt_usd, is_missing, t

CHECKSUM_SHOWN = 12  # characters of the sha256 shown in the history


def signed_int(value: object, lang: str) -> str:
    """``+1 234`` / ``−1 234`` / ``0`` ("not reported" when missing)."""
    if is_missing(value):
        return fmt_int(value, lang)
    number = int(value)  # type: ignore[call-overload]
    return ("+" if number > 0 else "") + fmt_int(number, lang)


def _change(old: object, new: object) -> object:
    return None if is_missing(old) or is_missing(new) else int(new) - int(old)  # type: ignore[call-overload]


def _columns(lang: str, *keys: str) -> list[str]:
    return [t(f"update.col.{key}", lang) for key in keys]


def dtm_preview(new: DtmRound, old: Displacement, lang: str) -> pd.DataFrame:
    """Per region: the IDPs in force, the round's, the change, the share of the national
    total (count / national total); then other regions and the national total."""
    name_column = f"name_{lang}"
    old_idps = dict(zip(old.regions["region_id"], old.regions["idps_estimate"], strict=True))
    old_names = dict(zip(old.regions["region_id"], old.regions[name_column], strict=True))
    rows: list[list[str]] = []
    seen: set[str] = set()
    for region in new.regions.itertuples(index=False):
        region_id = str(region.region_id)
        seen.add(region_id)
        before = old_idps.get(region_id)
        rows.append(
            [
                str(getattr(region, name_column)),
                fmt_int(before, lang),
                fmt_int(region.idps, lang),
                signed_int(_change(before, region.idps), lang),
                fmt_pct(region.share, lang),
            ]
        )
    for region_id, before in old_idps.items():  # in force now, not in the new round
        if region_id not in seen:
            rows.append([str(old_names[region_id]), fmt_int(before, lang), *_missing(lang, 3)])
    rows.append(
        [
            t("update.dtm.other_regions", lang),
            fmt_int(old.other_idps, lang),
            fmt_int(new.other_idps, lang),
            signed_int(new.other_idps - old.other_idps, lang),
            fmt_pct(new.other_share, lang),
        ]
    )
    rows.append(
        [
            t("update.dtm.national_total", lang),
            fmt_int(old.total_idps, lang),
            fmt_int(new.total_idps, lang),
            signed_int(new.total_idps - old.total_idps, lang),
            fmt_pct(1, lang),
        ]
    )
    columns = _columns(lang, "region", "current", "new", "change", "share")
    return pd.DataFrame(rows, columns=columns)


def _missing(lang: str, n: int) -> list[str]:
    return [fmt_int(None, lang)] * n


def _amount_rows(
    ids: Sequence[str],
    names: Mapping[str, str],
    old: pd.Series,
    new: pd.Series,
    lang: str,
) -> list[list[str]]:
    rows = []
    for row_id in ids:
        before, after = old.get(row_id), new.get(row_id)
        change = _change(before, after)
        rows.append(
            [
                names.get(row_id, row_id),
                fmt_usd(before, lang),
                fmt_usd(after, lang),
                fmt_usd(change, lang, signed=True),
            ]
        )
    return rows


def funding_preview(update: FundingUpdate, old: PlanData, new: PlanData, lang: str) -> pd.DataFrame:
    """Per activity area and objective the update touches: confirmed funding in force, after
    the update, and the change (an area left empty in the update: "not reported")."""
    area_ids = [str(a) for a in update.areas["area_id"]]
    touched = set(area_ids)
    objectives = [str(o) for o in update.objectives["objective_id"]]
    objectives += [
        str(o)
        for o in old.areas.loc[old.areas["area_id"].isin(touched), "objective_id"].unique()
        if str(o) not in objectives
    ]
    confirmed = "confirmed_usd"
    rows = _amount_rows(
        area_ids,
        area_names(old.areas, lang),
        old.areas.set_index("area_id")[confirmed],
        new.areas.set_index("area_id")[confirmed],
        lang,
    )
    rows += _amount_rows(
        objectives,
        objective_names(old.objectives, lang),
        old.objectives.set_index("objective_id")[confirmed],
        new.objectives.set_index("objective_id")[confirmed],
        lang,
    )
    return pd.DataFrame(rows, columns=_columns(lang, "row", "current", "new", "change"))


def pledged_lines(update: FundingUpdate, plan: PlanData, lang: str) -> pd.DataFrame:
    """The pledged amounts the update reports (kept with the version, not in the plan)."""
    names = area_names(plan.areas, lang)
    rows = [
        [names.get(str(row.area_id), str(row.area_id)), fmt_usd(row.pledged_usd, lang)]
        for row in update.areas.itertuples(index=False)
        if not is_missing(row.pledged_usd)
    ]
    return pd.DataFrame(rows, columns=_columns(lang, "row", "pledged"))


def _when(value: dt.datetime | None, lang: str) -> str:
    return "" if value is None else f"{fmt_date(value.date(), lang)} {value:%H:%M} UTC"


def history_table(versions: Sequence[VersionInfo], lang: str) -> pd.DataFrame:
    """Every version, newest first, as plain strings (sources and notes are data)."""
    rows = []
    for info in sorted(versions, key=lambda v: v.id, reverse=True):
        if info.withdrawn:
            status = t(
                "update.history.withdrawn",
                lang,
                by=info.withdrawn_by or "",
                when=_when(info.withdrawn_at, lang),
            )
        else:
            status = t("update.history.in_force", lang)
        rows.append(
            [
                str(info.id),
                t(f"update.kind.{info.kind}", lang),
                fmt_date(info.as_of, lang),
                "" if info.round_number is None else str(info.round_number),
                info.source,
                info.note,
                info.uploaded_by,
                _when(info.uploaded_at, lang),
                info.checksum[:CHECKSUM_SHOWN],
                status,
                info.withdraw_reason or "",
            ]
        )
    columns = _columns(
        lang, "id", "kind", "as_of", "round", "source", "note", "by", "at", "checksum"
    )
    return pd.DataFrame(rows, columns=[*columns, *_columns(lang, "status", "reason")])


def _cell(raw: RawTable, row: int | None, column: str | None) -> str | None:
    """The text of a cell named as an issue names it (file row, column as written)."""
    if row is None or column is None or row not in raw.row_numbers or column not in raw.header:
        return None
    return raw.rows[raw.row_numbers.index(row)][raw.header.index(column)] or None


def unknown_names(issues: Sequence[Issue], raw: RawTable) -> list[tuple[str, list[str]]]:
    """``(name as written, closest known names)`` for each name of ``raw`` that matches
    nothing (issues ``unknown_*`` with a value), in the order of the file, each once."""
    found: dict[str, list[str]] = {}
    for issue in issues:
        if not issue.code.startswith("unknown_") or "value" not in issue.params:
            continue
        name = _cell(raw, issue.row, issue.column)
        if name is None:
            continue
        hints = str(issue.params.get("suggestions", ""))
        found.setdefault(name, [hint for hint in hints.split(", ") if hint])
    return list(found.items())
