"""What a refused scenario input says: :class:`Problem`, :class:`ScenarioError`, and how a
value from outside is quoted in one (:func:`echo`, :func:`quoted`).

Every module of :mod:`data.scenario` reading outside input raises :class:`ScenarioError`
and nothing else; each :class:`Problem` names where (``edits.shelter.confirmed_usd``), a
``code`` and ``params`` (for translation) and an English ``message``.
"""

from __future__ import annotations

import reprlib
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from data.errors import DashboardError, cap_lines

# Invisible characters that are not of category Cf (default-ignorable fillers and joiners).
INVISIBLE = frozenset("\u034f\u115f\u1160\u17b4\u17b5\u3164\uffa0")
ECHO_CHARS = 60  # values from outside are quoted in problems by at most this many characters
_REPR = reprlib.Repr()
_REPR.maxstring = ECHO_CHARS
_REPR.maxother = ECHO_CHARS
_REPR.maxlevel = 3


def echo(value: object, limit: int = ECHO_CHARS) -> str:
    """``value`` (text from outside) fit to be quoted in a problem: one line, short, encodable.

    Control and format characters become spaces (no line breaks, no right-to-left override
    reordering the message), lone surrogates U+FFFD, and text longer than ``limit`` is cut
    with an ellipsis. Markdown is not escaped here: pages escape what they render.
    """
    text = str(value)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    out = []
    for ch in text:
        category = unicodedata.category(ch)
        if category == "Cs":
            out.append("\ufffd")
        elif category in ("Cc", "Cf", "Zl", "Zp") or ch in INVISIBLE:
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out)


def quoted(value: object) -> str:
    """A short ``repr`` of any value (deep or long JSON values included), made :func:`echo`-safe."""
    if isinstance(value, str):
        return repr(echo(value))
    try:
        return echo(_REPR.repr(value), 2 * ECHO_CHARS)
    except (RecursionError, ValueError):
        return f"<{type(value).__name__}>"


@dataclass(frozen=True)
class Problem:
    """One problem with user input: where, a code and params for translation, and a message."""

    where: str
    code: str
    message: str
    params: Mapping[str, object] = field(default_factory=dict)

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


class ScenarioError(DashboardError):
    """Invalid scenario input; ``problems`` lists every problem found (at least one)."""

    def __init__(self, problems: Problem | str | Iterable[Problem]) -> None:
        if isinstance(problems, str):
            problems = [Problem("", "invalid", problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: list[Problem] = list(problems)
        super().__init__("\n".join(cap_lines([str(problem) for problem in self.problems])))
