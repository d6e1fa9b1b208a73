"""The "Update data" page: preview, confirmation, duplicates, refusals, history, withdrawal."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from data.intake import parse_dtm_round, parse_funding_update, read_upload
from data.store import VersionStore
from text import fmt_int, fmt_pct, fmt_usd, t

ROOT = Path(__file__).resolve().parents[1]
DASHBOARD = str(ROOT / "dashboard.py")
EXAMPLES = ROOT / "data" / "examples"
DTM_XLSX = EXAMPLES / "dtm_round_example.xlsx"
DTM_CSV = EXAMPLES / "dtm_round_example.csv"
FUNDING_CSV = EXAMPLES / "funding_update_example.csv"


@pytest.fixture(autouse=True)
def own_store(tmp_path, monkeypatch) -> Path:
    """Each test its own empty database (the page's store is cached by its location)."""
    monkeypatch.delenv("CRP_DASHBOARD_DATABASE_URL", raising=False)
    monkeypatch.setenv("CRP_DASHBOARD_DATA_DIR", str(tmp_path))
    return tmp_path


def stored(tmp_path: Path) -> VersionStore:
    return VersionStore(tmp_path / "scenarios.sqlite3")


def open_update(lang: str = "en", tab: str = "update.tab.dtm") -> AppTest:
    at = AppTest.from_file(DASHBOARD, default_timeout=90)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page("pages/update_data.py")
    at.run()
    at.session_state["update.tab"] = t(tab, lang)
    at.run()
    assert not at.exception
    return at


def upload(at: AppTest, path: Path, name: str | None = None, data: bytes | None = None) -> AppTest:
    content = path.read_bytes() if data is None else data
    at.file_uploader[0].upload(name or path.name, content, "application/octet-stream").run()
    assert not at.exception
    return at


def rows(at: AppTest, index: int = 0) -> list[list[str]]:
    return at.dataframe[index].value.values.tolist()


def confirm(at: AppTest, prefix: str, by: str = "Awa Traoré") -> AppTest:
    at.text_input(key="update.author_input").input(by).run()
    at.button(key=f"update.{prefix}.confirm").click().run()
    assert not at.exception
    return at


def test_dtm_round_preview_has_the_counts_the_total_and_shares_of_the_total(dtm):
    at = upload(open_update(), DTM_XLSX)
    expected = parse_dtm_round(read_upload(DTM_XLSX.read_bytes(), DTM_XLSX.name))
    assert expected.total_idps == 391_691  # Round 15: named regions + 'Other regions' row
    old = dict(zip(dtm.regions["region_id"], dtm.regions["idps_estimate"], strict=True))
    want = [
        [
            region.name_en,
            fmt_int(old[region.region_id], "en"),
            fmt_int(region.idps, "en"),
            f"{region.idps - old[region.region_id]:+,}".replace("-", "\u2212"),
            fmt_pct(region.idps / expected.total_idps, "en"),
        ]
        for region in expected.regions.itertuples()
    ]
    assert rows(at)[:6] == want
    assert rows(at)[0] == ["Mopti", "90,151", "89,530", "\u2212621", "22.9%"]
    assert rows(at)[6] == ["Other regions", "66,634", "64,354", "\u22122,280", "16.4%"]
    assert rows(at)[7] == ["National total", "391,961", "391,691", "\u2212270", "100.0%"]
    assert "**391,691** IDPs national total" in "".join(m.value for m in at.markdown)
    assert "DTM counts (the round's counts)." in [c.value for c in at.caption]
    assert at.selectbox(key="update.dtm.sheet").options == ["Round 15", "Notes"]


def test_confirm_creates_version_1_and_the_same_file_again_is_refused(own_store):
    at = confirm(upload(open_update(), DTM_XLSX), "dtm")
    (info,) = stored(own_store).list_versions()
    assert (info.id, info.kind, info.round_number, info.source) == (
        1,
        "dtm",
        15,
        "dtm_round_example.xlsx",
    )
    assert info.uploaded_by == "Awa Traoré" and str(info.as_of) == "2023-09-30"
    assert [s.value for s in at.success][0].startswith("Applied as version 1 (")
    history = rows(at)
    assert history[0][:4] == ["1", "DTM round", "30 Sep 2023", "15"]
    assert history[0][9] == "In force"
    assert len(at.file_uploader) == 1 and not at.file_uploader[0].value  # emptied
    upload(at, DTM_XLSX)
    assert [i.value for i in at.info] == ["This file was already applied as version 1."]
    assert at.button(key="update.dtm.confirm").disabled
    assert len(stored(own_store).list_versions()) == 1


def test_a_bad_file_is_refused_in_the_pages_language_and_nothing_is_applied(own_store):
    at = upload(open_update("fr"), DTM_CSV, "mauvais.csv", b"Nom;Valeur\nMopti;12\n")
    (error,) = at.error
    assert error.value.startswith("mauvais\\.csv\u00a0: fichier refusé, rien n’a changé.")
    assert "\n- " in error.value
    assert "confirm" not in " ".join(str(b.key) for b in at.button)
    assert stored(own_store).list_versions() == []


def test_an_unknown_region_is_offered_the_closest_names_then_read_again():
    table = "Région;PDI;Date\nTombuktu;100;2024-01-31\nMopti;300;2024-01-31\nTotal;1000;\n".encode()
    at = upload(open_update(), DTM_CSV, "noms.csv", table)
    assert at.error and not at.dataframe
    choice = at.selectbox(key="update.dtm.alias.0")
    assert choice.options[0] == "Timbuktu"  # the closest known name first
    choice.select("tombouctou").run()
    at.button(key="update.dtm.use_names").click().run()
    assert not at.exception and not at.error
    assert rows(at)[0] == ["Timbuktu", "62,714", "100", "\u221262,614", "10.0%"]
    assert at.session_state["update.dtm.aliases"] == {"Tombuktu": "tombouctou"}


def test_an_ambiguous_date_is_asked_then_read_as_chosen():
    table = b"Region,IDPs,Date\nMopti,300,01/09/2023\nTotal,1000,01/09/2023\n"
    at = upload(open_update(), DTM_CSV, "dates.csv", table)
    radio = at.radio(key="update.dtm.day_first")
    assert radio.options == ["Day/month: 1 Sep 2023", "Month/day: 9 Jan 2023"]
    radio.set_value(True).run()
    assert not at.exception and not at.error
    assert "as of 1 Sep 2023" in "".join(m.value for m in at.markdown)


def test_funding_update_preview_is_old_vs_new_per_area_and_objective(plan):
    at = upload(open_update("en", "update.tab.funding"), FUNDING_CSV)
    update = parse_funding_update(read_upload(FUNDING_CSV.read_bytes(), FUNDING_CSV.name), plan)
    old = plan.areas.set_index("area_id")["confirmed_usd"]
    new = update.areas.set_index("area_id")["confirmed_usd"]
    names = plan.areas.set_index("area_id")["name_en"]
    table = rows(at)
    shelter = [
        names["shelter"],
        fmt_usd(old["shelter"], "en"),
        fmt_usd(612_450, "en"),
        fmt_usd(612_450 - old["shelter"], "en", signed=True),
    ]
    assert new["shelter"] == 612_450 and table[0] == shelter
    assert table[0][1:] == ["$451,968", "$612,450", "+$160,482"]
    essentials = next(row for row in table if row[0] == names["basic_needs"])
    assert essentials[2:] == ["not reported", "not reported"]
    objective_2 = next(row for row in table if row[0] == plan.objectives.at[1, "name_en"])
    assert objective_2[2] == "$455,000"
    assert "Total stated in the file: $2,700,000 (shown, never applied)." in [
        c.value for c in at.caption
    ]


def test_funding_update_applied_changes_the_plan_at_the_latest_version(own_store):
    at = confirm(upload(open_update("en", "update.tab.funding"), FUNDING_CSV), "funding")
    (info,) = stored(own_store).list_versions()
    assert (info.id, info.kind, str(info.as_of)) == (1, "funding", "2024-03-31")
    assert rows(at)[0][1] == "Funding"


def test_withdraw_asks_twice_and_the_version_stays_listed_withdrawn(own_store):
    at = confirm(upload(open_update(), DTM_XLSX), "dtm")
    at.text_input(key="update.withdraw.reason").input("wrong round").run()
    at.button(key="update.withdraw.ask").click().run()
    assert "Withdraw version 1 (dtm\\_round\\_example\\.xlsx)?" in at.warning[-1].value
    assert stored(own_store).list_versions()[0].withdrawn is False
    at.button(key="update.withdraw.confirm").click().run()
    assert not at.exception
    (info,) = stored(own_store).list_versions()
    assert info.withdrawn and info.withdrawn_by == "Awa Traoré"
    assert info.withdraw_reason == "wrong round"
    (history,) = [frame for frame in (d.value for d in at.dataframe) if "Status" in frame]
    assert history.iloc[0]["Status"].startswith("Withdrawn by Awa Traoré on ")
    assert history.iloc[0]["Reason for withdrawal"] == "wrong round"
    assert not [b for b in at.button if b.key == "update.withdraw.ask"]  # none in force


def test_store_unavailable_says_why_and_disables_apply(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("CRP_DASHBOARD_DATA_DIR", str(blocker))
    at = upload(open_update(), DTM_XLSX)
    at.text_input(key="update.author_input").input("Awa").run()
    assert at.warning[0].value.startswith("Data versions are unavailable (")
    assert at.button(key="update.dtm.confirm").disabled
    assert not at.success


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_page_renders_each_tab_in_both_languages(lang):
    for tab in ("update.tab.funding", "update.tab.dtm", "update.tab.boundaries"):
        at = open_update(lang, tab)
        assert at.title[0].value == t("page.update_data", lang)
        assert len(at.file_uploader) == 1


def test_a_boundary_file_is_checked_previewed_and_applied_with_its_date(own_store):
    from boundary_level_fixtures import communes

    data = communes().to_json().encode()
    at = open_update("en", "update.tab.boundaries")
    at.file_uploader[0].upload("communes.geojson", data, "application/geo+json").run()
    assert not at.exception and not at.error
    assert "The file gives **10** admin-1 units" in "".join(m.value for m in at.markdown)
    assert "706 admin-3 units dissolved into 10 admin-1 units." in "".join(
        c.value for c in at.caption
    )
    assert len(rows(at)) == 10
    assert not [b for b in at.button if b.key == "update.boundaries.confirm"]  # no date yet
    at.date_input(key="update.boundaries.as_of").set_value(dt.date(2021, 12, 20)).run()
    confirm(at, "boundaries")
    (info,) = stored(own_store).list_versions()
    assert (info.id, info.kind, info.source, str(info.as_of)) == (
        1,
        "boundaries",
        "communes.geojson",
        "2021-12-20",
    )
    assert info.checksum == hashlib.sha256(data).hexdigest()


def test_a_zip_with_no_usable_layer_is_refused_and_nothing_applied(own_store):
    at = open_update("fr", "update.tab.boundaries")
    at.file_uploader[0].upload("limites.zip", b"PK\x05\x06" + b"\0" * 18, "application/zip").run()
    assert not at.exception
    (error,) = at.error
    assert error.value.startswith("limites\\.zip\u00a0: fichier refusé, rien n’a changé.\n- ")
    assert stored(own_store).list_versions() == []
