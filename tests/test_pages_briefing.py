"""AppTest of the briefing page through the real entry point (dashboard.py + st.navigation)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from text import fmt_date, fmt_int, fmt_pct, fmt_usd, t

DASHBOARD = str(Path(__file__).resolve().parents[1] / "dashboard.py")
BRIEFING = "pages/briefing.py"


def open_briefing(lang: str = "fr", screen: int | None = None, state: dict | None = None):
    at = AppTest.from_file(DASHBOARD, default_timeout=90)
    at.query_params["lang"] = lang
    if screen is not None:
        at.query_params["screen"] = str(screen)
    for key, value in (state or {}).items():
        at.session_state[key] = value
    at.run()
    at.switch_page(BRIEFING)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def title(at: AppTest) -> str:
    (heading,) = at.title
    return heading.value


def figures(at: AppTest) -> dict[str, str]:
    return {metric.label: metric.value for metric in at.metric}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_first_screen_shows_the_plan_status(lang):
    at = open_briefing(lang)
    assert title(at) == t("briefing.screen.status", lang)
    assert figures(at) == {
        t("metric.required", lang): fmt_usd(24_600_000, lang),
        t("metric.confirmed", lang): fmt_usd(2_226_876, lang),
        t("metric.gap", lang): fmt_usd(22_373_124, lang),
        t("metric.coverage", lang): fmt_pct(2_226_876 / 24_600_000, lang),
        t("metric.people_targeted", lang): fmt_int(608_300, lang),
        t("briefing.figure.as_of", lang): fmt_date("2023-11-27", lang),
    }
    assert len(at.get("plotly_chart")) == 1
    labels = [button.label for button in at.get("download_button")]
    assert labels == [
        t("export.png", lang),
        t("export.svg", lang),
        t("briefing.pack.pdf", lang),
        t("briefing.pack.pptx", lang),
    ]
    assert at.query_params["screen"] == "1"


def test_next_and_previous_change_the_screen():
    at = open_briefing("fr")
    assert at.button(key="briefing.previous").disabled
    seen = [title(at)]
    for _ in range(3):
        at.button(key="briefing.next").click().run()
        assert not at.exception
        seen.append(title(at))
    assert seen == [
        t(f"briefing.screen.{key}", "fr")
        for key in (
            "status",
            "objectives",
            "coverage",
            "displacement",
        )
    ]
    assert at.button(key="briefing.next").disabled
    assert at.query_params["screen"] == "4"
    assert figures(at)[t("metric.idps", "fr")] == fmt_int(391_961, "fr")

    at.button(key="briefing.previous").click().run()
    assert title(at) == t("briefing.screen.coverage", "fr")
    assert figures(at)[t("briefing.figure.plan_coverage", "fr")] == "9,1\u00a0%"


def test_screen_number_in_the_url_opens_that_screen():
    at = open_briefing("en", screen=4)
    assert title(at) == "Internally displaced persons"
    assert figures(at) == {
        "Internally displaced persons": "391,961",
        "Data as of": "30 Sep 2023",
        "Other regions (not mapped)": "66,634 (17.0%)",
    }


def test_out_of_range_screen_number_is_clamped():
    assert title(open_briefing("fr", screen=99)) == t("briefing.screen.displacement", "fr")


def test_language_switch_in_briefing_keeps_the_screen_and_the_sidebar_in_step():
    at = open_briefing("fr", screen=2)
    assert title(at) == "Financement par objectif"
    at.segmented_control(key="briefing.lang").set_value("en").run()
    assert not at.exception
    assert title(at) == "Funding by objective"
    assert figures(at)["Objective 1 — coverage"] == "10.5%"
    assert at.session_state["sidebar.lang"] == "en"  # the sidebar radio follows
    at.run()  # the (hidden) sidebar radio must not switch it back
    assert title(at) == "Funding by objective"
    assert at.query_params["lang"] == "en"


def test_scenario_figures_are_marked():
    from data.scenario import AreaEdit
    from pages._scenario import SCENARIO_KEY

    at = open_briefing("fr", state={SCENARIO_KEY: {"shelter": AreaEdit(pledge_usd=1_000_000)}})
    assert title(at) == t("scenario.title_prefix", "fr", title="Le plan en chiffres")
    assert figures(at)[t("metric.confirmed", "fr")] == fmt_usd(3_226_876, "fr")
    for _ in range(3):
        at.button(key="briefing.next").click().run()
    assert title(at) == "Personnes déplacées internes"  # DTM figures: never a scenario
