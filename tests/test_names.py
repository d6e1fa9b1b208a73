"""Domain names come from the data tables: areas, objectives, regions, and roll-up labels."""

from __future__ import annotations

import pandas as pd
import pytest

from data.names import area_names, objective_names, with_short_names
from data.plan import load_plan
from data.schema import DataValidationError
from geo.names import rollup_label, rollup_labels
from geo.regions import region_label, region_labels, region_names
from text import has_label

SHORT_EN = {
    "shelter": "Shelter",
    "cccm": "CCCM",
    "protection": "Protection",
    "mhpss": "MHPSS",
    "wash_emergency": "WASH (emergencies)",
    "basic_needs": "Basic needs and cash",
    "border_management": "Border management",
    "displacement_tracking": "Displacement tracking (DTM)",
    "support_services": "Support services",
    "emergency_preparedness": "Emergency preparedness",
    "peacebuilding": "Peacebuilding",
    "community_stabilization": "Community stabilization",
    "livelihoods": "Livelihoods",
    "drr": "Adaptation and DRR",
    "wash_transition": "WASH (transition)",
}
SHORT_FR = {
    "shelter": "Abris",
    "cccm": "CCCM (gestion des camps)",
    "protection": "Protection",
    "mhpss": "SMSPS",
    "wash_emergency": "EAH (urgence)",
    "basic_needs": "Besoins essentiels",
    "border_management": "Gestion des frontières",
    "displacement_tracking": "Suivi des déplacements (DTM)",
    "support_services": "Services d’appui",
    "emergency_preparedness": "Préparation aux urgences",
    "peacebuilding": "Consolidation de la paix",
    "community_stabilization": "Stabilisation communautaire",
    "livelihoods": "Moyens de subsistance",
    "drr": "Adaptation et RRC",
    "wash_transition": "EAH (transition)",
}


# --- areas and objectives --------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "expected"), [("en", SHORT_EN), ("fr", SHORT_FR)])
def test_short_area_names_in_plan_order(plan, lang, expected):
    names = area_names(plan.areas, lang, short=True)
    assert names == expected
    assert list(names) == list(expected)  # the plan's order


def test_long_area_names_are_the_plans_wording(funding):
    en, fr = area_names(funding.areas, "en"), area_names(funding.areas, "fr")
    assert en["shelter"] == "Shelter and settlements"
    assert fr["shelter"] == "Abris et établissements humains"
    assert en["wash_transition"] == (
        "Provision of water, sanitation and hygiene in transitional and post-crisis situations"
    )
    assert fr["basic_needs"] == (
        "Besoins essentiels, y compris l’aide alimentaire et l’assistance monétaire à "
        "usages multiples"
    )
    assert len(en) == len(fr) == 15


def test_objective_names(plan):
    assert objective_names(plan.objectives, "en") == {
        "obj1": "Saving lives and protecting people on the move",
        "obj2": "Driving solutions to displacement",
    }
    assert objective_names(plan.objectives, "fr") == {
        "obj1": "Sauver des vies et protéger les personnes en déplacement",
        "obj2": "Apporter des solutions au déplacement",
    }
    assert objective_names(plan.objectives, "fr", short=True) == {
        "obj1": "Objectif 1",
        "obj2": "Objectif 2",
    }
    assert objective_names(plan.objectives, "en", short=True)["obj2"] == "Objective 2"


def test_an_unknown_language_is_refused(plan):
    with pytest.raises(ValueError, match="'de'"):
        area_names(plan.areas, "de")


def test_the_names_are_no_longer_in_the_catalog(plan):
    # The tables own the names: the catalog keys that once held them are gone.
    for area_id in plan.areas["area_id"]:
        assert not has_label(f"area.{area_id}") and not has_label(f"area_short.{area_id}")
    for objective_id in plan.objectives["objective_id"]:
        assert not has_label(f"objective.{objective_id}")
        assert not has_label(f"objective_short.{objective_id}")


def test_an_area_without_a_short_name_is_called_by_its_long_name(csv_copy):
    path = csv_copy / "activity_areas.csv"
    text = path.read_text(encoding="utf-8")
    assert text.count(",crp2024,Shelter,Abris\n") == 1
    path.write_text(text.replace(",crp2024,Shelter,Abris\n", ",crp2024,,\n"), encoding="utf-8")
    areas = load_plan(csv_copy).areas.set_index("area_id")
    assert areas.loc["shelter", "short_name_en"] == "Shelter and settlements"
    assert areas.loc["shelter", "short_name_fr"] == "Abris et établissements humains"
    assert areas["short_name_fr"].notna().all()


def test_area_names_fill_a_missing_short_name_themselves():
    frame = pd.DataFrame(
        {
            "area_id": ["a", "b"],
            "name_en": ["Alpha area", "Beta area"],
            "short_name_en": pd.array(["Alpha", None], dtype="string"),
        }
    )
    assert area_names(frame, "en", short=True) == {"a": "Alpha", "b": "Beta area"}


def test_two_areas_with_one_short_name_are_refused():
    frame = pd.DataFrame(
        {
            "area_id": ["a", "b", "c"],
            "name_en": ["Alpha", "Beta", "Gamma"],
            "name_fr": ["Alpha", "Bêta", "Gamma"],
            "short_name_en": pd.array([None, "Alpha", "G"], dtype="string"),
            "short_name_fr": pd.array(["A", "B", "G"], dtype="string"),
        }
    )
    with pytest.raises(DataValidationError) as caught:
        with_short_names(frame, "activity_areas.csv")
    assert [str(issue) for issue in caught.value.issues] == [
        "activity_areas.csv, row 3, column 'short_name_en': short name 'Alpha' is also the "
        "name of row 2",
    ]
    assert (caught.value.file, caught.value.row, caught.value.column) == (
        "activity_areas.csv",
        3,
        "short_name_en",
    )


# --- regions and roll-ups --------------------------------------------------------------------


def test_region_names_from_the_reference_table():
    fr, en = region_names("fr"), region_names("en")
    assert len(fr) == len(en) == 20
    assert (fr["tombouctou"], en["tombouctou"]) == ("Tombouctou", "Timbuktu")
    assert (fr["menaka"], en["menaka"]) == ("Ménaka", "Ménaka")
    assert region_labels("en") == en and region_label("segou", "fr") == "Ségou"
    with pytest.raises(ValueError, match="'de'"):
        region_names("de")


@pytest.mark.parametrize(
    ("unit", "parts", "lang", "label"),
    [
        ("mopti", ["mopti", "bandiagara"], "en", "Mopti (incl. Bandiagara)"),
        ("mopti", ["mopti", "bandiagara"], "fr", "Mopti (y c. Bandiagara)"),
        ("mopti", ["douentza", "bandiagara"], "fr", "Mopti (y c. Douentza, Bandiagara)"),
        ("kayes", ["kayes", "nioro", "kita"], "en", "Kayes (incl. Nioro, Kita)"),
        ("tombouctou", ["tombouctou", "taoudenit"], "en", "Timbuktu (incl. Taoudénit)"),
        ("tombouctou", ["tombouctou"], "en", "Timbuktu"),
        ("gao", [], "fr", "Gao"),
    ],
)
def test_rollup_label(unit, parts, lang, label):
    assert rollup_label(unit, parts, lang) == label


def test_rollup_label_refuses_unknown_ids_and_languages():
    with pytest.raises(KeyError):
        rollup_label("atlantis", [], "en")
    with pytest.raises(ValueError):
        rollup_label("mopti", ["mopti"], "de")


def test_rollup_labels_of_a_frame_of_parts():
    units = pd.DataFrame(
        {
            "region_id": ["mopti", "gao", "kidal"],
            "dtm_regions": [["mopti", "bandiagara"], ["gao"], []],
        }
    )
    labels = rollup_labels(units, "en")
    assert labels.to_list() == ["Mopti (incl. Bandiagara)", "Gao", "Kidal"]
    assert (str(labels.dtype), labels.name) == ("string", "label_en")
