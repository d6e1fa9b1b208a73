"""What-if: edit confirmed funding per activity area, compare with the plan, save and share.

The page only wires. The active edits live in the session (``pages._scenario``: every page
reads them through ``current_funding()``); every figure comes from ``data.scenario``, every
table and chart from ``components``; saved scenarios are in the shared
``data.store.ScenarioStore``. Each section is a module beside the page:

- ``_what_if_editor``: the grid, Apply and Reset, what the table refuses, the messages;
- ``_what_if_compare``: plan and scenario side by side (tables, chart, over-funded areas);
- ``_what_if_saved``: saved scenarios, shared by every session;
- ``_what_if_share``: the scenario as a JSON file and as a link.

Every action is a widget callback (``_what_if_callbacks``) acting on a ``WhatIf``
(``_what_if_state``): it runs before the script, so the whole run shows its outcome.
"""

from __future__ import annotations

import streamlit as st

from data.scenario import compare
from pages._scenario import SCENARIO_NAME_KEY, current_funding, scenario_active, scenario_edits
from pages._shared import baseline_funding, lang, page_header, plan_data, tr
from pages._what_if_compare import show_comparison, show_over_funded
from pages._what_if_editor import show_editor, show_flash
from pages._what_if_saved import show_saved
from pages._what_if_share import show_file, show_link
from pages._what_if_state import WhatIf, scenario_store

page_header("page.what_if")
code = lang()
whatif = WhatIf(st.session_state, plan_data(), code, scenario_store)
baseline = baseline_funding()
funding = current_funding()
edits = dict(scenario_edits())
active = scenario_active()
active_name = st.session_state.get(SCENARIO_NAME_KEY)
st.caption(tr("whatif.intro"))
show_flash(whatif, "top")

# --- the editor ----------------------------------------------------------------------------
st.subheader(tr("whatif.editor.title"))
st.caption(tr("whatif.editor.help"))
show_editor(whatif, edits, active)
areas_cmp, objectives_cmp = compare(baseline, funding)
show_over_funded(areas_cmp, edits, baseline, code)

# --- plan and scenario, saved scenarios, file and link ------------------------------------
show_comparison(areas_cmp, objectives_cmp, (baseline, funding), active, code)
show_saved(whatif, active_name, active)
show_file(whatif, active_name, active)
show_link()
