"""The one base class for everything a user's input can cause, and the limits on input.

Every loader of outside input (CSV tables, DTM rounds, boundary files, scenario JSON and
links, the scenario store) raises a subclass of :class:`InputError` and nothing else: pages
catch this one class, word it in their language and never show a traceback. The English
text of an error is for logs and the command line; pages may word it again from ``code``
and ``params``.

Messages are capped: a file with 10,000 bad rows gives the first :data:`MAX_SHOWN`
problems and "and N more", never a megabyte of text.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

MAX_SHOWN = 10
"""At most this many problems are listed in one message; the rest are counted."""

MAX_PROBLEMS = 200
"""Loaders stop collecting problems after this many (each costs time: suggestions, etc.)."""

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
"""Default size limit of one uploaded file (``CRP_DASHBOARD_MAX_UPLOAD_MB`` overrides it)."""

MAX_COUNT = 100_000_000
"""Largest number of people (IDPs, people targeted) a table may give: above Mali's population."""

MAX_USD = 100_000_000_000
"""Largest US dollar amount a table or scenario may give (USD 100 billion)."""

MIN_YEAR = 1900
"""Dates before this year are refused as typing errors."""

MAX_YEAR = 2100
"""Dates after this year are refused as typing errors."""

EXCERPT_CHARS = 40
"""A value from a file is quoted in a message by at most this many characters."""


class InputError(ValueError):
    """A problem with input a user gave (a file, a link, a typed value, a saved scenario).

    Attributes
    ----------
    code
        Stable identifier of the kind of problem, for translation (``upload.too_large``).
    params
        Values to fill the translated template with.
    """

    code: str = "input"

    def __init__(
        self, message: str, *, code: str | None = None, params: Mapping[str, object] | None = None
    ) -> None:
        if code is not None:
            self.code = code
        self.params: dict[str, object] = dict(params or {})
        super().__init__(message)


def cap_lines(lines: Sequence[str], shown: int = MAX_SHOWN) -> list[str]:
    """The first ``shown`` lines, then "… and N more" when there are more."""
    lines = list(lines)
    if len(lines) <= shown:
        return lines
    return [*lines[:shown], f"… and {len(lines) - shown} more"]


def excerpt(value: object, limit: int = EXCERPT_CHARS) -> str:
    """A short, single-line, quoted excerpt of a value from outside, safe to put in a message.

    Control characters (line breaks included) become spaces, and text longer than ``limit``
    characters is cut with an ellipsis. The result is quoted with ``repr`` so its ends are
    visible. Markdown is not escaped here: pages escape every message they render.
    """
    text = "".join(" " if (ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0) else ch for ch in str(value))
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return repr(text)
