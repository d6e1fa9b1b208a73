"""Input problems worded in the page's language, safe to render as Markdown.

The pure layer raises :class:`data.errors.DashboardError` with an English message, a ``code`` and
``params``; a table error (:class:`data.schema.DataValidationError`) carries one
:class:`data.schema.Issue` per problem, each with its own code and params. Here they are
worded through ``table.issue.<code>`` (``components.labels_tables``), falling back to the
English message when a code has no template.

Every value that came from outside (file and column names, cell excerpts) is escaped with
:func:`components.safe_text.plain` before it goes into a template, so ``st.error`` shows it as
typed. Parameters are formatted by type and name: row numbers (``row``, ``*_row``) and years
(``*_year``) as plain digits, other whole numbers with the language's thousands separator,
dates as dates, text escaped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from components.safe_text import plain
from data.errors import MAX_SHOWN, DashboardError
from data.schema import DataValidationError, Issue
from text import fmt_date, fmt_int, has_label, is_plural, nt, t

_PLAIN_DIGITS = ("row", "year")  # parameter names ending so are not thousands-grouped


def _param(name: str, value: object, lang: str) -> str:
    """One parameter as text for a template in ``lang`` (escaped when it is text)."""
    if isinstance(value, bool):
        return plain(value)
    if isinstance(value, int):
        return str(value) if name.endswith(_PLAIN_DIGITS) else fmt_int(value, lang)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return fmt_int(int(value), lang)
        text = f"{value:g}"
        return text.replace(".", ",") if lang == "fr" else text
    if isinstance(value, dt.date):
        return fmt_date(value, lang)
    return plain(value)


def _params(params: Mapping[str, object], lang: str) -> dict[str, str]:
    return {str(name): _param(str(name), value, lang) for name, value in params.items()}


def _label(name: str, lang: str, params: Mapping[str, str]) -> str:
    """The label ``name`` in ``lang`` filled with ``params`` (which may include ``key``).

    ``t(name, lang)`` gives the template itself; it is filled here, always (also with no
    parameters, so a placeholder never shows as ``{value}``).
    """
    return t(name, lang).format(**params)


def _fill(name: str, lang: str, params: Mapping[str, object]) -> str | None:
    """The label ``name`` filled with ``params``; None when there is none or it does not fit.

    A plural label (:func:`text.is_plural`) takes its form from the whole number ``n``.
    """
    if not has_label(name):
        return None
    try:
        if is_plural(name):
            count = params.get("n")
            if not isinstance(count, int) or isinstance(count, bool):
                return None
            others = {k: v for k, v in _params(params, lang).items() if k != "n"}
            return nt(name, count, lang, **others)
        return _label(name, lang, _params(params, lang))
    except (KeyError, IndexError, ValueError):  # a placeholder the params do not have
        return None


def _where(issue: Issue, lang: str) -> str:
    params = {"file": plain(issue.file)}
    if issue.row is not None:
        params["row"] = str(issue.row)
    if issue.column is not None:
        params["column"] = plain(issue.column)
    if issue.row is not None and issue.column is not None:
        return _label("table.where.row_column", lang, params)
    if issue.row is not None:
        return _label("table.where.row", lang, params)
    if issue.column is not None:
        return _label("table.where.column", lang, params)
    return _label("table.where.file", lang, params)


def issue_text(issue: Issue, lang: str) -> str:
    """One table problem in ``lang``: where it is (file, row, column), then what it is.

    An issue about one entry of a key/value table (``params['key']``) names the key first.
    A code without a template falls back to the issue's English message.
    """
    params = dict(issue.params)
    text = _fill(f"table.issue.{issue.code}", lang, params)
    if text is None:
        text = plain(issue.message)
    elif "key" in params and issue.code != "missing_key":
        text = _label("table.keyed", lang, {"key": plain(params["key"]), "text": text})
    return _label("table.line", lang, {"where": _where(issue, lang), "text": text})


def _more(lines: list[str], total: int, lang: str) -> list[str]:
    if total > len(lines):
        lines.append(_label("table.more", lang, {"n": fmt_int(total - len(lines), lang)}))
    return lines


def error_lines(err: DashboardError, lang: str) -> list[str]:
    """An input error in ``lang``, as Markdown-safe lines for ``st.error``.

    A table error gives its first :data:`data.errors.MAX_SHOWN` issues and the translated
    "… and N more". Another :class:`DashboardError` is worded by the label named by its ``code``
    when there is one, else shown as its English message (also capped).
    """
    if isinstance(err, DataValidationError):
        lines = [issue_text(issue, lang) for issue in err.issues[:MAX_SHOWN]]
        return _more(lines, err.total, lang)
    text = _fill(getattr(err, "label_key", err.code), lang, err.params)
    if text is not None:
        return [text]
    message = str(err).splitlines() or [""]
    return _more([plain(line) for line in message[:MAX_SHOWN]], len(message), lang)
