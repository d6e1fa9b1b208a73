"""The gettext catalogs: complete, consistent in both languages, loud on missing keys."""

from __future__ import annotations

import csv
import re
import string

import pytest

from text import DEFAULT_LANG, LANGS, has_label, is_plural, keys, nt, t, template
from text.catalog import LOCALE_DIR, read_catalog
from text.formats import NNBSP

NBSP = "\u00a0"
AREAS_CSV = LOCALE_DIR.parent / "data" / "csv" / "activity_areas.csv"
OBJECTIVES_CSV = LOCALE_DIR.parent / "data" / "csv" / "objectives.csv"

# English names exactly as in the plan's "Breakdown of funding requirements" table.
PLAN_AREA_NAMES_EN = {
    "shelter": "Shelter and settlements",
    "cccm": "Camp coordination and camp management",
    "protection": "Protection",
    "mhpss": "Mental health and psychosocial support in humanitarian response",
    "wash_emergency": "Provision of water, sanitation and hygiene in emergencies",
    "basic_needs": "Basic needs, including food and multi-purpose cash assistance",
    "border_management": "Humanitarian border management and services for citizens abroad",
    "displacement_tracking": "Displacement tracking",
    "support_services": "Support services for response actors",
    "emergency_preparedness": "Emergency preparedness",
    "peacebuilding": "Peacebuilding and peace preservation",
    "community_stabilization": "Community stabilization",
    "livelihoods": "Livelihoods and economic recovery",
    "drr": "Adaptation and disaster risk reduction",
    "wash_transition": (
        "Provision of water, sanitation and hygiene in transitional and post-crisis situations"
    ),
}
PLURAL_KEYS = {
    "whatif.saved.option",
    "whatif.store.option",
    "whatif.store.skipped",
    "geo.note.repaired",
    "label.not_reported_areas",
    "displacement.no_share_units",
    "scenario.heading",
    "summary.total.areas",
    "summary.total.objectives",
    "summary.more",
    "summary.delta.unchanged",
    "summary.map.total",
    "geo.note.simplified",
    "freshness.age",
    "freshness.dtm",
    "freshness.funding",
    "freshness.stale",
    "summary.trend.change_unchanged",
}


def _ids(path, column):
    with path.open(encoding="utf-8") as fp:
        return [row[column] for row in csv.DictReader(fp)]


def _fields(template_text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template_text) if name}


def _forms(lang: str) -> dict[str, tuple[str, ...]]:
    """key -> its forms (one for a singular message), read from the catalog file itself."""
    forms = {}
    for message in read_catalog(lang):
        if message.id:
            key = message.id if isinstance(message.id, str) else message.id[0]
            text = message.string
            forms[key] = (text,) if isinstance(text, str) else tuple(text)
    return forms


FORMS = {lang: _forms(lang) for lang in LANGS}


# --- languages ---------------------------------------------------------------------------------
def test_langs_french_first_and_one_catalog_folder_each():
    assert LANGS == ("fr", "en")
    assert DEFAULT_LANG == "fr"
    assert {path.name for path in LOCALE_DIR.iterdir() if path.is_dir()} == set(LANGS)


@pytest.mark.parametrize(
    ("lang", "header"),
    [("fr", "nplurals=2; plural=(n > 1);"), ("en", "nplurals=2; plural=(n != 1);")],
)
def test_plural_forms_header(lang, header):
    assert read_catalog(lang).plural_forms == header


# --- completeness and consistency ---------------------------------------------------------------
def test_both_languages_have_the_same_keys_in_the_same_order():
    assert list(FORMS["fr"]) == list(FORMS["en"]) == list(keys())
    assert len(keys()) > 400


@pytest.mark.parametrize("key", sorted(FORMS["fr"]))
def test_every_message_has_non_empty_text_in_every_language(key):
    for lang in LANGS:
        for form in FORMS[lang][key]:
            assert isinstance(form, str) and form.strip(), (key, lang)
            assert form == form.strip(), (key, lang)


@pytest.mark.parametrize("key", sorted(FORMS["fr"]))
def test_placeholders_agree_between_languages_and_forms(key):
    ignored = {"n"} if key in PLURAL_KEYS else set()  # "one area": a plural form may omit {n}
    fields = {frozenset(_fields(form) - ignored) for lang in LANGS for form in FORMS[lang][key]}
    assert len(fields) == 1, (key, fields)


def test_french_high_punctuation_has_no_break_space():
    # "Source : …" must not wrap before the colon on a projector: U+00A0, not a space.
    for key, forms in FORMS["fr"].items():
        for fr in forms:
            assert not re.search(r" [:;?!]", fr), key
            assert "'" not in fr, f"{key}: use the typographic apostrophe ’"


def test_special_spaces_survive_the_catalog():
    assert t("stamp.template", "fr", source="OIM", as_of="x") == f"Source{NBSP}: OIM — données au x"
    assert t("app.data_failed", "fr").endswith(f"chargées{NBSP}:")
    assert "’" in t("page.overview", "fr")


# --- t: singular messages ----------------------------------------------------------------------
def test_unknown_key_raises_key_error():
    with pytest.raises(KeyError, match="page.nowhere"):
        t("page.nowhere")
    assert not has_label("page.nowhere")
    assert has_label("page.overview")


def test_unknown_language_raises():
    with pytest.raises(ValueError, match="de"):
        t("page.overview", "de")
    with pytest.raises(ValueError, match="de"):
        nt("whatif.store.skipped", 2, "de", names="")
    with pytest.raises(ValueError, match="de"):
        template("page.overview", "de")


def test_default_language_is_french():
    assert t("metric.gap") == "Déficit"


@pytest.mark.parametrize(
    ("key", "fr", "en"),
    [
        ("page.overview", "Vue d’ensemble", "Overview"),
        ("page.funding", "Financement", "Funding"),
        ("page.coverage", "Couverture", "Coverage"),
        ("page.displacement", "Déplacements", "Displacement"),
        ("page.data_sources", "Données et sources", "Data & sources"),
        ("page.what_if", "Scénarios", "What-if"),
        ("page.briefing", "Mode briefing", "Briefing"),
        ("metric.required", "Financement requis", "Funding required"),
        ("metric.confirmed", "Financement confirmé", "Funding confirmed"),
        ("metric.gap", "Déficit", "Gap"),
        ("metric.coverage", "Couverture", "Coverage"),
        ("metric.people_targeted", "Personnes ciblées", "People targeted"),
        ("metric.entities_targeted", "Entités ciblées", "Entities targeted"),
        ("status.not_reported", "non communiqué", "not reported"),
        ("status.not_itemised", "Non ventilé", "Not itemised"),
        ("scenario.watermark", "SCÉNARIO", "SCENARIO"),
        ("label.other_regions", "autres régions", "other regions"),
        ("status.over_funded", "surfinancé", "over-funded"),
        ("status.estimate", "estimation", "estimate"),
    ],
)
def test_required_labels(key, fr, en):
    assert t(key, "fr") == fr
    assert t(key, "en") == en


DOMAIN_PREFIXES = ("area.", "area_short.", "objective.", "objective_short.")


@pytest.mark.parametrize("lang", LANGS)
def test_the_catalogs_hold_no_domain_names(lang):
    """Areas and objectives are named by the data tables (``name_<lang>``, ``short_name_<lang>``
    in ``data/csv``), so an updated table brings its own names: none is in a catalog."""
    assert not [key for key in FORMS[lang] if key.startswith(DOMAIN_PREFIXES)]


def test_the_tables_name_every_area_and_objective_in_both_languages():
    area_ids = _ids(AREAS_CSV, "area_id")
    assert area_ids == list(PLAN_AREA_NAMES_EN)  # the plan's 15 areas, in its order
    with AREAS_CSV.open(encoding="utf-8") as fp:
        areas = {row["area_id"]: row for row in csv.DictReader(fp)}
    for area_id, name_en in PLAN_AREA_NAMES_EN.items():
        row = areas[area_id]
        assert row["name_en"] == name_en
        assert row["name_fr"] != name_en or area_id == "protection"
        assert row["short_name_fr"] and row["short_name_en"]
    for lang in LANGS:
        shorts = [areas[a][f"short_name_{lang}"] for a in area_ids]
        assert len(set(shorts)) == len(shorts), lang
    with OBJECTIVES_CSV.open(encoding="utf-8") as fp:
        for row in csv.DictReader(fp):
            for column in ("name_fr", "name_en", "short_name_fr", "short_name_en"):
                assert row[column].strip(), (row["objective_id"], column)


def test_stamp_template():
    assert (
        t("stamp.template", "fr", source="OIM", as_of="27 nov. 2023")
        == "Source\u00a0: OIM — données au 27 nov. 2023"
    )
    assert (
        t("stamp.template", "en", source="IOM", as_of="27 Nov 2023")
        == "Source: IOM — data as of 27 Nov 2023"
    )


def test_missing_parameter_raises():
    with pytest.raises(KeyError):
        t("stamp.template", "en", source="IOM")


def test_template_is_the_raw_text():
    assert template("stamp.template", "en") == "Source: {source} — data as of {as_of}"
    assert template("whatif.store.skipped", "en") == (
        "{n} saved scenario cannot be read and is not listed: {names}"
    )


# --- nt: plural messages -----------------------------------------------------------------------
def test_the_plural_messages():
    assert {key for key in keys() if is_plural(key)} == PLURAL_KEYS
    for key in PLURAL_KEYS:
        assert all(len(FORMS[lang][key]) == 2 for lang in LANGS), key
        assert not any("(s)" in form for lang in LANGS for form in FORMS[lang][key]), key


@pytest.mark.parametrize(
    ("lang", "n", "expected"),
    [
        # French: the singular for 0 and 1 (n > 1 is plural).
        ("fr", 0, f"0 scénario enregistré illisible, non listé{NBSP}: A"),
        ("fr", 1, f"1 scénario enregistré illisible, non listé{NBSP}: A"),
        ("fr", 2, f"2 scénarios enregistrés illisibles, non listés{NBSP}: A"),
        # English: the singular for 1 only.
        ("en", 0, "0 saved scenarios cannot be read and are not listed: A"),
        ("en", 1, "1 saved scenario cannot be read and is not listed: A"),
        ("en", 2, "2 saved scenarios cannot be read and are not listed: A"),
    ],
)
def test_nt_plural_forms(lang, n, expected):
    assert nt("whatif.store.skipped", n, lang, names="A") == expected


@pytest.mark.parametrize(
    ("lang", "n", "expected"),
    [
        ("fr", 0, "Old — 0 domaine modifié, hier"),
        ("fr", 1, "Old — 1 domaine modifié, hier"),
        ("fr", 2, "Old — 2 domaines modifiés, hier"),
        ("en", 0, "Old — 0 areas edited, hier"),
        ("en", 1, "Old — 1 area edited, hier"),
        ("en", 2, "Old — 2 areas edited, hier"),
    ],
)
def test_nt_saved_scenario_option(lang, n, expected):
    assert nt("whatif.saved.option", n, lang, name="Old", updated="hier") == expected


def test_nt_writes_the_count_for_the_language():
    assert nt("geo.note.repaired", 1000, "fr").startswith(f"1{NNBSP}000 polygones invalides")
    assert nt("geo.note.repaired", 1000, "en").startswith("1,000 invalid polygons")
    assert nt("geo.note.repaired", 1, "en") == (
        "1 invalid polygon (self-intersection…) repaired automatically."
    )


def test_singular_and_plural_calls_do_not_mix():
    with pytest.raises(TypeError, match="nt"):
        t("whatif.store.skipped", "en", n=2, names="A")
    with pytest.raises(TypeError, match="t\\("):
        nt("page.overview", 2, "en")
    with pytest.raises(TypeError, match="int"):
        nt("whatif.store.skipped", "2", "en", names="A")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="int"):
        nt("whatif.store.skipped", True, "en", names="A")
    with pytest.raises(KeyError, match="nowhere"):
        nt("page.nowhere", 2, "en")
