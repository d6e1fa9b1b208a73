"""Domain names from the data tables: activity areas and objectives, long and short, per language.

The names of areas and objectives are data, transcribed with the plan's figures in
``data/csv/activity_areas.csv`` and ``data/csv/objectives.csv``: ``name_en``, ``name_fr``
(long, as the plan prints them) and ``short_name_en``, ``short_name_fr`` (for chart axes and
tables). An area or objective without a short name is called by its long name: the loader
fills the short names (:func:`with_short_names`), so the columns are never <NA>.

Every page, chart and export asks these functions for names, never the interface catalog::

    area_names(funding.areas, "fr", short=True)   # {"shelter": "Abris", ...}
    objective_names(plan.objectives, "en")        # {"obj1": "Saving lives and ...", ...}

Region names are in :func:`geo.names.region_names`.
"""

from __future__ import annotations

import pandas as pd

from data.errors import Issue, IssueList, excerpt

LANG_COLUMNS = ("en", "fr")
"""The languages the tables name things in (``name_<lang>``, ``short_name_<lang>``)."""


def _column(lang: str, short: bool) -> str:
    if lang not in LANG_COLUMNS:
        raise ValueError(f"no names in {lang!r}; the tables name things in {LANG_COLUMNS}")
    return f"short_name_{lang}" if short else f"name_{lang}"


def _names(frame: pd.DataFrame, id_column: str, lang: str, short: bool) -> dict[str, str]:
    """``{id: name}`` in the frame's order; an empty short name is the long name."""
    names = frame[_column(lang, short)]
    if short:
        names = names.fillna(frame[_column(lang, False)])
    return {str(key): str(name) for key, name in zip(frame[id_column], names, strict=True)}


def area_names(frame: pd.DataFrame, lang: str, short: bool = False) -> dict[str, str]:
    """``{area_id: name}`` of the areas of ``frame`` (``plan.areas``, ``funding.areas``).

    ``short`` gives the short names (for chart axes); an area without one has its long name.

    Raises
    ------
    ValueError
        ``lang`` is not a language of the tables.
    """
    return _names(frame, "area_id", lang, short)


def objective_names(frame: pd.DataFrame, lang: str, short: bool = False) -> dict[str, str]:
    """``{objective_id: name}`` of the objectives of ``frame`` (``plan.objectives``, ...).

    ``short`` gives the short names ("Objective 1"); without one, the long name.

    Raises
    ------
    ValueError
        ``lang`` is not a language of the tables.
    """
    return _names(frame, "objective_id", lang, short)


def with_short_names(frame: pd.DataFrame, file: str) -> pd.DataFrame:
    """``frame`` with each empty short name set to the long name in the same language.

    Raises
    ------
    DataValidationError
        Two rows end up with the same short name in one language (a chart would show them as
        one bar): the issue names the file, the later row and the short-name column.
    """
    frame = frame.copy()
    issues = IssueList()
    for lang in LANG_COLUMNS:
        column = _column(lang, True)
        frame[column] = frame[column].fillna(frame[_column(lang, False)]).astype("string")
        first: dict[str, int] = {}
        for row, name in enumerate(frame[column], start=2):
            if name in first:
                message = f"short name {excerpt(name)} is also the name of row {first[name]}"
                params = {"value": excerpt(name), "first_row": first[name]}
                issues.add(Issue(file, row, column, message, "duplicate", params))
            first.setdefault(name, row)
    issues.raise_if_any()
    return frame
