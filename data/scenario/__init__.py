"""What-if scenarios: edit confirmed funding per activity area, recompute every figure.

The baseline (:class:`data.plan.PlanData` as loaded) is never modified. A scenario is a set
of :class:`AreaEdit` per activity area; :func:`apply_overrides` returns a new ``PlanData``
and :func:`data.plan.compute_funding` derives every scenario figure from it, exactly as for
the plan. :func:`compare` lines the two up.

User input (a data editor, a JSON file, a link) goes through :func:`validate_edits`,
:func:`scenario_from_json` or :func:`edits_from_query`, which refuse bad input with a
:class:`ScenarioError` whose ``problems`` each name where (``edits.shelter.confirmed_usd``),
a ``code`` and ``params`` (for translation) and an English ``message``.

Amounts are whole US dollars: a figure with cents (``1234.50``) is refused, never rounded,
so that what is shown, saved and shared is exactly what was typed; a figure that reads two
ways (``91.000``: ninety-one, or 91,000 written the French way?) is refused as ambiguous
(see :func:`parse_amount`).

Every function reading outside input (:func:`scenario_from_json`, :func:`edits_from_query`,
:func:`clean_name`, :func:`clean_author`) raises :class:`ScenarioError` and nothing else,
whatever the input; values from outside are quoted in problems shortened and without
control characters (pages still escape them before rendering Markdown).

Modules, one job each (import from here; the modules are the package's inside):

- :mod:`~data.scenario.problems`: :class:`Problem`, :class:`ScenarioError`, :func:`echo`;
- :mod:`~data.scenario.names`: :func:`clean_name`, :func:`name_key`, :func:`clean_author`;
- :mod:`~data.scenario.amounts`: :func:`parse_amount` and its grammar; :func:`parse_typed_amount`
  (what is typed in the what-if grid, in the page's language);
- :mod:`~data.scenario.model`: :class:`AreaEdit`, :class:`Scenario`;
- :mod:`~data.scenario.edits`: :func:`validate_edits`, :func:`validate_typed`, :func:`apply_overrides`,
  :func:`scenario_funding`, :func:`scenario_confirmed`;
- :mod:`~data.scenario.compare`: :func:`compare` and its columns;
- :mod:`~data.scenario.codec`: :func:`scenario_to_json`, :func:`scenario_from_json`;
- :mod:`~data.scenario.link`: :func:`edits_to_query`, :func:`edits_from_query`;
- :mod:`~data.scenario.identity`: :class:`ScenarioIdentity` (name and edit lines),
  :func:`scenario_identity`, :func:`file_slug`, :func:`scenario_file_name`.
"""

from __future__ import annotations

from data.scenario.amounts import MAX_AMOUNT_USD, parse_amount, parse_typed_amount
from data.scenario.codec import (
    FORMAT,
    JSON_KEYS,
    MAX_JSON_BYTES,
    VERSION,
    scenario_from_json,
    scenario_to_json,
)
from data.scenario.compare import (
    AREA_COMPARE_COLUMNS,
    OBJECTIVE_COMPARE_COLUMNS,
    STATUSES,
    compare,
)
from data.scenario.edits import (
    AMOUNT_KEYS,
    EDIT_KEYS,
    apply_overrides,
    area_ids,
    edit_changes,
    scenario_confirmed,
    scenario_funding,
    validate_edits,
    validate_typed,
)
from data.scenario.identity import (
    FILE_PREFIX,
    UNSAVED_SLUG,
    EditLine,
    ScenarioIdentity,
    edit_lines,
    file_slug,
    scenario_file_name,
    scenario_identity,
)
from data.scenario.link import MAX_QUERY_CHARS, QUERY_PARAM, edits_from_query, edits_to_query
from data.scenario.model import MAX_NOTE_CHARS, AreaEdit, Scenario
from data.scenario.names import MAX_AUTHOR_CHARS, MAX_NAME_CHARS, clean_author, clean_name, name_key
from data.scenario.problems import Problem, ScenarioError, echo

__all__ = [
    "AMOUNT_KEYS",
    "AREA_COMPARE_COLUMNS",
    "EDIT_KEYS",
    "FILE_PREFIX",
    "FORMAT",
    "JSON_KEYS",
    "MAX_AMOUNT_USD",
    "MAX_AUTHOR_CHARS",
    "MAX_JSON_BYTES",
    "MAX_NAME_CHARS",
    "MAX_NOTE_CHARS",
    "MAX_QUERY_CHARS",
    "OBJECTIVE_COMPARE_COLUMNS",
    "QUERY_PARAM",
    "STATUSES",
    "UNSAVED_SLUG",
    "VERSION",
    "AreaEdit",
    "EditLine",
    "Problem",
    "Scenario",
    "ScenarioError",
    "ScenarioIdentity",
    "apply_overrides",
    "area_ids",
    "clean_author",
    "clean_name",
    "compare",
    "echo",
    "edit_changes",
    "edit_lines",
    "edits_from_query",
    "edits_to_query",
    "file_slug",
    "name_key",
    "parse_amount",
    "parse_typed_amount",
    "scenario_confirmed",
    "scenario_file_name",
    "scenario_from_json",
    "scenario_funding",
    "scenario_identity",
    "scenario_to_json",
    "validate_edits",
    "validate_typed",
]
