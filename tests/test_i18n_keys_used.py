"""Every label key the code asks for exists in the translation table, in both languages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from components.i18n import LABELS, LANGS

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted(
    [ROOT / "dashboard.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "components").glob("*.py")]
)
# t("key", ...), tr("key", ...), label("key", ...) with a literal key.
LITERAL = re.compile(r"\b(?:t|tr|label)\(\s*[\"']([a-z_]+(?:\.[a-z0-9_]+)+)[\"']")


def literal_keys() -> set[tuple[str, str]]:
    found = set()
    for path in SOURCES:
        for key in LITERAL.findall(path.read_text(encoding="utf-8")):
            found.add((path.relative_to(ROOT).as_posix(), key))
    return found


def test_the_scan_finds_keys():
    assert len(literal_keys()) > 100


@pytest.mark.parametrize(("path", "key"), sorted(literal_keys()))
def test_key_exists_in_both_languages(path, key):
    assert key in LABELS, f"{path} uses {key!r}, missing from components/i18n.py"
    for lang in LANGS:
        assert LABELS[key][lang].strip(), f"{key!r} has no {lang} text"
