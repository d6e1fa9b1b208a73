"""AppTest of the briefing page through the real entry point (dashboard.py + st.navigation)."""

from __future__ import annotations

import json
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


# --- the projected screen and the presenter panel ------------------------------------------------
def in_order(node):
    """The page's elements in the order they are shown (containers walked depth first)."""
    children = getattr(node, "children", None)
    if not children:
        yield node
        return
    for index in sorted(children):
        yield from in_order(children[index])


def font_sizes(node, inside_font: bool = False) -> list[float]:
    sizes: list[float] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "size" and inside_font:
                sizes.extend(value if isinstance(value, list) else [value])
            else:
                sizes.extend(font_sizes(value, key.endswith("font")))
    elif isinstance(node, list):
        for item in node:
            sizes.extend(font_sizes(item, inside_font))
    return sizes


@pytest.mark.parametrize(("lang", "screen"), [("fr", 1), ("en", 2), ("fr", 3), ("en", 4)])
def test_the_chart_is_laid_out_for_the_stage_in_large_type(lang, screen):
    from components.briefing.stage import CHART_ZOOM, MIN_CHART_FONT_PX, chart_layout_size

    at = open_briefing(lang, screen=screen)
    (chart,) = at.get("plotly_chart")
    spec = json.loads(chart.proto.spec)
    width, height = chart_layout_size()
    assert (spec["layout"]["width"], spec["layout"]["height"]) == (width, height)
    assert min(font_sizes(spec)) * CHART_ZOOM >= MIN_CHART_FONT_PX
    assert json.loads(chart.proto.config)["displayModeBar"] is False


def test_the_map_screen_shows_the_table_of_values_beside_the_map():
    at = open_briefing("fr", screen=4)
    (chart,) = at.get("plotly_chart")
    spec = json.loads(chart.proto.spec)
    rows = [tr["name"] for tr in spec["data"] if tr.get("meta", {}).get("kind") == "legend"]
    assert rows[:4] == [
        f"Mopti (y c. Bandiagara)<br><b>{fmt_int(90_151 + 54_875, 'fr')}</b>",
        f"Gao (y c. Ménaka)<br><b>{fmt_int(35_276 + 47_035, 'fr')}</b>",
        f"Tombouctou<br><b>{fmt_int(62_714, 'fr')}</b>",
        f"Ségou<br><b>{fmt_int(35_276, 'fr')}</b>",
    ]
    assert spec["layout"]["title"]["text"] == ""  # the title bar names the screen


def test_downloads_and_pack_are_below_the_projected_screen():
    at = open_briefing("en", screen=2)
    shown = [
        (e.type, getattr(e, "label", None) or getattr(e, "value", "")) for e in in_order(at.main)
    ]
    chart = next(i for i, (kind, _) in enumerate(shown) if kind == "plotly_chart")
    panel = shown.index(("subheader", t("briefing.presenter.heading", "en")))
    downloads = [i for i, (kind, _) in enumerate(shown) if kind == "download_button"]
    assert chart < panel < min(downloads) and len(downloads) == 4
    # In the projected part: the title bar, the key figures, the notes and the chart only.
    kinds = {kind for kind, _ in shown[: chart + 1]}
    assert kinds == {
        "title",
        "button",
        "markdown",
        "button_group",
        "page_link",
        "metric",
        "plotly_chart",
    }


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_pack_files_are_named_after_the_scenario(lang, monkeypatch):
    import datetime as dt

    import components.widgets.projector as projector
    from data.scenario import AreaEdit
    from pages._scenario import SCENARIO_KEY, SCENARIO_NAME_KEY

    names: list[str] = []
    original = projector.st.download_button

    def spy(*args, **kwargs):
        names.append(kwargs["file_name"])
        return original(*args, **kwargs)

    monkeypatch.setattr(projector.st, "download_button", spy)
    day = dt.date.today().isoformat()
    open_briefing(lang)
    assert names == [f"iom-mali-crp2024-briefing-{lang}-{day}.{ext}" for ext in ("pdf", "pptx")]
    names.clear()
    edits = {"shelter": AreaEdit(pledge_usd=2_000_000)}
    open_briefing(lang, state={SCENARIO_KEY: edits, SCENARIO_NAME_KEY: "Bailleur X : +2 M$"})
    assert names == [
        f"iom-mali-crp2024-briefing-scenario-bailleur-x-2-m-{lang}-{day}.{ext}"
        for ext in ("pdf", "pptx")
    ]


@pytest.fixture
def fresh_pack_cache():
    """The pack's caches emptied before and after (a test's fake packs never outlive it)."""
    import pages._briefing_pack as pack

    pack.pack_bytes.clear()
    pack.pack_images.clear()
    yield pack
    pack.pack_bytes.clear()
    pack.pack_images.clear()


def test_the_pack_carries_the_scenario_identity_and_area_names(monkeypatch, plan, fresh_pack_cache):
    import datetime as dt

    from data.scenario import AreaEdit, scenario_identity

    pack = fresh_pack_cache
    calls: list[tuple[str, dict]] = []

    def builder(kind):
        def build(screens, **kwargs):
            calls.append((kind, kwargs))
            return kind.encode()

        return build

    monkeypatch.setattr(pack, "briefing_pack_pdf", builder("pdf"))
    monkeypatch.setattr(pack, "briefing_pack_pptx", builder("pptx"))
    monkeypatch.setattr(pack, "screen_images", lambda screens: [b"png"] * len(screens))
    edits = {"shelter": AreaEdit(pledge_usd=2_000_000)}
    day = dt.date(2026, 12, 1)
    named = scenario_identity(plan, edits, "Bailleur X")
    assert pack.pack_builder("fr", edits, day, named)("pdf") == b"pdf"
    ((kind, kwargs),) = calls
    assert kind == "pdf" and kwargs["identity"] == named and kwargs["scenario"] is True
    shelter = plan.areas.set_index("area_id").loc["shelter", "name_fr"]
    assert kwargs["area_names"]["shelter"] == shelter
    assert kwargs["images"] == [b"png"] * 4
    # The cache key holds the name: the same edits under another name build another pack.
    pack.pack_builder("fr", edits, day, named)("pdf")
    assert len(calls) == 1
    renamed = scenario_identity(plan, edits, "Bailleur Y")
    pack.pack_builder("fr", edits, day, renamed)("pdf")
    assert len(calls) == 2 and calls[1][1]["identity"].name == "Bailleur Y"
    pack.pack_builder("en", {}, day, None)("pptx")
    assert calls[2][0] == "pptx" and calls[2][1]["identity"] is None
    assert (
        calls[2][1]["area_names"]["shelter"]
        == plan.areas.set_index("area_id").loc["shelter", "name_en"]
    )


@pytest.mark.parametrize(
    ("screen", "key"), [(1, "chart.coverage_total.title"), (4, "briefing.map.title")]
)
def test_the_projected_chart_is_named_by_its_chart_title(screen, key):
    (chart,) = open_briefing("en", screen=screen).get("plotly_chart")
    assert chart.proto.alt == t(key, "en")  # the map shows no title of its own: its name
