"""What-if: edit confirmed funding per activity area, compare with the plan, save and share.

The page only wires. The active edits live in ``st.session_state[SCENARIO_KEY]`` (this
browser session only; every page reads them through ``current_funding()``); every figure
comes from ``data.scenario``, every chart and table from ``components``; saved scenarios are
in the shared ``data.store.ScenarioStore``. Whatever replaces the active edits (apply, reset,
a saved scenario, a file, a link) goes through ``set_scenario``, which also renews the editor.

Every action is a widget callback: it runs before the script, so the whole run (sidebar,
banner, every figure) already shows its outcome, and no click is lost to a rerun. Callbacks
leave their messages in ``FLASH_KEY``, shown once where they belong.

Saved scenarios are shared: saving needs the user's name (typed once per session), and
replacing or deleting one needs a second, explicit click naming it, asked again each time.
When the store cannot be used, only its section says so; the rest of the page works.
Every value from outside (names, file names, problems) is escaped with
``components.safe_text.plain`` before it goes into Markdown (messages, captions, labels).
"""

from __future__ import annotations

import dataclasses
from urllib.parse import quote

import pandas as pd
import streamlit as st

from components.formats import NBSP, NNBSP, fmt_usd
from components.funding_charts import delta_bars
from components.safe_text import plain
from components.whatif_tables import (
    area_table,
    editor_frame,
    objective_table,
    saved_option,
    saved_stamp,
    saved_when,
)
from data.scenario import (
    MAX_AMOUNT_USD,
    MAX_AUTHOR_CHARS,
    MAX_NAME_CHARS,
    MAX_NOTE_CHARS,
    QUERY_PARAM,
    AreaEdit,
    Scenario,
    ScenarioError,
    clean_author,
    compare,
    edits_to_query,
    scenario_from_json,
    scenario_to_json,
    validate_edits,
)
from data.store import DuplicateNameError, Listing, ScenarioInfo, StoreUnavailableError
from pages._shared import (
    EDITOR_VERSION_KEY,
    LANG_KEY,
    SCENARIO_NAME_KEY,
    baseline_funding,
    current_funding,
    forget_scenario_store,
    lang,
    ntr,
    page_header,
    plan_data,
    plan_source,
    reset_scenario,
    scenario_active,
    scenario_edits,
    scenario_store,
    set_scenario,
    show_scenario_error,
    store_unavailable_text,
    tr,
)

FLASH_KEY = "whatif.flash"  # [(place, kind, text, ScenarioError | None)] left by callbacks
UPLOAD_REFUSED_KEY = "whatif.upload_refused"  # (file_id, ScenarioError) of a refused file
CONFIRM_DELETE_KEY = "whatif.confirm_delete"  # (name, updated_at) awaiting a second click
CONFIRM_OVERWRITE_KEY = "whatif.confirm_overwrite"  # (name, ScenarioInfo | None) awaiting one
CHOICE_KEY = "whatif.saved_choice"
AUTHOR_KEY = "whatif.author"  # the user's display name, kept for the session
AUTHOR_INPUT_KEY = "whatif.author_input"  # its text input (widget state is dropped off-page)
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


def active_scenario(name: str) -> Scenario:
    """The active edits under ``name`` (refused names raise ScenarioError)."""
    return Scenario(
        name=name, edits=dict(scenario_edits()), baseline_date=plan_data().summary.document_date
    )


def checked_author(intro: str) -> str | None:
    """The user's name, checked; ``None`` (and a message under ``intro``) if missing or bad."""
    typed = st.session_state.get(AUTHOR_INPUT_KEY, st.session_state.get(AUTHOR_KEY, ""))
    try:
        return clean_author(typed)
    except ScenarioError as error:
        flash("saved", "error", intro, error)
        return None


def forget_confirmations() -> None:
    """A confirmation is asked again each time: any other action drops a pending one."""
    st.session_state.pop(CONFIRM_DELETE_KEY, None)
    st.session_state.pop(CONFIRM_OVERWRITE_KEY, None)


def saved(kind: str, name: str) -> None:
    st.session_state[SCENARIO_NAME_KEY] = name
    flash("saved", "success", tr(kind, name=plain(name)))


def save_clicked(name_key: str) -> None:
    forget_confirmations()
    author = checked_author(tr("whatif.save.refused"))
    if author is None:
        return
    try:
        scenario = active_scenario(st.session_state.get(name_key, ""))
        info = scenario_store().save(scenario, author=author)
    except DuplicateNameError as error:  # replacing needs a second click, naming it
        st.session_state[CONFIRM_OVERWRITE_KEY] = (scenario.name, error.existing)
    except ScenarioError as error:
        flash("saved", "error", tr("whatif.save.refused"), without_where(error, "name"))
    else:
        saved("whatif.save.done", info.name)


def overwrite_confirmed() -> None:
    pending: tuple[str, ScenarioInfo | None] | None = st.session_state.pop(
        CONFIRM_OVERWRITE_KEY, None
    )
    author = checked_author(tr("whatif.save.refused")) if pending else None
    if pending is None or author is None or not scenario_active():
        return  # nothing to save any more (the scenario was reset meanwhile): not replaced
    name, existing = pending
    try:
        info = scenario_store().save(
            active_scenario(name),
            author=author,
            overwrite=True,
            expected_updated_at=existing.updated_at if existing else None,
        )
    except ScenarioError as error:
        flash("saved", "error", tr("whatif.save.refused"), without_where(error, "name"))
    else:
        saved("whatif.store.replaced", info.name)


def open_clicked() -> None:
    forget_confirmations()
    name = st.session_state.get(CHOICE_KEY)
    try:
        opened = scenario_store().load(name, plan_data())
    except ScenarioError as error:
        flash(
            "saved",
            "error",
            tr("whatif.saved.refused", name=plain(name)),
            without_where(error, "name"),
        )
        return
    set_scenario(opened.edits, opened.name)
    flash("top", "success", tr("whatif.saved.opened", name=plain(opened.name)))


def delete_clicked(updated: dict[str, object]) -> None:
    """First click: ask for confirmation (the user's name is needed first)."""
    forget_confirmations()
    name = st.session_state.get(CHOICE_KEY)
    if name in updated and checked_author(tr("whatif.saved.delete_refused", name=plain(name))):
        st.session_state[CONFIRM_DELETE_KEY] = (name, updated[name])


def delete_confirmed() -> None:
    pending = st.session_state.pop(CONFIRM_DELETE_KEY, None)
    if not pending:
        return
    name, updated_at = pending
    intro = tr("whatif.saved.delete_refused", name=plain(name))
    if checked_author(intro) is None:
        return
    try:
        scenario_store().delete(name, expected_updated_at=updated_at)
    except ScenarioError as error:
        flash("saved", "error", intro, without_where(error, "name"))
    else:
        flash("saved", "success", tr("whatif.saved.deleted", name=plain(name)))


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
    flash(
        "top",
        "success",
        tr("whatif.file.opened", name=plain(opened.name), file=plain(upload.name)),
    )


def confirm_buttons(key: str, label: str, on_click: object, cancel: object) -> None:
    """The second click of a replace or delete, and its cancel button."""
    yes, no = st.columns(2)
    yes.button(label, key=f"whatif.{key}_yes", type="primary", on_click=on_click)
    no.button(tr("whatif.saved.cancel"), key=f"whatif.{key}_cancel", on_click=cancel)


def show_author() -> None:
    """The user's name, typed once per session, required to save, replace or delete."""
    if AUTHOR_INPUT_KEY not in st.session_state:  # back on the page: what was typed before
        st.session_state[AUTHOR_INPUT_KEY] = st.session_state.get(AUTHOR_KEY, "")
    typed = st.text_input(
        tr("whatif.store.author"),
        key=AUTHOR_INPUT_KEY,
        max_chars=MAX_AUTHOR_CHARS,
        help=tr("whatif.store.author_help"),
    )
    st.session_state[AUTHOR_KEY] = typed
    if not typed.strip():
        st.caption(tr("whatif.store.author_needed"))


def show_save(active_name: str | None, active: bool) -> None:
    name_key = versioned("save_name")
    st.text_input(
        tr("whatif.save.name"), value=active_name or "", max_chars=MAX_NAME_CHARS, key=name_key
    )
    st.button(
        tr("whatif.save.button"),
        key="whatif.save",
        disabled=not active,
        on_click=save_clicked,
        args=(name_key,),
    )
    if not active:
        st.caption(tr("whatif.save.no_scenario"))
    pending = st.session_state.get(CONFIRM_OVERWRITE_KEY)
    if pending:
        typed, existing = pending
        name = plain(existing.name if existing else typed)
        if existing is None:
            st.warning(tr("whatif.store.confirm_overwrite_unread", name=name))
        else:
            st.warning(
                tr(
                    "whatif.store.confirm_overwrite",
                    name=name,
                    by=plain(existing.updated_by) or tr("whatif.store.by_unknown"),
                    updated=saved_when(existing.updated_at, lang()),
                ),
                icon=":material/warning:",
            )
        confirm_buttons(
            "overwrite",
            tr("whatif.store.overwrite_yes", name=name),
            overwrite_confirmed,
            forget_confirmations,
        )


def show_open(listing: Listing) -> None:
    listed = {info.name: info for info in listing}
    if listing.skipped:
        names = [plain(row.name) or tr("whatif.store.unnamed") for row in listing.skipped]
        st.caption(ntr("whatif.store.skipped", len(names), names=", ".join(names)))
    if not listed:
        st.caption(tr("whatif.saved.none"))
        return
    labels = {name: saved_option(info, lang()) for name, info in listed.items()}
    st.selectbox(  # options are shown as plain text: not escaped
        tr("whatif.saved.choose"), list(listed), format_func=labels.__getitem__, key=CHOICE_KEY
    )
    chosen = listed.get(st.session_state.get(CHOICE_KEY))
    if chosen is not None:
        st.caption(saved_stamp(chosen, lang()))
    buttons = st.columns(2)
    buttons[0].button(tr("whatif.saved.open"), key="whatif.open", on_click=open_clicked)
    buttons[1].button(
        tr("whatif.saved.delete"),
        key="whatif.delete",
        on_click=delete_clicked,
        args=({name: info.updated_at for name, info in listed.items()},),
    )
    pending = st.session_state.get(CONFIRM_DELETE_KEY)
    if pending:
        name = plain(pending[0])
        st.warning(tr("whatif.saved.confirm", name=name), icon=":material/delete:")
        confirm_buttons(
            "delete",
            tr("whatif.store.delete_yes", name=name),
            delete_confirmed,
            forget_confirmations,
        )


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
try:
    listing = scenario_store().list()
except StoreUnavailableError as error:  # only this section is affected
    forget_scenario_store()
    st.warning(store_unavailable_text(error), icon=":material/cloud_off:")
else:
    show_author()
    save_column, open_column = st.columns(2)
    with save_column:
        show_save(active_name, active)
    with open_column:
        show_open(listing)

# --- file ----------------------------------------------------------------------------------
st.subheader(tr("whatif.file.title"))
download_column, upload_column = st.columns(2)
try:
    current = active_scenario(active_name or tr("whatif.default_name"))
except ScenarioError:  # a name refused since it was set: the file still downloads
    current = active_scenario(tr("whatif.default_name"))
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
        show_scenario_error(tr("whatif.file.refused", file=plain(upload.name)), refused[1])

# --- link ----------------------------------------------------------------------------------
st.subheader(tr("whatif.link.title"))
query = edits_to_query(edits)
if query:
    st.code(f"?{QUERY_PARAM}={quote(query, safe=':;=')}&{LANG_KEY}={code}", language=None)
    st.caption(tr("whatif.link.help"))
else:
    st.caption(tr("whatif.link.none"))
