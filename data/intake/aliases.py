"""The alias table of the intake: column headers, row labels and donor statuses, FR and EN.

``data/intake/column_aliases.csv`` has one line per alias: ``kind`` (``column``, ``row`` or
``status``), ``canonical`` (the name the code uses) and ``alias`` (a spelling found in
officers' files). Text is matched after :func:`fold`: any case, accents optional, apostrophes,
underscores, hyphens and runs of spaces made one space, surrounding spaces ignored
(``" ADM1_FR "`` is ``adm1 fr``, ``Région`` is ``region``). A header with a trailing unit in
brackets that matches nothing as written is matched without it (``Montant (USD)``).

:func:`match_headers` finds the columns a parser wants; a missing required column is refused
naming the accepted headers, and only then are the headers that matched nothing reported,
each with the closest aliases.
"""

from __future__ import annotations

import csv
import difflib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from data.errors import MAX_SHOWN, Issue, IssueList, short_name

ALIASES_CSV = Path(__file__).with_name("column_aliases.csv")
KINDS = ("column", "row", "status")

_SEPARATORS = re.compile(r"[\s_\-'\u2019\u2018`]+")
_UNIT = re.compile(r"\s*[(\[][^()\[\]]*[)\]]\s*$")
_MAX_FOLD_CHARS = 200  # longer text matches no alias (aliases are short): never folded


def fold(text: str) -> str:
    """``text`` for matching: no accents, case folded, separators made single spaces."""
    decomposed = unicodedata.normalize("NFKD", str(text)[:_MAX_FOLD_CHARS])
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SEPARATORS.sub(" ", plain.casefold()).strip()


@lru_cache(maxsize=1)
def alias_table() -> dict[str, dict[str, str]]:
    """``{kind: {folded alias: canonical}}`` from the CSV (a clash is a mistake in the table)."""
    table: dict[str, dict[str, str]] = {kind: {} for kind in KINDS}
    with ALIASES_CSV.open(encoding="utf-8", newline="") as handle:
        for line in csv.DictReader(handle):
            kind, canonical, alias = line["kind"], line["canonical"], line["alias"]
            if kind not in table:
                raise ValueError(f"{ALIASES_CSV.name}: unknown kind {kind!r}")
            key = fold(alias)
            if table[kind].setdefault(key, canonical) != canonical:
                raise ValueError(f"{ALIASES_CSV.name}: {alias!r} names two {kind}s")
    return table


@lru_cache(maxsize=1)
def _written_aliases() -> dict[str, list[str]]:
    """``{canonical column: [aliases as written in the CSV]}``."""
    written: dict[str, list[str]] = {}
    with ALIASES_CSV.open(encoding="utf-8", newline="") as handle:
        for line in csv.DictReader(handle):
            if line["kind"] == "column":
                written.setdefault(line["canonical"], []).append(line["alias"])
    return written


def aliases_of(canonical: str) -> list[str]:
    """The headers accepted for a canonical column, as the table writes them."""
    return list(_written_aliases().get(canonical, [canonical]))


def lookup(kind: str, text: str) -> str | None:
    """The canonical name of ``text`` in ``kind`` (``column``, ``row``, ``status``), or None."""
    table = alias_table()[kind]
    key = fold(text)
    if key in table:
        return table[key]
    if kind == "column":
        bare = fold(_UNIT.sub("", str(text)[:_MAX_FOLD_CHARS]))
        return table.get(bare) if bare else None
    return None


def row_label(text: str) -> str | None:
    """``total`` or ``other`` when a row's name is a row label (``Total national``, ``Autres``)."""
    return lookup("row", text)


def closest_headers(header: str, n: int = 3) -> list[str]:
    """The aliases closest to an unknown header (for messages only, never to match)."""
    written = {fold(alias): alias for aliases in _written_aliases().values() for alias in aliases}
    keys = difflib.get_close_matches(fold(header), list(written), n=n, cutoff=0.6)
    return [written[key] for key in keys]


@dataclass(frozen=True)
class HeaderMap:
    """Where a parser's columns are: ``columns[canonical]`` is a column's position.

    ``ignored`` lists the headers (as written) of the columns the parser does not use.
    """

    columns: dict[str, int]
    ignored: tuple[str, ...]

    def has(self, canonical: str) -> bool:
        return canonical in self.columns


def _missing_issues(
    found: dict[str, int],
    required: Sequence[str | tuple[str, ...]],
    file: str,
    header_row: int,
) -> list[Issue]:
    issues: list[Issue] = []
    for need in required:
        group = (need,) if isinstance(need, str) else tuple(need)
        if any(name in found for name in group):
            continue
        if len(group) == 1:
            accepted = ", ".join(aliases_of(group[0]))
            message = f"required column is missing; accepted headers: {accepted}"
            issues.append(
                Issue(
                    file,
                    header_row,
                    group[0],
                    message,
                    "missing_column_aliases",
                    {"aliases": accepted},
                )
            )
        else:
            names = ", ".join(group)
            message = f"one of these columns is needed: {names}"
            issues.append(
                Issue(file, header_row, None, message, "missing_one_of", {"columns": names})
            )
    return issues


def _unknown_issues(unknown: list[str], file: str, header_row: int) -> list[Issue]:
    issues: list[Issue] = []
    for header in unknown[:MAX_SHOWN]:
        hints = closest_headers(header)
        column = short_name(header)
        if hints:
            hint = ", ".join(hints)
            message = f"unknown column; closest known headers: {hint}"
            issues.append(
                Issue(
                    file, header_row, column, message, "unknown_header_hint", {"suggestions": hint}
                )
            )
        else:
            issues.append(Issue(file, header_row, column, "unexpected column", "unexpected_column"))
    return issues


def match_headers(
    header: Sequence[str],
    *,
    file: str,
    header_row: int,
    required: Sequence[str | tuple[str, ...]],
    optional: Sequence[str] = (),
) -> HeaderMap:
    """The positions of the wanted columns of ``header``, matched through the alias table.

    ``required`` items are canonical names, or tuples of which at least one is needed.

    Raises
    ------
    DataValidationError
        A wanted column is given twice under two headers (``duplicate_meaning``), or a
        required one is missing (``missing_column_aliases``, ``missing_one_of``); with the
        latter, each header that matches no alias (``unknown_header_hint``).
    """
    wanted = {name for need in required for name in ([need] if isinstance(need, str) else need)}
    wanted |= set(optional)
    found: dict[str, int] = {}
    ignored: list[str] = []
    unknown: list[str] = []
    issues = IssueList()
    for position, name in enumerate(header):
        canonical = lookup("column", name) if name.strip() else None
        if canonical is None or canonical not in wanted:
            if name.strip():
                ignored.append(name)
                if canonical is None:
                    unknown.append(name)
            continue
        if canonical in found:
            other = header[found[canonical]]
            issues.add(
                Issue(
                    file,
                    header_row,
                    short_name(name),
                    f"means the same as column {other!r} ({canonical})",
                    "duplicate_meaning",
                    {"other": short_name(other), "canonical": canonical},
                )
            )
            continue
        found[canonical] = position
    missing = _missing_issues(found, required, file, header_row)
    for issue in missing:
        issues.add(issue)
    if missing:
        for issue in _unknown_issues(unknown, file, header_row):
            issues.add(issue)
    issues.raise_if_any()
    return HeaderMap(found, tuple(ignored))
