"""Names from outside: scenario names and authors, as stored and shown, and the key under
which look-alike names collide.

Names are NFKC-normalised, every Unicode space made a plain one; control, invisible,
text-direction and unstorable characters are refused, and so are Latin letters mixed with
Cyrillic or Greek ones (look-alikes). :func:`clean_name`, :func:`clean_author` and
:func:`name_key` raise :class:`~data.scenario.problems.ScenarioError` and nothing else.
"""

from __future__ import annotations

import re
import unicodedata

from data.scenario.problems import INVISIBLE, Problem, ScenarioError, quoted

MAX_NAME_CHARS = 80
MAX_AUTHOR_CHARS = 60

# Variation selectors (emoji style, CJK variants): allowed in names, ignored by name_key.
_VARIATION_SELECTORS = re.compile("[\u180b-\u180d\u180f\ufe00-\ufe0f\U000e0100-\U000e01ef]")
_SCRIPTS = ("LATIN", "CYRILLIC", "GREEK")
BLANK_LOOKALIKES = INVISIBLE | frozenset("\u115f\u1160\u2800\u3164\uffa0")
"""Characters shown as nothing or as a space that are not Unicode spaces (``Zs``), so that
NFKC leaves them be: the Hangul fillers (U+115F, U+1160, U+3164, U+FFA0) and the braille
pattern blank U+2800 (``Plan\u2800A`` looks like ``Plan A``). Refused as invisible."""


def code_point(ch: str) -> str:
    return f"U+{ord(ch):04X}"


CHARACTER_KINDS = {
    "control_character": "a control character",
    "format_character": "an invisible or text-direction character",
    "invalid_character": "a character that cannot be stored",
}


def bad_character(where: str, code: str, ch: str, what: str) -> Problem:
    return Problem(
        where,
        code,
        f"the {what} contains {CHARACTER_KINDS[code]} ({code_point(ch)})",
        {"char": code_point(ch)},
    )


def character_problem(text: str, where: str, what: str) -> Problem | None:
    """The first character a name may not contain, as a problem (``None``: all allowed)."""
    for ch in text:
        category = unicodedata.category(ch)
        if category in ("Cc", "Zl", "Zp"):  # line and paragraph separators are line breaks
            return bad_character(where, "control_character", ch, what)
        if category == "Cf" or ch in BLANK_LOOKALIKES:
            return bad_character(where, "format_character", ch, what)
        if category in ("Cs", "Co", "Cn"):  # surrogate, private use, unassigned
            return bad_character(where, "invalid_character", ch, what)
    return None


def normal_text(value: str) -> str:
    """NFKC, every Unicode space (no-break, narrow, ideographic...) a plain one, runs collapsed."""
    text = unicodedata.normalize("NFKC", value)
    text = "".join(" " if unicodedata.category(ch) == "Zs" else ch for ch in text)
    return " ".join(part for part in text.split(" ") if part)


def _scripts(text: str) -> set[str]:
    """Which of Latin, Cyrillic and Greek the letters of ``text`` are written in."""
    found: set[str] = set()
    for ch in text:
        if ch.isalpha():
            name = unicodedata.name(ch, "")
            found.update(script for script in _SCRIPTS if name.startswith(script + " "))
    return found


def clean_name(name: object, where: str = "name") -> str:
    """A scenario name as stored and shown: checked, NFKC-normalised, spaces made plain.

    The name is NFKC-normalised (fullwidth ``Ｐｌａｎ`` is ``Plan``, ligatures are split),
    every Unicode space becomes a plain space, runs of spaces are collapsed and the ends
    trimmed. Refused: anything but text, an empty name, more than :data:`MAX_NAME_CHARS`
    characters, control characters and line breaks (``control_character``), invisible and
    text-direction characters such as U+200B, U+200E/F, U+202A–U+202E, U+2066–U+2069 and
    U+FEFF (category Cf), and blanks that are not spaces such as the braille blank U+2800
    (:data:`BLANK_LOOKALIKES`) (``format_character``), surrogates, private-use and
    unassigned code points (``invalid_character``), and Latin letters mixed with Cyrillic or
    Greek ones (``mixed_scripts``: ``Plаn`` with a Cyrillic ``а`` looks like ``Plan``).
    """
    if not isinstance(name, str):
        raise ScenarioError(
            Problem(where, "not_text", f"{quoted(name)} is not text", {"value": quoted(name)})
        )
    if len(name) > 4 * MAX_NAME_CHARS:  # NFKC is not run on megabytes of text
        raise ScenarioError(_name_too_long(where, len(name.strip())))
    problem = character_problem(name, where, "scenario name")
    text = normal_text(name)
    problem = problem or character_problem(text, where, "scenario name")
    if problem is not None:
        raise ScenarioError(problem)
    if not text:
        raise ScenarioError(Problem(where, "empty_name", "the scenario name is empty"))
    if len(text) > MAX_NAME_CHARS:
        raise ScenarioError(_name_too_long(where, len(text)))
    scripts = _scripts(text)
    if "LATIN" in scripts and len(scripts) > 1:
        others = " and ".join(sorted(script.title() for script in scripts - {"LATIN"}))
        raise ScenarioError(
            Problem(
                where,
                "mixed_scripts",
                f"the scenario name mixes Latin letters with {others} letters (look-alikes)",
            )
        )
    return text


def _name_too_long(where: str, length: int) -> Problem:
    return Problem(
        where,
        "name_too_long",
        f"the scenario name is {length} characters long; the limit is {MAX_NAME_CHARS}",
        {"length": length, "limit": MAX_NAME_CHARS},
    )


def name_key(name: str) -> str:
    """The key under which names are unique, so that look-alike names collide.

    :func:`clean_name` (NFKC, Unicode spaces made plain and collapsed), then Unicode case
    folding, NFKC again, variation selectors dropped. Accents are kept: ``Plan é`` and
    ``Plan e`` are two names. ``Plan A``, ``plan\u00a0a`` and ``Ｐｌａｎ Ａ`` share a key;
    ``Plan\u200bA`` is refused by :func:`clean_name`.
    """
    folded = unicodedata.normalize("NFKC", clean_name(name).casefold())
    return _VARIATION_SELECTORS.sub("", folded)


def clean_author(author: object, where: str = "") -> str:
    """The display name of who saves (or deletes) a shared scenario, as stored and shown.

    Normalised like :func:`clean_name` (NFKC, plain spaces); refused when empty
    (``empty_author``), longer than :data:`MAX_AUTHOR_CHARS` (``author_too_long``) or with
    a control, invisible, text-direction or unstorable character (``author_bad_character``).
    """
    if not isinstance(author, str):
        raise ScenarioError(Problem(where, "empty_author", "your name is needed (not text)"))
    if len(author) > 4 * MAX_AUTHOR_CHARS:
        raise ScenarioError(_author_too_long(where, len(author.strip())))
    text = normal_text(author)
    problem = character_problem(author, where, "name") or character_problem(text, where, "name")
    if problem is not None:
        raise ScenarioError(
            Problem(
                where,
                "author_bad_character",
                f"your name contains {CHARACTER_KINDS[problem.code]} ({problem.params['char']})",
                problem.params,
            )
        )
    if not text:
        raise ScenarioError(
            Problem(where, "empty_author", "your name is needed to save, replace or delete")
        )
    if len(text) > MAX_AUTHOR_CHARS:
        raise ScenarioError(_author_too_long(where, len(text)))
    return text


def _author_too_long(where: str, length: int) -> Problem:
    return Problem(
        where,
        "author_too_long",
        f"your name is {length} characters long; the limit is {MAX_AUTHOR_CHARS}",
        {"length": length, "limit": MAX_AUTHOR_CHARS},
    )
