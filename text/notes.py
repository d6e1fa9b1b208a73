"""Data notes (reconciliation and DTM) as sentences: ``note.<template>`` + formatted params.

The notes are computed in ``data/`` (a template name and its parameters) and worded here.
"""

from __future__ import annotations

from collections.abc import Mapping

from text.catalog import t
from text.formats import fmt_date, fmt_int, fmt_month, fmt_pct, fmt_usd


def _format(key: str, value: object, lang: str) -> object:
    """Format one note parameter by its name: *_usd amounts, *_pct fractions, dates, counts."""
    if key.endswith("_usd"):
        return fmt_usd(value, lang)
    if key.endswith("_pct"):
        # The plan prints whole percentages: show them as printed, computed ones to 0.1.
        return fmt_pct(value, lang, decimals=0 if key.startswith("printed") else 1)
    if key == "mention":
        return t(f"mention.{value}", lang)
    if key == "as_of":
        return fmt_date(value, lang)
    if key == "printed_month" and not isinstance(value, str):
        return fmt_month(value, lang)
    if isinstance(value, int) and not isinstance(value, bool):
        return fmt_int(value, lang)
    return value


def render_note(note: Mapping[str, object], lang: str) -> str:
    """The sentence for one note row (``template`` + ``params``) in ``lang``.

    ``name_fr``/``name_en`` parameters become ``name`` in the chosen language.
    """
    params = dict(note["params"])  # type: ignore[call-overload]
    if f"name_{lang}" in params:
        params["name"] = params[f"name_{lang}"]
    formatted = {key: _format(key, value, lang) for key, value in params.items()}
    return t(f"note.{note['template']}", lang, **formatted)


def dtm_source_text(dtm: object, lang: str) -> str:
    """The source line of displacement figures: the plan citing DTM, or the uploaded file."""
    if getattr(dtm, "cited_in_plan", False):
        return t("source.dtm_plan", lang)
    return t("source.dtm", lang, file=getattr(dtm, "source_file", ""))
