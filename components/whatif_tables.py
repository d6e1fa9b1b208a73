"""What-if tables: the editor's grid, the plan-vs-scenario comparisons, the saved scenarios.

Pure: no streamlit, no file I/O. Frames come from the data layer (``PlanData.areas``,
``data.scenario.compare``); every figure is turned into text in the language's format
(:mod:`text.formats`), every header goes through :func:`text.t`. Names are data: the areas'
and objectives' ``name_<lang>`` / ``short_name_<lang>`` columns, or the names the caller
passes (:func:`data.names.area_names`).
Missing is never zero: a not-reported figure reads "not reported" / "non communiqué".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, SupportsFloat, cast

import pandas as pd

from components.safe_text import plain
from text import NBSP, fmt_date, fmt_int, fmt_pct, fmt_usd, nt, t

if TYPE_CHECKING:  # annotations only: components do not depend on the data layer at run time
    from pandas.io.formats.style import Styler

    from data.plan import PlanData
    from data.scenario import AreaEdit
    from data.store import ScenarioInfo


def editor_frame(plan: PlanData, edits: Mapping[str, AreaEdit], lang: str) -> pd.DataFrame:
    """The data editor's table: one row per activity area, the plan's figures and the edits.

    Parameters
    ----------
    plan
        The plan (``plan.areas`` gives the rows, in order).
    edits
        The active edits by area id; areas without an edit get empty cells.
    lang
        ``"fr"`` or ``"en"``.

    Returns
    -------
    pandas.DataFrame
        Index ``area_id``; read-only text columns ``area``, ``required``,
        ``plan_confirmed`` (the rows follow the plan's order, objective by objective: the
        comparison by objective sits under the grid) and editable ``confirmed_usd`` (Int64), ``pledge_usd`` (Int64,
        empty for no pledge) and ``note`` (string, empty for no note).
    """
    ids = [str(area_id) for area_id in plan.areas["area_id"]]
    edit = [edits.get(area_id) for area_id in ids]
    return pd.DataFrame(
        {
            "area": [str(name) for name in plan.areas[f"short_name_{lang}"]],
            "required": [fmt_usd(value, lang) for value in plan.areas["required_usd"]],
            "plan_confirmed": [fmt_usd(value, lang) for value in plan.areas["confirmed_usd"]],
            "confirmed_usd": pd.array([e and e.confirmed_usd for e in edit], dtype="Int64"),
            "pledge_usd": pd.array([(e and e.pledge_usd) or None for e in edit], dtype="Int64"),
            "note": pd.array([(e and e.note) or None for e in edit], dtype="string"),
        },
        index=pd.Index(ids, name="area_id"),
    )


def typed_text(value: object, lang: str) -> str | None:
    """A grid cell as text: what was typed as is, an integer written for ``lang`` (``1,234`` /
    ``1 234``), ``None`` for an empty cell."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    return value if isinstance(value, str) else fmt_int(value, lang)


def editor_text_frame(
    plan: PlanData, edits: Mapping[str, AreaEdit], typed: pd.DataFrame, lang: str
) -> pd.DataFrame:
    """:func:`editor_frame` with the editable cells as text (string dtype): those of ``typed``
    (index ``area_id``; columns ``confirmed_usd``, ``pledge_usd``, ``note``), each through
    :func:`typed_text`, so that the grid shows what was typed, never a number reformatted."""
    frame = editor_frame(plan, edits, lang)
    for key in ("confirmed_usd", "pledge_usd", "note"):
        cells = typed[key].reindex(frame.index)
        frame[key] = pd.array([typed_text(v, lang) or None for v in cells], dtype="string")
    return frame


def changes_text(
    intro: str, changes: list[tuple[str, str, object]], lang: str, names: Mapping[str, str]
) -> str:
    """``intro``, then one line per change (``- Shelter › Additional pledge: 500 000 $``),
    as from ``data.scenario.edit_changes``; Markdown, notes escaped."""
    lines = [intro]
    for area_id, key, value in changes:
        if not value:
            shown = t("whatif.changed.empty", lang)
        elif key == "note":
            shown = plain(value)
        else:
            shown = fmt_usd(value, lang)
        where = f"{plain(names.get(area_id, area_id))} › {t(f'whatif.col.{key}', lang)}"
        lines.append(f"- {t('whatif.changed.item', lang, where=where, value=shown)}")
    return "\n".join(lines)


def usd_delta(value: object, lang: str) -> str:
    """A change of USD, signed: ``+$500,000`` / ``+500 000 $``; ``$0``; 'not reported'."""
    return fmt_usd(value, lang, signed=True)


def points(value: object, lang: str) -> str:
    """A change of coverage in percentage points: ``+2.0 pp`` / ``+2,0 pt``; 'not reported'."""
    if pd.isna(value):
        return t("status.not_reported", lang)
    number = (
        fmt_pct(float(cast(SupportsFloat, value)) / 100, lang, signed=True)
        .removesuffix("%")
        .rstrip(NBSP)
    )
    return t("whatif.pp", lang, value=number)


def comparison_columns(frame: pd.DataFrame, lang: str) -> dict[str, list[str]]:
    """The figures both comparison tables show, formatted, under translated headers.

    Parameters
    ----------
    frame
        Either frame of ``data.scenario.compare`` (areas or objectives).
    lang
        ``"fr"`` or ``"en"``.

    Returns
    -------
    dict
        Header -> texts, in order: confirmed (plan), confirmed (scenario), change, coverage
        (plan), coverage (scenario), coverage change (percentage points). Each scenario
        figure sits next to the plan's, so that a narrow screen never shows one without
        the other; the requirement (the same in both) is left to the plan's pages.
    """
    return {
        t("whatif.cmp.baseline", lang): [fmt_usd(v, lang) for v in frame["baseline_confirmed_usd"]],
        t("whatif.cmp.scenario", lang): [fmt_usd(v, lang) for v in frame["scenario_confirmed_usd"]],
        t("whatif.cmp.delta", lang): [usd_delta(v, lang) for v in frame["delta_usd"]],
        t("whatif.cmp.baseline_coverage", lang): [
            fmt_pct(v, lang) for v in frame["baseline_coverage"]
        ],
        t("whatif.cmp.scenario_coverage", lang): [
            fmt_pct(v, lang) for v in frame["scenario_coverage"]
        ],
        t("whatif.cmp.delta_coverage", lang): [points(v, lang) for v in frame["delta_coverage_pp"]],
    }


def area_table(
    areas: pd.DataFrame,
    lang: str,
    *,
    area_short: Mapping[str, str],
) -> pd.DataFrame:
    """Plan vs scenario per activity area: the area table of ``data.scenario.compare``, as text.

    Columns: activity area (short name) and the :func:`comparison_columns`. ``area_short``
    are the plan's short names in ``lang`` (``area_names(plan.areas, lang, short=True)``);
    an area missing from it is called by the frame's long name. An over-funded area shows
    as a coverage above 100 % (the page warns of it above the table).
    """
    long_names = dict(zip(areas["area_id"], areas[f"name_{lang}"], strict=True))
    names = [str(area_short.get(a, long_names[a])) for a in areas["area_id"]]
    return pd.DataFrame({t("whatif.col.area", lang): names, **comparison_columns(areas, lang)})


def objective_table(objectives: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Plan vs scenario per objective: the objective table of ``data.scenario.compare``, as text.

    Columns: name (the objective's full name, ``name_<lang>``; "Total" for the plan row,
    ``is_total``) and the :func:`comparison_columns`.
    """
    names = [
        t("label.total", lang) if total else str(name)
        for name, total in zip(objectives[f"name_{lang}"], objectives["is_total"], strict=True)
    ]
    return pd.DataFrame({t("whatif.cmp.name", lang): names, **comparison_columns(objectives, lang)})


def markdown_cells(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` (text) with every header and cell escaped for a Markdown-rendering table
    (``st.table``), so that ``+500 000 $`` or a name from a table shows as written."""
    escaped = table.map(plain)
    escaped.columns = [plain(column) for column in table.columns]
    return escaped


def comparison_styler(table: pd.DataFrame, bold_rows: Sequence[bool] | None = None) -> Styler:
    """A comparison table for ``st.table``: cells escaped (:func:`markdown_cells`), figures
    (every column after the first) aligned right, the rows flagged in ``bold_rows`` (the
    plan's total) in bold."""
    escaped = markdown_cells(table)
    bold = list(bold_rows) if bold_rows is not None else [False] * len(table)

    def weight(row: pd.Series) -> list[str]:
        return ["font-weight: bold" if bold[int(row.name)] else ""] * len(row)

    styler = escaped.style.set_properties(
        subset=list(escaped.columns[1:]), **{"text-align": "right !important"}
    )
    return styler.apply(weight, axis=1)


# --- saved scenarios ---------------------------------------------------------------------------


def saved_when(moment: dt.datetime, lang: str) -> str:
    """When a scenario was saved: ``3 May 2024, 14:02 UTC`` / ``3 mai 2024 à 14:02 UTC``."""
    utc = moment.astimezone(dt.UTC)
    return t("whatif.store.when", lang, date=fmt_date(utc, lang), time=utc.strftime("%H:%M"))


def saved_option(info: ScenarioInfo, lang: str) -> str:
    """A saved scenario as a choice of a select box: name, areas edited, by whom, when.

    Plain text, for widgets that show text as is (select box options): not escaped.
    """
    when = saved_when(info.updated_at, lang)
    if not info.updated_by:  # saved before authors were recorded
        return nt("whatif.saved.option", info.n_edits, lang, name=info.name, updated=when)
    return nt(
        "whatif.store.option",
        info.n_edits,
        lang,
        name=info.name,
        by=info.updated_by,
        updated=when,
    )


def saved_stamp(info: ScenarioInfo, lang: str) -> str:
    """Who last saved a scenario and when, who created it and when, as Markdown-safe text."""
    unknown = t("whatif.store.by_unknown", lang)
    return t(
        "whatif.store.last_saved",
        lang,
        by=plain(info.updated_by) or unknown,
        updated=saved_when(info.updated_at, lang),
        created_by=plain(info.created_by) or unknown,
        created=saved_when(info.created_at, lang),
    )


# Changed rows: the area's cell on a pale amber, dark text (12.6:1); the grid's own styling
# cannot reach the cells one types in (Streamlit styles read-only columns only).
CHANGED_CELL_STYLE = "background-color: #FFE8A3; color: #1A1A1A; font-weight: 600"


def highlight_changed(frame: pd.DataFrame, changed: Sequence[str], column: str = "area") -> Styler:
    """``frame`` as a Styler whose ``column`` cell is highlighted on the rows (index: area id)
    listed in ``changed`` — the rows with a change typed and not applied yet."""
    marked = set(changed)

    def style(cells: pd.Series) -> list[str]:
        return [CHANGED_CELL_STYLE if index in marked else "" for index in cells.index]

    return frame.style.apply(style, subset=[column])
