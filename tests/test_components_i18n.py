"""The translation table: complete, consistent in both languages, loud on missing keys."""

from __future__ import annotations

import re
import string

import pytest

from components.i18n import AREA_IDS, LABELS, LANGS, OBJECTIVE_IDS, has_label, t

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


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_langs_french_first():
    assert LANGS == ("fr", "en")


@pytest.mark.parametrize("key", sorted(LABELS))
def test_every_label_has_non_empty_fr_and_en(key):
    entry = LABELS[key]
    assert set(entry) == set(LANGS), key
    for lang in LANGS:
        assert isinstance(entry[lang], str) and entry[lang].strip(), (key, lang)
        assert entry[lang] == entry[lang].strip(), (key, lang)


@pytest.mark.parametrize("key", sorted(LABELS))
def test_placeholders_agree_between_languages(key):
    assert _fields(LABELS[key]["fr"]) == _fields(LABELS[key]["en"]), key


def test_french_high_punctuation_has_no_break_space():
    # "Source : …" must not wrap before the colon on a projector: U+00A0, not a space.
    for key, entry in LABELS.items():
        fr = entry["fr"]
        assert not re.search(r" [:;?!]", fr), key
        assert "'" not in fr, f"{key}: use the typographic apostrophe ’"


def test_unknown_key_raises_key_error():
    with pytest.raises(KeyError, match="page.nowhere"):
        t("page.nowhere")
    assert not has_label("page.nowhere")
    assert has_label("page.overview")


def test_unknown_language_raises():
    with pytest.raises(ValueError, match="de"):
        t("page.overview", "de")


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
        (
            "objective.obj1",
            "Sauver des vies et protéger les personnes en déplacement",
            "Saving lives and protecting people on the move",
        ),
        (
            "objective.obj2",
            "Apporter des solutions au déplacement",
            "Driving solutions to displacement",
        ),
        ("status.not_reported", "non communiqué", "not reported"),
        ("status.not_itemised", "Non ventilé", "Not itemised"),
        ("scenario.watermark", "SCÉNARIO", "SCENARIO"),
        ("label.other_regions", "autres régions", "other regions"),
        ("status.over_funded", "surfinancé", "over-funded"),
        ("status.estimate", "estimation", "estimate"),
        ("area.shelter", "Abris et établissements humains", "Shelter and settlements"),
        ("area.cccm", "Coordination et gestion des camps", "Camp coordination and camp management"),
    ],
)
def test_required_labels(key, fr, en):
    assert t(key, "fr") == fr
    assert t(key, "en") == en


def test_area_and_objective_keys_complete():
    assert len(AREA_IDS) == 15
    assert set(AREA_IDS) == set(PLAN_AREA_NAMES_EN)
    for area_id, name_en in PLAN_AREA_NAMES_EN.items():
        assert t(f"area.{area_id}", "en") == name_en
        assert t(f"area.{area_id}", "fr") != name_en or area_id == "protection"
        assert t(f"area_short.{area_id}", "fr")
        assert t(f"area_short.{area_id}", "en")
    for oid in OBJECTIVE_IDS:
        assert t(f"objective.{oid}", "fr") and t(f"objective_short.{oid}", "en")


def test_short_area_names_are_unique_per_language():
    for lang in LANGS:
        shorts = [t(f"area_short.{a}", lang) for a in AREA_IDS]
        assert len(set(shorts)) == len(shorts), lang


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
