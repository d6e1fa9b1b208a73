"""Every page at the data version viewed (AppTest): figures, the "as of" selector, the banner,
freshness in the header and on chart stamps."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from test_pages import DASHBOARD
from versions_fixtures import MARCH, MARCH_CSV, funding_update, round_a, sha

import pages._data_state as data_state_module
from data.displacement import load_bundled_dtm
from data.plan import compute_funding, load_plan
from data.store import ScenarioStore
from data.versions import dtm_payload, funding_payload, plan_at
from text import fmt_date, fmt_int, fmt_pct, fmt_usd, nt, t

PLAN_DATE = dt.date(2023, 11, 27)
DTM_DATE = dt.date(2023, 9, 30)


@pytest.fixture
def store(tmp_path: Path, monkeypatch) -> ScenarioStore:
    """A fresh store at the default location (the pages' store)."""
    monkeypatch.setenv("CRP_DASHBOARD_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("CRP_DASHBOARD_DATABASE_URL", raising=False)
    return ScenarioStore()


def add_march(store: ScenarioStore):
    """The March funding update: protection 167,256 -> 400,000, MHPSS -> 50,000."""
    payload = funding_payload(funding_update(load_plan(), MARCH_CSV))
    return store.versions.add_version(
        "funding", payload, as_of=MARCH, source="mars.csv", note="", checksum=sha(payload), by="Awa"
    )


def add_round_a(store: ScenarioStore):
    dtm_round = round_a()
    payload = dtm_payload(dtm_round)
    return store.versions.add_version(
        "dtm",
        payload,
        as_of=dtm_round.as_of,
        source="dtm_r14.csv",
        note="",
        checksum=sha(payload),
        by="Awa",
        round_number=14,
    )


def run(page: str = "pages/overview.py", lang: str = "fr", **query: str) -> AppTest:
    at = AppTest.from_file(DASHBOARD, default_timeout=90)
    at.query_params["lang"] = lang
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    if page != "pages/overview.py":
        at.switch_page(page)
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def metrics(at: AppTest) -> dict[str, str]:
    return {metric.label: metric.value for metric in at.metric}


def march_funding():
    plan = load_plan()
    update = funding_update(plan, MARCH_CSV)
    from versions_fixtures import funding_version

    return compute_funding(plan_at(plan, [funding_version(1, update)]))


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_overview_shows_the_latest_funding_version(store, lang):
    add_march(store)
    at = run(lang=lang)
    expected = march_funding().totals
    assert expected.confirmed_usd == 2_226_876 - 167_256 + 400_000 + 50_000
    shown = metrics(at)
    assert shown[t("metric.confirmed", lang)] == fmt_usd(2_509_620, lang)
    assert shown[t("metric.coverage", lang)] == fmt_pct(expected.coverage, lang)
    assert shown[t("metric.gap", lang)] == fmt_usd(24_600_000 - 2_509_620, lang)


def test_asof_zero_shows_the_plan_and_a_banner(store):
    add_march(store)
    at = run(asof="0")
    assert metrics(at)[t("metric.confirmed", "fr")] == fmt_usd(2_226_876, "fr")
    banner = [info.value for info in at.info]
    assert t("asof.banner", "fr", as_of=fmt_date(PLAN_DATE, "fr"), n=0, latest=1) in banner


def test_the_latest_shows_no_banner(store):
    add_march(store)
    at = run()
    assert not [i for i in at.info if "version" in i.value]


def test_selector_lists_the_versions_and_switches(store):
    add_march(store)
    add_round_a(store)
    at = run()
    box = at.sidebar.selectbox[0]
    assert box.label == t("asof.label", "fr")
    assert box.options == [
        t("asof.latest", "fr", n=2, as_of=fmt_date(dt.date(2023, 4, 30), "fr")),
        t("asof.version", "fr", n=2, kind="DTM", as_of=fmt_date(dt.date(2023, 4, 30), "fr")),
        t("asof.version", "fr", n=1, kind="financement", as_of=fmt_date(MARCH, "fr")),
        t("asof.baseline", "fr", as_of=fmt_date(PLAN_DATE, "fr")),
    ]
    assert "Données\u00a0: dernière version (n°\u00a02, 30 avr. 2023)" == box.options[0]
    box.set_value("0").run()
    assert at.query_params["asof"] == "0"
    assert metrics(at)[t("metric.confirmed", "fr")] == fmt_usd(2_226_876, "fr")
    at.sidebar.selectbox[0].set_value("latest").run()
    assert "asof" not in at.query_params
    assert metrics(at)[t("metric.confirmed", "fr")] == fmt_usd(2_509_620, "fr")


def test_withdrawing_brings_the_old_figures_back_on_the_next_run(store):
    info = add_march(store)
    at = run()
    assert metrics(at)[t("metric.confirmed", "fr")] == fmt_usd(2_509_620, "fr")
    store.versions.withdraw(info.id, by="Awa", reason="erreur")
    at.run()
    assert metrics(at)[t("metric.confirmed", "fr")] == fmt_usd(2_226_876, "fr")


@pytest.mark.parametrize(
    ("value", "reason"), [("7", "unknown"), ("abc", "unknown"), ("1", "withdrawn")]
)
def test_a_bad_or_withdrawn_asof_shows_the_latest_with_a_warning(store, value, reason):
    info = add_march(store)
    if reason == "withdrawn":
        store.versions.withdraw(info.id, by="Awa", reason="erreur")
    at = run(lang="en", asof=value)
    assert t(f"asof.refused.{reason}", "en", value=value) in [w.value for w in at.warning]
    assert "asof" not in at.query_params
    expected = 2_226_876 if reason == "withdrawn" else 2_509_620
    assert metrics(at)[t("metric.confirmed", "en")] == fmt_usd(expected, "en")


def test_a_dtm_round_changes_displacement_and_overview(store):
    add_round_a(store)
    at = run(lang="en")
    total = fmt_int(391_961, "en")
    line = t("overview.dtm_line", "en", total=total, as_of=fmt_date(dt.date(2023, 4, 30), "en"))
    assert line in [c.value for c in at.caption]
    at.switch_page("pages/displacement.py")
    at.run()
    text = " ".join(m.value for m in at.markdown)
    assert f"{total}" in text and fmt_date(dt.date(2023, 4, 30), "en") in text
    assert load_bundled_dtm().as_of == DTM_DATE


# --- freshness -------------------------------------------------------------------------------
@pytest.mark.parametrize(("days", "stale"), [(90, False), (91, True)])
def test_freshness_in_the_header_with_the_stale_flag(store, monkeypatch, days, stale):
    monkeypatch.setattr(data_state_module, "today", lambda: PLAN_DATE + dt.timedelta(days=days))
    at = run(lang="en")
    text = " ".join(m.value for m in at.markdown)
    funding_line = nt("freshness.funding", days, "en", as_of=fmt_date(PLAN_DATE, "en"))
    assert funding_line == f"Funding as of 27 Nov 2023 — {days} days ago"
    assert funding_line in text
    dtm_days = (PLAN_DATE - DTM_DATE).days + days
    assert nt("freshness.dtm", dtm_days, "en", as_of=fmt_date(DTM_DATE, "en")) in text
    flag = nt("freshness.stale", 90, "en")
    assert (f"{funding_line} :orange-badge[:material/warning: {flag}]" in text) is stale


def test_freshness_french_with_the_age_in_days(store, monkeypatch):
    monkeypatch.setattr(data_state_module, "today", lambda: dt.date(2026, 12, 1))
    at = run()
    text = " ".join(m.value for m in at.markdown)
    assert "Financement au 27 nov. 2023 — il y a 1\u202f100 jours" in text
    assert "DTM au 30 sept. 2023 — il y a 1\u202f158 jours" in text
    assert "Ancien\u00a0: plus de 90 jours" in text


@pytest.mark.parametrize(
    "page",
    ["pages/funding.py", "pages/coverage.py", "pages/displacement.py", "pages/data_sources.py"],
)
def test_freshness_on_every_page_at_the_version(store, monkeypatch, page):
    add_march(store)
    monkeypatch.setattr(data_state_module, "today", lambda: MARCH + dt.timedelta(days=10))
    at = run(page, lang="en")
    text = " ".join(m.value for m in at.markdown)
    assert nt("freshness.funding", 10, "en", as_of=fmt_date(MARCH, "en")) in text


def test_chart_stamps_carry_the_versions_as_of_date(store):
    add_march(store)
    at = run("pages/funding.py", lang="en")
    charts = at.get("plotly_chart")
    assert charts
    for chart in charts:
        spec = chart.proto.spec
        assert fmt_date(MARCH, "en") in spec
        assert fmt_date(PLAN_DATE, "en") not in spec


# --- Data & sources, What-if, Briefing ---------------------------------------------------------
def test_data_sources_lists_the_versions_withdrawn_included(store):
    info = add_march(store)
    add_round_a(store)
    store.versions.withdraw(info.id, by="Awa", reason="erreur")
    at = run("pages/data_sources.py", lang="en")
    (table,) = [frame for frame in at.dataframe if "Checksum (SHA-256)" in frame.value.columns]
    frame = table.value
    assert list(frame["No."]) == [2, 1]
    assert list(frame["Source"]) == ["dtm_r14.csv", "mars.csv"]
    assert list(frame["Kind"]) == ["DTM", "funding"]
    assert frame["Status"].iloc[0] == "in force"
    assert frame["Status"].iloc[1].startswith("withdrawn on ")
    assert frame["Checksum (SHA-256)"].iloc[1] == info.checksum[:12]


def test_a_scenario_made_on_another_version_says_so(store):
    from data.scenario import AreaEdit, Scenario

    scenario = Scenario(
        name="Bailleur X",
        edits={"shelter": AreaEdit(pledge_usd=2_000_000)},
        baseline_date=PLAN_DATE,
        data_version=0,
    )
    store.save(scenario, author="Awa")
    add_march(store)
    at = run("pages/what_if.py", lang="en")
    text = t("whatif.saved.other_version", "en", saved=0, viewed=1)
    assert text in [i.value for i in at.info]
    at = run("pages/what_if.py", lang="en", asof="0")
    assert text not in [i.value for i in at.info]


def test_a_scenario_saved_records_the_version_viewed(store, monkeypatch):
    from pages._what_if_state import WhatIf, active_scenario

    add_march(store)
    add_round_a(store)
    w = WhatIf(state={"whatif.edits": {}}, plan=load_plan(), lang="en", store=lambda: store)
    assert active_scenario(w, "S").data_version == 2  # no ?asof=: the latest
    monkeypatch.setattr(data_state_module, "viewed_version", lambda: 1)
    assert active_scenario(w, "S").data_version == 1
    monkeypatch.setattr(data_state_module, "viewed_version", lambda: 0)
    assert active_scenario(w, "S").data_version == 0


def test_a_dtm_round_changes_the_briefing_figure(store):
    add_round_a(store)
    at = run("pages/briefing.py", lang="en")
    text = " ".join(m.value for m in at.markdown)
    assert fmt_date(dt.date(2023, 4, 30), "en") in text
