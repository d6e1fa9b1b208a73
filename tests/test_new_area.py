"""Adding an activity area is a change to the data tables only: figures and names follow.

A 16th area is added to a copy of ``data/csv`` (objective 2, USD 300,000 required, confirmed
not reported); objective 2's required amount and the plan's cover are raised to match, so the
plan still reconciles. Everything else (funding figures, reconciliation, names in both
languages) must come out of the loaders without touching code or the interface catalog, and
every page must show the new area by its names (``CRP_DASHBOARD_CSV_DIR`` points the app at
the copy): AppTest over every page, in French and in English.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from components.safe_text import plain
from data.names import area_names
from data.plan import CSV_DIR, compute_funding, load_plan, regions_by_area
from text import fmt_usd, not_reported, nt, t

NEW_AREA = {
    "area_id": "hlp",
    "objective_id": "obj2",
    "name_en": "Housing, land and property",
    "name_fr": "Logement, terre et propriété",
    "required_usd": "300000",
    "confirmed_usd": "",  # not reported
    "printed_coverage_pct": "",
    "source_id": "crp2024",
    "short_name_en": "HLP",
    "short_name_fr": "LTP (logement)",
}
OBJ2_REQUIRED = 6_900_000 + 300_000
PLAN_REQUIRED = 24_600_000 + 300_000
CONFIRMED = 2_226_876  # unchanged: the new area reports nothing
GAP_PRINTED = 22_700_000  # "$22.7M GAP" on the cover of the amended plan


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("plan") / "csv"
    shutil.copytree(CSV_DIR, target)
    areas = target / "activity_areas.csv"
    with areas.open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    assert header == list(NEW_AREA), "the test adds a row with every column of the table"
    row = io.StringIO()
    csv.writer(row, lineterminator="\n").writerow(NEW_AREA.values())
    with areas.open("a", encoding="utf-8", newline="") as handle:
        handle.write(row.getvalue())
    _replace(
        target / "objectives.csv",
        "obj2,Driving solutions to displacement,Apporter des solutions au déplacement,6900000,",
        f"obj2,Driving solutions to displacement,"
        f"Apporter des solutions au déplacement,{OBJ2_REQUIRED},",
    )
    _replace(
        target / "plan_summary.csv", "required_usd,24600000,", f"required_usd,{PLAN_REQUIRED},"
    )
    _replace(
        target / "plan_summary.csv", "gap_printed_usd,22400000,", f"gap_printed_usd,{GAP_PRINTED},"
    )
    return target


@pytest.fixture(scope="module")
def plan(folder):
    return load_plan(folder)


@pytest.fixture(scope="module")
def funding(plan):
    return compute_funding(plan)


def test_the_new_area_is_loaded_as_the_sixteenth(plan):
    assert len(plan.areas) == 16
    row = plan.areas.iloc[-1]
    assert row["area_id"] == "hlp"
    assert row["objective_id"] == "obj2"
    assert row["required_usd"] == 300_000
    assert pd.isna(row["confirmed_usd"])  # not reported, never 0
    assert regions_by_area(plan)["hlp"] == []


def test_the_new_area_has_exact_funding_figures(funding):
    area = funding.areas.set_index("area_id").loc["hlp"]
    assert area["required_usd"] == 300_000
    assert pd.isna(area["confirmed_usd"]) and pd.isna(area["gap_usd"])
    assert pd.isna(area["coverage"])
    assert not area["reported"] and not area["over_funded"]


def test_objective_two_and_the_plan_add_up(funding):
    obj2 = funding.objectives.set_index("objective_id").loc["obj2"]
    assert obj2["required_usd"] == OBJ2_REQUIRED == obj2["areas_required_usd"]
    assert obj2["confirmed_usd"] == 366_282 == obj2["itemised_confirmed_usd"]
    assert obj2["unitemised_confirmed_usd"] == 0
    assert (obj2["areas_total"], obj2["areas_reported"]) == (6, 2)
    assert obj2["gap_usd"] == OBJ2_REQUIRED - 366_282 == 6_833_718
    assert obj2["coverage"] == pytest.approx(366_282 / 7_200_000)
    totals = funding.totals
    assert (totals.required_usd, totals.confirmed_usd) == (PLAN_REQUIRED, CONFIRMED)
    assert totals.gap_usd == PLAN_REQUIRED - CONFIRMED == 22_673_124
    assert totals.coverage == pytest.approx(CONFIRMED / PLAN_REQUIRED)


def test_the_amended_plan_still_reconciles(funding):
    notes = funding.reconciliation.set_index("check_id")
    assert notes.loc["obj2.required", "kind"] == "match"
    assert notes.loc["plan.required", "kind"] == "match"
    assert notes.loc["obj2.confirmed", "kind"] == "match"
    assert notes.loc["plan.gap", "kind"] == "rounding"
    assert notes.loc["plan.gap", "amount"] == GAP_PRINTED - 22_673_124
    assert notes.loc["obj2.coverage_pct", "kind"] == "rounding"  # 5% printed, 5.09% computed
    assert notes.loc["obj2.coverage_pct", "computed"] == 5.1


def test_the_new_area_is_named_in_both_languages(funding):
    assert area_names(funding.areas, "en")["hlp"] == "Housing, land and property"
    assert area_names(funding.areas, "fr")["hlp"] == "Logement, terre et propriété"
    assert area_names(funding.areas, "en", short=True)["hlp"] == "HLP"
    assert area_names(funding.areas, "fr", short=True)["hlp"] == "LTP (logement)"
    assert list(area_names(funding.areas, "fr", short=True))[-1] == "hlp"


# --- every page shows the new area -----------------------------------------------------------
DASHBOARD = str(Path(__file__).resolve().parents[1] / "dashboard.py")
PAGES = [
    "pages/overview.py",
    "pages/funding.py",
    "pages/coverage.py",
    "pages/displacement.py",
    "pages/what_if.py",
    "pages/briefing.py",
    "pages/data_sources.py",
]
LONG = {"en": NEW_AREA["name_en"], "fr": NEW_AREA["name_fr"]}
SHORT = {"en": NEW_AREA["short_name_en"], "fr": NEW_AREA["short_name_fr"]}
LANGS = ["fr", "en"]


@pytest.fixture
def amended_app(folder, monkeypatch):
    """The dashboard reading the amended tables."""
    monkeypatch.setenv("CRP_DASHBOARD_CSV_DIR", str(folder))

    def open_page(page: str, lang: str) -> AppTest:
        at = AppTest.from_file(DASHBOARD, default_timeout=90)
        at.query_params["lang"] = lang
        at.run()
        if page != "pages/overview.py":
            at.switch_page(page)
            at.run()
        assert_clean(at)
        return at

    return open_page


def assert_clean(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def figures(at: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def categories(figure: dict) -> list[str]:
    """Every category of every y axis of a figure."""
    layout = figure["layout"]
    return [
        c for key in layout if key.startswith("yaxis") for c in layout[key].get("categoryarray", [])
    ]


def annotation_text(figure: dict, name: str) -> str:
    (found,) = [a["text"] for a in figure["layout"]["annotations"] if a.get("name") == name]
    return found.replace("<br>", " ")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_with_the_new_area(amended_app, page, lang):
    at = amended_app(page, lang)
    assert at.title, "every page has a title"


@pytest.mark.parametrize("lang", LANGS)
def test_overview_adds_the_new_requirement(amended_app, lang):
    at = amended_app("pages/overview.py", lang)
    metrics = {metric.label: metric.value for metric in at.metric}
    assert metrics[t("metric.required", lang)] == fmt_usd(PLAN_REQUIRED, lang)
    assert metrics[t("metric.confirmed", lang)] == fmt_usd(CONFIRMED, lang)


@pytest.mark.parametrize("lang", LANGS)
def test_funding_bars_name_the_new_area(amended_app, lang):
    at = amended_app("pages/funding.py", lang)
    bars = figures(at)[0]
    assert SHORT[lang] in categories(bars)  # the axis: its short name
    (bar,) = [
        (x, hover)
        for trace in bars["data"]
        if trace.get("meta", {}).get("kind") == "not_reported"
        for area_id, x, hover in zip(
            trace["customdata"], trace["x"], trace["hovertext"], strict=True
        )
        if area_id == "hlp"
    ]
    assert bar[0] == 300_000  # not reported: a full-length hatched bar, never 0
    assert bar[1].startswith(f"<b>{LONG[lang]}</b>")  # the hover: its long name


@pytest.mark.parametrize("lang", LANGS)
def test_coverage_caption_lists_the_new_area_as_not_reported(amended_app, funding, lang):
    at = amended_app("pages/coverage.py", lang)
    caption = annotation_text(figures(at)[-1], "not_reported_caption")
    short = area_names(funding.areas, lang, short=True)
    missing = [short[a] for a in funding.areas.loc[~funding.areas["reported"], "area_id"]]
    assert len(missing) == 8 and missing[-1] == SHORT[lang]
    assert caption == nt("label.not_reported_areas", 8, lang, areas=", ".join(missing))


@pytest.mark.parametrize("lang", LANGS)
def test_what_if_editor_and_tables_have_a_row_for_the_new_area(amended_app, lang):
    at = amended_app("pages/what_if.py", lang)
    (editor,) = at.data_editor
    assert len(editor.value) == 16
    assert editor.value.loc["hlp", "area"] == SHORT[lang]
    assert editor.value.loc["hlp", "plan_confirmed"] == t("status.not_reported", lang)
    by_area = at.table[1].value  # the comparison by area (st.table: cells escaped)
    assert plain(SHORT[lang]) in by_area.iloc[:, 0].tolist()


@pytest.mark.parametrize("lang", LANGS)
def test_displacement_offers_the_new_area_as_an_overlay(amended_app, lang):
    at = amended_app("pages/displacement.py", lang)
    select = at.selectbox(key="displacement.area")
    assert select.options[-1] == LONG[lang]  # offered by its long name, last as in the table
    select.set_value("hlp").run()
    assert_clean(at)
    captions = " ".join(caption.value for caption in at.caption)
    assert LONG[lang] in captions
    assert t("displacement.no_region_named", lang) in captions


@pytest.mark.parametrize("lang", LANGS)
def test_briefing_counts_the_new_area(amended_app, lang):
    at = amended_app("pages/briefing.py", lang)
    for _ in range(2):
        at.button(key="briefing.next").click().run()
        assert_clean(at)
    metrics = {metric.label: metric.value for metric in at.metric}
    assert metrics[t("briefing.figure.areas_reported", lang)] == "8 / 16"


@pytest.mark.parametrize("lang", LANGS)
def test_data_and_sources_table_lists_the_new_area(amended_app, lang):
    at = amended_app("pages/data_sources.py", lang)
    tables = [frame.value for frame in at.dataframe]

    def col(name: str) -> str:
        return t(f"table.col.{name}", lang)  # the page shows translated headers

    (areas,) = [f for f in tables if col("area_id") in f and col("required_usd") in f]
    row = areas.set_index(col("area_id")).loc["hlp"]
    assert (row[col("name")], row[col("short_name")]) == (LONG[lang], SHORT[lang])
    assert row[col("required_usd")] == fmt_usd(300_000, lang)
    assert row[col("confirmed_usd")] == not_reported(lang)  # written out, never 0
