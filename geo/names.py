"""Names of places for display: regions, and boundary units that hold other regions.

Region names are data (``geo/regions.csv``, read by :mod:`geo.regions`). A unit of an older
boundary set may hold regions of the 2023 structure besides its own (Bandiagara in Mopti):
its label says so, "Mopti (incl. Bandiagara)". That sentence is grammar, so its template is
in the interface catalog (``map.rollup``, placeholders ``{unit}`` and ``{parts}``); the names
come from the data. :func:`geo.join.join_regional_values` gives the parts (each unit's
``region_id`` and the ``dtm_regions`` it holds); :func:`rollup_label` words them.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from geo.regions import region_names
from text import t

__all__ = ["region_names", "rollup_label", "rollup_labels"]

PART_SEPARATOR = ", "


def rollup_label(unit: str, parts: Sequence[str], lang: str) -> str:
    """The label of boundary unit ``unit`` (a ``region_id``) holding the regions ``parts``.

    'Mopti' when it holds no region but its own (``parts`` may list it, or be empty);
    otherwise 'Mopti (incl. Bandiagara)', the other regions in the order of ``parts``.

    Raises
    ------
    KeyError
        ``unit`` or a part is not a ``region_id`` of ``geo/regions.csv``.
    ValueError
        ``lang`` is not a language of the catalogs.
    """
    template = t("map.rollup", lang)  # "{unit} (incl. {parts})", grammar of the language
    names = region_names(lang)
    others = [names[part] for part in parts if part != unit]
    if not others:
        return names[unit]
    return template.format(unit=names[unit], parts=PART_SEPARATOR.join(others))


def rollup_labels(units: pd.DataFrame, lang: str) -> pd.Series:
    """:func:`rollup_label` of each row of ``units`` (``region_id``, ``dtm_regions``), as text."""
    labels = [
        rollup_label(str(unit), list(parts), lang)
        for unit, parts in zip(units["region_id"], units["dtm_regions"], strict=True)
    ]
    return pd.Series(labels, index=units.index, dtype="string", name=f"label_{lang}")
