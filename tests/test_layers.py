"""Layering: ``text/`` is the ground floor, so it imports none of the floors above it."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TEXT_MODULES = sorted((ROOT / "text").glob("*.py"))
# The layers above text/, and the UI libraries.
FORBIDDEN = {"components", "pages", "data", "geo", "dashboard", "streamlit", "plotly", "pydeck"}


def imported_packages(source: str, filename: str = "<source>") -> set[str]:
    """The top-level packages a module imports (``import a.b``, ``from a.b import c``)."""
    found = set()
    for node in ast.walk(ast.parse(source, filename=filename)):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            # A relative import stays inside its package (and ruff bans them anyway).
            if node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
    return found


def test_the_parser_sees_every_kind_of_import():
    source = (
        "import streamlit as st\n"
        "import plotly.graph_objects, babel\n"
        "from data.plan import load_plan\n"
        "from . import sibling\n"
        "def f():\n"
        "    from components import theme\n"
    )
    assert imported_packages(source) == {"streamlit", "plotly", "babel", "data", "components"}


def test_text_has_modules():
    assert {path.name for path in TEXT_MODULES} >= {
        "__init__.py",
        "catalog.py",
        "formats.py",
        "notes.py",
    }


@pytest.mark.parametrize("path", TEXT_MODULES, ids=lambda path: path.name)
def test_text_imports_nothing_from_the_floors_above(path):
    imported = imported_packages(path.read_text(encoding="utf-8"), path.name)
    assert not imported & FORBIDDEN, f"text/{path.name} imports {sorted(imported & FORBIDDEN)}"


def test_importing_text_loads_no_upper_layer():
    # Also catches an import made indirectly (through a third-party package or importlib).
    code = (
        "import sys\nimport text, text.catalog, text.formats, text.notes\n"
        f"print(sorted({{m.split('.')[0] for m in sys.modules}} & {FORBIDDEN!r}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


# --- every layer, and the diagram of docs/architecture.md ------------------------------------
sys.path.insert(0, str(ROOT / "scripts"))
import layers  # noqa: E402  (scripts/ is not a package)


def test_no_import_runs_upward():
    """data/ and geo/ never import streamlit, plotly or components; nothing imports pages."""
    assert layers.violations() == []


def test_the_rule_catches_an_upward_import(tmp_path, monkeypatch):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "bad.py").write_text("import streamlit as st\nfrom components import x\n")
    monkeypatch.setattr(layers, "ROOT", tmp_path)
    monkeypatch.setattr(layers, "LAYERS", {"data": layers.LAYERS["data"]})
    assert layers.violations() == [
        "data/bad.py:1 (data) imports streamlit",
        "data/bad.py:2 (data) imports components",
    ]


def test_the_architecture_document_shows_the_layers_as_the_code_has_them():
    document = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    assert layers.mermaid() in document, (
        "run: python scripts/layers.py, paste into docs/architecture.md"
    )
