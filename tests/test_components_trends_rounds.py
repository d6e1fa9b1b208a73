"""IDPs across DTM rounds, the change between two rounds and the maps per round
(components.charts.rounds, round_change; components.maps.rounds).

The rounds are the repository's examples as the data layer reads them: round 14 (30 Apr
2023, counts with a total row: Mopti 91,274 ... national 391,961, other regions 65,784) and
round 15 (30 Sep 2023, counts with an "other regions" row: national 391,691, other 64,354);
version 0 is the plan's shares x 391,961 (estimates, 30 Sep 2023). See ``trends_fixtures``.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from trends_fixtures import SOURCE, dtm_frame, dtm_history, dtm_rounds

from components.charts import dtm_trend, round_change_bars
from components.charts._trend_common import NOTE_NAME, round_label
from components.charts.round_change import CHANGE_KIND
from components.charts.rounds import KEY_KIND, LINE_KIND, POINTS_KIND
from components.maps._shared import value_color
from components.maps.rounds import LABEL_KIND, MAX_ROUNDS, UNIT_KIND, round_maps
from components.theme import NOT_REPORTED_PATTERN, STAMP_NAME, WATERMARK_NAME
from data.intake import round_change
from geo.boundaries import load_boundaries
from geo.join import join_regional_values
from geo.regions import region_names

NB = "\u00a0"
NN = "\u202f"
AS_OF = dt.date(2023, 9, 30)


@pytest.fixture(scope="module")
def history(dtm):
    return dtm_history(dtm)


@pytest.fixture(scope="module")
def rounds_only(history):
    return history[history["version"] > 0]


def kind(fig, name):
    return [trace for trace in fig.data if (trace.meta or {}).get("kind") == name]


def named(fig, name):
    return [a for a in fig.layout.annotations if a.name == name]


def stamp(lang="fr"):
    return {"lang": lang, "source": SOURCE, "as_of": AS_OF}


def series(fig):
    return {trace.meta["id"]: trace for trace in kind(fig, POINTS_KIND)}


def test_the_rounds_are_the_data_layers(history):
    round_14, round_15 = dtm_rounds()
    assert (round_14.total_idps, round_14.other_idps) == (391_961, 65_784)
    assert (round_15.total_idps, round_15.other_idps) == (391_691, 64_354)
    mopti = history[history["region_id"] == "mopti"]
    assert list(mopti["idps"]) == [90_151, 91_274, 89_530]
    assert list(mopti["measure"]) == ["estimate", "count", "count"]


# --- dtm_trend --------------------------------------------------------------------------------
def test_national_and_regions_across_two_rounds(rounds_only):
    fig = dtm_trend(rounds_only, region_ids=["mopti", "other"], names=region_names("fr"), **stamp())
    lines = series(fig)
    assert list(lines) == ["national", "mopti", "other"]
    assert lines["national"].name == "Total national"
    assert lines["other"].name == "Autres régions"
    assert lines["national"].x == ("2023-04-30", "2023-09-30")
    assert lines["national"].y == (391_961, 391_691)
    assert lines["mopti"].y == (91_274, 89_530)
    assert lines["other"].y == (65_784, 64_354)
    assert lines["mopti"].customdata == (1, 2)
    assert lines["mopti"].marker.symbol == ("circle", "circle")  # counts: filled
    assert lines["mopti"].hovertext[0] == (
        f"<b>Mopti</b><br>round 14 (30 avr. 2023)<br>PDI{NB}: 91{NN}274 (comptage DTM)<br>"
        f"Part du total national{NB}: 23,3{NB}%"
    )
    solid = [t for t in kind(fig, LINE_KIND) if t.meta["id"] == "mopti"]
    assert [(t.line.dash, t.y) for t in solid] == [("solid", (91_274, 89_530, None))]
    assert fig.layout.xaxis.ticktext == ("Round 14<br>30 avr. 2023", "Round 15<br>30 sept. 2023")
    assert fig.layout.yaxis.ticktext[-1] == f"400{NN}000"
    assert [k.name for k in kind(fig, KEY_KIND)] == ["Comptage DTM", "Estimation (part × total)"]
    (source,) = named(fig, STAMP_NAME)
    assert source.text == f"Source{NB}: {SOURCE} — données au 30 sept. 2023"
    assert fig.layout.title.text == "<b>PDI au fil des rounds DTM</b>"


def test_estimates_are_hollow_and_dashed_and_say_so(history):
    """Round 14 (counts) then the plan's figure (shares x total, estimates, 30 Sep 2023)."""
    two = history[history["version"] < 2]
    fig = dtm_trend(two, region_ids=["mopti"], names=region_names("en"), **stamp("en"))
    mopti = series(fig)["mopti"]
    assert mopti.x == ("2023-04-30", "2023-09-30")
    assert mopti.y == (91_274, 90_151)
    assert mopti.marker.symbol == ("circle", "circle-open")
    assert mopti.meta["measures"] == ["count", "estimate"]
    assert mopti.hovertext[1] == (
        "<b>Mopti</b><br>30 Sep 2023<br>IDPs: 90,151 (estimate)<br>"
        "Share of the national total: 23.0%"
    )
    pieces = {t.line.dash: t.y for t in kind(fig, LINE_KIND) if t.meta["id"] == "mopti"}
    assert pieces == {"dash": (91_274, 90_151, None)}  # count -> estimate: dashed
    national = {t.line.dash for t in kind(fig, LINE_KIND) if t.meta["id"] == "national"}
    assert national == {"solid"}  # the national total is a count in both
    assert [k.name for k in kind(fig, KEY_KIND)] == ["DTM count", "Estimate (share × total)"]
    assert fig.layout.xaxis.ticktext == ("Round 14<br>30 Apr 2023", "30 Sep 2023")


def test_a_region_absent_from_a_round_is_a_gap_never_zero():
    d = [dt.date(2023, 1, 31), dt.date(2023, 4, 30), dt.date(2023, 9, 30)]
    frame = dtm_frame(
        [
            (1, d[0], 13, "national", 100_000, 1.0, "count"),
            (1, d[0], 13, "kidal", 12_000, 0.12, "count"),
            (2, d[1], 14, "national", 110_000, 1.0, "count"),
            (3, d[2], 15, "national", 120_000, 1.0, "count"),
            (3, d[2], 15, "kidal", 9_000, 0.075, "count"),
        ]
    )
    fig = dtm_trend(frame, region_ids=["kidal"], names=region_names("fr"), **stamp())
    kidal = series(fig)["kidal"]
    assert kidal.y == (12_000, None, 9_000)
    assert kidal.hovertext[1] == "<b>Kidal</b><br>round 14 (30 avr. 2023)<br>non communiqué"
    assert not [t for t in kind(fig, LINE_KIND) if t.meta["id"] == "kidal"]  # no bridge
    national = [t for t in kind(fig, LINE_KIND) if t.meta["id"] == "national"]
    assert national[0].x == ("2023-01-31", "2023-04-30", None, "2023-04-30", "2023-09-30", None)


@pytest.mark.parametrize(
    ("lang", "note"), [("fr", "Un seul round DTM pour l’instant"), ("en", "One DTM round so far")]
)
def test_one_round(rounds_only, lang, note):
    one = rounds_only[rounds_only["version"] == 1]
    fig = dtm_trend(one, region_ids=["gao"], names=region_names(lang), **stamp(lang))
    assert series(fig)["gao"].y == (35_408,)
    (shown,) = named(fig, NOTE_NAME)
    assert shown.text == note
    assert fig.layout.xaxis.range == ("2023-03-16", "2023-06-14")


def test_bad_calls(rounds_only):
    with pytest.raises(ValueError, match="kidal"):
        dtm_trend(rounds_only, region_ids=["kidal"], names={}, **stamp())
    with pytest.raises(ValueError, match="nothing to draw"):
        dtm_trend(rounds_only, region_ids=[], names={}, national=False, **stamp())


# --- round_change_bars ------------------------------------------------------------------------
def bars(fig, column, group):
    found = [
        t for t in kind(fig, CHANGE_KIND) if (t.meta["column"], t.meta["group"]) == (column, group)
    ]
    return {name: x for t in found for name, x in zip(t.y, t.x, strict=True)}, found


def test_change_between_rounds_14_and_15(rounds_only):
    fig = round_change_bars(rounds_only, 1, 2, names=region_names("fr"), **stamp())
    round_14, round_15 = dtm_rounds()
    change = round_change(round_14, round_15)  # the data layer's change
    assert (change.total_change, change.other_change) == (-270, -1_430)
    down, traces = bars(fig, "idps", "decrease")
    assert down == {"Total national": -270, "Autres régions": -1_430, "Mopti": -1_744}
    up, (increase,) = bars(fig, "idps", "increase")
    assert list(up) == ["Tombouctou", "Gao", "Bandiagara", "Ménaka", "Ségou"]  # largest first
    assert list(up.values()) == [884, 612, 608, 467, 333]
    expected = dict(zip(change.regions["region_id"], change.regions["change"], strict=True))
    assert dict(zip(increase.customdata, increase.x, strict=True)) == {
        rid: value for rid, value in expected.items() if value > 0
    }
    assert increase.text == ("+884", "+612", "+608", "+467", "+333")
    assert traces[0].text == ("−270", f"−1{NN}430")
    # The regions listed top to bottom by change; national and other regions in their row.
    assert fig.layout.yaxis3.categoryarray == (
        "Mopti",
        "Ségou",
        "Ménaka",
        "Bandiagara",
        "Gao",
        "Tombouctou",
    )
    assert fig.layout.yaxis.categoryarray == ("Autres régions", "Total national")
    assert fig.layout.title.text == (
        "<b>Variation des PDI du round 14 (30 avr. 2023) au<br>round 15 (30 sept. 2023)</b>"
    )
    assert named(fig, STAMP_NAME)


def test_share_points_and_hover(rounds_only):
    fig = round_change_bars(rounds_only, 1, 2, names=region_names("en"), **stamp("en"))
    down = [
        t
        for t in kind(fig, CHANGE_KIND)
        if (t.meta["column"], t.meta["group"]) == ("share", "decrease")
    ]
    rows = rounds_only.set_index(["version", "region_id"])["share"]
    found = {rid: x for t in down for rid, x in zip(t.customdata, t.x, strict=True)}
    assert found == {
        "other": pytest.approx(rows[(2, "other")] - rows[(1, "other")]),
        "mopti": pytest.approx(rows[(2, "mopti")] - rows[(1, "mopti")]),
    }
    assert [text for t in down for text in t.text] == [f"−0.4{NB}pts", f"−0.4{NB}pts"]
    assert "national" not in found  # always 100 %: no share change
    (idps,) = [
        t
        for t in kind(fig, CHANGE_KIND)
        if t.meta == {**t.meta, "column": "idps", "group": "increase"}
    ]
    assert idps.hovertext[0] == (
        "<b>Timbuktu</b><br>round 14 (30 Apr 2023): 62,120<br>round 15 (30 Sep 2023): 63,004<br>"
        f"Change in IDPs: +884<br>Change in share: +0.2{NB}pts"
    )
    assert [c.text for c in fig.layout.annotations if c.name != STAMP_NAME] == [
        "IDPs",
        "Share of the national total (points)",
    ]


def test_zero_lines_line_up_in_both_rows(rounds_only):
    fig = round_change_bars(rounds_only, 1, 2, names=region_names("fr"), **stamp())
    for top, bottom in (("xaxis", "xaxis3"), ("xaxis2", "xaxis4")):
        (lo_a, hi_a), (lo_b, hi_b) = fig.layout[top].range, fig.layout[bottom].range
        assert lo_a < 0 < hi_a
        assert -lo_a / (hi_a - lo_a) == pytest.approx(-lo_b / (hi_b - lo_b))


def test_a_region_absent_from_one_round_is_not_reported_not_zero():
    d = [dt.date(2023, 1, 31), dt.date(2023, 4, 30)]
    frame = dtm_frame(
        [
            (1, d[0], 13, "national", 100_000, 1.0, "count"),
            (1, d[0], 13, "kidal", 12_000, 0.12, "count"),
            (1, d[0], 13, "gao", 30_000, 0.3, "count"),
            (2, d[1], 14, "national", 110_000, 1.0, "count"),
            (2, d[1], 14, "gao", 30_000, 0.27272727, "count"),
            (2, d[1], 14, "menaka", 5_000, 0.04545454, "count"),
        ]
    )
    fig = round_change_bars(frame, 1, 2, names=region_names("fr"), **stamp())
    unknown, _ = bars(fig, "idps", "unknown")
    assert set(unknown) == {"Kidal", "Ménaka"}
    texts = {
        name: text
        for t in kind(fig, CHANGE_KIND)
        if t.meta["group"] == "unknown" and t.meta["column"] == "idps"
        for name, text in zip(t.y, t.text, strict=True)
    }
    assert texts == {
        "Kidal": f"12{NN}000 → non communiqué",
        "Ménaka": f"non communiqué → 5{NN}000",
    }
    assert all(t.type == "scatter" for t in kind(fig, CHANGE_KIND) if t.meta["group"] == "unknown")
    same, _ = bars(fig, "idps", "unchanged")
    assert same == {"Gao": 0}
    assert not bars(fig, "idps", "increase")[0].get("Kidal")


def test_a_version_not_in_the_history(rounds_only):
    with pytest.raises(ValueError, match="7"):
        round_change_bars(rounds_only, 1, 7, names={}, **stamp())


# --- round_maps -------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def joins():
    boundaries = load_boundaries()
    return [
        (
            round_label(r.round_number, r.as_of, "fr"),
            join_regional_values(boundaries, r.regions, ["idps", "share"]).gdf,
        )
        for r in dtm_rounds()
    ]


def units(fig, k):
    return {t.meta["unit"]: t for t in kind(fig, UNIT_KIND) if t.meta["round"] == k}


def test_maps_share_one_colour_scale(joins):
    fig = round_maps(joins, "idps", **stamp())
    first, second = units(fig, 0), units(fig, 1)
    # Mopti's unit holds Mopti and Bandiagara: 91,274 + 54,603 in round 14.
    assert first["ML05"].meta["value"] == 145_877
    assert second["ML05"].meta["value"] == 89_530 + 55_211 == 144_741
    (scale,) = kind(fig, "round_map.scale")
    assert scale.marker.cmin == 0 and scale.marker.cmax == 145_877  # the largest of both
    for k, shown in ((0, first), (1, second)):
        for trace in shown.values():
            value = trace.meta["value"]
            assert trace.fillcolor == value_color(value, 145_877)
            assert trace.xaxis == ("x" if k == 0 else "x2")
    assert first["ML08"].meta["value"] is None  # Kidal: no figure, hatched, never 0
    assert first["ML08"].fillpattern.shape == NOT_REPORTED_PATTERN["shape"]
    assert sum(bool(t.showlegend) for t in kind(fig, UNIT_KIND)) == 1
    labels = [t for t in kind(fig, LABEL_KIND) if t.meta["round"] == 0][0]
    assert f"145{NN}877" in labels.text
    assert fig.layout.yaxis2.scaleanchor == "x2"
    assert [a.text for a in fig.layout.annotations if a.name != STAMP_NAME] == [
        "round 14 (30 avr. 2023)",
        "round 15 (30 sept. 2023)",
    ]
    assert named(fig, STAMP_NAME)[0].text.endswith("données au 30 sept. 2023")


def test_maps_grid_sizes_and_limits(joins):
    four = round_maps([joins[0], joins[1], joins[0], joins[1]], "idps", **stamp("en"))
    assert four.layout.xaxis4.domain[0] > 0.5 and four.layout.yaxis4.domain[1] < 0.5  # 2 x 2
    assert four.layout.title.text == "<b>IDPs per DTM round (one colour scale)</b>"
    with pytest.raises(ValueError, match=str(MAX_ROUNDS)):
        round_maps([joins[0]] * (MAX_ROUNDS + 1), "idps", **stamp())
    with pytest.raises(ValueError):
        round_maps([], "idps", **stamp())
    one = round_maps([("<i>R14</i>", joins[0][1])], "idps", scenario=True, **stamp())
    assert one.layout.annotations[0].text == "&lt;i&gt;R14&lt;/i&gt;"  # file text escaped
    assert named(one, WATERMARK_NAME)


def test_a_unit_without_figures_in_every_round_is_still_drawn(joins):
    gdf = joins[0][1].copy()
    gdf["idps"] = pd.array([pd.NA] * len(gdf), dtype="Int64")
    fig = round_maps([("vide", gdf)], "idps", **stamp())
    assert all(t.meta["value"] is None for t in kind(fig, UNIT_KIND))
    (scale,) = kind(fig, "round_map.scale")
    assert scale.marker.cmax == 1


def test_a_later_version_of_the_same_date_supersedes_the_earlier(history):
    """The plan's figure (version 0) and round 15 (version 2) are both as of 30 Sep 2023:
    the trend shows round 15 there, one point per date."""
    fig = dtm_trend(history, region_ids=["mopti"], names=region_names("fr"), **stamp())
    lines = series(fig)
    assert lines["national"].x == ("2023-04-30", "2023-09-30")
    assert lines["national"].customdata == (1, 2)
    assert lines["mopti"].y == (91_274, 89_530)
    # The change between two chosen versions still reaches every version.
    change = round_change_bars(history, 0, 2, names=region_names("fr"), **stamp())
    down, _ = bars(change, "idps", "decrease")
    assert down["Mopti"] == 89_530 - 90_151
