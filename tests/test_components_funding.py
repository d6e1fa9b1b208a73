"""Funding figures: traces carry exactly the plan's numbers, missing is never zero.

The fixtures are built inline in the data layer's shape (nullable Int64/Float64,
<NA> = not reported), with the figures of the IOM Mali Crisis Response Plan 2024 and the
names of its tables (``data/csv``: ``name_<lang>``, ``short_name_<lang>``).
"""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd
import plotly.graph_objects as go
import pytest

from components.charts import (
    area_funding_bars,
    coverage_donut,
    coverage_donuts_grid,
    delta_bars,
    objective_funding_bars,
)
from components.theme import COLORS, STAMP_NAME, WATERMARK_NAME
from data.contracts import ContractError
from data.names import area_names, objective_names
from data.plan import load_plan
from text import t

NA = pd.NA
SOURCE = "OIM Mali, Plan de réponse aux crises 2023-2024"
AS_OF = dt.date(2023, 11, 27)

# (area_id, objective_id, name_en, required, confirmed or NA)
PLAN_AREAS = [
    ("shelter", "obj1", "Shelter and settlements", 5_400_000, 451_968),
    ("cccm", "obj1", "Camp coordination and camp management", 1_000_000, 403_415),
    ("protection", "obj1", "Protection", 1_000_000, 167_256),
    (
        "mhpss",
        "obj1",
        "Mental health and psychosocial support in humanitarian response",
        1_200_000,
        NA,
    ),
    (
        "wash_emergency",
        "obj1",
        "Provision of water, sanitation and hygiene in emergencies",
        1_300_000,
        273_706,
    ),
    (
        "basic_needs",
        "obj1",
        "Basic needs, including food and multi-purpose cash assistance",
        2_500_000,
        NA,
    ),
    (
        "border_management",
        "obj1",
        "Humanitarian border management and services for citizens abroad",
        900_000,
        NA,
    ),
    ("displacement_tracking", "obj1", "Displacement tracking", 3_500_000, 14_980),
    ("support_services", "obj1", "Support services for response actors", 400_000, 138_743),
    ("emergency_preparedness", "obj1", "Emergency preparedness", 500_000, NA),
    ("peacebuilding", "obj2", "Peacebuilding and peace preservation", 1_400_000, 177_942),
    ("community_stabilization", "obj2", "Community stabilization", 500_000, 188_340),
    ("livelihoods", "obj2", "Livelihoods and economic recovery", 1_000_000, NA),
    ("drr", "obj2", "Adaptation and disaster risk reduction", 2_500_000, NA),
    (
        "wash_transition",
        "obj2",
        "Provision of water, sanitation and hygiene in transitional and post-crisis situations",
        1_500_000,
        NA,
    ),
]
PLAN = load_plan()  # the bundled tables: the names of areas and objectives
REPORTED = {a: c for a, _, _, _, c in PLAN_AREAS if c is not NA}
NOT_REPORTED = {a for a, _, _, _, c in PLAN_AREAS if c is NA}


def area_name(area_id: str, lang: str, short: bool = False) -> str:
    """An area's name in the plan's table (``activity_areas.csv``)."""
    return area_names(PLAN.areas, lang, short=short)[area_id]


def objective_name(objective_id: str, lang: str, short: bool = False) -> str:
    """An objective's name in the plan's table (``objectives.csv``)."""
    return objective_names(PLAN.objectives, lang, short=short)[objective_id]


def make_areas(overrides: dict[str, object] | None = None) -> pd.DataFrame:
    """The 15 activity areas; ``overrides`` replaces confirmed_usd per area_id."""
    overrides = overrides or {}
    rows = []
    for area_id, oid, name_en, required, confirmed in PLAN_AREAS:
        confirmed = overrides.get(area_id, confirmed)
        rows.append((area_id, oid, name_en, area_name(area_id, "fr"), required, confirmed))
    frame = pd.DataFrame(
        rows, columns=["area_id", "objective_id", "name_en", "name_fr", "required", "confirmed"]
    )
    required = frame["required"].astype("Int64")
    confirmed = frame["confirmed"].astype("Int64")
    return pd.DataFrame(
        {
            "area_id": frame["area_id"],
            "objective_id": frame["objective_id"],
            "name_en": frame["name_en"],
            "name_fr": frame["name_fr"],
            "required_usd": required,
            "confirmed_usd": confirmed,
            "gap_usd": (required - confirmed).astype("Int64"),
            "coverage": (confirmed / required).astype("Float64"),
            "reported": confirmed.notna(),
            "over_funded": (confirmed > required).fillna(False).astype(bool),
            "short_name_en": [area_name(a, "en", short=True) for a in frame["area_id"]],
            "short_name_fr": [area_name(a, "fr", short=True) for a in frame["area_id"]],
        }
    )


def make_objectives() -> pd.DataFrame:
    required = pd.array([17_700_000, 6_900_000], dtype="Int64")
    confirmed = pd.array([1_860_594, 366_282], dtype="Int64")
    itemised = pd.array([1_450_068, 366_282], dtype="Int64")
    return pd.DataFrame(
        {
            "objective_id": ["obj1", "obj2"],
            "name_en": [objective_name("obj1", "en"), objective_name("obj2", "en")],
            "name_fr": [objective_name("obj1", "fr"), objective_name("obj2", "fr")],
            "required_usd": required,
            "confirmed_usd": confirmed,
            "itemised_confirmed_usd": itemised,
            "unitemised_confirmed_usd": confirmed - itemised,
            "gap_usd": required - confirmed,
            "coverage": pd.array([1_860_594 / 17_700_000, 366_282 / 6_900_000], dtype="Float64"),
            "people_targeted": pd.array([425_000, 502_000], dtype="Int64"),
            "short_name_en": [objective_name(o, "en", short=True) for o in ("obj1", "obj2")],
            "short_name_fr": [objective_name(o, "fr", short=True) for o in ("obj1", "obj2")],
        }
    )


def traces(fig: go.Figure, kind: str) -> list:
    return [tr for tr in fig.data if isinstance(tr.meta, dict) and tr.meta.get("kind") == kind]


def per_area(fig: go.Figure, kind: str) -> dict[str, float]:
    out: dict[str, float] = {}
    for tr in traces(fig, kind):
        for area_id, x in zip(tr.customdata, tr.x, strict=True):
            out[area_id] = x
    return out


def by_area(trace, attr: str) -> dict:
    return dict(zip(trace.customdata, getattr(trace, attr), strict=True))


def plain(text: str) -> str:
    """A plotly label without its tags, line breaks read as spaces."""
    return re.sub(r"<[^>]+>", "", text.replace("<br>", " "))


def annotation(fig: go.Figure, name: str):
    found = [a for a in fig.layout.annotations if a.name == name]
    assert len(found) == 1, f"expected one annotation named {name!r}, found {len(found)}"
    return found[0]


# --- fixtures are the plan ---------------------------------------------------------------------
def test_fixture_matches_plan_totals():
    areas = make_areas()
    assert areas["required_usd"].sum() == 24_600_000
    by_obj = areas.groupby("objective_id")["required_usd"].sum()
    assert by_obj.to_dict() == {"obj1": 17_700_000, "obj2": 6_900_000}
    obj = make_objectives().set_index("objective_id")
    itemised = areas.groupby("objective_id")["confirmed_usd"].sum()  # NA skipped
    assert itemised.to_dict() == obj["itemised_confirmed_usd"].to_dict()
    assert obj.loc["obj1", "unitemised_confirmed_usd"] == 410_526
    assert obj.loc["obj2", "unitemised_confirmed_usd"] == 0


# --- area bars --------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_area_bars_values_equal_the_frame(lang):
    areas = make_areas()
    fig = area_funding_bars(areas, make_objectives(), lang=lang, source=SOURCE, as_of=AS_OF)
    confirmed = per_area(fig, "confirmed")
    gap = per_area(fig, "gap")
    assert confirmed == REPORTED
    expected_gap = {r.area_id: r.gap_usd for r in areas.itertuples() if r.area_id in REPORTED}
    assert gap == expected_gap
    assert gap["wash_emergency"] == 1_026_294
    # confirmed + gap = required for every reported area
    required = dict(zip(areas["area_id"], areas["required_usd"], strict=True))
    for area_id in REPORTED:
        assert confirmed[area_id] + gap[area_id] == required[area_id]


def test_not_reported_areas_are_full_hatched_bars_not_zero():
    areas = make_areas()
    fig = area_funding_bars(areas, make_objectives(), lang="fr", source=SOURCE, as_of=AS_OF)
    nrep = per_area(fig, "not_reported")
    assert set(nrep) == NOT_REPORTED
    required = dict(zip(areas["area_id"], areas["required_usd"], strict=True))
    assert nrep == {a: required[a] for a in NOT_REPORTED}
    # no confirmed or gap value at all for them (not a zero)
    assert NOT_REPORTED.isdisjoint(per_area(fig, "confirmed"))
    assert NOT_REPORTED.isdisjoint(per_area(fig, "gap"))
    for tr in traces(fig, "not_reported"):
        assert tr.marker.pattern.shape == "/"
        assert tr.marker.color == COLORS["not_reported"]
    # and the bar-end label says so
    labels = [txt for tr in traces(fig, "bar_end_label") for txt in tr.text]
    nr_labels = [x for x in labels if x.startswith("non communiqué")]
    assert len(nr_labels) == len(NOT_REPORTED)
    assert "non communiqué / 1,2\u00a0M$" in nr_labels  # MHPSS


def test_area_bars_text_labels_and_hover():
    fig = area_funding_bars(make_areas(), make_objectives(), lang="en", source=SOURCE, as_of=AS_OF)
    labels = [txt for tr in traces(fig, "bar_end_label") for txt in tr.text]
    assert "$452K / $5.4M (8.4%)" in labels  # shelter
    assert "$274K / $1.3M (21.1%)" in labels  # WASH emergencies
    hover = by_area(traces(fig, "confirmed")[0], "hovertext")
    assert "Confirmed: $273,706" in hover["wash_emergency"]
    assert "Gap: $1,026,294" in hover["wash_emergency"]
    assert "Coverage: 21.1%" in hover["wash_emergency"]
    nr_hover = traces(fig, "not_reported")[0].hovertext[0]
    assert "Confirmed: not reported" in nr_hover
    assert "$0" not in nr_hover


def test_area_bars_facets_per_objective_and_sorting():
    fig = area_funding_bars(make_areas(), make_objectives(), lang="en", source=SOURCE, as_of=AS_OF)
    assert {tr.meta["objective_id"] for tr in fig.data} == {"obj1", "obj2"}
    assert list(fig.layout.yaxis.categoryarray)[-1] == area_name("shelter", "en", short=True)  # top
    facet = annotation(fig, "facet:obj2")
    assert objective_name("obj2", "en") in plain(facet.text)

    fig = area_funding_bars(
        make_areas(), make_objectives(), lang="en", source=SOURCE, as_of=AS_OF, sort_by="coverage"
    )
    top_to_bottom = list(reversed(fig.layout.yaxis.categoryarray))
    # least covered reported area first, not-reported areas last
    assert top_to_bottom[0] == area_name("displacement_tracking", "en", short=True)
    assert set(top_to_bottom[-4:]) == {
        area_name(a, "en", short=True)
        for a in ("mhpss", "basic_needs", "border_management", "emergency_preparedness")
    }


def test_area_bars_objectives_filter():
    fig = area_funding_bars(
        make_areas(),
        make_objectives(),
        lang="fr",
        source=SOURCE,
        as_of=AS_OF,
        objectives_filter=["obj2"],
    )
    assert {tr.meta["objective_id"] for tr in fig.data} == {"obj2"}
    assert set(per_area(fig, "confirmed")) == {"peacebuilding", "community_stabilization"}
    with pytest.raises(ValueError, match="unknown objective"):
        area_funding_bars(
            make_areas(),
            make_objectives(),
            lang="fr",
            source=SOURCE,
            as_of=AS_OF,
            objectives_filter=["obj9"],
        )
    with pytest.raises(ValueError, match="sort_by"):
        area_funding_bars(
            make_areas(), make_objectives(), lang="fr", source=SOURCE, as_of=AS_OF, sort_by="name"
        )


def test_over_funded_area_is_flagged():
    areas = make_areas({"support_services": 450_000})
    fig = area_funding_bars(areas, make_objectives(), lang="fr", source=SOURCE, as_of=AS_OF)
    assert per_area(fig, "confirmed")["support_services"] == 450_000
    assert "support_services" not in per_area(fig, "gap")
    assert per_area(fig, "required_marker") == {"support_services": 400_000}
    labels = [txt for tr in traces(fig, "bar_end_label") for txt in tr.text]
    assert any("surfinancé" in x and "112,5\u00a0%" in x for x in labels)


def test_missing_columns_are_named():
    kw = {"lang": "fr", "source": SOURCE, "as_of": AS_OF}
    with pytest.raises(ContractError, match="area_funding_bars.*gap_usd"):
        area_funding_bars(make_areas().drop(columns="gap_usd"), make_objectives(), **kw)
    with pytest.raises(ContractError, match="area_funding_bars.*short_name_fr"):
        area_funding_bars(make_areas(), make_objectives().drop(columns="short_name_fr"), **kw)
    with pytest.raises(ContractError, match="objective_funding_bars.*short_name_en"):
        objective_funding_bars(make_objectives().drop(columns="short_name_en"), **kw)
    with pytest.raises(ContractError, match="coverage_donuts_grid.*reported"):
        coverage_donuts_grid(make_areas().drop(columns="reported"), **kw)
    with pytest.raises(ContractError, match="delta_bars.*name_en"):
        delta_bars(make_areas(), make_areas().drop(columns="name_en"), **kw)
    with pytest.raises(ValueError, match="obj2"):  # an objective the headings cannot name
        area_funding_bars(make_areas(), make_objectives().head(1), **kw)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_names_are_the_frames(lang):
    """Every chart names areas and objectives from the frames' columns, never the catalog."""
    areas, objectives = make_areas(), make_objectives()
    areas.loc[areas["area_id"] == "shelter", f"name_{lang}"] = "Long shelter name"
    areas.loc[areas["area_id"] == "shelter", f"short_name_{lang}"] = "Short shelter"
    areas.loc[areas["area_id"] == "mhpss", f"short_name_{lang}"] = "Short MHPSS"
    objectives.loc[objectives["objective_id"] == "obj2", f"name_{lang}"] = "Second aim"
    objectives.loc[objectives["objective_id"] == "obj2", f"short_name_{lang}"] = "Aim 2"
    kw = {"lang": lang, "source": SOURCE, "as_of": AS_OF}

    bars = area_funding_bars(areas, objectives, **kw)
    assert list(bars.layout.yaxis.categoryarray)[-1] == "Short shelter"
    hover = by_area(traces(bars, "confirmed")[0], "hovertext")["shelter"]
    assert hover.startswith("<b>Long shelter name</b>")
    assert plain(annotation(bars, "facet:obj2").text) == "Aim 2 — Second aim"
    objective_bars = objective_funding_bars(objectives, **kw)
    assert "<b>Aim 2</b><br>Second aim" in list(objective_bars.layout.yaxis.categoryarray)
    grid = coverage_donuts_grid(areas, **kw)
    assert plain(annotation(grid, "title:shelter").text) == "Short shelter"
    assert "Short MHPSS" in plain(annotation(grid, "not_reported_caption").text)
    deltas = delta_bars(areas, areas, **kw)
    assert "Short shelter" in list(deltas.layout.yaxis.categoryarray)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_area_bars_labels_fit(lang):
    fig = area_funding_bars(make_areas(), make_objectives(), lang=lang, source=SOURCE, as_of=AS_OF)
    # The long facet heading wraps onto two lines, each bold, and keeps every word.
    facet = annotation(fig, "facet:obj1")
    assert facet.text.count("<br>") == 1
    assert all(line.startswith("<b>") for line in facet.text.split("<br>"))
    expected = f"{objective_name('obj1', lang, short=True)} — {objective_name('obj1', lang)}"
    assert plain(facet.text) == expected
    # Room right of the widest bar for its label: more than the old 45 %.
    high = fig.layout.xaxis.range[1]
    assert high > 5_400_000 * 1.45
    assert fig.layout.margin.t >= 108 + 2 * 26  # two heading lines above the first facet


def test_bar_end_room_grows_with_the_label():
    areas = make_areas({"support_services": 5_400_000 * 2})  # over-funded: longest label
    fig = area_funding_bars(areas, make_objectives(), lang="fr", source=SOURCE, as_of=AS_OF)
    base = area_funding_bars(make_areas(), make_objectives(), lang="fr", source=SOURCE, as_of=AS_OF)
    assert fig.layout.xaxis.range[1] / 10_800_000 > base.layout.xaxis.range[1] / 5_400_000


# --- objective bars ---------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_objective_bars_segments(lang):
    fig = objective_funding_bars(make_objectives(), lang=lang, source=SOURCE, as_of=AS_OF)
    itemised = per_area(fig, "itemised")
    unitemised = per_area(fig, "not_itemised")
    gap = per_area(fig, "gap")
    assert itemised == {"obj1": 1_450_068, "obj2": 366_282}
    assert unitemised == {"obj1": 410_526}  # obj2 has none: no zero-width segment
    assert gap == {"obj1": 15_839_406, "obj2": 6_533_718}
    for oid, required in (("obj1", 17_700_000), ("obj2", 6_900_000)):
        assert itemised[oid] + unitemised.get(oid, 0) + gap[oid] == required
    callout = annotation(fig, "not_itemised:obj1")
    expected = "Non ventilé\u00a0: 411\u00a0k$" if lang == "fr" else "Not itemised: $411K"
    assert callout.text == expected
    assert traces(fig, "not_itemised")[0].name == t("legend.not_itemised", lang)


def test_objective_bars_hover_has_exact_amounts():
    fig = objective_funding_bars(make_objectives(), lang="fr", source=SOURCE, as_of=AS_OF)
    hover = traces(fig, "not_itemised")[0].hovertext[0]
    assert "Confirmé non ventilé\u00a0: 410\u202f526\u00a0$" in hover
    assert "Confirmé\u00a0: 1\u202f860\u202f594\u00a0$" in hover
    assert "Personnes ciblées\u00a0: 425\u202f000" in hover


# --- donuts ---------------------------------------------------------------------------------
@pytest.mark.parametrize(("lang", "expected"), [("en", "21.1%"), ("fr", "21,1\u00a0%")])
def test_donut_grid_centre_label_wash_emergencies(lang, expected):
    fig = coverage_donuts_grid(make_areas(), lang=lang, source=SOURCE, as_of=AS_OF)
    assert annotation(fig, "centre:wash_emergency").text == f"<b>{expected}</b>"


def test_donut_grid_draws_only_reported_areas_and_lists_the_rest():
    fig = coverage_donuts_grid(make_areas(), lang="fr", source=SOURCE, as_of=AS_OF)
    pies = [tr for tr in fig.data if isinstance(tr, go.Pie)]
    assert len(pies) == len(REPORTED) == 8
    drawn = {
        a.name.split(":", 1)[1]
        for a in fig.layout.annotations
        if (a.name or "").startswith("centre:")
    }
    assert drawn == set(REPORTED)
    for pie in pies:
        assert sum(pie.values) > 0
    caption = annotation(fig, "not_reported_caption").text.replace("<br>", " ")
    assert "(7 domaines)" in caption
    for area_id in NOT_REPORTED:
        assert area_name(area_id, "fr", short=True) in caption
    assert "0,0\u00a0%" not in " ".join(a.text for a in fig.layout.annotations)


@pytest.mark.parametrize(("lang", "expected"), [("en", "21.1%"), ("fr", "21,1\u00a0%")])
def test_single_donut(lang, expected):
    fig = coverage_donut(273_706, 1_300_000, title="WASH", lang=lang, source=SOURCE, as_of=AS_OF)
    assert annotation(fig, "centre").text == f"<b>{expected}</b>"
    assert list(fig.data[0].values) == [273_706, 1_026_294]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_single_donut_long_title_wraps(lang):
    title = objective_name("obj1", lang)
    fig = coverage_donut(1_860_594, 17_700_000, title=title, lang=lang, source=SOURCE, as_of=AS_OF)
    lines = fig.layout.title.text.split("<br>")
    assert len(lines) == 3 and all(ln.startswith("<b>") for ln in lines)
    assert plain(fig.layout.title.text) == title
    assert max(len(plain(ln)) for ln in lines) <= 23  # about 400 px at the title size
    assert fig.layout.margin.t > 108  # the legend and ring move down under the title
    assert annotation(fig, "centre").text == (
        "<b>10,5\u00a0%</b>" if lang == "fr" else "<b>10.5%</b>"
    )
    scen = coverage_donut(
        1_860_594, 17_700_000, title=title, lang=lang, source=SOURCE, as_of=AS_OF, scenario=True
    )
    word = t("scenario.watermark", lang)
    assert scen.layout.title.text.startswith(f"<b>{word} — ")
    assert plain(scen.layout.title.text) == f"{word} — {title}"
    assert scen.layout.title.font.color == COLORS["scenario"]


def test_single_donut_not_reported_is_not_zero():
    fig = coverage_donut(NA, 1_200_000, title="MHPSS", lang="fr", source=SOURCE, as_of=AS_OF)
    assert annotation(fig, "centre").text == "<b>non communiqué</b>"
    assert list(fig.data[0].values) == [1_200_000]
    assert fig.data[0].marker.pattern.shape[0] == "/"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_donut_grid_titles_and_caption_wrap(lang):
    fig = coverage_donuts_grid(make_areas(), lang=lang, source=SOURCE, as_of=AS_OF)
    for area_id in REPORTED:
        text = annotation(fig, f"title:{area_id}").text
        assert plain(text) == area_name(area_id, lang, short=True)  # short names, whole
        assert max(len(line) for line in text.split("<br>")) <= 18  # a quarter of ~860 px
    assert "<br>" in annotation(fig, "title:displacement_tracking").text
    caption = annotation(fig, "not_reported_caption").text
    lines = caption.split("<br>")
    assert len(lines) >= 2 and max(len(line) for line in lines) <= 100
    assert area_name("livelihoods", lang, short=True) in plain(caption)
    # The bottom margin holds every caption line above the stamp.
    assert fig.layout.margin.b >= 56 + len(lines) * 16 * 1.3


# --- scenario deltas ------------------------------------------------------------------------
def test_delta_bars():
    baseline = make_areas()
    scenario = make_areas({"shelter": 951_968, "cccm": 303_415, "mhpss": 200_000})
    fig = delta_bars(baseline, scenario, lang="en", source=SOURCE, as_of=AS_OF, scenario=True)
    assert per_area(fig, "increase")["shelter"] == 500_000
    assert per_area(fig, "decrease") == {"cccm": -100_000}
    unknown = by_area(traces(fig, "unknown")[0], "text")
    assert unknown["mhpss"] == "plan not reported → $200K"
    inc = traces(fig, "increase")[0]
    assert by_area(inc, "text")["shelter"] == "+$500K"
    assert annotation(fig, WATERMARK_NAME).text == "<b>SCENARIO</b>"

    changed = delta_bars(
        baseline, scenario, lang="fr", source=SOURCE, as_of=AS_OF, changed_only=True
    )
    ids = {a for tr in changed.data for a in tr.customdata}
    assert ids == {"shelter", "cccm", "mhpss"}


# --- stamp and scenario watermark on every builder ----------------------------------------
def _all_figures(lang: str, scenario: bool) -> list[go.Figure]:
    kw = {"lang": lang, "source": SOURCE, "as_of": AS_OF, "scenario": scenario}
    return [
        area_funding_bars(make_areas(), make_objectives(), **kw),
        objective_funding_bars(make_objectives(), **kw),
        coverage_donut(273_706, 1_300_000, title="EAH", **kw),
        coverage_donuts_grid(make_areas(), **kw),
        delta_bars(make_areas(), make_areas({"shelter": 500_000}), **kw),
    ]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_figure_is_stamped(lang):
    expected = (
        f"Source\u00a0: {SOURCE} — données au 27 nov. 2023"
        if lang == "fr"
        else f"Source: {SOURCE} — data as of 27 Nov 2023"
    )
    for fig in _all_figures(lang, scenario=False):
        assert (
            annotation(fig, STAMP_NAME).text.replace("<br>", " ") == expected
        )  # narrow charts wrap it
        assert not [a for a in fig.layout.annotations if a.name == WATERMARK_NAME]
        assert not fig.layout.title.text.startswith("<b>SC")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_scenario_watermark_on_every_figure(lang):
    word = "SCÉNARIO" if lang == "fr" else "SCENARIO"
    for fig in _all_figures(lang, scenario=True):
        mark = annotation(fig, WATERMARK_NAME)
        assert mark.text == f"<b>{word}</b>"
        assert mark.textangle not in (None, 0)
        assert 0 < mark.opacity < 0.5
        assert fig.layout.title.text.startswith(f"<b>{word} — ")


def test_figures_serialise_to_json():
    # Streamlit sends figures as JSON: no pd.NA or numpy scalars may be left in them.
    for fig in _all_figures("fr", scenario=True):
        fig.to_json()


@pytest.mark.parametrize("n_areas", [16, 17, 24, 45])
def test_donut_grid_grows_instead_of_failing_with_many_reported_areas(n_areas):
    """An update reporting 17+ areas used to raise plotly's vertical-spacing ValueError."""
    base = make_areas({"shelter": 10, "cccm": 20, "mhpss": 30, "wash_emergency": 40})
    base = base[base["reported"]]
    copies = []
    for copy in range(-(-n_areas // len(base))):
        copies.append(base.assign(area_id=[f"{a}_{copy}" for a in base["area_id"]]))
    areas = pd.concat(copies, ignore_index=True).head(n_areas)
    fig = coverage_donuts_grid(areas, lang="en", source=SOURCE, as_of=AS_OF)
    donuts = [trace for trace in fig.data if trace.type == "pie"]
    assert len(donuts) == n_areas
    assert fig.layout.height >= 720
    heights = {round(t.domain.y[1] - t.domain.y[0], 6) for t in donuts}
    assert len(heights) == 1  # every row the same height
    assert heights.pop() * fig.layout.height >= 100  # a readable donut in every row
