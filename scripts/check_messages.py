"""Check the message catalogs against the code, and write ``locale/dashboard.pot``.

Run (``make messages``; ``make test`` runs it too)::

    .venv/bin/python scripts/check_messages.py [--strict] [--root DIR] [--locale DIR]
                                               [--pot FILE]

1. Extract the keys the code asks for: ``t``, ``tr``, ``nt``, ``ntr`` and ``label`` calls with
   a literal key (both keys of ``t("a" if c else "b")``), read with :mod:`ast`; a call with an
   f-string key (``t(f"area.{area_id}")``) is reported as the prefix ``area.``.
2. Write the template ``locale/dashboard.pot``: every key of the catalogs and of the code,
   with the files that use it (``pybabel init`` starts a new language from it); it is
   rewritten only when more than its date changed.
3. Exit 1, listing them, when: a key the code uses is missing or empty in a catalog; no key
   starts with a prefix the code uses; a key is not in every catalog; a message is fuzzy;
   the placeholders of a key differ between languages or forms; a message is plural in one
   catalog and not in another, or has the wrong number of forms; a catalog is missing, or a
   folder of ``locale/`` is not in ``text.LANGS``.

A plural message called through ``t``/``tr``/``label`` (or a singular one through ``nt``) is
a warning, an error with ``--strict``.
"""

from __future__ import annotations

import argparse
import ast
import io
import re
import string
import sys
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileError, write_po

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from text.catalog import (  # noqa: E402
    DEFAULT_LANG,
    DOMAIN,
    LANGS,
    message_key,
    message_text,
    po_path,
    read_catalog,
)

SOURCES = ("dashboard.py", "pages", "components", "data", "geo", "text")
SINGULAR_CALLS = ("t", "tr", "label")
PLURAL_CALLS = ("nt", "ntr")
CALLS = SINGULAR_CALLS + PLURAL_CALLS  # the key is their first argument
KEY = re.compile(r"[a-z_]+(?:\.[a-z0-9_]+)+\Z")
PREFIX = re.compile(r"[a-z_]+(?:\.[a-z0-9_]+)*\.\Z")

POT_HEADER = """# Every message key of the IOM Mali dashboard, with where the code uses it.
# Written by scripts/check_messages.py: do not edit. A new language starts from it:
# pybabel init -D dashboard -i locale/dashboard.pot -d locale -l <lang>
#"""

Location = tuple[str, int]


@dataclass
class Usage:
    """What the code asks for: literal keys and f-string prefixes, with where."""

    keys: dict[str, list[Location]] = field(default_factory=lambda: defaultdict(list))
    prefixes: dict[str, list[Location]] = field(default_factory=lambda: defaultdict(list))
    calls: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # key -> fns


def _python_files(root: Path) -> Iterable[Path]:
    for name in SOURCES:
        path = root / name
        if path.is_file():
            yield path
        elif path.is_dir():
            yield from sorted(p for p in path.rglob("*.py") if "__pycache__" not in p.parts)


def _call_name(node: ast.Call) -> str | None:
    func = node.func
    if isinstance(func, ast.Name):
        return func.id
    return func.attr if isinstance(func, ast.Attribute) else None


def _key_arguments(node: ast.expr) -> Iterable[ast.expr]:
    """The key expressions of a first argument: both branches of ``"a" if c else "b"``."""
    if isinstance(node, ast.IfExp):
        yield from _key_arguments(node.body)
        yield from _key_arguments(node.orelse)
    else:
        yield node


def extract(root: Path = ROOT) -> Usage:
    """The literal keys and f-string prefixes the code under ``root`` asks for.

    Read with :mod:`ast` rather than Babel's ``extract_from_dir``: Babel's Python extractor
    skips f-strings and joins the two branches of ``t("a" if c else "b")`` into one key.
    """
    usage = Usage()
    for path in _python_files(root):
        relative = path.relative_to(root).as_posix()
        for node in ast.walk(ast.parse(path.read_bytes(), filename=relative)):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name = _call_name(node)
            if name not in CALLS:
                continue
            for arg in _key_arguments(node.args[0]):
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    if KEY.match(arg.value):
                        usage.keys[arg.value].append((relative, arg.lineno))
                        usage.calls[arg.value].add(name)
                elif isinstance(arg, ast.JoinedStr) and arg.values:
                    head = arg.values[0]
                    if isinstance(head, ast.Constant) and PREFIX.match(str(head.value)):
                        usage.prefixes[str(head.value)].append((relative, arg.lineno))
    return usage


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _where(locations: Sequence[Location]) -> str:
    shown = ", ".join(f"{path}:{line}" for path, line in locations[:3])
    return shown + (f" (+{len(locations) - 3})" if len(locations) > 3 else "")


def _catalog_problems(catalog: Catalog, rel: str) -> list[str]:
    problems = []
    for message, errors in catalog.check():  # Babel's checkers (number of plural forms...)
        problems += [f"{rel}: {message_key(message.id)!r}: {error}" for error in errors]
    for message in catalog:
        if not message.id:
            continue
        key = message_key(message.id)
        text = message_text(message.string)
        if message.fuzzy:
            problems.append(f"{rel}: {key!r} is fuzzy (review it, then remove the flag)")
        forms = text if isinstance(text, tuple) else (text,)
        if not all(form.strip() for form in forms):
            problems.append(f"{rel}: {key!r} is empty")
        elif any(form != form.strip() for form in forms):
            problems.append(f"{rel}: {key!r} starts or ends with a space")
    return problems


def _key_problems(texts: dict[str, dict[str, str | tuple[str, ...]]]) -> list[str]:
    """Every key in every catalog, with the same placeholders and plural shape."""
    problems = []
    every = {key for entries in texts.values() for key in entries}
    for key in sorted(every):
        have = {lang: entries[key] for lang, entries in texts.items() if key in entries}
        missing = sorted(set(texts) - set(have))
        if missing:
            problems.append(
                f"{key!r} is missing in {', '.join(missing)} (found in {', '.join(have)})"
            )
        plural = sorted(lang for lang, text in have.items() if isinstance(text, tuple))
        if plural and len(plural) < len(have):
            problems.append(f"{key!r} is plural in {', '.join(plural)} only")
            continue
        # Every form of every language takes the same placeholders; a plural form may leave
        # out {n} ("one area" for 1).
        fields = {
            f"{lang}[{i}]" if plural else lang: _fields(form)
            for lang, text in have.items()
            for i, form in enumerate(text if isinstance(text, tuple) else (text,))
        }
        ignored = {"n"} if plural else set()
        if len({frozenset(f - ignored) for f in fields.values()}) > 1:
            listed = "; ".join(f"{where}: {sorted(f)}" for where, f in fields.items())
            problems.append(f"{key!r} has different placeholders: {listed}")
    return problems


def check(
    usage: Usage, locale_dir: Path, langs: Sequence[str] = LANGS, strict: bool = False
) -> tuple[list[str], list[str], dict[str, Catalog]]:
    """(problems, warnings, catalogs) of the catalogs under ``locale_dir`` for ``usage``."""
    problems: list[str] = []
    warnings: list[str] = []
    folders = {path.name for path in locale_dir.iterdir() if path.is_dir()}
    problems += [
        f"locale/{extra}/ is not a supported language: add it to LANGS in text/catalog.py"
        for extra in sorted(folders - set(langs))
    ]
    catalogs: dict[str, Catalog] = {}
    for lang in langs:
        rel = po_path(lang, Path("locale")).as_posix()
        if not po_path(lang, locale_dir).is_file():
            problems.append(f"{rel} is missing")
            continue
        try:
            catalogs[lang] = read_catalog(lang, locale_dir)
        except PoFileError as exc:  # a syntax error, or more plural forms than Plural-Forms
            problems.append(f"{rel}: {exc}")
            continue
        problems += _catalog_problems(catalogs[lang], rel)
    texts = {
        lang: {message_key(m.id): message_text(m.string) for m in catalog if m.id and not m.fuzzy}
        for lang, catalog in catalogs.items()
    }
    problems += _key_problems(texts)
    for key, locations in sorted(usage.keys.items()):
        for lang, entries in texts.items():
            if key not in entries:
                problems.append(
                    f"{key!r}, used at {_where(locations)}, is not in the {lang} catalog"
                )
    for prefix, locations in sorted(usage.prefixes.items()):
        for lang, entries in texts.items():
            if not any(key.startswith(prefix) for key in entries):
                problems.append(
                    f"no key starts with {prefix!r} (used at {_where(locations)}) in the {lang} catalog"
                )
    reference = texts.get(DEFAULT_LANG, {})
    for key, names in sorted(usage.calls.items()):
        if key not in reference:
            continue
        plural = isinstance(reference[key], tuple)
        wrong = sorted(names - set(PLURAL_CALLS if plural else SINGULAR_CALLS))
        if wrong:
            use = "nt(key, n, lang)" if plural else "t(key, lang)"
            where = _where(usage.keys.get(key, []))
            (problems if strict else warnings).append(
                f"{key!r} is called through {', '.join(wrong)} at {where}: use {use}"
            )
    return problems, warnings, catalogs


def template(usage: Usage, catalogs: dict[str, Catalog]) -> Catalog:
    """The ``.pot``: the reference catalog's keys in order, then keys only the code has."""
    pot = Catalog(
        domain=DOMAIN,
        header_comment=POT_HEADER,
        project="iom-mali-crp-dashboard",
        version="0.1.0",
        msgid_bugs_address="-",
        fuzzy=False,
    )
    reference = catalogs.get(DEFAULT_LANG) or next(iter(catalogs.values()), Catalog())
    ids = [m.id for m in reference if m.id]
    ids += [key for key in usage.keys if key not in reference]
    for message_id in ids:
        key = message_key(message_id)
        prefixes = [p for p in usage.prefixes if key.startswith(p)]
        locations = list(usage.keys.get(key, []))
        for prefix in prefixes:
            locations += usage.prefixes[prefix]
        comments = [f"through the prefix {p!r}" for p in prefixes]
        pot.add(message_id, locations=sorted(set(locations)), auto_comments=comments)
    return pot


def write_template(pot: Catalog, path: Path) -> bool:
    """Write ``pot`` unless only its creation date would change; True when written."""
    out = io.BytesIO()
    write_po(out, pot, width=100, include_lineno=False)  # files only: less churn
    new = out.getvalue()

    def dateless(data: bytes) -> bytes:
        return re.sub(rb'"POT-Creation-Date: [^"]*"\n', b"", data)

    if path.is_file() and dateless(path.read_bytes()) == dateless(new):
        return False
    path.write_bytes(new)
    return True


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="the code to extract from")
    parser.add_argument("--locale", type=Path, default=ROOT / "locale", help="the catalogs")
    parser.add_argument("--pot", type=Path, help="default: <locale>/dashboard.pot")
    parser.add_argument("--strict", action="store_true", help="plural/singular misuse fails")
    args = parser.parse_args(argv)
    usage = extract(args.root.resolve())
    problems, warnings, catalogs = check(usage, args.locale, strict=args.strict)
    pot_path = args.pot or args.locale / f"{DOMAIN}.pot"
    if catalogs and write_template(template(usage, catalogs), pot_path):
        print(f"wrote {pot_path}")
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    n_keys = len(usage.keys)
    if problems:
        print(f"{len(problems)} problem(s) with the message catalogs:", file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    print(
        f"messages OK: {n_keys} keys used literally, {len(usage.prefixes)} prefixes, "
        f"{', '.join(f'{lang}: {len(c)}' for lang, c in catalogs.items())} messages"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
