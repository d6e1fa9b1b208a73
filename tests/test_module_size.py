"""House rules on size: one job per module, ~400 lines at most; no function over ~80 lines;
pages are short scripts (~150 lines) that only wire.

Measured with ``ast`` (a function's lines run from its ``def`` (decorators excluded) to its
last statement, docstring included). Each test lists every offender.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 80
MAX_PAGE_LINES = 150
FLOORS = ("text", "data", "geo", "components", "pages", "scripts")
# Not a page: the pages' shared helpers (held to the module limit instead).
PAGE_HELPERS = {"__init__.py", "_shared.py"}


def python_files(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


def line_count(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


def function_lengths(source: str) -> list[tuple[str, int, int]]:
    """(name, first line, number of lines) of every function and method in ``source``."""
    return [
        (node.name, node.lineno, node.end_lineno - node.lineno + 1)
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
    ]


def long_functions(path: Path, limit: int) -> list[str]:
    """``file:line name (n lines)`` for each function or method longer than ``limit``."""
    where = path.relative_to(ROOT)
    return [
        f"{where}:{line} {name} ({length} lines)"
        for name, line, length in function_lengths(path.read_text(encoding="utf-8"))
        if length > limit
    ]


def test_the_measure_counts_a_function_from_def_to_its_last_line():
    body = "\n".join(f"        x{i} = {i}" for i in range(79))
    source = f"@decorator\ndef f():\n    def inner():\n{body}\n\n\nclass C:\n    def g(self):\n        pass\n"
    assert sorted(function_lengths(source)) == [("f", 2, 81), ("g", 86, 2), ("inner", 3, 80)]


def test_the_folders_exist():
    assert python_files("components") and python_files("pages")


@pytest.mark.parametrize("folder", FLOORS)
def test_no_module_over_400_lines(folder):
    over = [
        f"{path.relative_to(ROOT)} ({n} lines)"
        for path in python_files(folder)
        if (n := line_count(path)) > MAX_MODULE_LINES
    ]
    assert not over, f"over {MAX_MODULE_LINES} lines: {over}"


@pytest.mark.parametrize("folder", FLOORS)
def test_no_function_over_80_lines(folder):
    offenders = [
        f for path in python_files(folder) for f in long_functions(path, MAX_FUNCTION_LINES)
    ]
    assert not offenders, f"functions over {MAX_FUNCTION_LINES} lines: {offenders}"


def test_pages_are_short_scripts():
    pages = [path for path in python_files("pages") if path.name not in PAGE_HELPERS]
    assert {p.name for p in pages} >= {
        "overview.py",
        "funding.py",
        "coverage.py",
        "briefing.py",
        "data_sources.py",
        "displacement.py",
        "what_if.py",
    }
    over = [f"{p.name} ({n} lines)" for p in pages if (n := line_count(p)) > MAX_PAGE_LINES]
    assert not over, f"pages over {MAX_PAGE_LINES} lines: {over}"


def test_page_helpers_within_the_module_limit():
    over = [
        f"{name} ({n} lines)"
        for name in sorted(PAGE_HELPERS)
        if (n := line_count(ROOT / "pages" / name)) > MAX_MODULE_LINES
    ]
    assert not over, over
