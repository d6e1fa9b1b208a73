"""Funding over versions and donor bars (components.charts.trends, donor_trend): the traces
carry exactly the history's figures, missing is a gap (never 0), every figure is stamped.

The history is the repository's own: version 0 = the plan (confirmed 2,226,876 of
24,600,000), version 1 = the donors example applied (2,284,908; objective 1 1,918,626),
version 2 = the funding update example on top (2,727,340); see ``trends_fixtures``.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from trends_fixtures import (
    PLAN_DATE,
    SOURCE,
    donor_history,
    funding_frame,
    funding_history,
)

from components.charts import donor_trend, funding_trend, has_donor_rows
from components.charts._trend_common import NOT_REPORTED_NAME, NOTE_NAME
from components.charts.donor_trend import DONOR_KIND, MAX_DONORS, TOTAL_KIND
from components.charts.trends import REQUIRED_KIND, SERIES_KIND
from components.theme import STAMP_NAME, WATERMARK_NAME
from data.contracts import ContractError
from data.names import area_names, objective_names

NB = "\u00a0"  # no-break space
NN = "\u202f"  # narrow no-break space (French thousands)
AS_OF = dt.date(2024, 3, 31)
DATES = ("2023-11-27", "2024-03-29", "2024-03-31")


@pytest.fixture(scope="module")
def history(plan):
    return funding_history(plan)


def kind(fig, name):
    return [trace for trace in fig.data if (trace.meta or {}).get("kind") == name]


def named(fig, name):
    return [a for a in fig.layout.annotations if a.name == name]


def stamp(lang="fr"):
    return {"lang": lang, "source": SOURCE, "as_of": AS_OF}


def test_the_history_holds_the_data_layers_figures(plan, funding, history):
    plans = history[history["level"] == "plan"]
    assert list(plans["confirmed_usd"]) == [2_226_876, 2_284_908, 2_727_340]
    assert funding.totals.confirmed_usd == 2_226_876
    objective_1 = history[(history["id"] == "obj1")]
    assert list(objective_1["confirmed_usd"]) == [1_860_594, 1_918_626, 2_272_340]
    assert list(history["as_of"].drop_duplicates()) == [
        PLAN_DATE,
        dt.date(2024, 3, 29),
        dt.date(2024, 3, 31),
    ]


# --- funding_trend: one series ----------------------------------------------------------------
def test_plan_confirmed_is_a_step_line_with_the_required_reference(history):
    fig = funding_trend(history, level="plan", ids=["plan"], names={}, **stamp())
    (line,) = kind(fig, SERIES_KIND)
    assert line.name == "Ensemble du plan"
    assert line.line.shape == "hv" and line.connectgaps is False
    assert line.x == DATES
    assert line.y == (2_226_876, 2_284_908, 2_727_340)
    assert line.customdata == (0, 1, 2)
    assert line.hovertext[0] == (
        f"<b>Ensemble du plan</b><br>Version 0 (plan) — données au 27 nov. 2023<br>"
        f"Confirmé{NB}: 2{NN}226{NN}876{NB}$<br>Requis{NB}: 24{NN}600{NN}000{NB}$<br>"
        f"Couverture{NB}: 9,1{NB}%"
    )
    assert line.hovertext[2].startswith(
        f"<b>Ensemble du plan</b><br>Version 2 — données au 31 mars 2024<br>"
        f"Confirmé{NB}: 2{NN}727{NN}340{NB}$"
    )
    assert line.text == ("", "", f"2,7{NB}M$")  # the last figure written beside it
    (required,) = kind(fig, REQUIRED_KIND)
    assert required.name == "Requis"
    assert required.y == (24_600_000,) * 3
    assert required.line.dash == "dash" and required.line.shape == "hv"
    assert required.text == ("", "", f"Requis{NB}: 24,6{NB}M$")


def test_axes_ticks_and_stamp(history):
    fig = funding_trend(history, level="plan", ids=["plan"], names={}, **stamp())
    # 29 and 31 March are two days apart: one tick (the last) keeps them readable.
    assert fig.layout.xaxis.tickvals == ("2023-11-27", "2024-03-31")
    assert fig.layout.xaxis.ticktext == ("27 nov. 2023", "31 mars 2024")
    assert fig.layout.xaxis.type == "date"
    assert fig.layout.yaxis.tickvals == (0, 5e6, 10e6, 15e6, 20e6, 25e6)
    assert fig.layout.yaxis.ticktext[1:3] == (f"5{NB}M$", f"10{NB}M$")
    assert fig.layout.yaxis.range == (0, 24_600_000 * 1.08)
    (source,) = named(fig, STAMP_NAME)
    assert source.text == f"Source{NB}: {SOURCE} — données au 31 mars 2024"
    assert fig.layout.title.text == "<b>Financement confirmé au fil des versions (USD)</b>"
    assert not named(fig, NOT_REPORTED_NAME)


def test_english(history):
    fig = funding_trend(history, level="plan", ids=["plan"], names={}, **stamp("en"))
    (line,) = kind(fig, SERIES_KIND)
    assert line.name == "Whole plan"
    assert line.hovertext[1] == (
        "<b>Whole plan</b><br>Version 1 — as of 29 Mar 2024<br>Confirmed: $2,284,908<br>"
        "Required: $24,600,000<br>Coverage: 9.3%"
    )
    assert fig.layout.xaxis.ticktext == ("27 Nov 2023", "31 Mar 2024")
    assert fig.layout.yaxis.ticktext[1] == "$5M"
    assert fig.layout.title.text == "<b>Confirmed funding across versions (USD)</b>"
    (source,) = named(fig, STAMP_NAME)
    assert source.text == f"Source: {SOURCE} — data as of 31 Mar 2024"


def test_objectives_are_named_from_the_plan_tables(plan, history):
    names = objective_names(plan.objectives, "fr", short=True)
    fig = funding_trend(history, level="objective", ids=None, names=names, **stamp())
    lines = kind(fig, SERIES_KIND)
    assert [line.name for line in lines] == ["Objectif 1", "Objectif 2"]
    assert lines[0].y == (1_860_594, 1_918_626, 2_272_340)
    assert lines[1].y == (366_282, 366_282, 455_000)
    assert not kind(fig, REQUIRED_KIND)  # the required reference is for one series only
    assert all(line.text is None for line in lines)


# --- missing is a gap -------------------------------------------------------------------------
def test_a_not_reported_area_is_a_gap_with_a_note_never_zero(plan, history):
    names = area_names(plan.areas, "fr", short=True)
    fig = funding_trend(history, level="area", ids=["mhpss"], names=names, **stamp())
    (line,) = kind(fig, SERIES_KIND)
    # MHPSS: not reported in the plan nor in the donors example (pledged only), 120,000 after.
    assert line.y == (None, None, 120_000)
    assert 0 not in line.y
    marks = named(fig, NOT_REPORTED_NAME)
    assert [m.x for m in marks] == ["2023-11-27", "2024-03-29"]
    assert {m.text for m in marks} == {"non communiqué"}
    assert marks[0].hovertext == (
        f"Version 0 (plan) — données au 27 nov. 2023<br>Non communiqué{NB}: SMSPS"
    )
    (required,) = kind(fig, REQUIRED_KIND)
    assert required.y == (1_200_000,) * 3


def test_coverage_reads_the_coverage_column(plan, history):
    names = area_names(plan.areas, "en", short=True)
    fig = funding_trend(
        history,
        level="area",
        ids=["shelter", "mhpss"],
        names=names,
        measure="coverage",
        **stamp("en"),
    )
    shelter, mhpss = kind(fig, SERIES_KIND)
    expected = history[history["id"] == "shelter"]["coverage"].tolist()
    assert shelter.y == tuple(expected)
    assert shelter.y[0] == pytest.approx(451_968 / 5_400_000)
    assert mhpss.y == (None, None, pytest.approx(120_000 / 1_200_000))
    assert fig.layout.yaxis.ticktext == ("0%", "5%", "10%")
    assert fig.layout.title.text == "<b>Coverage across versions</b>"
    (mark_0, mark_1) = named(fig, NOT_REPORTED_NAME)
    assert mark_0.hovertext.endswith("Not reported: MHPSS")


def test_gaps_in_a_hand_made_history():
    d = [dt.date(2024, 1, 31), dt.date(2024, 2, 29), dt.date(2024, 3, 31)]
    frame = funding_frame(
        [
            (0, PLAN_DATE, "plan", "plan", 100, 10, 0.1),
            (1, d[0], "plan", "plan", 100, pd.NA, pd.NA),
            (2, d[1], "plan", "plan", 100, 30, pd.NA),  # coverage derived from the amounts
            (3, d[2], "plan", "plan", 100, 40, 0.4),
        ]
    )
    fig = funding_trend(frame, level="plan", ids=None, names={"plan": "Plan"}, **stamp())
    assert kind(fig, SERIES_KIND)[0].y == (10, None, 30, 40)
    cover = funding_trend(frame, level="plan", ids=None, names={}, measure="coverage", **stamp())
    assert kind(cover, SERIES_KIND)[0].y == (0.1, None, 0.3, 0.4)
    assert [m.x for m in named(cover, NOT_REPORTED_NAME)] == ["2024-01-31"]


# --- one version, many areas ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("lang", "note", "label", "required"),
    [
        ("fr", "Une seule version pour l’instant", f"2,2{NB}M$", f"Requis{NB}: 24,6{NB}M$"),
        ("en", "One version so far", "$2.2M", "Required: $24.6M"),
    ],
)
def test_the_plan_alone_is_one_labelled_marker_and_a_note(history, lang, note, label, required):
    only = history[history["version"] == 0]
    fig = funding_trend(only, level="plan", ids=["plan"], names={}, **stamp(lang))
    (line,) = kind(fig, SERIES_KIND)
    assert line.x == ("2023-11-27",) and line.y == (2_226_876,)
    assert "markers" in line.mode and line.text == (label,)
    assert kind(fig, REQUIRED_KIND)[0].text == (required,)
    (shown,) = named(fig, NOTE_NAME)
    assert shown.text == note
    assert fig.layout.xaxis.range == ("2023-10-13", "2024-01-11")  # 45 days on each side
    assert fig.layout.xaxis.tickvals == ("2023-11-27",)
    assert named(fig, STAMP_NAME)


def test_seventeen_areas_and_more_are_drawn(plan, history):
    names = area_names(plan.areas, "fr", short=True)
    extra = {f"new_{i}": f"Nouveau domaine {i}" for i in range(1, 4)}
    rows = [
        (v, d, "area", area_id, 1_000_000, (i + 1) * 1_000 * (v + 1) if i % 4 else pd.NA, pd.NA)
        for v, d in enumerate((PLAN_DATE, dt.date(2024, 3, 31)))
        for i, area_id in enumerate([*names, *extra])
    ]
    fig = funding_trend(
        funding_frame(rows), level="area", ids=None, names={**names, **extra}, **stamp()
    )
    lines = kind(fig, SERIES_KIND)
    assert len(lines) == len(plan.areas) + 3 == 18
    assert [line.name for line in lines] == [*names.values(), *extra.values()]
    assert lines[0].y == (None, None) and lines[1].y == (2_000, 4_000)
    styles = {(line.line.color, line.line.dash, line.marker.symbol) for line in lines}
    assert len(styles) == 18  # colours, then dashes and symbols: every series its own look
    assert fig.layout.height > 600 and fig.layout.margin.t > 110  # room for the legend rows


def test_names_from_files_are_escaped_for_plotly(history):
    fig = funding_trend(
        history, level="plan", ids=["plan"], names={"plan": "<b>Plan</b> & co"}, **stamp()
    )
    (line,) = kind(fig, SERIES_KIND)
    assert line.name == "&lt;b&gt;Plan&lt;/b&gt; &amp; co"
    assert line.meta["name"] == "<b>Plan</b> & co"  # raw for the text summary


def test_scenario_watermark(history):
    fig = funding_trend(history, level="plan", ids=["plan"], names={}, scenario=True, **stamp())
    assert named(fig, WATERMARK_NAME)


def test_bad_calls(history):
    with pytest.raises(ValueError, match="level"):
        funding_trend(history, level="region", ids=None, names={}, **stamp())
    with pytest.raises(ValueError, match="measure"):
        funding_trend(history, level="plan", ids=None, names={}, measure="gap", **stamp())
    with pytest.raises(ValueError, match="unknown_area"):
        funding_trend(history, level="area", ids=["unknown_area"], names={}, **stamp())
    with pytest.raises(ContractError):
        funding_trend(history.drop(columns="coverage"), level="plan", ids=None, names={}, **stamp())


# --- donors -----------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def donors(plan):
    return donor_history(plan)


def test_donor_bars_stack_the_donor_rows(donors):
    fig = donor_trend(donors, **stamp())
    bars = kind(fig, DONOR_KIND)
    # Largest first: D (403,415 CCCM + 60,000 DTM), A (250,000 + 167,256), B, C, E.
    assert [b.name for b in bars] == [
        "Bailleur D",
        "Bailleur A",
        "Bailleur B",
        "Bailleur C",
        "Bailleur E",
    ]
    assert [b.y for b in bars] == [(463_415,), (417_256,), (214_980,), (150_000,), (80_000,)]
    by_donor = donors.groupby("donor")["amount_usd"].sum()
    assert {b.name: b.y[0] for b in bars} == by_donor.to_dict()
    assert bars[0].x == ("29 mars 2024<br>Version 1",)
    assert bars[0].customdata == (1,)
    assert bars[1].hovertext[0] == (
        f"<b>Bailleur A</b><br>29 mars 2024 — Version 1<br>Montant{NB}: 417{NN}256{NB}$<br>"
        f"Versé{NB}: 417{NN}256{NB}$"
    )
    (total,) = kind(fig, TOTAL_KIND)
    assert total.y == (1_325_651,) and total.text == (f"1,3{NB}M$",)
    assert fig.layout.barmode == "stack"
    assert fig.layout.title.text == "<b>Financement par bailleur, par version (USD)</b>"
    assert named(fig, STAMP_NAME)


def test_donor_bars_by_status_in_english(donors):
    fig = donor_trend(donors, by="status", **stamp("en"))
    bars = kind(fig, DONOR_KIND)
    assert [b.name for b in bars] == ["Paid", "Committed", "Pledged"]
    assert [b.y for b in bars] == [(835_651,), (260_000,), (230_000,)]
    assert bars[2].marker.pattern.shape == "/"  # pledged: hatched, not colour alone
    assert bars[1].hovertext[0] == (
        "<b>Committed</b><br>29 Mar 2024 — Version 1<br>Amount: $260,000<br>"
        "Bailleur B: $200,000<br>Bailleur D: $60,000"
    )
    assert fig.layout.title.text == "<b>Funding by status, per version (USD)</b>"


def test_donor_bars_for_chosen_areas(donors):
    fig = donor_trend(donors, area_ids=["shelter"], **stamp())
    assert [(b.name, b.y) for b in kind(fig, DONOR_KIND)] == [
        ("Bailleur A", (250_000,)),
        ("Bailleur B", (200_000,)),
        ("Bailleur C", (150_000,)),
    ]


def test_only_when_donor_rows_exist(donors):
    assert has_donor_rows(donors)
    assert has_donor_rows(donors, ["mhpss"])
    assert not has_donor_rows(donors, ["livelihoods"])
    assert not has_donor_rows(donors.iloc[0:0])
    with pytest.raises(ValueError, match="no donor rows"):
        donor_trend(donors.iloc[0:0], **stamp())
    with pytest.raises(ValueError, match="by must be"):
        donor_trend(donors, by="area", **stamp())


def _donor_rows(rows):
    frame = pd.DataFrame(
        rows, columns=["version", "as_of", "area_id", "donor", "status", "amount_usd"]
    )
    return frame.astype({"amount_usd": "Int64"})


def test_a_donor_absent_from_a_version_has_no_segment_not_zero():
    d1, d2 = dt.date(2024, 1, 31), dt.date(2024, 3, 31)
    rows = _donor_rows(
        [
            (1, d1, "shelter", "ECHO", "paid", 100_000),
            (1, d1, "shelter", "<b>Norvège</b>", "paid", 50_000),
            (2, d2, "shelter", "ECHO", "paid", 120_000),
            (2, d2, "cccm", "CERF", "committed", pd.NA),  # not reported: left out
        ]
    )
    fig = donor_trend(rows, **stamp())
    bars = {b.meta["group"]: b for b in kind(fig, DONOR_KIND)}
    assert set(bars) == {"ECHO", "<b>Norvège</b>"}
    assert bars["ECHO"].y == (100_000, 120_000)
    assert bars["<b>Norvège</b>"].y == (50_000, None)
    assert bars["<b>Norvège</b>"].name == "&lt;b&gt;Norvège&lt;/b&gt;"
    assert kind(fig, TOTAL_KIND)[0].y == (150_000, 120_000)


def test_more_donors_than_colours_are_summed_up():
    rows = _donor_rows(
        [
            (1, dt.date(2024, 3, 31), "shelter", f"Bailleur {i:02d}", "paid", 1_000 * i)
            for i in range(1, 12)
        ]
    )
    fig = donor_trend(rows, **stamp())
    bars = kind(fig, DONOR_KIND)
    assert len(bars) == MAX_DONORS + 1
    assert [b.name for b in bars][:2] == ["Bailleur 11", "Bailleur 10"]
    assert bars[-1].name == "Autres bailleurs"
    assert bars[-1].y == (sum(1_000 * i for i in range(1, 5)),)  # donors 1 to 4
    assert "Bailleur 01" in bars[-1].hovertext[0]


def test_a_correction_of_the_same_date_replaces_the_earlier_version():
    day = dt.date(2024, 3, 31)
    frame = funding_frame(
        [
            (0, PLAN_DATE, "plan", "plan", 100, 10, 0.1),
            (1, day, "plan", "plan", 100, 50, 0.5),
            (2, day, "plan", "plan", 100, 40, 0.4),  # same as-of date: corrects version 1
        ]
    )
    fig = funding_trend(frame, level="plan", ids=None, names={}, **stamp())
    (line,) = kind(fig, SERIES_KIND)
    assert line.x == ("2023-11-27", "2024-03-31")
    assert line.y == (10, 40) and line.customdata == (0, 2)
