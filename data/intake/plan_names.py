"""Activity areas and objectives named in an officer's table, matched through the plan's tables.

A name matches an area (or an objective) when it is its id, or its long or short name in
French or English (``area_id``, ``name_fr``, ``name_en``, ``short_name_fr``, ``short_name_en``),
any case, accents and punctuation optional: ``Abris``, ``SHELTER``, ``Eau, assainissement et
hygiène dans les situations d'urgence``. The officer's own ``aliases`` (``{name: id}``,
remembered by the page) come first. Nothing is guessed: an unknown name is refused with the
closest names of the plan.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from data.intake.aliases import fold

NAME_COLUMNS = ("name_fr", "name_en", "short_name_fr", "short_name_en")
_NOT_WORD = re.compile(r"[^0-9a-z%]+")
MAX_NAME_CHARS = 300
"""Longer cells match no name (the plan's longest name has about 100 characters)."""


def name_key(text: str) -> str:
    """A name for matching: :func:`data.intake.aliases.fold`, punctuation made spaces."""
    return " ".join(_NOT_WORD.sub(" ", fold(text)).split())


@dataclass(frozen=True)
class NameIndex:
    """``{name key: id}`` of one table's rows; a key two rows share names neither."""

    ids: dict[str, str]
    shown: dict[str, str]  # name key -> the name as the table writes it (for suggestions)

    @classmethod
    def of(cls, frame: pd.DataFrame, id_column: str) -> NameIndex:
        ids: dict[str, str] = {}
        shown: dict[str, str] = {}
        clashes: set[str] = set()
        for row in frame.itertuples(index=False):
            row_id = str(getattr(row, id_column))
            for name in (row_id, *(getattr(row, column) for column in NAME_COLUMNS)):
                if pd.isna(name):
                    continue
                key = name_key(str(name))
                if ids.setdefault(key, row_id) != row_id:
                    clashes.add(key)
                shown.setdefault(key, str(name))
        for key in clashes:
            del ids[key]
        return cls(ids, shown)

    def find(self, name: str, aliases: Mapping[str, str] | None = None) -> str | None:
        """The id ``name`` stands for, or None."""
        if len(name) > MAX_NAME_CHARS:
            return None
        key = name_key(name)
        if aliases:
            chosen = {name_key(alias): target for alias, target in aliases.items()}.get(key)
            if chosen in set(self.ids.values()):
                return chosen
        return self.ids.get(key)

    def suggest(self, name: str, n: int = 3) -> list[str]:
        """The closest names (for messages only, never to match)."""
        if len(name) > MAX_NAME_CHARS:
            return []
        keys = difflib.get_close_matches(name_key(name), list(self.shown), n=n, cutoff=0.6)
        return [self.shown[key] for key in keys]
