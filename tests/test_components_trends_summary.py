"""The text summaries of the trend charts and the maps per round, exact, in both languages,
through :func:`components.charts.summary.figure_summary` (what screen readers get).

Figures: the plan 2,226,876 of 24,600,000 (27 Nov 2023), 2,727,340 after the two example
updates (31 Mar 2024); the donors example's eight rows (1,325,651); DTM rounds 14 and 15
(national 391,961 then 391,691; Mopti 91,274 then 89,530). See ``trends_fixtures``.
"""

from __future__ import annotations

import datetime as dt

import pytest
from trends_fixtures import (
    SOURCE,
    donor_history,
    dtm_frame,
    dtm_history,
    dtm_rounds,
    funding_history,
)

from components.charts import (
    donor_trend,
    dtm_trend,
    figure_summary,
    funding_trend,
    round_change_bars,
)
from components.charts._trend_common import round_label
from components.charts.summary import MAX_LINES, figure_title
from components.charts.trend_summary import trend_summary
from components.maps.rounds import round_maps
from data.names import area_names
from geo.boundaries import load_boundaries
from geo.join import join_regional_values
from geo.regions import region_names

NB = "\u00a0"
NN = "\u202f"


def stamp(lang):
    return {"lang": lang, "source": SOURCE, "as_of": dt.date(2024, 3, 31)}


@pytest.fixture(scope="module")
def history(plan):
    return funding_history(plan)


@pytest.fixture(scope="module")
def rounds(dtm):
    frame = dtm_history(dtm)
    return frame[frame["version"] > 0]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "fr",
            [
                f"Ensemble du plan{NB}: 2{NN}226{NN}876{NB}$ (27 nov. 2023) → "
                f"2{NN}727{NN}340{NB}$ (31 mars 2024)",
                f"Requis{NB}: 24{NN}600{NN}000{NB}$ (31 mars 2024)",
            ],
        ),
        (
            "en",
            [
                "Whole plan: $2,226,876 (27 Nov 2023) → $2,727,340 (31 Mar 2024)",
                "Required: $24,600,000 (31 Mar 2024)",
            ],
        ),
    ],
)
def test_plan_confirmed(history, lang, expected):
    fig = funding_trend(history, level="plan", ids=["plan"], names={}, **stamp(lang))
    assert figure_summary(fig, lang) == expected


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "fr",
            [
                f"Abris{NB}: 451{NN}968{NB}$ (27 nov. 2023) → 612{NN}450{NB}$ (31 mars 2024)",
                f"SMSPS{NB}: 120{NN}000{NB}$ (31 mars 2024)",
                f"Besoins essentiels{NB}: non communiqué",
                f"Non communiqué{NB}: SMSPS (27 nov. 2023, 29 mars 2024)",
            ],
        ),
        (
            "en",
            [
                "Shelter: $451,968 (27 Nov 2023) → $612,450 (31 Mar 2024)",
                "MHPSS: $120,000 (31 Mar 2024)",
                "Basic needs and cash: not reported",
                "Not reported: MHPSS (27 Nov 2023, 29 Mar 2024)",
            ],
        ),
    ],
)
def test_areas_with_gaps(plan, history, lang, expected):
    names = area_names(plan.areas, lang, short=True)
    fig = funding_trend(
        history, level="area", ids=["shelter", "mhpss", "basic_needs"], names=names, **stamp(lang)
    )
    assert figure_summary(fig, lang) == expected


def test_every_area_is_summed_up_in_five_lines(plan, history):
    names = area_names(plan.areas, "en", short=True)
    fig = funding_trend(
        history, level="area", ids=None, names=names, measure="coverage", **stamp("en")
    )
    assert figure_summary(fig, "en") == [
        "Shelter: 8.4% (27 Nov 2023) → 11.3% (31 Mar 2024)",
        "CCCM: 40.3% (27 Nov 2023) → 40.3% (31 Mar 2024)",
        "Protection: 16.7% (27 Nov 2023) → 21.5% (31 Mar 2024)",
        "Also in the chart: MHPSS, WASH (emergencies), Basic needs and cash, "
        "Border management and 8 more",
        "Not reported: MHPSS (27 Nov 2023, 29 Mar 2024), Basic needs and cash, "
        "Border management, Emergency preparedness and 3 more",
    ]
    assert len(figure_summary(fig, "en")) == MAX_LINES
    assert figure_title(fig) == "Coverage across versions"


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "fr",
            [f"Ensemble du plan{NB}: 9,1{NB}% (27 nov. 2023)", "Une seule version pour l’instant"],
        ),
        ("en", ["Whole plan: 9.1% (27 Nov 2023)", "One version so far"]),
    ],
)
def test_one_version(history, lang, expected):
    only = history[history["version"] == 0]
    fig = funding_trend(only, level="plan", ids=None, names={}, measure="coverage", **stamp(lang))
    assert figure_summary(fig, lang) == expected


@pytest.mark.parametrize(
    ("lang", "by", "expected"),
    [
        (
            "fr",
            "donor",
            f"29 mars 2024 — Version 1{NB}: 1{NN}325{NN}651{NB}$ au total — "
            f"Bailleur D (463{NN}415{NB}$), Bailleur A (417{NN}256{NB}$), "
            f"Bailleur B (214{NN}980{NB}$), Bailleur C (150{NN}000{NB}$) et 1 autre",
        ),
        (
            "en",
            "status",
            "29 Mar 2024 — Version 1: $1,325,651 in total — Paid ($835,651), "
            "Committed ($260,000), Pledged ($230,000)",
        ),
    ],
)
def test_donors(plan, lang, by, expected):
    fig = donor_trend(donor_history(plan), by=by, **stamp(lang))
    assert figure_summary(fig, lang) == [expected]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "fr",
            [
                f"Total national{NB}: 391{NN}961, comptage DTM (30 avr. 2023) → "
                f"391{NN}691, comptage DTM (30 sept. 2023)",
                f"Mopti{NB}: 91{NN}274, comptage DTM (30 avr. 2023) → "
                f"89{NN}530, comptage DTM (30 sept. 2023)",
            ],
        ),
        (
            "en",
            [
                "National total: 391,961, DTM count (30 Apr 2023) → 391,691, DTM count "
                "(30 Sep 2023)",
                "Mopti: 91,274, DTM count (30 Apr 2023) → 89,530, DTM count (30 Sep 2023)",
            ],
        ),
    ],
)
def test_dtm_rounds(rounds, lang, expected):
    fig = dtm_trend(rounds, region_ids=["mopti"], names=region_names(lang), **stamp(lang))
    assert figure_summary(fig, lang) == expected


def test_dtm_estimates_are_named(dtm):
    frame = dtm_history(dtm)
    fig = dtm_trend(
        frame[frame["version"] < 2], region_ids=["mopti"], names=region_names("fr"), **stamp("fr")
    )
    assert figure_summary(fig, "fr")[1] == (
        f"Mopti{NB}: 91{NN}274, comptage DTM (30 avr. 2023) → 90{NN}151, estimation (30 sept. 2023)"
    )


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "fr",
            [
                f"Du round 14 (30 avr. 2023) au round 15 (30 sept. 2023), total national{NB}: "
                f"−270{NB}PDI",
                f"Hausses{NB}: Tombouctou (+884{NB}PDI, +0,2{NB}pt), Gao (+612{NB}PDI, +0,2{NB}pt), "
                f"Bandiagara (+608{NB}PDI, +0,2{NB}pt), Ménaka (+467{NB}PDI, +0,1{NB}pt) et 1 autre",
                f"Baisses{NB}: Mopti (−1{NN}744{NB}PDI, −0,4{NB}pt), "
                f"Autres régions (−1{NN}430{NB}PDI, −0,4{NB}pt)",
            ],
        ),
        (
            "en",
            [
                "From round 14 (30 Apr 2023) to round 15 (30 Sep 2023), national total: −270 IDPs",
                f"Increases: Timbuktu (+884 IDPs, +0.2{NB}pts), Gao (+612 IDPs, +0.2{NB}pts), "
                f"Bandiagara (+608 IDPs, +0.2{NB}pts), Ménaka (+467 IDPs, +0.1{NB}pts) and 1 more",
                f"Decreases: Mopti (−1,744 IDPs, −0.4{NB}pts), Other regions (−1,430 IDPs, "
                f"−0.4{NB}pts)",
            ],
        ),
    ],
)
def test_change_between_rounds(rounds, lang, expected):
    fig = round_change_bars(rounds, 1, 2, names=region_names(lang), **stamp(lang))
    assert figure_summary(fig, lang) == expected


def test_change_with_a_region_missing_in_one_round(rounds):
    without_gao = rounds[~((rounds["version"] == 2) & (rounds["region_id"] == "gao"))]
    fig = round_change_bars(without_gao, 1, 2, names=region_names("en"), **stamp("en"))
    assert figure_summary(fig, "en")[-1] == "Not reported in one of the two rounds: Gao"


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "fr",
            [
                f"round 14 (30 avr. 2023){NB}: 326{NN}177 PDI sur la carte{NB}; le plus{NB}: "
                f"Mopti (y c. Bandiagara) (145{NN}877){NB}; sans donnée{NB}: Kayes, Koulikoro, "
                "Sikasso, Kidal et 1 autre",
                f"round 15 (30 sept. 2023){NB}: 327{NN}337 PDI sur la carte{NB}; le plus{NB}: "
                f"Mopti (y c. Bandiagara) (144{NN}741){NB}; sans donnée{NB}: Kayes, Koulikoro, "
                "Sikasso, Kidal et 1 autre",
            ],
        ),
        (
            "en",
            [
                "round 14 (30 Apr 2023): 326,177 IDPs on the map; most: Mopti (incl. "
                "Bandiagara) (145,877); no figure: Kayes, Koulikoro, Sikasso, Kidal and 1 more",
                "round 15 (30 Sep 2023): 327,337 IDPs on the map; most: Mopti (incl. "
                "Bandiagara) (144,741); no figure: Kayes, Koulikoro, Sikasso, Kidal and 1 more",
            ],
        ),
    ],
)
def test_maps_per_round(lang, expected):
    boundaries = load_boundaries()
    joins = [
        (
            round_label(r.round_number, r.as_of, lang),
            join_regional_values(boundaries, r.regions, ["idps", "share"]).gdf,
        )
        for r in dtm_rounds()
    ]
    fig = round_maps(joins, "idps", **stamp(lang))
    assert figure_summary(fig, lang) == expected
    # The named units' figures add up to what the rounds name (the rest is "other regions").
    assert [r.named_idps for r in dtm_rounds()] == [326_177, 327_337]


def test_other_figures_are_not_trends(funding):
    from components.charts import objective_funding_bars

    fig = objective_funding_bars(funding.objectives, **stamp("fr"))
    assert trend_summary(fig, "fr") is None
    assert figure_summary(fig, "fr")  # still summarised by the funding rules


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("fr", "1 région inchangée"), ("en", "1 region unchanged")],
)
def test_unchanged_regions_are_counted(lang, expected):
    d = [dt.date(2023, 1, 31), dt.date(2023, 4, 30)]
    frame = dtm_frame(
        [
            (1, d[0], 13, "national", 100_000, 1.0, "count"),
            (1, d[0], 13, "gao", 30_000, 0.3, "count"),
            (1, d[0], 13, "kidal", 12_000, 0.12, "count"),
            (2, d[1], 14, "national", 110_000, 1.0, "count"),
            (2, d[1], 14, "gao", 30_000, 0.27272727, "count"),
            (2, d[1], 14, "menaka", 5_000, 0.04545454, "count"),
        ]
    )
    fig = round_change_bars(frame, 1, 2, names=region_names(lang), **stamp(lang))
    lines = figure_summary(fig, lang)
    assert lines[-1] == expected
    assert lines[-2] == (
        f"Non communiqué dans l’un des deux rounds{NB}: Kidal, Ménaka"
        if lang == "fr"
        else "Not reported in one of the two rounds: Kidal, Ménaka"
    )
