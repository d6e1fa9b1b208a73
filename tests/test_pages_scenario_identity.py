"""A named scenario on every page (AppTest): the banner with its name and edits, the sidebar,
the chart stamps, the Overview's data notes, the share link and the JSON file's name.

Scenarios are opened the way a colleague opens them: from a link (``?whatif=…&whatif_name=…``).
Expected texts are built from the plan's figures (``plan.areas``) and the catalogs, never from
the code under test.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from streamlit.runtime.memory_media_file_storage import _calculate_file_id
from streamlit.testing.v1 import AppTest

from components.safe_text import plain
from components.theme import STAMP_NAME, WATERMARK_NAME
from data.names import area_names
from data.scenario import AreaEdit, Scenario, scenario_to_json
from data.store import DATA_DIR_ENV
from text import fmt_date, fmt_usd, nt, t

DASHBOARD = str(Path(__file__).resolve().parents[1] / "dashboard.py")
WHAT_IF = "pages/what_if.py"
EDITS = {"shelter": AreaEdit(pledge_usd=500_000), "protection": AreaEdit(confirmed_usd=3_000_000)}
LINK = "shelter:=+500000;protection:3000000"
NAME = "Bailleur X"
PLAN_PAGES = ["pages/overview.py", "pages/funding.py", "pages/coverage.py", WHAT_IF]
BANNER_PAGES = [*PLAN_PAGES, "pages/displacement.py"]
NBSP = "\u00a0"


@pytest.fixture(autouse=True)
def scenario_dir(tmp_path, monkeypatch):
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path))
    return tmp_path


def open_link(page: str | None, lang: str, **query: str) -> AppTest:
    """A new session opening a link with ``query``, then ``page`` (sidebar navigation)."""
    at = AppTest.from_file(DASHBOARD, default_timeout=90)
    at.query_params["lang"] = lang
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    if page and page != "pages/overview.py":
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def named(page: str | None, lang: str, name: str = NAME) -> AppTest:
    return open_link(page, lang, whatif=LINK, whatif_name=name)


def edit_lines(plan, lang: str) -> list[str]:
    """The banner's lines for EDITS, from the plan's own figures (shelter, then protection)."""
    names = area_names(plan.areas, lang, short=True)
    confirmed = plan.areas.set_index("area_id")["confirmed_usd"]
    shelter = int(confirmed["shelter"])
    sep = f"{NBSP}:" if lang == "fr" else ":"
    pledged = {"fr": "(dont {} promis)", "en": "(including {} pledged)"}[lang]
    usd = lambda value: fmt_usd(value, lang)  # noqa: E731
    return [
        f"- {plain(names['shelter'])}{sep} {usd(shelter)} → {usd(shelter + 500_000)} "
        + pledged.format(usd(500_000)),
        f"- {plain(names['protection'])}{sep} {usd(int(confirmed['protection']))} → "
        f"{usd(3_000_000)}",
    ]


def active_edits(at: AppTest) -> dict[str, AreaEdit]:
    return at.session_state["whatif.edits"] if "whatif.edits" in at.session_state else {}


def banner(at: AppTest, lang: str) -> str:
    (shown,) = [w.value for w in at.main.warning if t("app.scenario_banner", lang) in w.value]
    return shown


def stamps(at: AppTest) -> list[str]:
    """The source/as-of stamp of each plotly chart on the page (from the figure's JSON)."""
    found = []
    for chart in at.get("plotly_chart"):
        layout = json.loads(chart.proto.spec)["layout"]
        (stamp,) = [a["text"] for a in layout["annotations"] if a.get("name") == STAMP_NAME]
        found.append(stamp)
    return found


# --- the banner and the sidebar -----------------------------------------------------------------
@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("page", BANNER_PAGES)
def test_every_page_shows_the_scenarios_name_and_edits(plan, page, lang):
    at = named(page, lang)
    heading = {
        "fr": f"Scénario{NBSP}: {NAME} — 2 domaines modifiés",
        "en": f"Scenario: {NAME} — 2 areas edited",
    }
    expected = "\n".join(
        [f"**{heading[lang]}**  ", t("app.scenario_banner", lang), "", *edit_lines(plan, lang)]
    )
    assert banner(at, lang) == expected
    sidebar = [w.value for w in at.sidebar.warning]
    assert f"{t('app.scenario_active', lang)}  \n**{NAME}**" in sidebar


def test_the_plans_pages_have_no_banner_and_data_sources_never_has_one():
    at = open_link(None, "en")
    assert not at.warning
    at = named("pages/data_sources.py", "en")
    assert not [w for w in at.main.warning if t("app.scenario_banner", "en") in w.value]


def test_an_unsaved_scenario_is_called_so(plan):
    at = open_link(None, "fr", whatif="protection:3000000")
    expected = nt("scenario.heading", 1, "fr", name=t("scenario.unsaved", "fr"))
    assert banner(at, "fr").startswith(f"**{expected}**  \n")
    assert f"**{t('scenario.unsaved', 'fr')}**" in at.sidebar.warning[0].value


def test_many_edits_are_folded_in_a_closed_expander(plan):
    link = "shelter:=+1;cccm:=+1;protection:=+1;mhpss:1"
    at = open_link(None, "en", whatif=link, whatif_name=NAME)
    shown = banner(at, "en")
    assert shown.startswith(f"**Scenario: {NAME} — 4 areas edited**  \n")
    assert "- " not in shown  # the lines are in the expander, not in the warning
    (expander,) = [e for e in at.main.expander if e.label == t("scenario.banner.edits", "en")]
    (lines,) = [m.value for m in expander.markdown]
    names = area_names(plan.areas, "en", short=True)
    assert [line.split(":")[0] for line in lines.split("\n")] == [
        f"- {names[area]}" for area in ("shelter", "cccm", "protection", "mhpss")
    ]


def test_markup_in_a_name_is_shown_as_text_everywhere():
    name = "<b>Big</b> & [x](http://e) **y**"
    at = named(WHAT_IF, "en", name)
    assert f"Scenario: {plain(name)} — 2 areas edited" in banner(at, "en")
    assert f"**{plain(name)}**" in at.sidebar.warning[0].value
    # plotly reads <b>, <a href> and entities: the stamp carries them escaped
    for stamp in stamps(at):
        assert "&lt;b&gt;Big&lt;/b&gt; &amp; [x](http://e) **y**" in stamp
        assert "<b>Big" not in stamp
    (code,) = at.code
    assert "whatif_name=%3Cb%3EBig%3C%2Fb%3E%20%26%20%5Bx%5D%28http%3A%2F%2Fe%29" in code.value


# --- chart stamps ---------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("page", PLAN_PAGES)
def test_charts_from_the_plans_funding_name_the_scenario(plan, page, lang):
    at = named(page, lang)
    as_of = fmt_date(plan.summary.document_date, lang)
    # The scenario on its own line above the plan's source line.
    expected = [
        t("stamp.scenario_line", lang, name=NAME),
        t("stamp.template", lang, source=t("source.plan", lang), as_of=as_of),
    ]
    found = stamps(at)
    assert found
    for stamp in found:
        # narrow charts (donuts) wrap each line further with <br>
        assert stamp.startswith(expected[0][:20])
        assert stamp.replace("<br>", " ") == " ".join(expected)


def test_stamps_are_the_plans_without_a_scenario():
    at = open_link("pages/funding.py", "en")
    for stamp in stamps(at):
        assert stamp.startswith(f"Source: {t('source.plan', 'en')} — data as of")
        assert "scenario" not in stamp


def test_a_long_name_is_cut_in_stamps_only():
    name = "A" * 80
    at = named("pages/funding.py", "en", name)
    for stamp in stamps(at):
        assert stamp.startswith(f"Plan figures modified by a scenario: {'A' * 39}…<br>")
    assert f"Scenario: {name} — 2 areas edited" in banner(at, "en")


def test_the_displacement_map_keeps_the_dtm_source():
    at = named("pages/displacement.py", "en")
    (stamp,) = stamps(at)
    assert NAME not in stamp
    assert stamp.startswith("Source: ")


# --- the Overview's data notes ---------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_overview_notes_say_they_describe_the_published_plan(plan, funding, lang):
    printed, computed = {
        "fr": ("2\u202f200\u202f000", "2\u202f226\u202f876"),
        "en": ("2,200,000", "2,226,876"),
    }[lang]
    at = named(None, lang)
    captions = [c.value for c in at.caption]
    assert t("overview.notes_scenario", lang, name=NAME) in captions
    notes = " ".join(m.value for m in at.markdown)
    shown_here = {"fr": "le chiffre affiché ici", "en": "the figure shown here"}[lang]
    assert shown_here not in notes  # the headline shows the scenario's figure
    expected = {
        "fr": f"le plan publié indique un total confirmé de {printed}{NBSP}$",
        "en": f"the published plan prints total confirmed funding as ${printed}",
    }[lang]
    assert expected in notes.lower()
    assert computed in notes
    headline = {m.label: m.value for m in at.metric}[t("metric.confirmed", lang)]
    protection = int(plan.areas.set_index("area_id").loc["protection", "confirmed_usd"])
    scenario_total = funding.totals.confirmed_usd + 500_000 + 3_000_000 - protection
    assert headline == fmt_usd(scenario_total, lang)

    plain_plan = open_link(None, lang)
    assert shown_here in " ".join(m.value for m in plain_plan.markdown)
    assert t("overview.notes_scenario", lang, name=NAME) not in [
        c.value for c in plain_plan.caption
    ]


# --- the share link and the JSON file ---------------------------------------------------------------
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_share_link_is_whole_and_opens_the_same_scenario(lang):
    at = AppTest.from_file(DASHBOARD, default_timeout=90)
    at.context["url"] = "https://dash.example.org/crp/what_if"
    at.query_params.update({"lang": lang, "whatif": LINK, "whatif_name": "Bailleur X : +2 M$"})
    at.run()
    at.switch_page(WHAT_IF).run()
    assert not at.exception
    (code,) = at.code
    url = code.value
    assert url == (
        "https://dash.example.org/crp/what_if?whatif=shelter:=%2B500000;protection:3000000"
        f"&whatif_name=Bailleur%20X%20%3A%20%2B2%20M%24&lang={lang}"
    )
    assert t("whatif.link.help_full", lang) in [c.value for c in at.caption]

    fresh = AppTest.from_file(DASHBOARD, default_timeout=90)  # a colleague opens it
    for key, values in parse_qs(urlsplit(url).query).items():
        fresh.query_params[key] = values[-1]
    fresh.run()
    assert not fresh.exception and not fresh.error
    assert active_edits(fresh) == EDITS
    assert fresh.session_state["whatif.name"] == "Bailleur X : +2 M$"
    assert plain("Bailleur X : +2 M$") in banner(fresh, lang)
    assert fresh.query_params["whatif_name"] == "Bailleur X : +2 M$"  # the address keeps it


def test_without_a_browser_address_the_link_is_the_query_with_its_help():
    at = named(WHAT_IF, "en")
    (code,) = at.code
    assert (
        code.value
        == "?whatif=shelter:=%2B500000;protection:3000000&whatif_name=Bailleur%20X&lang=en"
    )
    assert t("whatif.link.help", "en") in [c.value for c in at.caption]


def test_a_bad_name_in_a_link_is_refused_and_the_plan_kept():
    at = open_link(None, "en", whatif=LINK, whatif_name="Pl\u0430n")  # Cyrillic а
    (shown,) = [e.value for e in at.error]
    assert shown.startswith(t("whatif.link.refused", "en"))
    assert shown.endswith(
        "\n- the scenario name mixes Latin letters with Cyrillic or Greek letters (letters that look alike)"
    )
    assert not active_edits(at)
    assert "whatif" not in at.query_params and "whatif_name" not in at.query_params
    assert not [w for w in at.main.warning if t("app.scenario_banner", "en") in w.value]


def test_saving_puts_the_name_in_the_address(plan):
    at = open_link(WHAT_IF, "en", whatif=LINK)
    assert "whatif_name" not in at.query_params
    at.text_input(key="whatif.author_input").input("Awa").run()
    (name_input,) = [w for w in at.text_input if w.key.startswith("whatif.save_name.")]
    name_input.input("Round 2").run()
    at.button(key="whatif.save").click().run()
    assert not at.exception
    assert at.query_params["whatif_name"] == "Round 2"
    assert at.code[0].value.endswith("&whatif_name=Round%202&lang=en")
    at.button(key="whatif.reset").click().run()
    assert "whatif" not in at.query_params and "whatif_name" not in at.query_params


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_json_file_is_named_after_the_scenario(plan, lang):
    at = named(WHAT_IF, lang, "Bailleur X : +2 M$")
    (button,) = [b for b in at.get("download_button") if b.proto.id.endswith("-whatif.download")]
    scenario = Scenario("Bailleur X : +2 M$", EDITS, plan.summary.document_date)
    data = scenario_to_json(scenario).encode("utf-8")
    day = dt.date.today().isoformat()
    file_name = f"iom-mali-crp2024-scenario-scenario-bailleur-x-2-m-{lang}-{day}.json"
    file_id = _calculate_file_id(data, "application/json", file_name)
    assert button.proto.url == f"/mock/media/{file_id}.json"


def test_charts_under_a_scenario_keep_their_watermark():
    at = named("pages/coverage.py", "en")
    specs = [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]
    assert specs and all(
        any(a.get("name") == WATERMARK_NAME for a in spec["layout"]["annotations"])
        for spec in specs
    )
