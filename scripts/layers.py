"""The layers of the dashboard as rules, read from the code (``ast``), and their diagram.

``python scripts/layers.py`` prints the Mermaid diagram of which layer imports which
(``docs/architecture.md`` embeds it; ``tests/test_layers.py`` checks the two agree and that
no import runs upward). ``python scripts/layers.py --check`` exits 1 naming every module that
imports a layer or library it may not.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Layer -> the project layers and UI libraries it must never import. The order is the
# building: text is the ground floor, then the pure layer (data, geo), components, pages,
# and dashboard.py on top.
LAYERS: dict[str, frozenset[str]] = {
    "text": frozenset(
        {"data", "geo", "components", "pages", "dashboard", "streamlit", "plotly", "pydeck"}
    ),
    "data": frozenset({"components", "pages", "dashboard", "streamlit", "plotly", "pydeck"}),
    "geo": frozenset({"components", "pages", "dashboard", "streamlit", "plotly", "pydeck"}),
    "components": frozenset({"pages", "dashboard"}),
    "pages": frozenset({"dashboard"}),
    "dashboard": frozenset(),
}
PROJECT = frozenset(LAYERS)


def modules(layer: str) -> list[Path]:
    """The Python files of a layer (``dashboard`` is the one file ``dashboard.py``)."""
    if layer == "dashboard":
        return [ROOT / "dashboard.py"]
    return sorted((ROOT / layer).rglob("*.py"))


def imported(path: Path) -> Iterator[tuple[int, str]]:
    """(line, top-level package) of every absolute import in a module, nested ones too."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module.split(".")[0]


def violations() -> list[str]:
    """``file:line imports X`` for every import a layer may not make."""
    found = []
    for layer, forbidden in LAYERS.items():
        for path in modules(layer):
            for line, package in imported(path):
                if package in forbidden:
                    found.append(f"{path.relative_to(ROOT)}:{line} ({layer}) imports {package}")
    return found


def edges() -> set[tuple[str, str]]:
    """(layer, project layer it imports), between different layers."""
    found = set()
    for layer in LAYERS:
        for path in modules(layer):
            for _, package in imported(path):
                if package in PROJECT and package != layer:
                    found.add((layer, package))
    return found


def mermaid() -> str:
    """The layer diagram, an arrow from each layer to each layer it imports."""
    lines = ["```mermaid", "flowchart TD"]
    lines += [f"    {a} --> {b}" for a, b in sorted(edges())]
    lines.append("```")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    if "--check" in argv:
        problems = violations()
        for problem in problems:
            print(problem)
        return 1 if problems else 0
    print(mermaid())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
