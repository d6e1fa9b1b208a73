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
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import decimal
import json
import math
import numbers
import re
import reprlib
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from data.errors import InputError, cap_lines
from data.plan import Funding, PlanData, compute_funding

FORMAT = "iom-mali-crp2024-scenario"
VERSION = 1
MAX_AMOUNT_USD = 10_000_000_000  # sanity bound: 1e10 USD, ~400x the whole plan
MAX_NAME_CHARS = 80
MAX_AUTHOR_CHARS = 60
MAX_NOTE_CHARS = 500
MAX_JSON_BYTES = 1_000_000
MAX_QUERY_CHARS = 4_000
QUERY_PARAM = "whatif"  # suggested name of the URL query parameter that carries the edits

EDIT_KEYS = ("confirmed_usd", "pledge_usd", "note")
JSON_KEYS = ("format", "version", "name", "baseline_date", "edits")

# An amount as text (after NFKC, every space made a plain one): a sign, a dollar sign, then
# digits with at most single '.', ',' or ' ' marks between them; parse_amount judges the marks.
_AMOUNT_TEXT = re.compile(r"^(?P<sign>[+-]?) ?\$? ?(?P<body>[0-9](?:[0-9., ]*[0-9])?)$")
_AMOUNT_MARKS = re.compile(r"([., ])")
_MAX_DIGITS = len(str(MAX_AMOUNT_USD))
# A JSON number literal (what json.loads hands to parse_float, or a long parse_int).
_JSON_NUMBER = re.compile(r"^-?[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$")
# One query entry: area:confirmed, area:confirmed+pledge, area:=+pledge (keep the baseline).
_QUERY_ENTRY = re.compile(r"^(?P<area>[^:]*):(?P<confirmed>=|[0-9]+)?(?:\+(?P<pledge>[0-9]+))?$")
# Invisible characters that are not of category Cf (default-ignorable fillers and joiners).
_INVISIBLE = frozenset("\u034f\u115f\u1160\u17b4\u17b5\u3164\uffa0")
# Variation selectors (emoji style, CJK variants): allowed in names, ignored by name_key.
_VARIATION_SELECTORS = re.compile("[\u180b-\u180d\u180f\ufe00-\ufe0f\U000e0100-\U000e01ef]")
_SCRIPTS = ("LATIN", "CYRILLIC", "GREEK")
_ECHO_CHARS = 60  # values from outside are quoted in problems by at most this many characters
_REPR = reprlib.Repr()
_REPR.maxstring = _ECHO_CHARS
_REPR.maxother = _ECHO_CHARS
_REPR.maxlevel = 3


def echo(value: object, limit: int = _ECHO_CHARS) -> str:
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
        elif category in ("Cc", "Cf", "Zl", "Zp") or ch in _INVISIBLE:
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out)


def _repr(value: object) -> str:
    """A short ``repr`` of any value (deep or long JSON values included), made :func:`echo`-safe."""
    if isinstance(value, str):
        return repr(echo(value))
    try:
        return echo(_REPR.repr(value), 2 * _ECHO_CHARS)
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


class ScenarioError(InputError):
    """Invalid scenario input; ``problems`` lists every problem found (at least one)."""

    def __init__(self, problems: Problem | str | Iterable[Problem]) -> None:
        if isinstance(problems, str):
            problems = [Problem("", "invalid", problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: list[Problem] = list(problems)
        super().__init__("\n".join(cap_lines([str(problem) for problem in self.problems])))


def _fmt(amount: int) -> str:
    return f"{amount:,}"


def _check_int(value: object, where: str) -> int:
    """A typed amount of an :class:`AreaEdit`: an integer (not bool), 0..MAX_AMOUNT_USD."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise ScenarioError(
            Problem(
                where,
                "not_an_integer",
                f"{_repr(value)} is not a whole number of USD",
                {"value": _repr(value)},
            )
        )
    number = int(value)
    if number < 0:
        raise ScenarioError(Problem(where, "negative", f"{number} is negative", {"value": number}))
    if number > MAX_AMOUNT_USD:
        raise ScenarioError(
            Problem(
                where,
                "too_large",
                f"{number} is above the limit of {_fmt(MAX_AMOUNT_USD)} USD",
                {"value": number, "limit": MAX_AMOUNT_USD},
            )
        )
    return number


@dataclass(frozen=True)
class AreaEdit:
    """The scenario's change to one activity area.

    ``confirmed_usd``: the confirmed amount to use instead of the plan's (``None``: keep the
    plan's figure, even 'not reported'). ``pledge_usd``: an additional amount (e.g. a donor's
    pledge) added on top. ``note``: free text (donor, source, caveat). Amounts are whole USD,
    0..``MAX_AMOUNT_USD``; invalid values raise :class:`ScenarioError`.
    """

    confirmed_usd: int | None = None
    pledge_usd: int = 0
    note: str = ""

    def __post_init__(self) -> None:
        if self.confirmed_usd is not None:
            object.__setattr__(
                self, "confirmed_usd", _check_int(self.confirmed_usd, "confirmed_usd")
            )
        object.__setattr__(self, "pledge_usd", _check_int(self.pledge_usd, "pledge_usd"))
        if not isinstance(self.note, str):
            raise ScenarioError(Problem("note", "not_text", f"{_repr(self.note)} is not text"))
        note = self.note.strip()
        surrogate = next((ch for ch in note if unicodedata.category(ch) == "Cs"), None)
        if surrogate is not None:  # cannot be stored, sent to a browser nor written as UTF-8
            raise ScenarioError(_bad_character("note", "invalid_character", surrogate, "note"))
        if len(note) > MAX_NOTE_CHARS:
            raise ScenarioError(
                Problem(
                    "note",
                    "too_long",
                    f"is {len(note)} characters long; the limit is {MAX_NOTE_CHARS}",
                    {"length": len(note), "limit": MAX_NOTE_CHARS},
                )
            )
        object.__setattr__(self, "note", note)

    @property
    def is_noop(self) -> bool:
        """True when the edit keeps the plan's figure and adds nothing (a note at most)."""
        return self.confirmed_usd is None and self.pledge_usd == 0


def _code_point(ch: str) -> str:
    return f"U+{ord(ch):04X}"


_CHARACTER_KINDS = {
    "control_character": "a control character",
    "format_character": "an invisible or text-direction character",
    "invalid_character": "a character that cannot be stored",
}


def _bad_character(where: str, code: str, ch: str, what: str) -> Problem:
    return Problem(
        where,
        code,
        f"the {what} contains {_CHARACTER_KINDS[code]} ({_code_point(ch)})",
        {"char": _code_point(ch)},
    )


def _character_problem(text: str, where: str, what: str) -> Problem | None:
    """The first character a name may not contain, as a problem (``None``: all allowed)."""
    for ch in text:
        category = unicodedata.category(ch)
        if category in ("Cc", "Zl", "Zp"):  # line and paragraph separators are line breaks
            return _bad_character(where, "control_character", ch, what)
        if category == "Cf" or ch in _INVISIBLE:
            return _bad_character(where, "format_character", ch, what)
        if category in ("Cs", "Co", "Cn"):  # surrogate, private use, unassigned
            return _bad_character(where, "invalid_character", ch, what)
    return None


def _normal_text(value: str) -> str:
    """NFKC, every Unicode space (no-break, narrow, ideographic...) a plain one, runs collapsed."""
    text = unicodedata.normalize("NFKC", value)
    text = "".join(" " if unicodedata.category(ch) == "Zs" else ch for ch in text)
    return " ".join(part for part in text.split(" ") if part)


def _scripts(text: str) -> set[str]:
    """Which of Latin, Cyrillic and Greek the letters of ``text`` are written in."""
    found = set()
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
    U+FEFF (category Cf, ``format_character``), surrogates, private-use and unassigned code
    points (``invalid_character``), and Latin letters mixed with Cyrillic or Greek ones
    (``mixed_scripts``: ``Plаn`` with a Cyrillic ``а`` looks like ``Plan``).
    """
    if not isinstance(name, str):
        raise ScenarioError(
            Problem(where, "not_text", f"{_repr(name)} is not text", {"value": _repr(name)})
        )
    if len(name) > 4 * MAX_NAME_CHARS:  # NFKC is not run on megabytes of text
        raise ScenarioError(_name_too_long(where, len(name.strip())))
    problem = _character_problem(name, where, "scenario name")
    text = _normal_text(name)
    problem = problem or _character_problem(text, where, "scenario name")
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
    text = _normal_text(author)
    problem = _character_problem(author, where, "name") or _character_problem(text, where, "name")
    if problem is not None:
        raise ScenarioError(
            Problem(
                where,
                "author_bad_character",
                f"your name contains {_CHARACTER_KINDS[problem.code]} ({problem.params['char']})",
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


@dataclass(frozen=True)
class Scenario:
    """A named set of edits, made against the plan of ``baseline_date`` (its document date)."""

    name: str
    edits: Mapping[str, AreaEdit]
    baseline_date: dt.date

    def __post_init__(self) -> None:
        object.__setattr__(self, "name", clean_name(self.name))
        edits = dict(self.edits)
        for area_id, edit in edits.items():
            if not isinstance(area_id, str) or not isinstance(edit, AreaEdit):
                raise TypeError(
                    f"Scenario.edits maps area ids (str) to AreaEdit, got {area_id!r}: {edit!r}"
                )
        object.__setattr__(self, "edits", edits)
        if isinstance(self.baseline_date, dt.datetime) or not isinstance(
            self.baseline_date, dt.date
        ):
            raise TypeError(f"Scenario.baseline_date must be a date, got {self.baseline_date!r}")


# --- parsing user input ------------------------------------------------------------------


def area_ids(baseline: PlanData) -> list[str]:
    """The plan's activity area ids, in the plan's order."""
    return [str(area_id) for area_id in baseline.areas["area_id"]]


def _unknown_area(area_id: object, valid: list[str], where: str) -> Problem:
    return Problem(
        where,
        "unknown_area",
        f"unknown activity area {_repr(area_id)}; valid ids: {', '.join(valid)}",
        {"area_id": echo(area_id), "valid": ", ".join(valid)},
    )


def _is_missing(value: object) -> bool:
    if value is None or value is pd.NA:
        return True
    return isinstance(value, str) and not value.strip()


class _JsonNumber:
    """A JSON number literal kept as written: with a fraction or exponent, or very long.

    ``scenario_from_json`` reads these instead of floats (or of ints past Python's limit on
    converting long digit strings), so that :func:`parse_amount` judges ``91.000`` as written
    (ambiguous), not as the float 91.0.
    """

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return self.text

    @staticmethod
    def parse_int(text: str) -> int | _JsonNumber:
        return int(text) if len(text) <= 30 else _JsonNumber(text)


def parse_amount(value: object, where: str) -> int | None:
    """One amount as typed or read: ``None``/empty -> ``None``; otherwise whole USD.

    Accepts integers, integral floats (``5.0``, from a grid of numbers) and text (or a JSON
    number as written in the file) that reads one way only:

    - plain digits ``500000``, optionally after ``$`` (``$500000``) or ``+``;
    - digits grouped by three with spaces (any Unicode space: ``500 000``) or with a
      repeated mark: ``1,500,000``, ``1.500.000``;
    - a decimal part that is zero and is not three digits long: ``500000.00``,
      ``500 000,00``, ``1,500,000.0`` (a figure with cents, ``1234.50``, is refused as
      ``not_whole``; it is never rounded).

    Refused as ``ambiguous_amount``: a single ``.`` or ``,`` followed by exactly three
    digits, which one reader takes for a thousands separator and another for decimals:
    ``91.000`` (ninety-one thousand the French way, or 91 with decimals?), ``91,000``,
    ``$451,968``, ``1 500,000``. Write plain digits instead (``91000``). Also refused:
    text that is not a number (``abc``, ``1.2.3``, ``1e6``), NaN and infinities, negative
    amounts and amounts above ``MAX_AMOUNT_USD`` (however many digits: never converted).
    A JSON number with an exponent (``1e+16``, as some writers put large numbers) is read
    exactly, then checked the same way.
    """
    if _is_missing(value):
        return None
    if isinstance(value, bool):
        raise ScenarioError(
            Problem(where, "not_a_number", f"{value!r} is not an amount", {"value": repr(value)})
        )
    if isinstance(value, numbers.Integral):
        return _check_int(int(value), where)
    if isinstance(value, _JsonNumber):
        return _parse_json_number(value.text, where)
    if isinstance(value, numbers.Real):
        try:
            number = float(value)
        except OverflowError:
            raise _too_large(value, where) from None
        if math.isnan(number):
            raise ScenarioError(
                Problem(where, "not_a_number", "NaN is not a number", {"value": "NaN"})
            )
        if math.isinf(number):
            shown = "Infinity" if number > 0 else "-Infinity"
            raise ScenarioError(
                Problem(where, "not_finite", f"{shown} is not a finite amount", {"value": shown})
            )
        if number < 0:
            raise ScenarioError(
                Problem(where, "negative", f"{value} is negative", {"value": str(value)})
            )
        if number > MAX_AMOUNT_USD:
            raise _too_large(value, where)
        if not number.is_integer():
            raise ScenarioError(_not_whole(value, where))
        return _check_int(int(number), where)
    if isinstance(value, str):
        return _parse_amount_text(value, where)
    raise ScenarioError(
        Problem(
            where,
            "not_a_number",
            f"{_repr(value)} ({type(value).__name__}) is not an amount",
            {"value": _repr(value)},
        )
    )


def _parse_amount_text(value: str, where: str) -> int:
    """An amount written as text; see :func:`parse_amount` for what reads one way only."""
    text = _normal_text(value)
    match = _AMOUNT_TEXT.match(text)
    if not match:
        raise _not_a_number(text, where)
    parts = _AMOUNT_MARKS.split(match["body"])
    runs, marks = parts[0::2], parts[1::2]
    if not all(runs):  # two marks in a row
        raise _not_a_number(text, where)
    decimals = ""
    if marks and marks[-1] != " " and marks.count(marks[-1]) == 1:
        # A '.' or ',' used once, last: a decimal mark, or a thousands separator?
        if len(runs[-1]) == 3:
            raise ScenarioError(
                Problem(
                    where,
                    "ambiguous_amount",
                    f"{echo(text)} is ambiguous: the {marks[-1]!r} reads as a thousands "
                    "separator or as decimals; write whole dollars as plain digits (e.g. 91000)",
                    {"value": echo(text)},
                )
            )
        decimals = runs.pop()
        marks.pop()
    if marks and (
        len(set(marks)) > 1 or not 1 <= len(runs[0]) <= 3 or any(len(run) != 3 for run in runs[1:])
    ):
        raise _not_a_number(text, where)
    digits = "".join(runs).lstrip("0") or "0"
    if match["sign"] == "-" and digits != "0":
        raise ScenarioError(
            Problem(where, "negative", f"{echo(text)} is negative", {"value": echo(text)})
        )
    if decimals.strip("0"):
        raise ScenarioError(_not_whole(echo(text), where))
    if len(digits) > _MAX_DIGITS or int(digits) > MAX_AMOUNT_USD:
        raise _too_large(echo(text), where)
    return int(digits)


def _parse_json_number(text: str, where: str) -> int:
    """A JSON number literal as written in the file (never through float)."""
    if not _JSON_NUMBER.match(text):
        raise _not_a_number(text, where)
    mantissa, _, exponent = text.lower().partition("e")
    if not exponent:
        return _parse_amount_text(text, where)
    zero = not mantissa.lstrip("-").replace(".", "").strip("0")
    if zero:
        return 0
    if mantissa.startswith("-"):
        raise ScenarioError(
            Problem(where, "negative", f"{echo(text)} is negative", {"value": echo(text)})
        )
    if len(exponent.lstrip("+-").lstrip("0")) > 6:  # 1e+9999999: far above any limit
        if exponent.startswith("-"):
            raise ScenarioError(_not_whole(echo(text), where))
        raise _too_large(echo(text), where)
    number = decimal.Decimal(text)
    if number.adjusted() >= _MAX_DIGITS or number > MAX_AMOUNT_USD:
        raise _too_large(echo(text), where)
    if number != number.to_integral_value():
        raise ScenarioError(_not_whole(echo(text), where))
    return int(number)


def _not_a_number(text: str, where: str) -> ScenarioError:
    return ScenarioError(
        Problem(
            where,
            "not_a_number",
            f"{_repr(text)} is not an amount in USD (write digits, e.g. 500000 or 500 000)",
            {"value": echo(text)},
        )
    )


def _not_whole(value: object, where: str) -> Problem:
    return Problem(
        where,
        "not_whole",
        f"{value} is not a whole number of USD (amounts are whole dollars: no cents)",
        {"value": str(value)},
    )


def _too_large(value: object, where: str) -> ScenarioError:
    return ScenarioError(
        Problem(
            where,
            "too_large",
            f"{value} is above the limit of {_fmt(MAX_AMOUNT_USD)} USD",
            {"value": str(value), "limit": MAX_AMOUNT_USD},
        )
    )


def _parse_note(value: object, where: str) -> str:
    if _is_missing(value) or (isinstance(value, float) and math.isnan(value)):
        return ""
    if not isinstance(value, str):
        raise ScenarioError(Problem(where, "not_text", f"{_repr(value)} is not text"))
    return value


def _parse_edit(raw: object, where: str, problems: list[Problem]) -> AreaEdit | None:
    """One edit from an AreaEdit, a mapping of EDIT_KEYS, or a bare confirmed amount."""
    if isinstance(raw, AreaEdit):
        return raw
    if isinstance(raw, Mapping):
        fields = dict(raw)
        for key in fields:
            if key not in EDIT_KEYS:
                problems.append(
                    Problem(
                        f"{where}.{echo(key)}",
                        "unexpected_key",
                        f"unexpected key (expected {', '.join(EDIT_KEYS)})",
                        {"key": echo(key)},
                    )
                )
    else:
        fields = {"confirmed_usd": raw}
    values: dict[str, Any] = {}
    for key, parse in (
        ("confirmed_usd", parse_amount),
        ("pledge_usd", parse_amount),
        ("note", _parse_note),
    ):
        try:
            values[key] = parse(fields.get(key), f"{where}.{key}")
        except ScenarioError as exc:
            problems.extend(exc.problems)
    if len(values) < len(EDIT_KEYS):
        return None
    try:
        return AreaEdit(
            confirmed_usd=values["confirmed_usd"],
            pledge_usd=values["pledge_usd"] or 0,
            note=values["note"],
        )
    except ScenarioError as exc:
        problems.extend(
            dataclasses.replace(problem, where=f"{where}.{problem.where}")
            for problem in exc.problems
        )
        return None


def _rows(edits_like: object) -> list[tuple[object, object]]:
    """(area id, raw edit) pairs from a mapping or a data-editor frame."""
    if isinstance(edits_like, pd.DataFrame):
        frame = edits_like
        if "area_id" not in frame.columns:
            frame = frame.reset_index()
        if "area_id" not in frame.columns:
            raise ScenarioError(
                Problem("", "missing_column", "the table has no 'area_id' column or index")
            )
        columns = [key for key in EDIT_KEYS if key in frame.columns]
        # An empty cell of a data editor (NaN in a float column, <NA>) means 'keep the plan's'.
        frame = frame.astype(object).where(frame.notna(), None)
        return [
            (record["area_id"], {key: record[key] for key in columns})
            for record in frame.to_dict("records")
        ]
    if isinstance(edits_like, Mapping):
        return list(edits_like.items())
    if isinstance(edits_like, list):  # (area id, raw edit) pairs, repeated ids kept
        return list(edits_like)
    raise ScenarioError(
        Problem(
            "",
            "bad_type",
            f"edits must be a mapping of area id to edit, not {type(edits_like).__name__}",
        )
    )


def _baseline_confirmed(baseline: PlanData) -> dict[str, int | None]:
    return {
        str(area_id): None if pd.isna(value) else int(value)
        for area_id, value in zip(
            baseline.areas["area_id"], baseline.areas["confirmed_usd"], strict=True
        )
    }


def _parse_edits(
    baseline: PlanData, edits_like: object, prefix: str = "", drop_unchanged: bool = False
) -> tuple[dict[str, AreaEdit], list[Problem]]:
    """Parse (area id, raw edit) pairs; drop empty edits (and, if asked, the plan's own figures)."""
    valid = area_ids(baseline)
    base = _baseline_confirmed(baseline)
    problems: list[Problem] = []
    parsed: dict[str, AreaEdit] = {}
    seen: set[str] = set()
    for raw_id, raw in _rows(edits_like):
        area_id = raw_id.strip() if isinstance(raw_id, str) else raw_id
        where = f"{prefix}{area_id}"
        if area_id not in base:
            problems.append(_unknown_area(raw_id, valid, prefix.rstrip(".")))
            continue
        if area_id in seen:
            problems.append(
                Problem(where, "duplicate_area", "this activity area is given more than once")
            )
            continue
        seen.add(area_id)
        edit = _parse_edit(raw, where, problems)
        if edit is None:
            continue
        unchanged = edit.confirmed_usd is None or (
            drop_unchanged and edit.confirmed_usd == base[area_id]
        )
        if unchanged and edit.pledge_usd == 0 and not edit.note:
            continue  # carries nothing: dropped, so that 'no edits' means 'the plan'
        parsed[area_id] = edit
    ordered = {area_id: parsed[area_id] for area_id in valid if area_id in parsed}
    return ordered, problems


def scenario_confirmed(base: int | None, edit: AreaEdit | None) -> int | None:
    """An area's scenario confirmed amount; ``None`` (not reported) only if nothing is given."""
    if edit is None or edit.is_noop:
        return base
    start = edit.confirmed_usd if edit.confirmed_usd is not None else (base or 0)
    return start + edit.pledge_usd


def validate_edits(
    baseline: PlanData, edits_like: Mapping[str, object] | pd.DataFrame
) -> tuple[dict[str, AreaEdit], list[str]]:
    """Check user edits; return them as ``{area_id: AreaEdit}`` (plan order) and warnings.

    ``edits_like`` maps area ids to an :class:`AreaEdit`, a mapping with any of
    ``confirmed_usd``, ``pledge_usd``, ``note``, or a bare confirmed amount; or is a data-editor
    frame with an ``area_id`` column (or index) and those columns. Empty edits (no confirmed
    figure, no pledge, no note) are dropped; in a frame (a full table of every area) so are
    rows that only repeat the plan's own confirmed figure. In a frame an empty cell (NaN,
    <NA>) means 'keep the plan's figure'; elsewhere NaN is refused.

    Warnings (not errors): areas whose scenario confirmed exceeds their requirement.

    Raises
    ------
    ScenarioError
        Listing every unknown area (with the valid ids), repeated area, and bad amount
        (not a number, NaN/infinite, cents, negative, above ``MAX_AMOUNT_USD``).
    """
    edits, problems = _parse_edits(
        baseline, edits_like, drop_unchanged=isinstance(edits_like, pd.DataFrame)
    )
    if problems:
        raise ScenarioError(problems)
    base = _baseline_confirmed(baseline)
    required = dict(
        zip(
            (str(area_id) for area_id in baseline.areas["area_id"]),
            (int(value) for value in baseline.areas["required_usd"]),
            strict=True,
        )
    )
    warnings = []
    for area_id, edit in edits.items():
        confirmed = scenario_confirmed(base[area_id], edit)
        if confirmed is not None and confirmed > required[area_id]:
            warnings.append(
                f"{area_id}: scenario confirmed {_fmt(confirmed)} USD exceeds the "
                f"{_fmt(required[area_id])} USD required (over-funded by "
                f"{_fmt(confirmed - required[area_id])} USD)"
            )
    return edits, warnings


# --- recomputation ----------------------------------------------------------------------


def apply_overrides(baseline: PlanData, edits: Mapping[str, AreaEdit]) -> PlanData:
    """A new ``PlanData`` with the edits applied; ``baseline`` is left untouched.

    Each edited area's confirmed = (edited confirmed, else the plan's, 'not reported' counting
    as 0 only when an amount is given) + pledge; other areas keep the plan's value, <NA>
    included. Each objective's confirmed moves by the change of its areas' itemised sum, so
    the amount not itemised to any area (410,526 USD for objective 1) is kept as it is.
    Confirmed above required is allowed (``compute_funding`` flags it ``over_funded``).
    """
    known = set(area_ids(baseline))
    unknown = [area_id for area_id in edits if area_id not in known]
    if unknown:
        raise ScenarioError(
            [_unknown_area(area_id, area_ids(baseline), str(area_id)) for area_id in unknown]
        )
    for area_id, edit in edits.items():
        if not isinstance(edit, AreaEdit):
            raise TypeError(f"edits[{area_id!r}] is not an AreaEdit: {edit!r}")

    areas = baseline.areas.copy()
    base = _baseline_confirmed(baseline)
    areas["confirmed_usd"] = pd.array(
        [
            scenario_confirmed(base[str(area_id)], edits.get(str(area_id)))
            for area_id in areas["area_id"]
        ],
        dtype="Int64",
    )

    def itemised(frame: pd.DataFrame) -> pd.Series:
        return frame.groupby("objective_id", sort=False)["confirmed_usd"].sum()  # <NA> skipped

    delta = (itemised(areas) - itemised(baseline.areas)).astype("Int64")
    objectives = baseline.objectives.copy()
    change = objectives["objective_id"].map(delta).astype("Int64").fillna(0)
    confirmed = objectives["confirmed_usd"]
    objectives["confirmed_usd"] = confirmed.where(change == 0, confirmed.fillna(0) + change).astype(
        "Int64"
    )
    return dataclasses.replace(
        baseline,
        areas=areas,
        objectives=objectives,
        area_regions=baseline.area_regions.copy(),
        sources=baseline.sources.copy(),
    )


def scenario_funding(baseline: PlanData, edits: Mapping[str, AreaEdit]) -> Funding:
    """Every scenario figure: ``compute_funding(apply_overrides(baseline, edits))``."""
    return compute_funding(apply_overrides(baseline, edits))


STATUSES = ("not_reported", "reported", "over_funded")


def _status(frame: pd.DataFrame) -> pd.Series:
    status = pd.Series("reported", index=frame.index, dtype="string")
    status = status.mask(~frame["reported"].astype(bool), "not_reported")
    return status.mask(frame["over_funded"].astype(bool), "over_funded")


def _delta(baseline: pd.Series, scenario: pd.Series, scale: float = 1) -> pd.Series:
    """scenario - baseline, 'not reported' counting as 0 unless both are not reported."""
    both_missing = baseline.isna() & scenario.isna()
    delta = (scenario.fillna(0) - baseline.fillna(0)) * scale
    return delta.mask(both_missing)


AREA_COMPARE_COLUMNS = [
    "area_id",
    "objective_id",
    "name_en",
    "name_fr",
    "required_usd",
    "baseline_confirmed_usd",
    "scenario_confirmed_usd",
    "delta_usd",
    "baseline_gap_usd",
    "scenario_gap_usd",
    "baseline_coverage",
    "scenario_coverage",
    "delta_coverage_pp",
    "baseline_status",
    "scenario_status",
    "status_changed",
    "changed",
]
OBJECTIVE_COMPARE_COLUMNS = [
    "objective_id",
    "name_en",
    "name_fr",
    "is_total",
    "required_usd",
    "baseline_confirmed_usd",
    "scenario_confirmed_usd",
    "delta_usd",
    "baseline_itemised_usd",
    "scenario_itemised_usd",
    "baseline_unitemised_usd",
    "scenario_unitemised_usd",
    "baseline_gap_usd",
    "scenario_gap_usd",
    "baseline_coverage",
    "scenario_coverage",
    "delta_coverage_pp",
    "baseline_areas_reported",
    "scenario_areas_reported",
    "areas_total",
    "scenario_over_funded",
    "changed",
]


def compare(baseline: Funding, scenario: Funding) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Plan vs scenario, per activity area and per objective (plus a plan total row).

    Areas: confirmed, gap and coverage on both sides, ``delta_usd``, ``delta_coverage_pp``
    (percentage points), statuses (``not_reported`` / ``reported`` / ``over_funded``),
    ``status_changed`` and ``changed``. Deltas count 'not reported' as 0 against a reported
    figure, and are <NA> when both sides are not reported. Objectives: the same figures plus
    itemised / not itemised amounts, areas reported, and a last row ``objective_id="plan"``
    (``is_total``) with the plan's totals.
    """
    keys = ["area_id", "required_usd", "confirmed_usd", "gap_usd", "coverage"]
    flags = ["reported", "over_funded"]
    if set(baseline.areas["area_id"]) != set(scenario.areas["area_id"]):
        raise ValueError("baseline and scenario are not the same plan (activity areas differ)")
    merged = baseline.areas[["objective_id", "name_en", "name_fr", *keys, *flags]].merge(
        scenario.areas[[*keys, *flags]],
        on="area_id",
        how="left",
        suffixes=("_b", "_s"),
        validate="one_to_one",
    )
    if (merged["required_usd_b"] != merged["required_usd_s"]).any():
        raise ValueError("baseline and scenario are not the same plan (requirements differ)")
    areas = pd.DataFrame(
        {
            "area_id": merged["area_id"],
            "objective_id": merged["objective_id"],
            "name_en": merged["name_en"],
            "name_fr": merged["name_fr"],
            "required_usd": merged["required_usd_b"],
            "baseline_confirmed_usd": merged["confirmed_usd_b"],
            "scenario_confirmed_usd": merged["confirmed_usd_s"],
            "delta_usd": _delta(merged["confirmed_usd_b"], merged["confirmed_usd_s"]),
            "baseline_gap_usd": merged["gap_usd_b"],
            "scenario_gap_usd": merged["gap_usd_s"],
            "baseline_coverage": merged["coverage_b"],
            "scenario_coverage": merged["coverage_s"],
            "delta_coverage_pp": _delta(merged["coverage_b"], merged["coverage_s"], 100),
            "baseline_status": _status(
                merged[["reported_b", "over_funded_b"]].set_axis(flags, axis=1)
            ),
            "scenario_status": _status(
                merged[["reported_s", "over_funded_s"]].set_axis(flags, axis=1)
            ),
        }
    )
    areas["status_changed"] = (areas["baseline_status"] != areas["scenario_status"]).astype(bool)
    areas["changed"] = (
        areas["delta_usd"].fillna(0).ne(0)
        | areas["baseline_confirmed_usd"].isna().ne(areas["scenario_confirmed_usd"].isna())
    ).astype(bool)
    areas = areas.astype(
        {
            "required_usd": "Int64",
            "baseline_confirmed_usd": "Int64",
            "scenario_confirmed_usd": "Int64",
            "delta_usd": "Int64",
            "baseline_gap_usd": "Int64",
            "scenario_gap_usd": "Int64",
            "baseline_coverage": "Float64",
            "scenario_coverage": "Float64",
            "delta_coverage_pp": "Float64",
        }
    )

    b, s = baseline.objectives, scenario.objectives
    if list(b["objective_id"]) != list(s["objective_id"]):
        raise ValueError("baseline and scenario are not the same plan (objectives differ)")
    s = s.reset_index(drop=True)
    b = b.reset_index(drop=True)
    objectives = pd.DataFrame(
        {
            "objective_id": b["objective_id"],
            "name_en": b["name_en"],
            "name_fr": b["name_fr"],
            "is_total": False,
            "required_usd": b["required_usd"],
            "baseline_confirmed_usd": b["confirmed_usd"],
            "scenario_confirmed_usd": s["confirmed_usd"],
            "baseline_itemised_usd": b["itemised_confirmed_usd"],
            "scenario_itemised_usd": s["itemised_confirmed_usd"],
            "baseline_unitemised_usd": b["unitemised_confirmed_usd"],
            "scenario_unitemised_usd": s["unitemised_confirmed_usd"],
            "baseline_gap_usd": b["gap_usd"],
            "scenario_gap_usd": s["gap_usd"],
            "baseline_coverage": b["coverage"],
            "scenario_coverage": s["coverage"],
            "baseline_areas_reported": b["areas_reported"],
            "scenario_areas_reported": s["areas_reported"],
            "areas_total": b["areas_total"],
            "scenario_over_funded": (s["confirmed_usd"] > s["required_usd"])
            .fillna(False)
            .astype(bool),
        }
    )
    bt, st_ = baseline.totals, scenario.totals
    total = {
        "objective_id": "plan",
        "name_en": "Total",
        "name_fr": "Total",
        "is_total": True,
        "required_usd": bt.required_usd,
        "baseline_confirmed_usd": bt.confirmed_usd,
        "scenario_confirmed_usd": st_.confirmed_usd,
        "baseline_gap_usd": bt.gap_usd,
        "scenario_gap_usd": st_.gap_usd,
        "baseline_coverage": bt.coverage,
        "scenario_coverage": st_.coverage,
        "scenario_over_funded": st_.confirmed_usd > st_.required_usd,
    }
    for column in (
        "itemised_usd",
        "unitemised_usd",
        "areas_reported",
    ):
        total[f"baseline_{column}"] = int(objectives[f"baseline_{column}"].sum())
        total[f"scenario_{column}"] = int(objectives[f"scenario_{column}"].sum())
    total["areas_total"] = int(objectives["areas_total"].sum())
    objectives = pd.concat([objectives, pd.DataFrame([total])], ignore_index=True)
    objectives["delta_usd"] = _delta(
        objectives["baseline_confirmed_usd"].astype("Int64"),
        objectives["scenario_confirmed_usd"].astype("Int64"),
    )
    objectives["delta_coverage_pp"] = _delta(
        objectives["baseline_coverage"].astype("Float64"),
        objectives["scenario_coverage"].astype("Float64"),
        100,
    )
    objectives["changed"] = objectives["delta_usd"].fillna(0).ne(0).astype(bool)
    int_columns = [
        name for name in OBJECTIVE_COMPARE_COLUMNS if name.endswith(("_usd", "_reported", "_total"))
    ]
    objectives = objectives.astype(
        {
            **dict.fromkeys(int_columns, "Int64"),
            "baseline_coverage": "Float64",
            "scenario_coverage": "Float64",
            "delta_coverage_pp": "Float64",
            "is_total": bool,
            "scenario_over_funded": bool,
            "objective_id": "string",
            "name_en": "string",
            "name_fr": "string",
        }
    )
    return areas[AREA_COMPARE_COLUMNS], objectives[OBJECTIVE_COMPARE_COLUMNS]


# --- JSON files -----------------------------------------------------------------------------


def scenario_to_json(scenario: Scenario) -> str:
    """The scenario as a versioned JSON document (UTF-8 text, indented, keys in a fixed order).

    ``{"format": "iom-mali-crp2024-scenario", "version": 1, "name": ..., "baseline_date":
    "YYYY-MM-DD", "edits": {area_id: {"confirmed_usd": int | null, "pledge_usd": int,
    "note": str}}}``
    """
    document = {
        "format": FORMAT,
        "version": VERSION,
        "name": scenario.name,
        "baseline_date": scenario.baseline_date.isoformat(),
        "edits": {
            area_id: {
                "confirmed_usd": edit.confirmed_usd,
                "pledge_usd": edit.pledge_usd,
                "note": edit.note,
            }
            for area_id, edit in scenario.edits.items()
        },
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _fatal(where: str, code: str, message: str, **params: object) -> ScenarioError:
    return ScenarioError(Problem(where, code, message, params))


def scenario_from_json(text_or_bytes: str | bytes, baseline: PlanData) -> Scenario:
    """Read a scenario file written by :func:`scenario_to_json`, checked against the plan.

    Numbers are judged as written in the file (``91.000`` is ambiguous, not 91; a number of
    5,000 digits is too large), see :func:`parse_amount`.

    Raises
    ------
    ScenarioError
        For anything else than a scenario file, and nothing else whatever the input: text
        that is not UTF-8 or not JSON, nested too deeply, a wrong ``format`` or unsupported
        ``version``, missing or unexpected keys, a bad name, a ``baseline_date`` that is not
        the plan's document date, unknown areas and bad amounts; each problem names its
        place (``edits.shelter.confirmed_usd: -5 is negative``).
    """
    if isinstance(text_or_bytes, bytes | bytearray | memoryview):
        if len(text_or_bytes) > MAX_JSON_BYTES:
            raise _fatal("", "too_large_file", f"the file is larger than {MAX_JSON_BYTES} bytes")
        try:
            text = bytes(text_or_bytes).decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise _fatal("", "not_utf8", f"not UTF-8 text (byte {exc.start})") from None
    elif isinstance(text_or_bytes, str):
        text = text_or_bytes.removeprefix("\ufeff")
        if len(text) > MAX_JSON_BYTES:
            raise _fatal("", "too_large_file", f"the file is larger than {MAX_JSON_BYTES} bytes")
    else:
        raise _fatal("", "not_text", f"{type(text_or_bytes).__name__} is not a file's text")

    duplicates: list[str] = []

    def pairs(items: list[tuple[str, object]]) -> dict[str, object]:
        result: dict[str, object] = {}
        for key, value in items:
            if key in result:
                duplicates.append(key)
            result[key] = value
        return result

    try:
        document = json.loads(
            text,
            object_pairs_hook=pairs,
            parse_float=_JsonNumber,
            parse_int=_JsonNumber.parse_int,
        )
    except json.JSONDecodeError as exc:
        raise _fatal(
            "",
            "not_json",
            f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})",
            line=exc.lineno,
            column=exc.colno,
        ) from None
    except RecursionError:
        raise _fatal("", "too_deep", "not a scenario file: the JSON is nested too deeply") from None
    except (ValueError, MemoryError) as exc:  # a number json cannot read, and the like
        raise _fatal("", "not_json", f"not valid JSON: {echo(exc)}") from None
    if not isinstance(document, dict):
        raise _fatal("", "not_object", "the file is not a JSON object ({...})")
    if "format" not in document:
        raise _fatal("format", "missing_key", "missing key: this is not a scenario file")
    if document["format"] != FORMAT:
        raise _fatal(
            "format",
            "wrong_format",
            f"{_repr(document['format'])} is not {FORMAT!r}: this is not a scenario file",
            value=_repr(document["format"]),
        )
    version = document.get("version")
    if "version" not in document:
        raise _fatal("version", "missing_key", "missing key")
    if isinstance(version, bool) or not isinstance(version, int) or version != VERSION:
        raise _fatal(
            "version",
            "wrong_version",
            f"{_repr(version)} is not supported (this dashboard reads version {VERSION})",
            value=_repr(version),
            supported=VERSION,
        )

    problems = [
        Problem(echo(key), "duplicate_key", "this key appears more than once", {"key": echo(key)})
        for key in dict.fromkeys(duplicates)
    ]
    problems += [
        Problem(key, "missing_key", "missing key", {"key": key})
        for key in JSON_KEYS
        if key not in document
    ]
    problems += [
        Problem(
            echo(key),
            "unexpected_key",
            f"unexpected key (expected {', '.join(JSON_KEYS)})",
            {"key": echo(key)},
        )
        for key in document
        if key not in JSON_KEYS
    ]

    name = None
    if "name" in document:
        try:
            name = clean_name(document["name"])
        except ScenarioError as exc:
            problems += exc.problems

    baseline_date = None
    if "baseline_date" in document:
        raw_date = document["baseline_date"]
        expected = baseline.summary.document_date
        try:
            baseline_date = dt.date.fromisoformat(raw_date) if isinstance(raw_date, str) else None
        except ValueError:
            baseline_date = None
        if baseline_date is None:
            problems.append(
                Problem(
                    "baseline_date",
                    "bad_date",
                    f"{_repr(raw_date)} is not a date YYYY-MM-DD",
                    {"value": _repr(raw_date)},
                )
            )
        elif baseline_date != expected:
            problems.append(
                Problem(
                    "baseline_date",
                    "baseline_mismatch",
                    f"{baseline_date.isoformat()} does not match the plan's document date "
                    f"{expected.isoformat()}: the scenario was made for another version of "
                    "the plan",
                    {"value": baseline_date.isoformat(), "expected": expected.isoformat()},
                )
            )

    edits: dict[str, AreaEdit] = {}
    if "edits" in document:
        raw_edits = document["edits"]
        if not isinstance(raw_edits, dict):
            problems.append(Problem("edits", "not_object", "is not a JSON object {area_id: {...}}"))
        else:
            for area_id, raw in raw_edits.items():
                if not isinstance(raw, dict):
                    problems.append(
                        Problem(
                            f"edits.{echo(area_id)}",
                            "not_object",
                            'is not a JSON object {"confirmed_usd": ..., "pledge_usd": ..., '
                            '"note": ...}',
                        )
                    )
            wellformed = {key: raw for key, raw in raw_edits.items() if isinstance(raw, dict)}
            edits, edit_problems = _parse_edits(baseline, wellformed, prefix="edits.")
            problems += edit_problems
    if problems:
        raise ScenarioError(problems)
    assert name is not None and baseline_date is not None
    return Scenario(name=name, edits=edits, baseline_date=baseline_date)


# --- links ----------------------------------------------------------------------------------


def edits_to_query(edits: Mapping[str, AreaEdit]) -> str:
    """The edits as a compact, readable query-parameter value (notes are not included).

    ``area:confirmed`` replaces the confirmed figure, ``area:confirmed+pledge`` adds a pledge
    on top, ``area:=+pledge`` keeps the plan's figure and adds a pledge; entries are joined
    by ``;`` in the order given: ``shelter:451968+500000;mhpss:200000;cccm:=+50000``.
    Edits that change no amount (a note at most) are left out.
    """
    entries = []
    for area_id, edit in edits.items():
        if edit.is_noop:
            continue
        confirmed = "=" if edit.confirmed_usd is None else str(edit.confirmed_usd)
        pledge = f"+{edit.pledge_usd}" if edit.pledge_usd else ""
        entries.append(f"{area_id}:{confirmed}{pledge}")
    return ";".join(entries)


def edits_from_query(text: str, baseline: PlanData) -> dict[str, AreaEdit]:
    """Read :func:`edits_to_query` text back (``""`` -> no edits).

    Also accepted: ``area:+pledge`` (same as ``area:=+pledge``), spaces around entries, and a
    space instead of ``+`` (what a hand-typed ``+`` becomes once a URL is decoded), except
    where it reads as a thousands separator (``500 000``: refused as ambiguous). Amounts are
    plain digits. Raises :class:`ScenarioError` for malformed entries, unknown or repeated
    areas and bad amounts; the caller keeps the plan's figures.
    """
    if not isinstance(text, str):
        raise ScenarioError(Problem("", "bad_query", f"{_repr(text)} is not text"))
    if len(text) > MAX_QUERY_CHARS:
        raise ScenarioError(
            Problem(
                "", "bad_query", f"the link's scenario is longer than {MAX_QUERY_CHARS} characters"
            )
        )
    rows: list[tuple[object, object]] = []
    problems: list[Problem] = []
    for raw_entry in text.split(";"):
        entry = raw_entry.strip()
        if not entry:
            continue
        value = entry.partition(":")[2].strip()
        if re.fullmatch(r"[0-9]{1,3}(?:\s[0-9]{3})+", value):
            # '500 000' is a thousands separator or a decoded '+' (500 + 000): refuse to guess.
            problems.append(
                Problem(
                    "",
                    "ambiguous_query",
                    f"{_repr(entry)} is ambiguous: write amounts as plain digits (500000) and a "
                    "pledge after + (written %2B in a link)",
                    {"entry": echo(entry)},
                )
            )
            continue
        normalised = re.sub(r"\s*\+\s*|(?<=[=0-9])\s+(?=[0-9])", "+", entry)
        normalised = re.sub(r"\s*:\s*", ":", normalised, count=1)
        match = _QUERY_ENTRY.match(normalised)
        if not match or (match["confirmed"] is None and match["pledge"] is None):
            problems.append(
                Problem(
                    "",
                    "bad_query",
                    f"{_repr(entry)} is not area:amount (e.g. shelter:951968, shelter:451968+500000 "
                    "or cccm:=+50000)",
                    {"entry": echo(entry)},
                )
            )
            continue
        confirmed = match["confirmed"]
        rows.append(
            (
                match["area"].strip(),
                {
                    "confirmed_usd": None if confirmed in (None, "=") else confirmed,
                    "pledge_usd": match["pledge"],
                },
            )
        )
    if problems:
        raise ScenarioError(problems)
    edits, problems = _parse_edits(baseline, rows)
    if problems:
        raise ScenarioError(problems)
    return edits
