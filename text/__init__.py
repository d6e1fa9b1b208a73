"""Words and number formats: the ground floor every other layer may use.

Imports nothing from ``data/``, ``geo/``, ``components/``, ``pages/``, streamlit or plotly
(``tests/test_layers.py`` checks it).

Interface text lives in gettext catalogs, one per language, read with Babel::

    locale/fr/LC_MESSAGES/dashboard.po   msgid "app.title" / msgstr "OIM Mali — …"
    locale/en/LC_MESSAGES/dashboard.po
    locale/dashboard.pot                 every key, written by the check below

``t("app.data_as_of", lang, as_of=…)`` fills ``{placeholders}`` (:meth:`str.format`);
``nt("whatif.store.skipped", n, lang, names=…)`` picks the plural form for ``n`` by the
catalog's ``Plural-Forms`` and fills ``{n}`` with the count written for ``lang``.
Numbers and dates go through :mod:`text.formats` (Babel, with the project's choices:
whole dollars written ``$``, half-up rounding, U+2212 minus, ``1er``); data notes through
:mod:`text.notes`.

Commands
--------
Edit a text: change its ``msgstr`` in every ``locale/<lang>/LC_MESSAGES/dashboard.po``, then
check (``make messages``)::

    .venv/bin/python scripts/check_messages.py

It extracts every key the code asks for (``t``, ``tr``, ``nt``, ``label`` with a literal
key, with Babel's extractor; ``t(f"area.{x}")`` as the prefix ``area.``), writes
``locale/dashboard.pot`` and exits 1, naming them, when a key is missing or empty in a
catalog, a key is not in every catalog, or placeholders or plural forms disagree.

Add a language: ``pybabel init -D dashboard -i locale/dashboard.pot -d locale -l <lang>``,
translate, add ``<lang>`` to :data:`LANGS` in :mod:`text.catalog`, run the check.
"""

from __future__ import annotations

from text.catalog import (
    DEFAULT_LANG,
    LANGS,
    check_lang,
    has_label,
    is_plural,
    keys,
    nt,
    t,
    template,
)
from text.formats import (
    MINUS,
    MONTH_NAMES,
    MONTHS,
    NBSP,
    NNBSP,
    fmt_date,
    fmt_decimal,
    fmt_int,
    fmt_month,
    fmt_pct,
    fmt_usd,
    is_missing,
    not_reported,
    plotly_separators,
)
from text.notes import dtm_source_text, render_note

__all__ = [
    "DEFAULT_LANG",
    "LANGS",
    "MINUS",
    "MONTHS",
    "MONTH_NAMES",
    "NBSP",
    "NNBSP",
    "check_lang",
    "dtm_source_text",
    "fmt_date",
    "fmt_decimal",
    "fmt_int",
    "fmt_month",
    "fmt_pct",
    "fmt_usd",
    "has_label",
    "is_missing",
    "is_plural",
    "keys",
    "not_reported",
    "nt",
    "plotly_separators",
    "render_note",
    "t",
    "template",
]
