"""AppTest for every page: no exception, the right elements, the plan's real figures."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from text import fmt_int, fmt_pct, fmt_usd, t

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


def open_page(page: str, lang: str = "fr") -> AppTest:
    at = AppTest.from_file(DASHBOARD, default_timeout=90)
    at.query_params["lang"] = lang
    at.run()
    if page != "pages/overview.py":
        at.switch_page(page)
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def plotly_charts(at: AppTest) -> list:
    return at.get("plotly_chart")


def open_tab(at: AppTest, label_key: str) -> AppTest:
    """Open a lazy tab of the Displacement page (only the open tab's content runs)."""
    at.session_state["displacement.tab"] = t(label_key, at.session_state["lang"])
    return at.run()


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_without_exception(page):
    at = open_page(page)
    assert at.title, "every page has a title"
    assert not at.error, [e.value for e in at.error]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_overview_metrics_are_the_plans_figures(lang, funding):
    at = open_page("pages/overview.py", lang)
    metrics = {metric.label: metric.value for metric in at.metric}
    from text import t

    totals = funding.totals
    assert metrics == {
        t("metric.required", lang): fmt_usd(24_600_000, lang),
        t("metric.confirmed", lang): fmt_usd(2_226_876, lang),
        t("metric.gap", lang): fmt_usd(22_373_124, lang),
        t("metric.coverage", lang): fmt_pct(totals.coverage, lang),
        t("metric.people_targeted", lang): fmt_int(608_300, lang),
        t("metric.entities_targeted", lang): "14",
    }
    if lang == "en":
        assert metrics["Funding confirmed"] == "$2,226,876"
        assert metrics["Coverage"] == "9.1%"
    else:
        assert metrics["Financement requis"] == "24\u202f600\u202f000\u00a0$"
        assert metrics["Couverture"] == "9,1\u00a0%"


def test_overview_shows_the_data_notes():
    at = open_page("pages/overview.py", "en")
    text = " ".join(block.value for block in at.markdown)
    assert "$410,526 confirmed are not itemised to any area" in text
    assert "The plan also prints 391,691 IDPs" in text
    assert "'April 2023'" in text
    assert "(the printed percentage is truncated, not rounded)" in text
    assert len(plotly_charts(at)) == 2  # one coverage donut per objective


def test_funding_page_charts_come_from_the_pure_layer(funding):
    at = open_page("pages/funding.py", "en")
    charts = plotly_charts(at)
    assert len(charts) == 2
    import json

    figure = json.loads(charts[0].proto.spec)
    values = {}
    for trace in figure["data"]:
        if trace.get("meta", {}).get("kind") == "confirmed":
            values.update(dict(zip(trace["customdata"], trace["x"], strict=True)))
    reported = funding.areas.dropna(subset=["confirmed_usd"]).set_index("area_id")["confirmed_usd"]
    assert values == {key: int(value) for key, value in reported.items()}


def test_funding_sort_and_filter_widgets():
    at = open_page("pages/funding.py", "en")
    at.multiselect(key="funding.objectives").set_value(["obj2"]).run()
    assert not at.exception
    at.multiselect(key="funding.objectives").set_value([]).run()
    assert not at.exception
    assert at.info, "an empty selection says what to do"


def test_coverage_page_has_plan_objective_and_area_donuts():
    at = open_page("pages/coverage.py", "en")
    assert len(plotly_charts(at)) == 4  # plan, two objectives, the small multiples


def test_displacement_page_has_both_maps_and_the_other_regions_line():
    at = open_page("pages/displacement.py", "en")
    assert len(plotly_charts(at)) == 1
    assert len(at.get("deck_gl_json_chart")) == 0  # lazy tabs: the 3D deck is not sent yet
    open_tab(at, "displacement.tab_3d")
    assert not at.exception
    assert len(at.get("deck_gl_json_chart")) == 1 and len(plotly_charts(at)) == 0
    text = " ".join(block.value for block in at.markdown)
    assert "**391,961** internally displaced persons as of 30 Sep 2023" in text
    assert "**Other regions: 66,634 (17.0%)**" in text


def test_displacement_overlay_by_activity_area():
    at = open_page("pages/displacement.py", "en")
    at.selectbox(key="displacement.area").set_value("mhpss").run()
    assert not at.exception
    captions = " ".join(caption.value for caption in at.caption)
    assert "regions the plan names: Ménaka, Gao, Kidal" in captions  # display names, accents kept
    assert "confirmed funding not reported in the plan" in captions


def test_displacement_overlay_marks_an_inferred_region():
    at = open_page("pages/displacement.py", "fr")
    at.selectbox(key="displacement.area").set_value("protection").run()
    captions = " ".join(caption.value for caption in at.caption)
    assert "Ménaka, Gao (déduite\u00a0: le plan nomme Ansongo, qui en fait partie)" in captions
    assert (
        "Financement 167\u202f256\u00a0$ confirmés sur 1\u202f000\u202f000\u00a0$ requis (16,7\u00a0%)"
        in captions
    )


def test_data_page_lists_every_table_with_downloads():
    at = open_page("pages/data_sources.py", "en")
    assert len(at.dataframe) == 8
    assert len(at.get("download_button")) == 9  # one Excel workbook + one CSV per table


@pytest.mark.parametrize(
    ("page", "charts"),
    [
        ("pages/overview.py", 2),
        ("pages/funding.py", 2),
        ("pages/coverage.py", 4),
        ("pages/displacement.py", 1),
    ],
)
def test_every_chart_downloads_as_png_and_svg(page, charts):
    at = open_page(page, "en")
    labels = [button.label for button in at.get("download_button")]
    assert labels.count("PNG") == charts
    assert labels.count("SVG") == charts


def _text(at: AppTest) -> str:
    return " ".join(block.value for block in at.markdown)


def test_displacement_refuses_a_bad_dtm_upload_and_keeps_the_plans_figures():
    at = open_page("pages/displacement.py", "en")
    bad = b"region,share_pct\nMopti,23\nTombuktoo,16\n"
    at.file_uploader[0].upload("round.csv", bad, "text/csv").run()
    assert not at.exception
    errors = [error.value for error in at.error]
    assert len(errors) == 1
    assert errors[0].startswith("File refused (round\\.csv):\n- round\\.csv, row 3, column ")
    assert "unknown region 'Tombuktoo'" in errors[0]
    assert "**391,961** internally displaced persons" in _text(at)
    assert len(plotly_charts(at)) == 1


def test_displacement_accepts_a_dtm_counts_table_and_goes_back():
    at = open_page("pages/displacement.py", "en")
    counts = b"region,idps,as_of\nTombouctou,30000,2024-03-31\nM\xc3\xa9naka,10000,2024-03-31\n"
    at.file_uploader[0].upload("round_2024.csv", counts, "text/csv").run()
    assert not at.exception and not at.error
    assert "**40,000** internally displaced persons as of 31 Mar 2024" in _text(at)
    at.button(key="displacement.reset_uploads").click().run()
    assert not at.exception
    assert "**391,961** internally displaced persons as of 30 Sep 2023" in _text(at)


def test_displacement_accepts_a_cod_ab_boundary_file_with_menaka():
    at = open_page("pages/displacement.py", "en")
    data = (Path(__file__).with_name("fixtures") / "codab_adm1.geojson").read_bytes()
    at.file_uploader[1].upload("mli_adm1_codab.geojson", data, "application/geo+json").run()
    assert not at.exception and not at.error
    rows = open_tab(at, "displacement.tab_table").dataframe[0].value.values.tolist()
    assert ["Ménaka", "47,035", "12.0%", "Ménaka"] in rows  # its own polygon here
    assert ["Gao", "35,276", "9.0%", "Gao"] in rows
    assert rows[-1] == ["other regions", "66,634", "17.0%", ""]


def test_displacement_refuses_a_boundary_file_that_is_not_geojson():
    at = open_page("pages/displacement.py", "en")
    at.file_uploader[1].upload("map.geojson", b"not json at all", "application/geo+json").run()
    assert not at.exception
    assert len(at.error) == 1
    assert at.error[0].value.startswith("File refused (map\\.geojson):\n- ")
    assert at.error[0].value.endswith(
        "map\\.geojson: unsupported format; upload a GeoJSON (FeatureCollection), a zipped "
        "shapefile or a GeoPackage."
    )
    rows = open_tab(at, "displacement.tab_table").dataframe[0].value.values.tolist()
    # the bundled boundaries stay
    assert ["Gao (incl. Ménaka)", "82,311", "21.0%", "Gao, Ménaka"] in rows


@pytest.mark.parametrize("page", ["pages/overview.py", "pages/displacement.py"])
def test_a_broken_data_file_gives_a_specific_message_not_a_traceback(page, csv_copy, monkeypatch):
    path = csv_copy / "activity_areas.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace(",1000000,403415,", ",1000000,abc,"),
        encoding="utf-8",
    )
    monkeypatch.setenv("CRP_DASHBOARD_CSV_DIR", str(csv_copy))
    at = AppTest.from_file(DASHBOARD, default_timeout=90)
    at.query_params["lang"] = "en"
    at.run()
    if page != "pages/overview.py":
        at.switch_page(page).run()
    assert not at.exception
    assert len(at.error) == 1
    assert at.error[0].value == (
        "The plan's data could not be loaded:\n"
        "- activity\\_areas\\.csv, row 3, column 'confirmed\\_usd': 'abc' is not a whole number"
    )
    assert not at.metric and not at.get("plotly_chart")


def test_a_page_run_executes_the_entry_point_once(monkeypatch):
    """No run goes through Streamlit's old pages-directory mode (which doubled every run)."""
    import streamlit as st
    from streamlit.runtime.scriptrunner import script_runner

    old_mode = []
    monkeypatch.setattr(script_runner, "_mpa_v1", lambda path: old_mode.append(path))
    navigations = []
    original = st.navigation

    def counting_navigation(*args, **kwargs):
        navigations.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(st, "navigation", counting_navigation)
    at = open_page("pages/briefing.py", "en")
    assert old_mode == []
    assert len(navigations) == 2  # dashboard.py ran once for Overview, once for Briefing
    assert at.title[0].value
