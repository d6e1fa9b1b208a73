"""A scenario's identity worded in a language: its label, its edits, the chart stamp.

Pure (no streamlit): functions of (:class:`data.scenario.ScenarioIdentity`, language).
Returned text is **plain** (for PDF, PPTX, XLSX, SVG); the ``*_markdown`` variants escape the
user's text (scenario name, notes) with :func:`components.safe_text.plain` for Streamlit, and
:func:`chart_source` escapes it for plotly's text (which reads ``<b>``, ``<a href>``, ``&…;``).
"""

from __future__ import annotations

import html
from collections.abc import Mapping

from components.safe_text import plain
from data.scenario import EditLine, ScenarioIdentity
from text import fmt_usd, nt, t


def scenario_label(identity: ScenarioIdentity, lang: str) -> str:
    """The scenario's name, or 'unsaved scenario' in ``lang`` (plain text)."""
    return identity.name if identity.name else t("scenario.unsaved", lang)


def edit_line_text(line: EditLine, area_name: str, lang: str) -> str:
    """``Protection : 2 226 876 $ → 3 000 000 $`` (plus the pledge and the note when given)."""
    text = t(
        "scenario.edit_line",
        lang,
        area=area_name,
        plan=fmt_usd(line.plan_usd, lang),
        scenario=fmt_usd(line.scenario_usd, lang),
    )
    if line.pledge_usd:
        text = t(
            "scenario.edit_line.pledge", lang, line=text, pledge=fmt_usd(line.pledge_usd, lang)
        )
    if line.note:
        text = t("scenario.edit_line.note", lang, line=text, note=line.note)
    return text


def edit_texts(identity: ScenarioIdentity, area_names: Mapping[str, str], lang: str) -> list[str]:
    """One plain line per edited area, the plan's order (``area_names``: id -> name)."""
    return [
        edit_line_text(line, area_names.get(line.area_id, line.area_id), lang)
        for line in identity.lines
    ]


def edit_texts_markdown(
    identity: ScenarioIdentity,
    area_names: Mapping[str, str],
    lang: str,
    *,
    note_limit: int | None = None,
) -> list[str]:
    """As :func:`edit_texts`, each user value escaped for Streamlit's Markdown; notes cut to
    ``note_limit`` characters (with an ellipsis) when given."""
    escaped = {key: plain(name) for key, name in area_names.items()}
    lines = []
    for line in identity.lines:
        note = plain(line.note, limit=note_limit)
        safe = EditLine(line.area_id, line.plan_usd, line.scenario_usd, line.pledge_usd, note)
        lines.append(edit_line_text(safe, escaped.get(line.area_id, plain(line.area_id)), lang))
    return lines


def scenario_stamp(source: str, identity: ScenarioIdentity | None, lang: str) -> str:
    """A chart's source line: unchanged for the plan; under a scenario
    'Plan figures modified by a scenario: <name> — <source>' (plain text)."""
    if identity is None:
        return source
    return t("source.scenario_named", lang, name=scenario_label(identity, lang), source=source)


def scenario_heading(identity: ScenarioIdentity, lang: str, *, markdown: bool = False) -> str:
    """'Scenario: <name> — 3 areas edited' (the banner's and the cover's first line)."""
    label = scenario_label(identity, lang)
    return nt(
        "scenario.heading",
        len(identity.lines),
        lang,
        name=plain(label) if markdown and identity.name else label,
    )


STAMP_NAME_CHARS = 40
"""A scenario name is cut to this many characters in a chart's stamp (one line)."""


def chart_source(source: str, identity: ScenarioIdentity | None, lang: str) -> str:
    """The ``source`` of a plotly figure's stamp: unchanged for the plan; under a scenario
    'Plan figures modified by a scenario: <name>' on a line of its own above it (the two
    joined by ``\n``, which :func:`components.theme.stamp_text` turns into two stamp lines).
    The name is escaped for plotly's text (its ``<``, ``>``, ``&`` shown as typed) and cut to
    :data:`STAMP_NAME_CHARS` characters."""
    if identity is None:
        return source
    label = scenario_label(identity, lang)
    if len(label) > STAMP_NAME_CHARS:
        label = label[: STAMP_NAME_CHARS - 1].rstrip() + "…"
    line = t("stamp.scenario_line", lang, name=html.escape(label, quote=False))
    return f"{line}\n{source}"


def banner_markdown(
    identity: ScenarioIdentity, area_names: Mapping[str, str], lang: str, *, note_limit: int = 60
) -> tuple[str, list[str]]:
    """The scenario banner as Markdown: (its heading, one ``- `` line per edited area).

    The heading names the scenario and counts the edited areas (:func:`scenario_heading`);
    the lines are :func:`edit_texts_markdown` with notes cut to ``note_limit`` characters.
    """
    heading = scenario_heading(identity, lang, markdown=True)
    lines = edit_texts_markdown(identity, area_names, lang, note_limit=note_limit)
    return heading, [f"- {line}" for line in lines]
