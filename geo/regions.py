"""Reference table of Mali's regions (2023 structure) and the explicit alias table.

``geo/regions.csv`` lists the 19 regions and Bamako district of the 2023 regional reform,
each with its French and English name, its OCHA COD-AB 2021 p-code where one exists,
the p-code of the unit that contains it in the older boundary sets (``parent_pcode``), and
pipe-separated aliases. Names are matched only through this table: exact, case-, accent-
and spacing-insensitive; never by fuzzy guessing (suggestions only appear in errors).
The display names of the regions are :func:`region_names` (also in :mod:`geo.names`).
"""

from __future__ import annotations

import difflib
import unicodedata
from functools import lru_cache
from pathlib import Path

import pandas as pd

from data.errors import DashboardError, excerpt

REGIONS_CSV = Path(__file__).with_name("regions.csv")


class UnknownRegionError(DashboardError):
    """A region name that matches no entry of the alias table.

    ``name`` is the name as given; the message and ``params["name"]`` quote it through
    :func:`data.errors.excerpt` (one line, bounded). ``where`` (free text such as ``values
    row 1``) prefixes the message; ``file``, ``row`` and ``column`` say where, when known.
    The code is ``region.unknown`` (its template lists ``suggestions``), or
    ``region.unknown_no_hint`` when no known name is close.
    """

    code = "region.unknown"

    def __init__(
        self,
        name: str,
        suggestions: list[str],
        where: str = "",
        *,
        file: str | None = None,
        row: int | None = None,
        column: str | None = None,
    ) -> None:
        self.name = name
        self.suggestions = suggestions
        self.where = where
        hint = ", ".join(suggestions)
        message = f"unknown region name {excerpt(name)}" + (
            f"; closest known names: {hint}" if hint else ""
        )
        super().__init__(
            f"{where}: {message}" if where else message,
            code="region.unknown" if hint else "region.unknown_no_hint",
            params={"name": excerpt(name), "suggestions": hint},
            file=file,
            row=row,
            column=column,
        )


def normalise_name(name: str) -> str:
    """Fold case, accents, hyphens and spacing: 'Ségou ' -> 'segou', 'Nioro-du-Sahel' -> 'nioro du sahel'."""
    text = unicodedata.normalize("NFKD", str(name))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("-", " ").replace("_", " ").replace("'", " ")
    return " ".join(text.casefold().split())


@lru_cache(maxsize=1)
def load_regions() -> pd.DataFrame:
    """The reference table, one row per 2023 unit, indexed by ``region_id``."""
    frame = pd.read_csv(REGIONS_CSV, dtype="string", keep_default_na=False)
    frame = frame.replace({"": pd.NA})
    if frame["region_id"].duplicated().any():
        raise ValueError(f"{REGIONS_CSV.name}: duplicate region_id")
    return frame.set_index("region_id", drop=False)


@lru_cache(maxsize=1)
def _alias_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for row in load_regions().itertuples(index=False):
        names = [row.region_id, row.name_fr, row.name_en]
        if not pd.isna(row.aliases):
            names += str(row.aliases).split("|")
        for name in names:
            key = normalise_name(name)
            other = index.setdefault(key, row.region_id)
            if other != row.region_id:
                raise ValueError(f"{REGIONS_CSV.name}: alias {name!r} names two regions")
    return index


def known_names() -> list[str]:
    """Every French and English name and alias, for messages."""
    regions = load_regions()
    names = set(regions["name_fr"]) | set(regions["name_en"])
    for aliases in regions["aliases"].dropna():
        names |= set(aliases.split("|"))
    return sorted(names)


MAX_NAME_CHARS = 100
"""Longer names match no region (known names are far shorter): they are neither normalised
nor compared, so a huge cell costs nothing."""


@lru_cache(maxsize=1)
def _suggestion_keys() -> dict[str, str]:
    return {normalise_name(known): known for known in known_names()}


def suggest(name: str, n: int = 3) -> list[str]:
    """The closest known names to ``name`` (for error messages only)."""
    if len(str(name)) > MAX_NAME_CHARS:
        return []
    by_key = _suggestion_keys()
    keys = difflib.get_close_matches(normalise_name(name), list(by_key), n=n, cutoff=0.5)
    return [by_key[key] for key in keys]


def find_region(name: str) -> str | None:
    """The ``region_id`` for ``name`` through the alias table, or None."""
    if len(str(name)) > MAX_NAME_CHARS:
        return None
    return _alias_index().get(normalise_name(name))


def resolve_region(
    name: str,
    where: str = "",
    *,
    file: str | None = None,
    row: int | None = None,
    column: str | None = None,
) -> str:
    """The ``region_id`` for ``name``; raises :class:`UnknownRegionError` naming the closest names.

    ``where``, ``file``, ``row`` and ``column`` say where the name was found (for the error).
    """
    region_id = find_region(name)
    if region_id is None:
        raise UnknownRegionError(
            str(name), suggest(str(name)), where, file=file, row=row, column=column
        )
    return region_id


NAME_LANGS = ("fr", "en")
"""The languages of the names in ``geo/regions.csv`` (``name_fr``, ``name_en``)."""


def region_names(lang: str) -> dict[str, str]:
    """Every ``region_id`` with its display name in ``lang`` ('fr' or 'en'), accents kept.

    Raises
    ------
    ValueError
        ``lang`` is not a language of ``geo/regions.csv``.
    """
    if lang not in NAME_LANGS:
        raise ValueError(f"no region names in {lang!r}; geo/regions.csv has {NAME_LANGS}")
    regions = load_regions()
    return dict(zip(regions["region_id"], regions[f"name_{lang}"], strict=True))


def region_label(region_id: str, lang: str = "fr") -> str:
    """The display name of one region in ``lang`` (``region_names(lang)[region_id]``)."""
    return region_names(lang)[region_id]


def region_labels(lang: str = "fr") -> dict[str, str]:
    """Every ``region_id`` with its display name: the former name of :func:`region_names`."""
    return region_names(lang)
