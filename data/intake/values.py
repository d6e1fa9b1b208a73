"""One cell of an officer's table read as a whole number, a percentage or a date, FR or EN.

Each reader returns ``None`` for an empty cell (not reported: never 0) or the value, and
raises :class:`CellProblem` (a code, an English message and the params of the catalog
template ``table.issue.<code>``) for anything else; the table parsers turn it into an
:class:`data.errors.Issue` naming the file, row and column (:meth:`CellProblem.issue`).

Whole numbers (:func:`parse_whole`): ``91274``; grouped by three with spaces (U+0020,
U+00A0, U+202F, U+2009: ``91 274``), commas (``91,274``, ``1,234,567``) or repeated dots
(``1.234.567``); a zero decimal part (``91 274,00``). Refused: ``91.274`` (``ambiguous_number``:
91 thousand the French way, or 91 with decimals?), ``91 274,5`` (``not_whole``), a minus sign or
brackets (``negative``), badly grouped digits (``not_number``). ``$``, ``US$`` and ``USD`` are
allowed around amounts only. Percentages (:func:`parse_percent`): ``23``, ``23 %``, ``23,5``,
``23.5``, from 0 to 100. Dates (:func:`parse_date`): ISO ``2023-09-30``; ``30/09/2023``
(also with ``.`` or ``-``); ``30 septembre 2023``, ``30 Sept. 2023``, ``September 30, 2023``.
A date that reads two ways (``01/09/2023``) is ``ambiguous_date`` unless ``day_first`` says how.
"""

from __future__ import annotations

import datetime as dt
import re

from data.errors import MAX_COUNT, MAX_YEAR, MIN_YEAR, Issue, excerpt
from data.intake.aliases import fold

_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " "})
_BODY = re.compile(r"^[0-9]+(?:[ ,.][0-9]+)*$")
_MARK = re.compile(r"[ ,.]")
_PERCENT = re.compile(r"^([0-9]{1,12})(?:[.,]([0-9]{1,12}))?$")
_CURRENCY_BEFORE = ("US$", "USD", "$")
_CURRENCY_AFTER = ("US$", "USD", "$")
_MINUS = ("-", "\u2212")
_MAX_NUMBER_CHARS = 40


class CellProblem(ValueError):
    """What is wrong with one cell: ``code`` and ``params`` for ``table.issue.<code>``."""

    def __init__(self, code: str, message: str, **params: object) -> None:
        super().__init__(message)
        self.code = code
        self.params = params

    def issue(self, file: str, row: int | None, column: str | None) -> Issue:
        """This problem as an :class:`Issue` at ``file``, ``row``, ``column``."""
        return Issue(file, row, column, str(self), self.code, dict(self.params))


def _clean(text: object) -> str:
    return str(text).translate(_SPACES).strip()


def _not_number(text: str) -> CellProblem:
    return CellProblem("not_number", f"{excerpt(text)} is not a number", value=excerpt(text))


def _strip_currency(text: str) -> str:
    for sign in _CURRENCY_BEFORE:
        if text.upper().startswith(sign):
            return text[len(sign) :].strip()
    for sign in _CURRENCY_AFTER:
        if text.upper().endswith(sign):
            return text[: -len(sign)].strip()
    return text


def _sign(text: str, currency: bool) -> tuple[bool, str]:
    """(negative, the rest): a leading minus or plus, or accounting brackets ``(1 000)``."""
    if currency:
        text = _strip_currency(text)
    negative = False
    if text.startswith(_MINUS):
        negative, text = True, text[1:].strip()
    elif text.startswith("+"):
        text = text[1:].strip()
    elif text.startswith("(") and text.endswith(")"):
        negative, text = True, text[1:-1].strip()
    if currency:
        text = _strip_currency(text)
    return negative, text


def _decimals(runs: list[str], marks: list[str], shown: str) -> str:
    """Pop and return the decimal part of ``runs``/``marks``, if the last mark is one."""
    last = marks[-1]
    if last == " " or marks.count(last) != 1:
        return ""
    if len(marks) == 1 and len(runs[-1]) == 3:
        if last == ".":
            raise CellProblem(
                "ambiguous_number",
                f"{shown} is ambiguous: the '.' reads as a thousands separator or as decimals; "
                "write 91274 or 91 274",
                value=shown,
            )
        return ""  # 91,274: grouped the English way (as decimals it is not whole anyway)
    marks.pop()
    return runs.pop()


def parse_whole(text: object, *, currency: bool = False, maximum: int = MAX_COUNT) -> int | None:
    """A whole number written the French or English way; ``None`` when the cell is empty.

    ``currency`` allows ``$``, ``US$`` or ``USD`` before or after the digits (amounts).

    Raises
    ------
    CellProblem
        ``not_number``, ``ambiguous_number``, ``not_whole``, ``negative`` or ``above_maximum``.
    """
    cleaned = _clean(text)
    if not cleaned:
        return None
    shown = excerpt(cleaned)
    if len(cleaned) > _MAX_NUMBER_CHARS:
        raise _not_number(cleaned)
    negative, body = _sign(cleaned, currency)
    if not _BODY.match(body):
        raise _not_number(cleaned)
    runs, marks = _MARK.split(body), _MARK.findall(body)
    decimals = _decimals(runs, marks, shown) if marks else ""
    grouped_ok = not marks or (
        len(set(marks)) == 1 and 1 <= len(runs[0]) <= 3 and all(len(run) == 3 for run in runs[1:])
    )
    if not grouped_ok:
        raise _not_number(cleaned)
    if negative:
        raise CellProblem("negative", f"{shown} is negative", value=shown)
    if decimals.strip("0"):
        raise CellProblem("not_whole", f"{shown} is not a whole number", value=shown)
    value = int("".join(runs))
    if value > maximum:
        raise CellProblem(
            "above_maximum",
            f"{shown} is above the maximum {maximum:,}",
            value=shown,
            maximum=maximum,
        )
    return value


def parse_percent(text: object) -> float | None:
    """A percentage from 0 to 100 (``23``, ``23 %``, ``23,5``); ``None`` when the cell is empty.

    Raises
    ------
    CellProblem
        ``not_number``, ``negative`` or ``above_maximum`` (above 100).
    """
    cleaned = _clean(text)
    if not cleaned:
        return None
    body = cleaned[:-1].strip() if cleaned.endswith("%") else cleaned
    shown = excerpt(cleaned)
    if body.startswith(_MINUS) and _PERCENT.match(body[1:].strip()):
        raise CellProblem("negative", f"{shown} is negative", value=shown)
    match = _PERCENT.match(body)
    if not match:
        raise _not_number(cleaned)
    value = float(f"{match[1]}.{match[2] or '0'}")
    if value > 100:
        raise CellProblem(
            "above_maximum", f"{shown} is above the maximum 100", value=shown, maximum=100
        )
    return value


# --- dates -------------------------------------------------------------------------------
_ISO = re.compile(
    r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$", re.ASCII
)
_NUMERIC = re.compile(
    r"^(\d{1,2})([/.\-])(\d{1,2})\2(\d{4})(?: \d{1,2}:\d{2}(?::\d{2})?)?$", re.ASCII
)
_DAY_MONTH = re.compile(r"^(\d{1,2})(?:er)? ([a-z]+)\.? (\d{4})$")
_MONTH_DAY = re.compile(r"^([a-z]+)\.? (\d{1,2}),? (\d{4})$")
_MONTH_NAMES = (
    ("janvier", "janv", "jan", "january"),
    ("fevrier", "fevr", "fev", "february", "feb"),
    ("mars", "mar", "march"),
    ("avril", "avr", "april", "apr"),
    ("mai", "may"),
    ("juin", "june", "jun"),
    ("juillet", "juil", "july", "jul"),
    ("aout", "august", "aug"),
    ("septembre", "sept", "sep", "september"),
    ("octobre", "oct", "october"),
    ("novembre", "nov", "november"),
    ("decembre", "dec", "december"),
)
MONTHS = {name: number for number, names in enumerate(_MONTH_NAMES, 1) for name in names}
"""Month names and abbreviations (folded: no accents, lower case), French and English."""


def _not_date(text: str) -> CellProblem:
    return CellProblem(
        "not_a_date",
        f"{excerpt(text)} is not a date (write 2023-09-30 or 30/09/2023)",
        value=excerpt(text),
    )


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _check_year(year: int, text: str) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise CellProblem(
            "year_out_of_range",
            f"{text}: the year must be between {MIN_YEAR} and {MAX_YEAR}",
            value=excerpt(text),
            min_year=MIN_YEAR,
            max_year=MAX_YEAR,
        )


def _numeric(match: re.Match[str], text: str, day_first: bool | None) -> dt.date:
    first, second, year = int(match[1]), int(match[3]), int(match[4])
    _check_year(year, text)
    day_month = _date(year, second, first)
    month_day = _date(year, first, second)
    if day_first is True:
        found = day_month
    elif day_first is False:
        found = month_day
    elif day_month is not None and month_day is not None and day_month != month_day:
        raise CellProblem(
            "ambiguous_date",
            f"{excerpt(text)} reads as {day_month.isoformat()} (day/month) or "
            f"{month_day.isoformat()} (month/day)",
            value=excerpt(text),
            day_first=day_month,
            month_first=month_day,
        )
    else:
        found = day_month or month_day
    if found is None:
        raise _not_date(text)
    return found


def _words(text: str) -> dt.date | None:
    key = fold(text)
    match = _DAY_MONTH.match(key)
    if match:
        day, month, year = match[1], match[2], match[3]
    else:
        match = _MONTH_DAY.match(key)
        if not match:
            return None
        month, day, year = match[1], match[2], match[3]
    if month not in MONTHS:
        return None
    _check_year(int(year), text)
    found = _date(int(year), MONTHS[month], int(day))
    if found is None:
        raise _not_date(text)
    return found


def parse_date(text: object, day_first: bool | None = None) -> dt.date | None:
    """A date in ISO, numeric day/month or with a month name; ``None`` when the cell is empty.

    ``day_first`` True reads ``01/09/2023`` as 1 September, False as 9 January; None refuses
    a date that reads two ways.

    Raises
    ------
    CellProblem
        ``not_a_date``, ``ambiguous_date`` (params ``day_first``, ``month_first``: the two
        readings) or ``year_out_of_range``.
    """
    cleaned = _clean(text)
    if not cleaned:
        return None
    if len(cleaned) > _MAX_NUMBER_CHARS:
        raise _not_date(cleaned)
    match = _ISO.match(cleaned)
    if match:
        _check_year(int(match[1]), cleaned)
        found = _date(int(match[1]), int(match[2]), int(match[3]))
        if found is None:
            raise _not_date(cleaned)
        return found
    match = _NUMERIC.match(cleaned)
    if match:
        return _numeric(match, cleaned, day_first)
    found = _words(cleaned)
    if found is None:
        raise _not_date(cleaned)
    return found
