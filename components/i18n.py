"""Compatibility shim: interface text moved to :mod:`text` (``locale/<lang>/.../dashboard.po``).

Kept until every import says ``from text import …``; defines no text. ``LABELS`` is a
read-only view ``key -> {lang: template}`` for code that inspects templates.
"""

from __future__ import annotations

from types import MappingProxyType

from text import DEFAULT_LANG, LANGS, has_label, is_plural, keys, nt, template
from text import t as _t

__all__ = ["DEFAULT_LANG", "LABELS", "LANGS", "has_label", "nt", "t"]

LABELS = MappingProxyType(
    {key: MappingProxyType({lang: template(key, lang) for lang in LANGS}) for key in keys()}
)


def t(key: str, lang: str = DEFAULT_LANG, **params: object) -> str:
    """:func:`text.t`; a plural message takes its count from ``n`` until callers use ``nt``."""
    if is_plural(key):
        return nt(key, int(params.pop("n")), lang, **params)  # type: ignore[call-overload]
    return _t(key, lang, **params)
