"""scripts/check_messages.py: the real catalogs pass; each kind of broken catalog fails by name."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po

from text.catalog import LOCALE_DIR, po_path

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "check_messages.py"
sys.path.insert(0, str(ROOT / "scripts"))
import check_messages  # noqa: E402


@pytest.fixture
def locale(tmp_path: Path) -> Path:
    """A writable copy of locale/ (the .po files only)."""
    target = tmp_path / "locale"
    for lang_dir in LOCALE_DIR.iterdir():
        if lang_dir.is_dir():
            shutil.copytree(lang_dir, target / lang_dir.name)
    return target


def edit(locale_dir: Path, lang: str, change) -> None:
    """Read one catalog with Babel, ``change(catalog)``, write it back."""
    path = po_path(lang, locale_dir)
    with path.open("rb") as fp:
        catalog = read_po(fp, locale=lang, domain="dashboard")
    change(catalog)
    with path.open("wb") as fp:
        write_po(fp, catalog)


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args], capture_output=True, text=True, check=False
    )


def problems(locale_dir: Path, root: Path = ROOT, strict: bool = False) -> list[str]:
    found, _warnings, _catalogs = check_messages.check(
        check_messages.extract(root), locale_dir, strict=strict
    )
    return found


# --- the real tree ------------------------------------------------------------------------------
def test_the_real_catalogs_pass_and_the_template_lists_every_key(tmp_path):
    pot = tmp_path / "dashboard.pot"
    result = run("--pot", str(pot))
    assert result.returncode == 0, result.stderr
    assert "messages OK" in result.stdout
    with pot.open("rb") as fp:
        template = read_po(fp)
    ids = [m.id if isinstance(m.id, str) else m.id[0] for m in template if m.id]
    with po_path("fr").open("rb") as fp:
        fr = read_po(fp, locale="fr")
    assert ids == [m.id if isinstance(m.id, str) else m.id[0] for m in fr if m.id]
    assert "dashboard.py" in {path for path, _line in template["app.title"].locations}
    assert template["app.subtitle"].locations == []  # no call names it: kept all the same
    assert template["whatif.store.skipped"].pluralizable
    assert all(not "".join(m.string) for m in template if m.id)  # str or tuple of ""


# --- broken catalogs ----------------------------------------------------------------------------
def test_a_missing_key_exits_1_naming_it(locale, tmp_path):
    edit(locale, "en", lambda catalog: catalog.delete("app.title"))
    result = run("--locale", str(locale), "--pot", str(tmp_path / "x.pot"))
    assert result.returncode == 1
    assert "'app.title' is missing in en (found in fr)" in result.stderr
    assert "'app.title', used at dashboard.py:" in result.stderr
    assert "is not in the en catalog" in result.stderr


def test_an_empty_text_fails(locale):
    def empty(catalog):
        catalog["page.funding"].string = ""

    edit(locale, "fr", empty)
    assert problems(locale) == ["locale/fr/LC_MESSAGES/dashboard.po: 'page.funding' is empty"]


def test_different_placeholders_fail(locale):
    def rename(catalog):
        catalog["app.data_as_of"].string = "Data as of {date}"

    edit(locale, "en", rename)
    assert problems(locale) == [
        "'app.data_as_of' has different placeholders: fr: ['as_of']; en: ['date']"
    ]


def test_a_plural_form_may_leave_out_n_but_not_another_placeholder(locale):
    def one(catalog):
        catalog["whatif.store.skipped"].string = (
            "One saved scenario cannot be read and is not listed: {names}",
            "{n} saved scenarios cannot be read and are not listed: {name}",
        )

    edit(locale, "en", one)
    (found,) = problems(locale)
    assert found.startswith("'whatif.store.skipped' has different placeholders:")
    assert "en[1]: ['n', 'name']" in found


def test_a_plural_in_one_language_only_fails(locale):
    def singular(catalog):
        catalog.delete(("geo.note.repaired", "geo.note.repaired"))
        catalog.add("geo.note.repaired", "{n} polygon(s) repaired.")

    edit(locale, "en", singular)
    assert problems(locale) == ["'geo.note.repaired' is plural in fr only"]


REPAIRED_FR_1 = 'msgstr[1] "{n} polygones invalides (auto-intersection…) réparés automatiquement."'


def test_too_many_plural_forms_fail(locale):
    path = po_path("fr", locale)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(REPAIRED_FR_1, REPAIRED_FR_1 + '\nmsgstr[2] "{n} c"'), "utf-8")
    (found,) = problems(locale)
    assert found.startswith("locale/fr/LC_MESSAGES/dashboard.po: msg has more translations than")


def test_too_few_plural_forms_fail(locale):
    path = po_path("fr", locale)
    path.write_text(path.read_text(encoding="utf-8").replace(REPAIRED_FR_1, ""), "utf-8")
    assert problems(locale) == ["locale/fr/LC_MESSAGES/dashboard.po: 'geo.note.repaired' is empty"]


def test_a_fuzzy_message_fails(locale):
    edit(locale, "fr", lambda catalog: catalog["page.funding"].flags.add("fuzzy"))
    found = problems(locale)
    assert "locale/fr/LC_MESSAGES/dashboard.po: 'page.funding' is fuzzy" in found[0]
    assert "'page.funding' is missing in fr (found in en)" in found


def test_an_unsupported_language_folder_fails(locale):
    shutil.copytree(locale / "en", locale / "es")
    assert problems(locale) == [
        "locale/es/ is not a supported language: add it to LANGS in text/catalog.py"
    ]


def test_a_missing_catalog_fails(locale):
    po_path("en", locale).unlink()
    assert "locale/en/LC_MESSAGES/dashboard.po is missing" in problems(locale)


# --- extraction ----------------------------------------------------------------------------------
SOURCE = """
from text import nt, t

def page(lang, x, reported, name):
    t("page.funding", lang)
    t("metric.gap" if reported else "metric.nowhere", lang)
    t(f"legend.{x}", lang)
    t(f"zz.{x}", lang)
    nt("whatif.store.skipped", 2, lang, names="")
    t("geo.note.repaired", lang, n=2)
    nt("page.overview", 2, lang)
    self.label("legend.gap")
    t(name, lang)
    t("Not a key", lang)
"""


@pytest.fixture
def code(tmp_path: Path) -> Path:
    root = tmp_path / "code"
    (root / "pages").mkdir(parents=True)
    (root / "pages" / "p.py").write_text(SOURCE, encoding="utf-8")
    return root


def test_extract_reads_keys_branches_and_prefixes(code):
    usage = check_messages.extract(code)
    assert dict(usage.keys) == {
        "page.funding": [("pages/p.py", 5)],
        "metric.gap": [("pages/p.py", 6)],
        "metric.nowhere": [("pages/p.py", 6)],
        "whatif.store.skipped": [("pages/p.py", 9)],
        "geo.note.repaired": [("pages/p.py", 10)],
        "page.overview": [("pages/p.py", 11)],
        "legend.gap": [("pages/p.py", 12)],
    }
    assert dict(usage.prefixes) == {"legend.": [("pages/p.py", 7)], "zz.": [("pages/p.py", 8)]}
    assert usage.calls["geo.note.repaired"] == {"t"}


def test_keys_and_prefixes_the_code_uses_must_exist(code):
    assert problems(LOCALE_DIR, code) == [
        "'metric.nowhere', used at pages/p.py:6, is not in the fr catalog",
        "'metric.nowhere', used at pages/p.py:6, is not in the en catalog",
        "no key starts with 'zz.' (used at pages/p.py:8) in the fr catalog",
        "no key starts with 'zz.' (used at pages/p.py:8) in the en catalog",
    ]


def test_plural_misuse_warns_and_fails_when_strict(code, tmp_path):
    usage = check_messages.extract(code)
    _found, warnings, _catalogs = check_messages.check(usage, LOCALE_DIR)
    assert warnings == [
        "'geo.note.repaired' is called through t at pages/p.py:10: use nt(key, n, lang)",
        "'page.overview' is called through nt at pages/p.py:11: use t(key, lang)",
    ]
    strict = problems(LOCALE_DIR, code, strict=True)
    assert strict[-2:] == warnings
    result = run("--root", str(code), "--strict", "--pot", str(tmp_path / "x.pot"))
    assert result.returncode == 1
    assert "'page.overview' is called through nt" in result.stderr
