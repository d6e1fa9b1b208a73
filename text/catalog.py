"""Interface text: one gettext catalog per language, read with Babel once at import.

``locale/<lang>/LC_MESSAGES/dashboard.po``: ``msgid`` is the dotted key used in the code
(``app.title``), ``msgstr`` the text with :meth:`str.format` placeholders (``{as_of}``).
Plural entries (``msgid_plural``, ``msgstr[0..n]``) are read through :func:`nt`, their form
chosen by the catalog's own ``Plural-Forms`` header, as ``ngettext`` does.
"""

from __future__ import annotations

import gettext
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

# The supported languages, the first one the default. A new language is one catalog
# folder (locale/<lang>/LC_MESSAGES/dashboard.po) plus its code here.
LANGS: tuple[str, ...] = ("fr", "en")
DEFAULT_LANG = LANGS[0]

DOMAIN = "dashboard"
LOCALE_DIR = Path(__file__).resolve().parents[1] / "locale"


def po_path(lang: str, locale_dir: Path = LOCALE_DIR) -> Path:
    """Where the catalog of ``lang`` lives."""
    return locale_dir / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_catalog(lang: str, locale_dir: Path = LOCALE_DIR) -> Catalog:
    """The Babel catalog of ``lang`` (a syntax error in the file raises)."""
    with po_path(lang, locale_dir).open("rb") as fp:
        return read_po(fp, locale=lang, domain=DOMAIN, abort_invalid=True)


def message_key(message_id: str | tuple[str, ...] | list[str]) -> str:
    """The dotted key of a catalog message (a plural message's id is a tuple)."""
    return message_id if isinstance(message_id, str) else message_id[0]


def message_text(string: str | tuple[str, ...] | list[str] | None) -> str | tuple[str, ...]:
    """A message's text: a string, or a tuple of plural forms (``""`` when untranslated)."""
    if string is None:
        return ""
    return string if isinstance(string, str) else tuple(string)


@dataclass(frozen=True)
class _Language:
    texts: dict[str, str | tuple[str, ...]]
    plural: Callable[[int], int]  # n -> index of the form, from the Plural-Forms header


def _load(lang: str) -> _Language:
    catalog = read_catalog(lang)
    texts = {
        message_key(message.id): message_text(message.string)
        for message in catalog
        if message.id and not message.fuzzy  # fuzzy: not reviewed, as msgfmt leaves it out
    }
    # gettext.c2py compiles a Plural-Forms expression, exactly as GNUTranslations does.
    return _Language(texts=texts, plural=gettext.c2py(catalog.plural_expr))


_LANGUAGES: dict[str, _Language] = {lang: _load(lang) for lang in LANGS}
_KEYS: tuple[str, ...] = tuple(_LANGUAGES[DEFAULT_LANG].texts)


def check_lang(lang: str) -> None:
    """Raise :class:`ValueError` unless ``lang`` is one of :data:`LANGS`."""
    if lang not in LANGS:
        raise ValueError(f"unsupported language {lang!r}; expected one of {LANGS}")


def _entry(key: str, lang: str) -> str | tuple[str, ...]:
    check_lang(lang)
    entry = _LANGUAGES[lang].texts.get(key)
    if not entry or (isinstance(entry, tuple) and not all(entry)):
        raise KeyError(f"no label {key!r} in locale/{lang}/LC_MESSAGES/{DOMAIN}.po")
    return entry


def t(key: str, lang: str = DEFAULT_LANG, **params: object) -> str:
    """The text of ``key`` in ``lang``, its ``{placeholders}`` filled from ``params``.

    Raises
    ------
    KeyError
        The key is missing (or empty) in the catalog: a missing key fails loudly in tests.
    ValueError
        ``lang`` is not one of :data:`LANGS`.
    TypeError
        The key has plural forms: call :func:`nt`.
    """
    entry = _entry(key, lang)
    if isinstance(entry, tuple):
        raise TypeError(f"{key!r} has plural forms: call nt({key!r}, n, lang)")
    return entry.format(**params) if params else entry


def nt(key: str, n: int, lang: str = DEFAULT_LANG, **params: object) -> str:
    """The form of plural message ``key`` for the count ``n``, as gettext's ``ngettext``.

    ``{n}`` in the text is the count written for ``lang`` (``1 000`` with U+202F in French);
    the other placeholders come from ``params``. French: one form for 0 and 1, the other
    from 2; English: one form for 1 only.
    """
    entry = _entry(key, lang)
    if isinstance(entry, str):
        raise TypeError(f"{key!r} has no plural forms: call t({key!r}, lang)")
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"the count of {key!r} must be an int, not {n!r}")
    index = _LANGUAGES[lang].plural(n)
    return entry[index].format(n=format_decimal(n, locale=lang), **params)


def has_label(key: str) -> bool:
    """Whether ``key`` is in the catalogs (for optional labels such as short names)."""
    return key in _LANGUAGES[DEFAULT_LANG].texts


def is_plural(key: str) -> bool:
    """Whether ``key`` is a plural message (read with :func:`nt`)."""
    return isinstance(_entry(key, DEFAULT_LANG), tuple)


def template(key: str, lang: str) -> str:
    """The raw text of ``key`` (placeholders unfilled), for callers that inspect them.

    For a plural message, its first form: every form takes the same placeholders.
    """
    entry = _entry(key, lang)
    return entry[0] if isinstance(entry, tuple) else entry


def keys() -> tuple[str, ...]:
    """Every message key, in catalog order."""
    return _KEYS
