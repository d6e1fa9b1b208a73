"""What the what-if page acts on: its session-state keys, :class:`WhatIf`, and the store.

A :class:`WhatIf` holds any dict-like session state (``st.session_state`` in the app, a
dict in tests), the plan, the language and the store; the helpers here read the editor's
submitted cells, the user's name and the active scenario from it. :func:`scenario_store`
opens the saved scenarios shared by every session.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, MutableMapping
from typing import Any

import pandas as pd

from components.whatif_tables import editor_frame
from data.plan import PlanData
from data.scenario import Scenario, ScenarioError, area_ids, clean_author
from data.store import ScenarioStore
from pages._data_state import forget_store, shared_store, viewed_number
from pages._scenario import DRAFT_KEY, EDITOR_VERSION_KEY, edits_in
from text import t

FLASH_KEY = "whatif.flash"  # [(place, kind, text, ScenarioError | None)] left by callbacks
UPLOAD_REFUSED_KEY = "whatif.upload_refused"  # (file_id, ScenarioError) of a refused file
CONFIRM_DELETE_KEY = "whatif.confirm_delete"  # (name, updated_at) awaiting a second click
CONFIRM_OVERWRITE_KEY = "whatif.confirm_overwrite"  # (name, ScenarioInfo | None) awaiting one
CHOICE_KEY = "whatif.saved_choice"
AUTHOR_KEY = "whatif.author"  # the user's display name, kept for the session
AUTHOR_INPUT_KEY = "whatif.author_input"  # its text input (widget state is dropped off-page)
EDITABLE = ["confirmed_usd", "pledge_usd", "note"]


@dataclasses.dataclass(frozen=True)
class WhatIf:
    """What the callbacks act on: the session state, the plan, the language, the store."""

    state: MutableMapping[Any, Any]  # st.session_state, or a dict
    plan: PlanData
    lang: str
    store: Callable[[], ScenarioStore]  # may raise StoreUnavailableError

    def tr(self, key: str, **params: object) -> str:
        return t(key, self.lang, **params)

    def flash(self, place: str, kind: str, text: str, error: ScenarioError | None = None) -> None:
        self.state.setdefault(FLASH_KEY, []).append((place, kind, text, error))

    def versioned(self, name: str) -> str:
        """Widgets that start afresh whenever the active edits are replaced."""
        return versioned(self.state, name)


def versioned(state: Mapping[Any, Any], name: str) -> str:
    """The key of widget ``name`` for the current active edits (``whatif.editor.3``)."""
    return f"whatif.{name}.{state.get(EDITOR_VERSION_KEY, 0)}"


def without_where(error: ScenarioError, where: str) -> ScenarioError:
    """Messages that already name the scenario: drop ``name:`` from their problems."""
    return ScenarioError(
        [dataclasses.replace(p, where="") if p.where == where else p for p in error.problems]
    )


def typed_cells(w: WhatIf) -> dict[str, dict[str, object]]:
    """What was typed and not applied, ``{area_id: {column: value as sent}}``: the draft kept
    in ``DRAFT_KEY`` (the page may have been left meanwhile), then the editor's edit state
    (``edited_rows``, read so that a callback sees it too)."""
    ids = area_ids(w.plan)
    cells = {area: dict(row) for area, row in (w.state.get(DRAFT_KEY) or {}).items()}
    typed = w.state.get(w.versioned("editor")) or {}
    for row, values in (typed.get("edited_rows") or {}).items():
        for column, value in values.items():
            if column in EDITABLE:
                cells.setdefault(ids[int(row)], {})[column] = value
    return cells


def submitted_table(w: WhatIf) -> pd.DataFrame:
    """The editor's scenario cells: the active edits (integers) with what was typed on top.

    The typed values are kept as sent (object dtype: text), so that the pure layer judges
    them in the page's language (``data.scenario.validate_typed``), cents and all.
    """
    table = editor_frame(w.plan, edits_in(w.state), w.lang)[EDITABLE].astype(object)
    for area_id, values in typed_cells(w).items():
        for column, value in values.items():
            table.at[area_id, column] = value
    return table


def active_scenario(w: WhatIf, name: str) -> Scenario:
    """The active edits under ``name``, made on the data version viewed (refused names
    raise ScenarioError)."""
    edits = dict(edits_in(w.state))
    return Scenario(
        name=name,
        edits=edits,
        baseline_date=w.plan.summary.document_date,
        data_version=viewed_number(),  # the data version viewed: the figures it was made on
    )


def checked_author(w: WhatIf, intro: str) -> str | None:
    """The user's name, checked; ``None`` (and a message under ``intro``) if missing or bad."""
    typed = w.state.get(AUTHOR_INPUT_KEY, w.state.get(AUTHOR_KEY, ""))
    try:
        return clean_author(typed)
    except ScenarioError as error:
        w.flash("saved", "error", intro, error)
        return None


def forget_confirmations(w: WhatIf) -> None:
    """A confirmation is asked again each time: any other action drops a pending one."""
    w.state.pop(CONFIRM_DELETE_KEY, None)
    w.state.pop(CONFIRM_OVERWRITE_KEY, None)


def scenario_store() -> ScenarioStore:
    """The saved scenarios shared by every session and server: the one store of
    :mod:`pages._data_state` (``$CRP_DASHBOARD_DATABASE_URL``, else the SQLite file under
    ``$CRP_DASHBOARD_DATA_DIR``), which holds the data versions too.

    Raises
    ------
    StoreUnavailableError
        The file cannot be used now (and so may every method of the store): the page says
        so in the saved-scenarios section and keeps everything else working.
    """
    return shared_store()


def forget_scenario_store() -> None:
    """After the store failed: the next run opens the file afresh (a folder or file removed
    meanwhile is created again, a replaced file is checked again)."""
    forget_store()
