"""What the what-if page's buttons, uploader and forms do: its widget callbacks.

Every action is a callback: it runs before the script, so the whole run (sidebar, banner,
every figure) already shows its outcome, and no click is lost to a rerun. Callbacks act on
a :class:`WhatIf` (any dict-like session state, the plan, the language, the store), so tests
call them on a plain dict. They leave their messages in ``FLASH_KEY`` as
``(place, kind, text, error)``, shown once where they belong; every value from outside in a
text is escaped with ``components.safe_text.plain``.

Saved scenarios are shared: saving needs the user's name (typed once per session), and
replacing or deleting one needs a second, explicit click naming it, asked again each time.
"""

from __future__ import annotations

from components.safe_text import plain
from data.scenario import ScenarioError, scenario_from_json, validate_typed
from data.store import DuplicateNameError, ScenarioInfo
from pages._scenario import SCENARIO_NAME_KEY, activate, edits_in
from pages._what_if_state import (
    CHOICE_KEY,
    CONFIRM_DELETE_KEY,
    CONFIRM_OVERWRITE_KEY,
    UPLOAD_REFUSED_KEY,
    WhatIf,
    active_scenario,
    checked_author,
    forget_confirmations,
    submitted_table,
    without_where,
)


# --- the editor --------------------------------------------------------------------------
def apply_clicked(w: WhatIf) -> None:
    try:
        draft, _warnings = validate_typed(w.plan, submitted_table(w), w.lang)
    except ScenarioError:
        return  # the run lists the problems under the table; nothing changes
    if draft == dict(edits_in(w.state)):
        w.flash("top", "info", w.tr("whatif.unchanged"))
        return
    activate(w.state, draft, w.state.get(SCENARIO_NAME_KEY))
    w.flash("top", "success", w.tr("whatif.applied"))


def reset_clicked(w: WhatIf) -> None:
    activate(w.state, {})
    w.flash("top", "info", w.tr("app.baseline"))


def upload_changed(w: WhatIf, key: str) -> None:
    """A file dropped in the uploader: open it, or keep it refused with its problems."""
    upload = w.state.get(key)
    w.state.pop(UPLOAD_REFUSED_KEY, None)
    if upload is None:
        return
    try:
        opened = scenario_from_json(upload.getvalue(), w.plan)
    except ScenarioError as error:
        w.state[UPLOAD_REFUSED_KEY] = (upload.file_id, error)
        return
    activate(w.state, opened.edits, opened.name)
    text = w.tr("whatif.file.opened", name=plain(opened.name), file=plain(upload.name))
    w.flash("top", "success", text)


# --- saved scenarios ---------------------------------------------------------------------
def saved(w: WhatIf, kind: str, name: str) -> None:
    w.state[SCENARIO_NAME_KEY] = name
    w.flash("saved", "success", w.tr(kind, name=plain(name)))


def save_clicked(w: WhatIf, name_key: str) -> None:
    forget_confirmations(w)
    author = checked_author(w, w.tr("whatif.save.refused"))
    if author is None:
        return
    try:
        scenario = active_scenario(w, w.state.get(name_key, ""))
        info = w.store().save(scenario, author=author)
    except DuplicateNameError as error:  # replacing needs a second click, naming it
        w.state[CONFIRM_OVERWRITE_KEY] = (scenario.name, error.existing)
    except ScenarioError as error:
        w.flash("saved", "error", w.tr("whatif.save.refused"), without_where(error, "name"))
    else:
        saved(w, "whatif.save.done", info.name)


def overwrite_confirmed(w: WhatIf) -> None:
    pending: tuple[str, ScenarioInfo | None] | None = w.state.pop(CONFIRM_OVERWRITE_KEY, None)
    author = checked_author(w, w.tr("whatif.save.refused")) if pending else None
    if pending is None or author is None or not edits_in(w.state):
        return  # nothing to save any more (the scenario was reset meanwhile): not replaced
    name, existing = pending
    try:
        info = w.store().save(
            active_scenario(w, name),
            author=author,
            overwrite=True,
            expected_updated_at=existing.updated_at if existing else None,
        )
    except ScenarioError as error:
        w.flash("saved", "error", w.tr("whatif.save.refused"), without_where(error, "name"))
    else:
        saved(w, "whatif.store.replaced", info.name)


def open_clicked(w: WhatIf) -> None:
    forget_confirmations(w)
    name: str = w.state.get(CHOICE_KEY, "")
    try:
        opened = w.store().load(name, w.plan)
    except ScenarioError as error:
        intro = w.tr("whatif.saved.refused", name=plain(name))
        w.flash("saved", "error", intro, without_where(error, "name"))
        return
    activate(w.state, opened.edits, opened.name)
    w.flash("top", "success", w.tr("whatif.saved.opened", name=plain(opened.name)))


def delete_clicked(w: WhatIf, updated: dict[str, object]) -> None:
    """First click: ask for confirmation (the user's name is needed first)."""
    forget_confirmations(w)
    name = w.state.get(CHOICE_KEY)
    if name in updated and checked_author(w, w.tr("whatif.saved.delete_refused", name=plain(name))):
        w.state[CONFIRM_DELETE_KEY] = (name, updated[name])


def delete_confirmed(w: WhatIf) -> None:
    pending = w.state.pop(CONFIRM_DELETE_KEY, None)
    if not pending:
        return
    name, updated_at = pending
    intro = w.tr("whatif.saved.delete_refused", name=plain(name))
    if checked_author(w, intro) is None:
        return
    try:
        w.store().delete(name, expected_updated_at=updated_at)
    except ScenarioError as error:
        w.flash("saved", "error", intro, without_where(error, "name"))
    else:
        w.flash("saved", "success", w.tr("whatif.saved.deleted", name=plain(name)))
