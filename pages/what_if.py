"""What-if: edit confirmed funding per activity area, compare with the plan, save and share.

The page only wires. The active edits live in ``st.session_state[SCENARIO_KEY]`` (this
browser session only; every page reads them through ``current_funding()``); every figure
comes from ``data.scenario``, every chart and table from ``components``; saved scenarios are
in the shared ``data.store.ScenarioStore``. Whatever replaces the active edits (apply, reset,
a saved scenario, a file, a link) goes through ``set_scenario``, which also renews the editor.

Every action is a widget callback: it runs before the script, so the whole run (sidebar,
banner, every figure) already shows its outcome, and no click is lost to a rerun. Callbacks
leave their messages in ``FLASH_KEY``, shown once where they belong.
"""

from __future__ import annotations

import dataclasses
from urllib.parse import quote

import pandas as pd
import streamlit as st

from components.formats import NBSP, NNBSP, fmt_date, fmt_usd
from components.funding_charts import delta_bars
from components.whatif_tables import area_table, editor_frame, objective_table
from data.scenario import (
    MAX_AMOUNT_USD,
    MAX_NAME_CHARS,
    MAX_NOTE_CHARS,
    QUERY_PARAM,
    AreaEdit,
    Scenario,
    ScenarioError,
    compare,
    edits_to_query,
    scenario_from_json,
    scenario_to_json,
    validate_edits,
)
from pages._shared import (
    EDITOR_VERSION_KEY,
    LANG_KEY,
    SCENARIO_NAME_KEY,
    baseline_funding,
    current_funding,
    lang,
    page_header,
    plan_data,
    plan_source,
    reset_scenario,
    scenario_active,
    scenario_edits,
    scenario_store,
    set_scenario,
    show_scenario_error,
    tr,
)

FLASH_KEY = "whatif.flash"  # [(place, kind, text, ScenarioError | None)] left by callbacks
UPLOAD_REFUSED_KEY = "whatif.upload_refused"  # (file_id, ScenarioError) of a refused file
CONFIRM_DELETE_KEY = "whatif.confirm_delete"  # name of the saved scenario awaiting confirmation
CHOICE_KEY = "whatif.saved_choice"
OVERWRITE_KEY = "whatif.save_overwrite"
EDITABLE = ["confirmed_usd", "pledge_usd", "note"]
# Grid number format (sprintf-js as Streamlit extends it: "'c," groups thousands with c).
GRID_USD = {"en": "$%,d", "fr": f"%'{NNBSP},d{NBSP}$"}


def versioned(name: str) -> str:
    """Widgets that start afresh whenever the active edits are replaced."""
    return f"whatif.{name}.{st.session_state.get(EDITOR_VERSION_KEY, 0)}"


def flash(place: str, kind: str, text: str, error: ScenarioError | None = None) -> None:
    st.session_state.setdefault(FLASH_KEY, []).append((place, kind, text, error))


def show_flash(place: str) -> None:
    """Show (once) the messages callbacks left for this place of the page."""
    kept = []
    for entry in st.session_state.get(FLASH_KEY, []):
        where, kind, text, error = entry
        if where != place:
            kept.append(entry)
        elif error is not None:
            show_scenario_error(text, error)
        else:
            getattr(st, kind)(text)
    st.session_state[FLASH_KEY] = kept


def without_where(error: ScenarioError, where: str) -> ScenarioError:
    """Messages that already name the scenario: drop ``name:`` from their problems."""
    return ScenarioError(
        [dataclasses.replace(p, where="") if p.where == where else p for p in error.problems]
    )


def submitted_table() -> pd.DataFrame:
    """The editor's scenario cells as last submitted: the active edits plus what was typed.

    Read from the editor's edit state (``edited_rows``) so that a callback sees it too; the
    values are kept as sent (object dtype), so that the pure layer judges them, cents and all.
    """
    table = editor_frame(plan_data(), scenario_edits(), lang())[EDITABLE].astype(object)
    state = st.session_state.get(versioned("editor")) or {}
    for row, cells in (state.get("edited_rows") or {}).items():
        for column, value in cells.items():
            if column in EDITABLE:
                table.iat[int(row), table.columns.get_loc(column)] = value
    return table


def apply_clicked() -> None:
    try:
        draft, _warnings = validate_edits(plan_data(), submitted_table())
    except ScenarioError:
        return  # the run lists the problems under the table; nothing changes
    if draft == dict(scenario_edits()):
        flash("top", "info", tr("whatif.unchanged"))
        return
    set_scenario(draft, st.session_state.get(SCENARIO_NAME_KEY))
    flash("top", "success", tr("whatif.applied"))


def reset_clicked() -> None:
    reset_scenario()
    flash("top", "info", tr("app.baseline"))


def save_clicked(name_key: str) -> None:
    plan = plan_data()
    try:
        saved = scenario_store().save(
            Scenario(
                name=st.session_state.get(name_key, ""),
                edits=dict(scenario_edits()),
                baseline_date=plan.summary.document_date,
            ),
            overwrite=bool(st.session_state.get(OVERWRITE_KEY)),
        )
    except ScenarioError as error:
        flash("saved", "error", tr("whatif.save.refused"), without_where(error, "name"))
    else:
        st.session_state[SCENARIO_NAME_KEY] = saved.name
        flash("saved", "success", tr("whatif.save.done", name=saved.name))


def open_clicked() -> None:
    name = st.session_state.get(CHOICE_KEY)
    try:
        opened = scenario_store().load(name, plan_data())
    except ScenarioError as error:
        flash("saved", "error", tr("whatif.saved.refused", name=name), without_where(error, "name"))
        return
    set_scenario(opened.edits, opened.name)
    flash("top", "success", tr("whatif.saved.opened", name=opened.name))


def delete_clicked() -> None:
    st.session_state[CONFIRM_DELETE_KEY] = st.session_state.get(CHOICE_KEY)


def delete_confirmed() -> None:
    name = st.session_state.pop(CONFIRM_DELETE_KEY, None)
    if not name:
        return
    try:
        scenario_store().delete(name)
    except ScenarioError as error:
        flash(
            "saved",
            "error",
            tr("whatif.saved.delete_refused", name=name),
            without_where(error, "name"),
        )
    else:
        flash("saved", "success", tr("whatif.saved.deleted", name=name))


def delete_cancelled() -> None:
    st.session_state.pop(CONFIRM_DELETE_KEY, None)


def upload_changed(key: str) -> None:
    """A file dropped in the uploader: open it, or keep it refused with its problems."""
    upload = st.session_state.get(key)
    st.session_state.pop(UPLOAD_REFUSED_KEY, None)
    if upload is None:
        return
    try:
        opened = scenario_from_json(upload.getvalue(), plan_data())
    except ScenarioError as error:
        st.session_state[UPLOAD_REFUSED_KEY] = (upload.file_id, error)
        return
    set_scenario(opened.edits, opened.name)
    flash("top", "success", tr("whatif.file.opened", name=opened.name, file=upload.name))


# --- page ----------------------------------------------------------------------------------
page_header("page.what_if")
code = lang()
plan = plan_data()
baseline = baseline_funding()
funding = current_funding()
edits: dict[str, AreaEdit] = dict(scenario_edits())
active = scenario_active()
active_name = st.session_state.get(SCENARIO_NAME_KEY)
source, as_of = plan_source()
st.caption(tr("whatif.intro"))
show_flash("top")

# --- the editor ----------------------------------------------------------------------------
st.subheader(tr("whatif.editor.title"))
st.caption(tr("whatif.editor.help"))
usd_column = {"min_value": 0, "max_value": MAX_AMOUNT_USD, "step": 1, "format": GRID_USD[code]}
with st.form("whatif.form", border=False):
    st.data_editor(
        editor_frame(plan, edits, code),
        key=versioned("editor"),
        height="content",  # every area, no inner scrolling
        hide_index=True,
        num_rows="fixed",
        placeholder="",  # an empty cell keeps the plan's figure: show it empty, not "None"
        alt=tr("whatif.editor.title"),
        disabled=["area", "objective", "required", "plan_confirmed"],
        column_config={
            "area": st.column_config.TextColumn(tr("whatif.col.area")),
            "objective": st.column_config.TextColumn(tr("whatif.col.objective")),
            "required": st.column_config.TextColumn(tr("whatif.col.required")),
            "plan_confirmed": st.column_config.TextColumn(tr("whatif.col.plan_confirmed")),
            "confirmed_usd": st.column_config.NumberColumn(
                tr("whatif.col.confirmed_usd"),
                help=tr("whatif.col.confirmed_usd_help"),
                **usd_column,
            ),
            "pledge_usd": st.column_config.NumberColumn(
                tr("whatif.col.pledge_usd"), help=tr("whatif.col.pledge_usd_help"), **usd_column
            ),
            "note": st.column_config.TextColumn(
                tr("whatif.col.note"), help=tr("whatif.col.note_help"), max_chars=MAX_NOTE_CHARS
            ),
        },
    )
    st.form_submit_button(
        tr("whatif.apply"),
        key="whatif.apply",
        type="primary",
        icon=":material/check:",
        on_click=apply_clicked,
    )
st.button(
    tr("whatif.reset"),
    key="whatif.reset",
    on_click=reset_clicked,
    disabled=not active,
    icon=":material/undo:",
)
try:  # a refused table stays on screen with every problem until it is corrected
    validate_edits(plan, submitted_table())
except ScenarioError as error:
    show_scenario_error(tr("whatif.refused"), error)

areas_cmp, objectives_cmp = compare(baseline, funding)
edited = areas_cmp["area_id"].isin(list(edits))
for row in areas_cmp[edited & (areas_cmp["scenario_status"] == "over_funded")].itertuples():
    st.warning(
        tr(
            "whatif.over_funded",
            area=tr(f"area_short.{row.area_id}"),
            confirmed=fmt_usd(row.scenario_confirmed_usd, code),
            required=fmt_usd(row.required_usd, code),
        ),
        icon=":material/warning:",
    )

# --- plan and scenario ---------------------------------------------------------------------
st.subheader(tr("whatif.compare.title"))
if not active:
    st.caption(tr("whatif.compare.baseline_only"))
st.markdown(f"**{tr('whatif.compare.by_objective')}**")
st.dataframe(objective_table(objectives_cmp, code), hide_index=True, key="whatif.objectives")
st.markdown(f"**{tr('whatif.compare.by_area')}**")
st.dataframe(area_table(areas_cmp, code), hide_index=True, height="content", key="whatif.areas")
changed = bool(areas_cmp["changed"].any())
drawn = int(areas_cmp["changed"].sum()) if changed else len(areas_cmp)
if active and not changed:
    st.caption(tr("whatif.compare.no_change"))
st.plotly_chart(
    delta_bars(
        baseline.areas,
        funding.areas,
        lang=code,
        source=tr("source.scenario", source=source) if active else source,
        as_of=as_of,
        scenario=active,
        changed_only=changed,  # the plan: every area, 'unchanged'
        height=max(360, 160 + 40 * drawn),
    ),
    key="whatif.delta_chart",
)

# --- saved scenarios (shared by every session) ---------------------------------------------
st.subheader(tr("whatif.saved.title"))
st.caption(tr("whatif.saved.shared"))
show_flash("saved")
save_column, open_column = st.columns(2)
with save_column:
    name_key = versioned("save_name")
    st.text_input(
        tr("whatif.save.name"), value=active_name or "", max_chars=MAX_NAME_CHARS, key=name_key
    )
    st.checkbox(tr("whatif.save.overwrite"), key=OVERWRITE_KEY)
    st.button(
        tr("whatif.save.button"),
        key="whatif.save",
        disabled=not active,
        on_click=save_clicked,
        args=(name_key,),
    )
    if not active:
        st.caption(tr("whatif.save.no_scenario"))
with open_column:
    listed = {info.name: info for info in scenario_store().list()}
    if not listed:
        st.caption(tr("whatif.saved.none"))
    else:
        labels = {
            key: tr(
                "whatif.saved.option",
                name=key,
                n=info.n_edits,
                updated=fmt_date(info.updated_at, code),
            )
            for key, info in listed.items()
        }
        st.selectbox(
            tr("whatif.saved.choose"), list(listed), format_func=labels.__getitem__, key=CHOICE_KEY
        )
        buttons = st.columns(2)
        buttons[0].button(tr("whatif.saved.open"), key="whatif.open", on_click=open_clicked)
        buttons[1].button(tr("whatif.saved.delete"), key="whatif.delete", on_click=delete_clicked)
        pending = st.session_state.get(CONFIRM_DELETE_KEY)
        if pending:
            st.warning(tr("whatif.saved.confirm", name=pending), icon=":material/delete:")
            confirm = st.columns(2)
            confirm[0].button(
                tr("whatif.saved.confirm_yes"),
                key="whatif.delete_yes",
                type="primary",
                on_click=delete_confirmed,
            )
            confirm[1].button(
                tr("whatif.saved.cancel"), key="whatif.delete_cancel", on_click=delete_cancelled
            )

# --- file ----------------------------------------------------------------------------------
st.subheader(tr("whatif.file.title"))
download_column, upload_column = st.columns(2)
current = Scenario(
    name=active_name or tr("whatif.default_name"),
    edits=edits,
    baseline_date=plan.summary.document_date,
)
download_column.download_button(
    tr("whatif.file.download"),
    data=scenario_to_json(current),
    file_name=f"scenario-{plan.summary.document_date.isoformat()}.json",
    mime="application/json",
    key="whatif.download",
    on_click="ignore",
    disabled=not active,
    icon=":material/download:",
)
with upload_column:
    upload_key = versioned("upload")
    upload = st.file_uploader(
        tr("whatif.file.upload"),
        type=["json"],
        key=upload_key,
        on_change=upload_changed,
        args=(upload_key,),
    )
    refused = st.session_state.get(UPLOAD_REFUSED_KEY)
    if upload is not None and refused is not None and refused[0] == upload.file_id:
        show_scenario_error(tr("whatif.file.refused", file=upload.name), refused[1])

# --- link ----------------------------------------------------------------------------------
st.subheader(tr("whatif.link.title"))
query = edits_to_query(edits)
if query:
    st.code(f"?{QUERY_PARAM}={quote(query, safe=':;=')}&{LANG_KEY}={code}", language=None)
    st.caption(tr("whatif.link.help"))
else:
    st.caption(tr("whatif.link.none"))
