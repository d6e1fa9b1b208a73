"""Number and date formats for both locales, independent of the ``locale`` module.

English: ``$24,600,000``, ``45.3%``, ``27 Nov 2023``.
French: ``24 600 000 $`` with U+202F (narrow no-break space) between thousands and U+00A0
(no-break space) before ``$`` and ``%``; ``45,3 %``; ``27 nov. 2023``.

Missing values (``None``, ``pd.NA``, ``NaN``, ``NaT``) are never shown as 0: every
formatter returns the translated "not reported" label for them. Rounding is half-up
(``0.2105`` -> ``21.1%``), never truncation. Negative numbers use U+2212 (minus sign), as
plotly's own tick labels do.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

import pandas as pd

from components.i18n import LANGS, t

NNBSP = "\u202f"  # narrow no-break space: French thousands separator
NBSP = "\u00a0"  # no-break space: before $ and % in French
MINUS = "\u2212"

_THOUSANDS = {"en": ",", "fr": NNBSP}
_DECIMAL = {"en": ".", "fr": ","}

MONTHS: dict[str, tuple[str, ...]] = {
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    "fr": (
        "janv.",
        "févr.",
        "mars",
        "avr.",
        "mai",
        "juin",
        "juil.",
        "août",
        "sept.",
        "oct.",
        "nov.",
        "déc.",
    ),
}


def _check_lang(lang: str) -> None:
    if lang not in LANGS:
        raise ValueError(f"unsupported language {lang!r}; expected one of {LANGS}")


def is_missing(value: object) -> bool:
    """True for ``None``, ``pd.NA``, ``NaN`` and ``NaT`` (scalars only)."""
    if value is None:
        return True
    return bool(pd.api.types.is_scalar(value) and pd.isna(value))


def not_reported(lang: str) -> str:
    """The translated "not reported" label."""
    return t("status.not_reported", lang)


def _to_decimal(value: object) -> Decimal:
    try:
        # str() of a float is its shortest round-tripping repr, so 0.2105 stays 0.2105.
        return Decimal(str(value))
    except InvalidOperation as exc:
        raise TypeError(f"not a number: {value!r}") from exc


def _round(value: Decimal, decimals: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def _group(digits: str, sep: str) -> str:
    head = len(digits) % 3 or 3
    parts = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
    return sep.join(parts)


def _number(value: Decimal, lang: str, decimals: int) -> tuple[str, str]:
    """(sign, unsigned number text) rounded half-up, with the locale's separators."""
    rounded = _round(value, decimals)
    sign = MINUS if rounded < 0 else ""
    text = f"{abs(rounded):.{decimals}f}"
    int_part, _, frac = text.partition(".")
    out = _group(int_part, _THOUSANDS[lang])
    if decimals > 0:
        out += _DECIMAL[lang] + frac
    return sign, out


def _sign(sign: str, value: Decimal, signed: bool) -> str:
    if sign:
        return sign
    return "+" if signed and value > 0 else ""


def fmt_int(n: object, lang: str) -> str:
    """``391,961`` (en) / ``391 961`` (fr, U+202F). Floats are rounded half-up."""
    _check_lang(lang)
    if is_missing(n):
        return not_reported(lang)
    sign, text = _number(_to_decimal(n), lang, 0)
    return sign + text


def fmt_decimal(value: object, lang: str, decimals: int = 1) -> str:
    """A number with ``decimals`` places, rounded half-up: ``20.5`` (en) / ``20,5`` (fr)."""
    _check_lang(lang)
    if is_missing(value):
        return not_reported(lang)
    sign, text = _number(_to_decimal(value), lang, decimals)
    return sign + text


def fmt_usd(value: object, lang: str, compact: bool = False, signed: bool = False) -> str:
    """US dollars: ``$24,600,000`` / ``24 600 000 $``.

    ``compact``: one decimal in millions at or above 1M (``$24.6M`` / ``24,6 M$``),
    whole thousands below (``$452K`` / ``452 k$``), plain dollars below 1,000; a value
    that rounds to 1,000K is shown as ``$1.0M``. ``signed`` adds ``+`` to positive values.
    """
    _check_lang(lang)
    if is_missing(value):
        return not_reported(lang)
    amount = _to_decimal(value)
    unit = ""
    decimals = 0
    if compact:
        magnitude = abs(amount)
        if magnitude >= 999_500:  # would round to 1,000K: show as 1.0M
            amount, decimals, unit = amount / 1_000_000, 1, "M"
        elif magnitude >= Decimal("999.5"):
            amount, unit = amount / 1000, "K"
    sign, number = _number(amount, lang, decimals)
    sign = _sign(sign, _round(amount, decimals), signed)
    if lang == "en":
        return f"{sign}${number}{unit}"
    return f"{sign}{number}{NBSP}{unit.lower() if unit == 'K' else unit}$"


def fmt_pct(fraction: object, lang: str, decimals: int = 1, signed: bool = False) -> str:
    """A fraction as a percentage, rounded half-up: ``0.453`` -> ``45.3%`` / ``45,3 %``."""
    _check_lang(lang)
    if is_missing(fraction):
        return not_reported(lang)
    value = _to_decimal(fraction) * 100
    sign, number = _number(value, lang, decimals)
    sign = _sign(sign, _round(value, decimals), signed)
    return f"{sign}{number}%" if lang == "en" else f"{sign}{number}{NBSP}%"


def _to_date(value: object) -> dt.date:
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        return dt.date.fromisoformat(value.strip()[:10])
    if hasattr(value, "astype"):  # numpy datetime64
        return pd.Timestamp(value).date()
    raise TypeError(f"not a date: {value!r}")


def fmt_date(date: object, lang: str) -> str:
    """``27 Nov 2023`` (en) / ``27 nov. 2023`` (fr; the first of the month is ``1er``).

    Accepts ``datetime.date``/``datetime``, ``pd.Timestamp``, ``numpy.datetime64`` or an
    ISO string (``"2023-11-27"``).
    """
    _check_lang(lang)
    if is_missing(date):
        return not_reported(lang)
    day = _to_date(date)
    day_text = "1er" if (lang == "fr" and day.day == 1) else str(day.day)
    return f"{day_text} {MONTHS[lang][day.month - 1]} {day.year}"


def plotly_separators(lang: str) -> str:
    """Value for ``layout.separators``: decimal mark first, thousands separator second."""
    _check_lang(lang)
    return _DECIMAL[lang] + _THOUSANDS[lang]


MONTH_NAMES: dict[str, tuple[str, ...]] = {
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
    "fr": (
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ),
}


def fmt_month(date: object, lang: str) -> str:
    """A month and year: ``April 2023`` (en) / ``avril 2023`` (fr)."""
    _check_lang(lang)
    day = _to_date(date)
    return f"{MONTH_NAMES[lang][day.month - 1]} {day.year}"
