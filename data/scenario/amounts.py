"""Amounts in whole US dollars, as typed in a grid, written in a file or given in a link.

An amount must read one way only: a figure with cents (``1234.50``) is refused, never
rounded, so that what is shown, saved and shared is exactly what was typed; a figure that
reads two ways (``91.000``: ninety-one, or 91,000 written the French way?) is refused as
ambiguous (see :func:`parse_amount`). JSON numbers are judged as written in the file
(:class:`JsonNumber`), never through a float.
"""

from __future__ import annotations

import decimal
import math
import numbers
import re

import pandas as pd

from data.scenario.names import normal_text
from data.scenario.problems import Problem, ScenarioError, echo, quoted

MAX_AMOUNT_USD = 10_000_000_000  # sanity bound: 1e10 USD, ~400x the whole plan

# An amount as text (after NFKC, every space made a plain one): a sign, a dollar sign, then
# digits with at most single '.', ',' or ' ' marks between them; parse_amount judges the marks.
_AMOUNT_TEXT = re.compile(r"^(?P<sign>[+-]?) ?\$? ?(?P<body>[0-9](?:[0-9., ]*[0-9])?)$")
_AMOUNT_MARKS = re.compile(r"([., ])")
_MAX_DIGITS = len(str(MAX_AMOUNT_USD))
# A JSON number literal (what json.loads hands to parse_float, or a long parse_int).
_JSON_NUMBER = re.compile(r"^-?[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$")


def grouped(amount: int) -> str:
    """``1234567`` -> ``1,234,567`` (English messages)."""
    return f"{amount:,}"


def checked_usd(value: object, where: str) -> int:
    """A typed amount of an ``AreaEdit``: an integer (not bool), 0..MAX_AMOUNT_USD."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise ScenarioError(
            Problem(
                where,
                "not_an_integer",
                f"{quoted(value)} is not a whole number of USD",
                {"value": quoted(value)},
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
                f"{number} is above the limit of {grouped(MAX_AMOUNT_USD)} USD",
                {"value": number, "limit": MAX_AMOUNT_USD},
            )
        )
    return number


def is_blank(value: object) -> bool:
    """``None``, ``<NA>`` or blank text: no value given."""
    if value is None or value is pd.NA:
        return True
    return isinstance(value, str) and not value.strip()


class JsonNumber:
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
    def parse_int(text: str) -> int | JsonNumber:
        return int(text) if len(text) <= 30 else JsonNumber(text)


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
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise ScenarioError(
            Problem(where, "not_a_number", f"{value!r} is not an amount", {"value": repr(value)})
        )
    if isinstance(value, numbers.Integral):
        return checked_usd(int(value), where)
    if isinstance(value, JsonNumber):
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
        return checked_usd(int(number), where)
    if isinstance(value, str):
        return _parse_amount_text(value, where)
    raise ScenarioError(
        Problem(
            where,
            "not_a_number",
            f"{quoted(value)} ({type(value).__name__}) is not an amount",
            {"value": quoted(value)},
        )
    )


def _parse_amount_text(value: str, where: str) -> int:
    """An amount written as text; see :func:`parse_amount` for what reads one way only."""
    text = normal_text(value)
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
            f"{quoted(text)} is not an amount in USD (write digits, e.g. 500000 or 500 000)",
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
            f"{value} is above the limit of {grouped(MAX_AMOUNT_USD)} USD",
            {"value": str(value), "limit": MAX_AMOUNT_USD},
        )
    )


# --- amounts typed in the what-if grid, in the page's language ------------------------------
# Whole dollars only, ASCII digits only. Both languages accept plain digits and digits grouped
# by three with a space (U+0020, U+00A0 or U+202F, as ``text.fmt_int`` writes French); English
# also accepts comma groups (``1,234,567``). A '.' is never a thousands separator (``1.234.567``
# is refused in both languages: in English '.' is the decimal mark, and French grouping is
# written with spaces only); a decimal part is refused, never rounded, even ``.00``.
# Accepted around the digits: a leading ``$`` or ``US$``, or a trailing ``$`` (``500 000 $``).
TYPED_DECIMAL_MARK = {"en": ".", "fr": ","}
TYPED_GROUP_MARKS = {"en": frozenset(", \u00a0\u202f"), "fr": frozenset(" \u00a0\u202f")}
_SPACES = frozenset(" \u00a0\u202f")
_MINUS = ("-", "\u2212")
_TYPED_BODY = re.compile(r"^[0-9]+(?:[., \u00a0\u202f][0-9]+)*$")
_TYPED_EXPONENT = re.compile(r"^[0-9][0-9.,]*[eE][+-]?[0-9]+$")
_TYPED_MARK = re.compile(r"[., \u00a0\u202f]")


def _strip_currency(text: str) -> str:
    """``$500``, ``US$ 500``, ``500 $``, ``500$`` -> ``500`` (one currency sign at most)."""
    for prefix in ("US$", "$"):
        if text.startswith(prefix):
            return text[len(prefix) :].lstrip(" \u00a0\u202f")
    if text.endswith("$"):
        return text[:-1].rstrip(" \u00a0\u202f")
    return text


def _typed_problem(
    code: str, text: str, where: str, message: str, **params: object
) -> ScenarioError:
    shown = echo(text)
    return ScenarioError(
        Problem(where, code, f"{quoted(shown)} {message}", {"value": shown, **params})
    )


def _typed_marks_problem(body: str, lang: str) -> str | None:
    """The code of what is wrong with the marks between digit runs, or ``None`` if well grouped."""
    runs = _TYPED_MARK.split(body)
    marks = _TYPED_MARK.findall(body)
    if not marks:
        return None
    for decimal_mark in (TYPED_DECIMAL_MARK[lang], *TYPED_DECIMAL_MARK.values()):
        # The language's decimal mark used once, last (1234.50, 12,5 in French); or the other
        # language's, last, not followed by a group of three (12,5 in English, 1234.50 in French).
        last = marks[-1] == decimal_mark and marks.count(decimal_mark) == 1
        if last and (decimal_mark == TYPED_DECIMAL_MARK[lang] or len(runs[-1]) != 3):
            return "typed_decimals"
    spaces = {mark in _SPACES for mark in marks}
    if (
        not set(marks) <= TYPED_GROUP_MARKS[lang]
        or len(spaces) > 1
        or not 1 <= len(runs[0]) <= 3
        or any(len(run) != 3 for run in runs[1:])
    ):
        return "typed_grouping"
    return None


def parse_typed_amount(text: str, lang: str, where: str = "") -> int | None:
    """An amount typed in the what-if grid in ``lang``: whole US dollars, or ``None`` (empty:
    keep the plan's figure).

    Accepted (both languages unless said): ``1234``; ``1 234`` (space, U+00A0, U+202F);
    ``1,234`` and ``1,234,567`` (English only: comma groups of exactly three); a leading
    ``$`` or ``US$`` or a trailing ``$``/`` $``. What ``text.fmt_int(n, lang)`` writes reads
    back as ``n``.

    Raises
    ------
    ScenarioError
        One problem whose ``value`` param is what was typed (cut by :func:`echo`):
        ``typed_digits`` (digits other than ASCII 0-9), ``typed_exponent`` (``2e6``),
        ``typed_negative`` (``-100``), ``typed_decimals`` (``1234.50``; ``12,5`` in French,
        where ``1,234`` is also decimals), ``typed_grouping`` (``1,23,4``, ``1.234.567``,
        comma groups in French, mixed marks), ``typed_not_a_number`` (anything else) and
        ``typed_too_large`` (above ``MAX_AMOUNT_USD``).
    """
    if lang not in TYPED_DECIMAL_MARK:
        raise ValueError(f"unknown language {lang!r}")
    body = text.strip()
    if not body:
        return None
    if any(ch.isdigit() and not "0" <= ch <= "9" for ch in body):
        raise _typed_problem("typed_digits", text, where, "has digits other than 0-9")
    negative = body.startswith(_MINUS)
    body = _strip_currency(body[1:].lstrip() if negative else body)
    if not negative and body.startswith(_MINUS):  # $-100
        negative, body = True, body[1:].lstrip()
    if _TYPED_EXPONENT.match(body):
        raise _typed_problem("typed_exponent", text, where, "is written with an exponent")
    if not _TYPED_BODY.match(body):
        raise _typed_problem("typed_not_a_number", text, where, "is not an amount in USD")
    if negative:  # -0 too: a minus sign is never what a whole amount means
        raise _typed_problem("typed_negative", text, where, "is negative")
    code = _typed_marks_problem(body, lang)
    if code == "typed_decimals":
        raise _typed_problem(code, text, where, "has a decimal part (whole dollars only)")
    if code is not None:
        raise _typed_problem(code, text, where, "is not grouped by three as in this language")
    digits = "".join(_TYPED_MARK.split(body)).lstrip("0") or "0"
    if len(digits) > _MAX_DIGITS or int(digits) > MAX_AMOUNT_USD:
        raise _typed_problem(
            "typed_too_large",
            text,
            where,
            f"is above the limit of {grouped(MAX_AMOUNT_USD)} USD",
            limit=MAX_AMOUNT_USD,
        )
    return int(digits)


def parse_typed_cell(value: object, lang: str, where: str = "") -> int | None:
    """A grid cell: text typed in ``lang`` (:func:`parse_typed_amount`); anything else (the
    active scenario's own integers, an empty cell) through :func:`parse_amount`."""
    if isinstance(value, str):
        return parse_typed_amount(value, lang, where)
    return parse_amount(value, where)
