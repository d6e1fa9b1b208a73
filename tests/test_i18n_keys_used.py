"""Every label key the code asks for exists in every catalog (the extraction of
``scripts/check_messages.py``: literal keys, and f-string keys as prefixes)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from text import LANGS, has_label, keys, template

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
import check_messages  # noqa: E402

USAGE = check_messages.extract(ROOT)


def literal_keys() -> set[tuple[str, str]]:
    return {(path, key) for key, where in USAGE.keys.items() for path, _line in where}


def test_the_scan_finds_keys_and_prefixes():
    assert len(literal_keys()) > 100
    assert ("dashboard.py", "app.title") in literal_keys()
    assert {"note.", "mention."} <= set(USAGE.prefixes)  # text/notes.py: t(f"note.{…}")


@pytest.mark.parametrize(("path", "key"), sorted(literal_keys()))
def test_key_exists_in_both_languages(path, key):
    assert has_label(key), f"{path} uses {key!r}, missing from locale/*/LC_MESSAGES/dashboard.po"
    for lang in LANGS:
        assert template(key, lang).strip(), f"{key!r} has no {lang} text"


@pytest.mark.parametrize("prefix", sorted(USAGE.prefixes))
def test_every_prefix_has_keys(prefix):
    assert any(key.startswith(prefix) for key in keys()), prefix
