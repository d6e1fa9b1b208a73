"""Charts for screen readers (hidden summaries beside each chart, escaped) and chart file
names under a scenario (components.widgets.charts / accessibility), with AppTest."""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from components.charts import area_funding_bars, objective_funding_bars
from components.charts.summary import figure_summary
from components.widgets.accessibility import (
    LABEL_SCRIPT,
    MARKER_CLASS,
    PAGE_CLASS,
    description_html,
)
from components.widgets.charts import IDENTITY_STATE_KEY, export_file_name
from data.scenario import ScenarioIdentity
from text import t

DASHBOARD = str(Path(__file__).resolve().parents[1] / "dashboard.py")
DAY = dt.date(2024, 3, 14)


def open_page(page: str, lang: str) -> AppTest:
    at = AppTest.from_file(DASHBOARD, default_timeout=90)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page(page)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def descriptions(at: AppTest) -> list[str]:
    """Each chart's hidden description (not the page's own style and script, which name the
    marker class too)."""
    bodies = [h.proto.body for h in at.get("html")]
    page_element = f'<span class="{PAGE_CLASS}"></span>'
    return [body for body in bodies if MARKER_CLASS in body and page_element not in body]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_funding_chart_has_its_summary_beside_it(lang, funding):
    at = open_page("pages/funding.py", lang)
    bodies = descriptions(at)
    assert len(bodies) == len(at.get("plotly_chart")) == 2
    stamp = {"lang": lang, "source": "x", "as_of": "2023-11-27"}
    expected = [
        figure_summary(area_funding_bars(funding.areas, funding.objectives, **stamp), lang),
        figure_summary(objective_funding_bars(funding.objectives, **stamp), lang),
    ]
    for body, lines in zip(bodies, expected, strict=True):
        items = re.findall(r"<li>(.*?)</li>", body)
        assert items == [html.escape(line) for line in lines]
    assert t("chart.area_funding.title", lang) in bodies[0]


def test_the_3d_map_is_named_and_summarised():
    at = open_page("pages/displacement.py", "fr")
    at.session_state["displacement.tab"] = t("displacement.tab_3d", "fr")
    at.run()
    (body,) = descriptions(at)
    assert f'<p class="{MARKER_CLASS}-name">PDI estimées par région, vue 3D</p>' in body
    assert "<li>4 régions avec une estimation\u00a0: 325\u202f327 PDI au total</li>" in body


def test_a_description_is_escaped_text_and_the_script_a_constant():
    body = description_html("<img src=x onerror=alert(1)>", ["**A** <script>x</script>", "B & C"])
    assert "<img" not in body and "<script>x" not in body
    assert "&lt;img src=x onerror=alert(1)&gt;" in body
    assert "<li>**A** &lt;script&gt;x&lt;/script&gt;</li> <li>B &amp; C</li>" in body
    assert body.endswith(LABEL_SCRIPT)
    # DOMPurify (st.html) drops a <script> whose text looks like markup: "<" + letter or "/".
    script_text = LABEL_SCRIPT.removeprefix("<script>").removesuffix("</script>")
    assert not re.search(r"<[/\w!]", script_text)


def test_export_file_names_carry_the_scenario():
    identity = ScenarioIdentity(name="Bailleur X : +2 M$", lines=())
    assert export_file_name("funding-by-area", "fr", "png", DAY) == (
        "iom-mali-crp2024-funding-by-area-fr-2024-03-14.png"
    )
    assert export_file_name("funding-by-area", "fr", "png", DAY, identity) == (
        "iom-mali-crp2024-funding-by-area-scenario-bailleur-x-2-m-fr-2024-03-14.png"
    )
    unsaved = ScenarioIdentity(name=None, lines=())
    assert export_file_name("coverage plan", "en", "svg", DAY, unsaved) == (
        "iom-mali-crp2024-coverage-plan-scenario-unsaved-en-2024-03-14.svg"
    )


def _chart_app() -> None:
    import plotly.graph_objects as go

    from components.widgets.charts import show_chart

    show_chart(go.Figure(go.Bar(x=[1], y=["a"])), "funding-by-area", lang="en")


@pytest.fixture
def file_names(monkeypatch) -> list[str]:
    """The file names the download buttons register (their bytes are made on click)."""
    names: list[str] = []
    register = MediaFileManager.add_deferred

    def record(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        names.append(file_name)
        return register(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", record)
    monkeypatch.setattr("components.widgets.charts.export_available", lambda: True)
    return names


@pytest.mark.parametrize(
    ("identity", "middle"),
    [
        (None, "funding-by-area"),
        (ScenarioIdentity(name="Bailleur X", lines=()), "funding-by-area-scenario-bailleur-x"),
        (ScenarioIdentity(name=None, lines=()), "funding-by-area-scenario-unsaved"),
    ],
)
def test_chart_downloads_read_the_scenario_from_the_session(identity, middle, file_names):
    at = AppTest.from_function(_chart_app, default_timeout=30)
    if identity is not None:
        at.session_state[IDENTITY_STATE_KEY] = identity
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    today = dt.date.today().isoformat()
    assert file_names == [
        f"iom-mali-crp2024-{middle}-en-{today}.png",
        f"iom-mali-crp2024-{middle}-en-{today}.svg",
    ]
