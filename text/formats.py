"""Number and date formats for every language, through Babel (CLDR data).

English: ``$24,600,000``, ``45.3%``, ``27 Nov 2023``.
French: ``24 600 000 $`` with U+202F (narrow no-break space) between thousands and U+00A0
(no-break space) before ``$`` and ``%``; ``45,3 %``; ``27 nov. 2023``.

Babel supplies the separators, the patterns (where ``%`` and the currency go) and the month
names. The project's deliberate choices, made on top of CLDR:

- whole dollars, written ``$`` in every language (CLDR: ``$US`` in French);
- rounding half-up (``0.2105`` -> ``21.1%``; Babel rounds half-even), never truncation;
- the minus sign U+2212, as plotly's own tick labels (CLDR: the hyphen ``-``);
- compact amounts ``$24.6M`` / ``24,6 M$``: one decimal in millions, whole thousands;
- dates ``day month year`` with abbreviated months in both languages, and ``1er`` for the
  first of the month in French.

Missing values (``None``, ``pd.NA``, ``NaN``, ``NaT``) are never shown as 0: every
formatter returns the translated "not reported" label for them.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation, localcontext

import pandas as pd
from babel import Locale
from babel.dates import format_date, get_month_names
from babel.numbers import (
    format_currency,
    format_decimal,
    format_percent,
    get_decimal_symbol,
    get_group_symbol,
    get_minus_sign_symbol,
)

from text.catalog import LANGS, check_lang, t

NNBSP = "\u202f"  # narrow no-break space: French thousands separator
NBSP = "\u00a0"  # no-break space: before $ and % in French
MINUS = "\u2212"

USD_SYMBOL = "$"  # written the same in every language (CLDR French: "$US")
DATE_PATTERN = "d MMM y"  # 27 Nov 2023 / 27 nov. 2023 (CLDR en medium: Nov 27, 2023)
FIRST_DAY_PATTERN = {"fr": "d'er' MMM y"}  # 1er juin 2024
MONTH_PATTERN = "LLLL y"  # April 2023 / avril 2023 (stand-alone month name)

MONTHS: dict[str, tuple[str, ...]] = {
    lang: tuple(get_month_names("abbreviated", "format", lang)[m] for m in range(1, 13))
    for lang in LANGS
}
MONTH_NAMES: dict[str, tuple[str, ...]] = {
    lang: tuple(get_month_names("wide", "stand-alone", lang)[m] for m in range(1, 13))
    for lang in LANGS
}

_NUMBER_BODY = re.compile(r"[#0,]*0(?:\.[0#]+)?")


def _split(pattern: str) -> tuple[str, str, str]:
    """A CLDR number pattern as (prefix, number, suffix): ``¤#,##0.00`` -> ``¤``, ``#,##0.00``."""
    body = _NUMBER_BODY.search(pattern)
    if body is None:
        raise ValueError(f"no number in pattern {pattern!r}")
    return pattern[: body.start()], body.group(0), pattern[body.end() :]


def _with_decimals(pattern: str, decimals: int, unit: str = "") -> str:
    """The CLDR ``pattern`` with exactly ``decimals`` fraction digits.

    A compact ``unit`` goes right after the number and whatever followed the number (a
    currency symbol) right after the unit: ``$24.6M``, ``24,6 M$``.
    """
    prefix, number, suffix = _split(pattern)
    number = number.split(".")[0] + ("." + "0" * decimals if decimals else "")
    if unit:
        suffix = _literal(unit + suffix.lstrip(NBSP))
    return prefix + number + suffix


def _literal(text: str) -> str:
    """``text`` quoted for a number pattern."""
    return "'" + text.replace("'", "''") + "'"


def _patterns(lang: str) -> dict[str, str]:
    """Babel's decimal, percent and currency patterns of ``lang``; ``$`` for ``¤``."""
    locale = Locale.parse(lang)
    currency = locale.currency_formats["standard"].pattern.split(";")[0]
    return {
        "decimal": locale.decimal_formats[None].pattern.split(";")[0],
        "percent": locale.percent_formats[None].pattern.split(";")[0],
        "currency": currency.replace("¤", USD_SYMBOL),
    }


def _compact_units(lang: str) -> dict[int, str]:
    """CLDR's short units for thousands and millions: ``K``/``M`` (en), `` k``/`` M`` (fr)."""
    short = Locale.parse(lang).compact_decimal_formats["short"]["other"]
    return {
        size: short[str(size)].pattern.replace("0", "").replace("'", "")
        for size in (1000, 1_000_000)
    }


# Enough digits for any float (1.8e308) with its decimals; half-up for Babel too.
_CONTEXT = Context(prec=400, rounding=ROUND_HALF_UP)
_PATTERNS = {lang: _patterns(lang) for lang in LANGS}
_UNITS = {lang: _compact_units(lang) for lang in LANGS}


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
        number = Decimal(str(value))
    except InvalidOperation as exc:
        raise TypeError(f"not a number: {value!r}") from exc
    if not number.is_finite():
        raise ValueError(f"not a finite number: {value!r}")
    return number


def _round(value: Decimal, decimals: int) -> Decimal:
    """Half-up to ``decimals`` places; ``-0`` becomes ``0`` (never shown as ``−0``)."""
    rounded = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return rounded.copy_abs() if rounded == 0 else rounded


def _signs(text: str, value: Decimal, lang: str, signed: bool) -> str:
    """Babel's minus sign as U+2212; ``+`` before a positive value when ``signed``."""
    if value < 0:
        return text.replace(get_minus_sign_symbol(lang), MINUS, 1)
    return "+" + text if signed and value > 0 else text


def fmt_int(n: object, lang: str) -> str:
    """``391,961`` (en) / ``391 961`` (fr, U+202F). Floats are rounded half-up."""
    return fmt_decimal(n, lang, decimals=0)


def fmt_decimal(value: object, lang: str, decimals: int = 1) -> str:
    """A number with ``decimals`` places, rounded half-up: ``20.5`` (en) / ``20,5`` (fr)."""
    check_lang(lang)
    if is_missing(value):
        return not_reported(lang)
    pattern = _with_decimals(_PATTERNS[lang]["decimal"], decimals)
    with localcontext(_CONTEXT):
        rounded = _round(_to_decimal(value), decimals)
        text = format_decimal(rounded, format=pattern, locale=lang)
    return _signs(text, rounded, lang, False)


def fmt_usd(value: object, lang: str, compact: bool = False, signed: bool = False) -> str:
    """US dollars: ``$24,600,000`` / ``24 600 000 $``.

    ``compact``: one decimal in millions at or above 1M (``$24.6M`` / ``24,6 M$``),
    whole thousands below (``$452K`` / ``452 k$``), plain dollars below 1,000; a value
    that rounds to 1,000K is shown as ``$1.0M``. ``signed`` adds ``+`` to positive values.
    """
    check_lang(lang)
    if is_missing(value):
        return not_reported(lang)
    amount = _to_decimal(value)
    unit = ""
    decimals = 0
    if compact:
        magnitude = abs(amount)
        if magnitude >= 999_500:  # would round to 1,000K: show as 1.0M
            amount, decimals, unit = amount.scaleb(-6), 1, _UNITS[lang][1_000_000]
        elif magnitude >= Decimal("999.5"):
            amount, unit = amount.scaleb(-3), _UNITS[lang][1000]
    pattern = _with_decimals(_PATTERNS[lang]["currency"], decimals, unit)
    with localcontext(_CONTEXT):
        rounded = _round(amount, decimals)
        text = format_currency(rounded, "USD", format=pattern, locale=lang, currency_digits=False)
    return _signs(text, rounded, lang, signed)


def fmt_pct(fraction: object, lang: str, decimals: int = 1, signed: bool = False) -> str:
    """A fraction as a percentage, rounded half-up: ``0.453`` -> ``45.3%`` / ``45,3 %``."""
    check_lang(lang)
    if is_missing(fraction):
        return not_reported(lang)
    pattern = _with_decimals(_PATTERNS[lang]["percent"], decimals)
    with localcontext(_CONTEXT):
        percent = _round(_to_decimal(fraction).scaleb(2), decimals)
        text = format_percent(percent.scaleb(-2), format=pattern, locale=lang)
    return _signs(text, percent, lang, signed)


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
    check_lang(lang)
    if is_missing(date):
        return not_reported(lang)
    day = _to_date(date)
    pattern = FIRST_DAY_PATTERN.get(lang, DATE_PATTERN) if day.day == 1 else DATE_PATTERN
    return format_date(day, pattern, locale=lang)


def fmt_month(date: object, lang: str) -> str:
    """A month and year: ``April 2023`` (en) / ``avril 2023`` (fr)."""
    check_lang(lang)
    return format_date(_to_date(date), MONTH_PATTERN, locale=lang)


def plotly_separators(lang: str) -> str:
    """Value for ``layout.separators``: decimal mark first, thousands separator second."""
    check_lang(lang)
    return get_decimal_symbol(lang) + get_group_symbol(lang)
