"""The text summary of each chart and map, read from the figure (components.charts.summary).

Exact texts in both languages, with the plan's and the DTM's figures: confirmed 2,226,876 of
24,600,000 (objective 1: 1,860,594 of 17,700,000, 410,526 of it not itemised; objective 2:
366,282 of 6,900,000), areas itemised 1,816,350; DTM units Mopti 145,026, Gao 82,311,
Tombouctou 62,714, Ségou 35,276 (325,327 on the map).
"""

from __future__ import annotations

import pytest

from components.charts import (
    area_funding_bars,
    coverage_donut,
    coverage_donuts_grid,
    delta_bars,
    objective_donuts,
    objective_funding_bars,
)
from components.charts.summary import (
    MAX_LINES,
    Item,
    deck_summary,
    figure_summary,
    figure_title,
    item_line,
    plain,
)
from components.maps import idp_choropleth, idp_deck
from data.scenario import AreaEdit, scenario_funding
from geo.boundaries import load_boundaries
from geo.join import join_regional_values, region_presence

NB = "\u00a0"  # no-break space (before ":" and "%", after "«")
NN = "\u202f"  # narrow no-break space (French thousands)


def stamp(lang: str) -> dict:
    return {"lang": lang, "source": "Plan", "as_of": "2023-11-27"}


@pytest.fixture(scope="module")
def units(dtm):
    joined = join_regional_values(load_boundaries(), dtm.regions, ["idps_estimate", "share"])
    return joined.gdf


def test_the_figures_quoted_are_the_data_layers(funding, units):
    """The numbers the texts below quote, computed by the data layer."""
    assert funding.totals.confirmed_usd == 2_226_876
    assert funding.totals.required_usd == 24_600_000
    reported = funding.areas[funding.areas["reported"]]
    assert int(reported["confirmed_usd"].sum()) == 1_816_350
    assert int(reported["required_usd"].sum()) == 14_500_000
    assert int(units["idps_estimate"].sum()) == 325_327


def test_plain_labels():
    assert plain("<b>Objectif 1</b><br>Sauver des vies<br>et protéger") == (
        "Objectif 1 — Sauver des vies et protéger"
    )
    assert plain("<b>Sauver des vies et</b><br><b>protéger les personnes</b>") == (
        "Sauver des vies et protéger les personnes"
    )
    assert plain(f"Non rapporté (7){NB}: A,<br>B") == f"Non rapporté (7){NB}: A, B"
    assert plain(None) == ""


def test_area_bars_fr(funding):
    fig = area_funding_bars(funding.areas, funding.objectives, **stamp("fr"))
    assert figure_title(fig) == "Financement par domaine d’activité (USD)"
    assert figure_summary(fig, "fr") == [
        f"15 domaines d’activité{NB}: 1{NN}816{NN}350{NB}$ confirmés sur "
        f"24{NN}600{NN}000{NB}$ requis",
        f"Plus grand déficit{NB}: Abris, 4{NN}948{NN}032{NB}$ (couverture 8,4{NB}%)",
        f"Couverture la plus faible{NB}: Suivi des déplacements (DTM) (0,4{NB}%){NB}; "
        f"la plus forte{NB}: CCCM (gestion des camps) (40,3{NB}%)",
        f"Montant confirmé non communiqué{NB}: Besoins essentiels, SMSPS, "
        "Gestion des frontières, Préparation aux urgences et 3 autres",
    ]


def test_area_bars_en(funding):
    fig = area_funding_bars(funding.areas, funding.objectives, **stamp("en"))
    assert figure_summary(fig, "en") == [
        "15 activity areas: $1,816,350 confirmed of $24,600,000 required",
        "Largest gap: Shelter, $4,948,032 (8.4% covered)",
        "Lowest coverage: Displacement tracking (DTM) (0.4%); highest: CCCM (40.3%)",
        "Confirmed amount not reported: Basic needs and cash, MHPSS, Border management, "
        "Emergency preparedness and 3 more",
    ]


def test_area_bars_under_a_scenario_name_the_over_funded(plan, funding):
    edits = {"protection": AreaEdit(confirmed_usd=1_500_000)}
    areas = scenario_funding(plan, edits).areas
    fig = area_funding_bars(areas, funding.objectives, **stamp("en"), scenario=True)
    lines = figure_summary(fig, "en")
    assert lines[0] == "15 activity areas: $3,149,094 confirmed of $24,600,000 required"
    assert (
        lines[2]
        == "Lowest coverage: Displacement tracking (DTM) (0.4%); highest: Protection (150.0%)"
    )
    assert lines[-1] == "Requirement met or exceeded: Protection"
    assert len(lines) == MAX_LINES


def test_objective_bars_fr(funding):
    fig = objective_funding_bars(funding.objectives, **stamp("fr"))
    assert figure_summary(fig, "fr") == [
        f"Objectif 1 — Sauver des vies et protéger les personnes en déplacement{NB}: "
        f"1{NN}860{NN}594{NB}$ confirmés sur 17{NN}700{NN}000{NB}$ requis (10,5{NB}%), "
        f"dont 410{NN}526{NB}$ non ventilés par domaine",
        f"Objectif 2 — Apporter des solutions au déplacement{NB}: 366{NN}282{NB}$ confirmés "
        f"sur 6{NN}900{NN}000{NB}$ requis (5,3{NB}%)",
    ]


def test_objective_bars_en(funding):
    fig = objective_funding_bars(funding.objectives, **stamp("en"))
    assert figure_summary(fig, "en") == [
        "Objective 1 — Saving lives and protecting people on the move: $1,860,594 confirmed "
        "of $17,700,000 required (10.5%), of which $410,526 not itemised by area",
        "Objective 2 — Driving solutions to displacement: $366,282 confirmed of $6,900,000 "
        "required (5.3%)",
    ]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "fr",
            f"Plan{NB}: 2{NN}226{NN}876{NB}$ confirmés sur 24{NN}600{NN}000{NB}$ requis (9,1{NB}%)",
        ),
        ("en", "Plan: $2,226,876 confirmed of $24,600,000 required (9.1%)"),
    ],
)
def test_plan_donut(lang, expected, funding):
    fig = coverage_donut(
        funding.totals.confirmed_usd, funding.totals.required_usd, title="Plan", **stamp(lang)
    )
    assert figure_summary(fig, lang) == [expected]


def test_objective_donut_is_named_by_its_objective(funding):
    (fig, _), _ = objective_donuts(funding.objectives, **stamp("en"))
    assert figure_summary(fig, "en") == [
        "Saving lives and protecting people on the move: $1,860,594 confirmed of "
        "$17,700,000 required (10.5%)"
    ]


@pytest.mark.parametrize(
    ("confirmed", "lang", "expected"),
    [
        (None, "fr", f"X{NB}: 1{NN}000{NB}$ requis, montant confirmé non communiqué"),
        (None, "en", "X: $1,000 required, confirmed amount not reported"),
        (1_500, "fr", f"X{NB}: 1{NN}500{NB}$ confirmés, besoin couvert"),
        (1_500, "en", "X: $1,500 confirmed, requirement covered"),
    ],
)
def test_a_donut_not_reported_or_covered(confirmed, lang, expected):
    fig = coverage_donut(confirmed, 1_000, title="X", **stamp(lang))
    assert figure_summary(fig, lang) == [expected]


def test_donut_grid_fr(funding):
    fig = coverage_donuts_grid(funding.areas, **stamp("fr"))
    assert figure_summary(fig, "fr") == [
        f"8 domaines d’activité{NB}: 1{NN}816{NN}350{NB}$ confirmés sur "
        f"14{NN}500{NN}000{NB}$ requis",
        f"Plus grand déficit{NB}: Abris et établissements humains, 4{NN}948{NN}032{NB}$ "
        f"(couverture 8,4{NB}%)",
        f"Couverture la plus faible{NB}: Suivi des déplacements (0,4{NB}%){NB}; "
        f"la plus forte{NB}: Coordination et gestion des camps (40,3{NB}%)",
        f"Confirmé non communiqué (7 domaines){NB}: SMSPS, Besoins essentiels, "
        "Gestion des frontières, Préparation aux urgences, Moyens de subsistance, "
        "Adaptation et RRC, EAH (transition)",
    ]


def test_donut_grid_en(funding):
    fig = coverage_donuts_grid(funding.areas, **stamp("en"))
    assert figure_summary(fig, "en") == [
        "8 activity areas: $1,816,350 confirmed of $14,500,000 required",
        "Largest gap: Shelter and settlements, $4,948,032 (8.4% covered)",
        "Lowest coverage: Displacement tracking (0.4%); highest: Camp coordination and "
        "camp management (40.3%)",
        "Confirmed not reported (7 areas): MHPSS, Basic needs and cash, Border management, "
        "Emergency preparedness, Livelihoods, Adaptation and DRR, WASH (transition)",
    ]


def test_scenario_changes(plan, funding):
    edits = {
        "protection": AreaEdit(confirmed_usd=1_500_000),
        "shelter": AreaEdit(confirmed_usd=100_000),
        "mhpss": AreaEdit(confirmed_usd=200_000),
    }
    scenario = scenario_funding(plan, edits).areas
    fig = delta_bars(funding.areas, scenario, changed_only=True, **stamp("fr"))
    assert figure_summary(fig, "fr") == [
        f"Hausse{NB}: Protection (+1{NN}332{NN}744{NB}$)",
        f"Baisse{NB}: Abris (\u2212351{NN}968{NB}$)",
        f"Variation inconnue (montant non communiqué){NB}: SMSPS",
    ]
    fig = delta_bars(funding.areas, scenario, **stamp("en"))
    assert figure_summary(fig, "en") == [
        "Increase: Protection (+$1,332,744)",
        "Decrease: Shelter (\u2212$351,968)",
        "Change unknown (amount not reported): Basic needs and cash, Border management, "
        "Adaptation and DRR, Emergency preparedness and 3 more",
        "6 areas unchanged",
    ]


def test_map_fr(units):
    fig = idp_choropleth(units, lang="fr", title="PDI", source="DTM", as_of="2023-09-30")
    assert figure_summary(fig, "fr") == [
        f"4 régions avec une estimation{NB}: 325{NN}327 PDI au total",
        f"Estimations les plus élevées{NB}: Mopti (y c. Bandiagara){NB}: 145{NN}026 PDI, "
        f"Gao (y c. Ménaka){NB}: 82{NN}311 PDI, Tombouctou{NB}: 62{NN}714 PDI",
        f"Sans part DTM (comprises dans «{NB}autres régions{NB}»){NB}: Kidal, Kayes, "
        "Koulikoro, Sikasso et 1 autre",
    ]


def test_map_en_with_the_chosen_areas_presence(units):
    presence = region_presence(units, ["mopti", "gao"])
    fig = idp_choropleth(
        units, lang="en", title="IDPs", source="DTM", as_of="2023-09-30", presence=presence
    )
    assert figure_summary(fig, "en") == [
        "4 regions with an estimate: 325,327 IDPs in all",
        "Highest estimates: Mopti (incl. Bandiagara): 145,026 IDPs, Gao (incl. Ménaka): "
        "82,311 IDPs, Timbuktu: 62,714 IDPs",
        "No DTM share (part of 'other regions'): Kidal, Kayes, Koulikoro, Sikasso and 1 more",
        "Planned activity area: Gao (incl. Ménaka), Mopti (incl. Bandiagara)",
    ]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "fr",
            [
                f"4 régions avec une estimation{NB}: 325{NN}327 PDI au total",
                f"Estimations les plus élevées{NB}: Mopti (y c. Bandiagara){NB}: 145{NN}026 PDI, "
                f"Gao (y c. Ménaka){NB}: 82{NN}311 PDI, Tombouctou{NB}: 62{NN}714 PDI",
                f"Sans part DTM (comprises dans «{NB}autres régions{NB}»){NB}: Kayes, "
                "Koulikoro, Sikasso, Kidal et 1 autre",
            ],
        ),
        (
            "en",
            [
                "4 regions with an estimate: 325,327 IDPs in all",
                "Highest estimates: Mopti (incl. Bandiagara): 145,026 IDPs, Gao (incl. Ménaka): "
                "82,311 IDPs, Timbuktu: 62,714 IDPs",
                "No DTM share (part of 'other regions'): Kayes, Koulikoro, Sikasso, Kidal and "
                "1 more",
            ],
        ),
    ],
)
def test_3d_map(lang, expected, units):
    assert deck_summary(idp_deck(units, lang=lang), lang) == expected


def test_an_over_funded_item_and_a_figure_of_another_kind():
    item = Item("A", confirmed=1_200, required=1_000, over=True)
    assert item_line(item, "en") == "A: $1,200 confirmed, above the $1,000 required (120.0%)"
    import plotly.graph_objects as go

    assert figure_summary(go.Figure(go.Scatter(x=[1], y=[2])), "en") == []
