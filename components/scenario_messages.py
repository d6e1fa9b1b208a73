"""Problems with a scenario (a table, a file, a link, a saved scenario) worded in a language.

The pure layer refuses scenario input with :class:`data.scenario.ScenarioError`, whose
problems each carry ``where`` (``edits.shelter.confirmed_usd``), a ``code`` and ``params``.
Here a problem is worded through ``whatif.problem.<code>``: whole numbers are written for the
language, a store ``reason`` through ``whatif.store.reason.<reason>``, and every other value
(from files, links, names) is escaped with :func:`components.safe_text.plain`, so the text is
safe to render as Markdown. A code or params the catalog does not cover fall back to the
English message (escaped) under ``whatif.problem.generic``.

Pure: no streamlit; a function of (problem, language).
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from typing import TYPE_CHECKING

from components.safe_text import plain
from data.errors import MAX_SHOWN
from text import fmt_int, has_label, is_plural, t, template

if TYPE_CHECKING:  # annotations only
    from data.scenario import Problem, ScenarioError


def reason_text(reason: object, lang: str) -> str:
    """Why the saved scenarios are unavailable (``locked``, ``read_only``…), worded."""
    key = f"whatif.store.reason.{reason}"
    return t(key, lang) if has_label(key) else plain(reason)


def store_unavailable_text(reason: object, lang: str) -> str:
    """The 'saved scenarios are unavailable: <reason>' message."""
    return t("whatif.store.unavailable", lang, reason=reason_text(reason, lang))


def where_text(where: str, lang: str, area_names: Mapping[str, str] | None = None) -> str:
    """``edits.shelter.confirmed_usd`` -> ``Abris › Confirmé (scénario)``; other parts escaped.

    ``area_names`` are the plan's area names in ``lang`` (short ones:
    ``data.names.area_names(plan.areas, lang, short=True)``); without them an area is shown
    by its id.
    """
    names = area_names or {}
    tokens = where.split(".") if where else []
    if len(tokens) > 1 and tokens[0] == "edits":
        tokens = tokens[1:]
    shown = []
    for token in tokens:
        column = f"whatif.col.{token}"
        if token in names:
            shown.append(plain(names[token]))  # data: escaped like any value from a table
        elif has_label(column):
            shown.append(t(column, lang))
        else:
            shown.append(plain(token))  # a key or an area id from a file or a link
    return " › ".join(shown)


def problem_param(name: str, value: object, lang: str) -> str:
    """One param as template text: whole numbers for the language, reasons worded, text
    (values from files, links, names) escaped so that Markdown shows it as typed."""
    if isinstance(value, int) and not isinstance(value, bool):
        return fmt_int(value, lang)
    if name == "reason":
        return reason_text(value, lang)
    return plain(value)


def scenario_problem_text(
    problem: Problem, lang: str, area_names: Mapping[str, str] | None = None
) -> str:
    """One problem in ``lang``, through ``whatif.problem.<code>``; safe to render as Markdown.

    A code without a template, or a template asking for a param the problem does not have,
    falls back to the English message (escaped) under ``whatif.problem.generic``. The place
    (:func:`where_text`, naming areas by ``area_names``) comes first, through
    ``whatif.problem.at``.
    """
    params = {name: problem_param(name, value, lang) for name, value in problem.params.items()}
    key = f"whatif.problem.{problem.code}"
    fields = (
        {name for _, name, _, _ in string.Formatter().parse(template(key, lang)) if name}
        if has_label(key) and not is_plural(key)
        else None
    )
    if fields is not None and fields <= set(params):
        message = t(key, lang, **{name: params[name] for name in fields})
    else:
        message = t("whatif.problem.generic", lang, detail=plain(problem.message))
    where = where_text(problem.where, lang, area_names)
    return t("whatif.problem.at", lang, where=where, message=message) if where else message


def scenario_error_text(
    intro: str, error: ScenarioError, lang: str, area_names: Mapping[str, str] | None = None
) -> str:
    """``intro``, then each problem on its own line (at most ``MAX_SHOWN``, then how many
    more): the Markdown of an error message. ``intro`` is Markdown: escape what it quotes.
    ``area_names``: the plan's short area names in ``lang`` (see :func:`where_text`)."""
    problems = error.problems
    lines = [
        intro,
        *(f"- {scenario_problem_text(p, lang, area_names)}" for p in problems[:MAX_SHOWN]),
    ]
    if len(problems) > MAX_SHOWN:
        more = fmt_int(len(problems) - MAX_SHOWN, lang)
        lines.append(f"- {t('whatif.problem.more', lang, n=more)}")
    return "\n".join(lines)
