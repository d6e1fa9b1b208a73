"""Uploads on the Displacement page: bounded caches, size limit, escaped names, no traceback."""

from __future__ import annotations

import collections
from pathlib import Path

from streamlit.runtime.caching.cache_data_api import _data_caches
from streamlit.testing.v1 import AppTest

from pages._shared import UPLOAD_CACHE_ENTRIES

DASHBOARD = str(Path(__file__).resolve().parents[1] / "dashboard.py")


def open_displacement(lang: str = "en") -> AppTest:
    at = AppTest.from_file(DASHBOARD, default_timeout=90)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page("pages/displacement.py")
    at.run()
    assert not at.exception
    return at


def entries_per_cache() -> dict[str, int]:
    """How many results each cached function holds now (Streamlit's in-memory cache layer)."""
    counts: collections.Counter[str] = collections.Counter()
    for caches in _data_caches._function_caches.values():
        for cache in caches.values():
            held = len(cache.storage._mem_cache)  # the TTLCache bounded by max_entries
            counts[cache.display_name.rsplit(".", 1)[-1]] += held
    return dict(counts)


def test_twenty_distinct_uploads_keep_the_caches_within_their_bound():
    _data_caches.clear_all()
    at = open_displacement()
    for number in range(20):
        table = f"region,idps,as_of\nMopti,{1000 + number},2024-03-31\n".encode()
        at.file_uploader[0].upload(f"round-{number}.csv", table, "text/csv").run()
        assert not at.exception
    assert f"**{1019:,}** internally displaced persons" in "".join(m.value for m in at.markdown)
    counts = entries_per_cache()
    bound = UPLOAD_CACHE_ENTRIES
    assert counts["_dtm"] <= bound and counts["_idp_join"] <= bound, counts
    assert counts["_dtm"] == bound  # 20 different tables + the bundled one: full, not more


def test_an_upload_over_the_size_limit_is_refused_before_parsing(monkeypatch):
    monkeypatch.setenv("CRP_DASHBOARD_MAX_UPLOAD_MB", "0.5")
    at = open_displacement("fr")
    big = b"region,share_pct\n" + b"x" * (3 * 2**19)  # 1.5 MB of one cell
    at.file_uploader[0].upload("grand.csv", big, "text/csv").run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        "grand\\.csv\u00a0: fichier refusé, 1,5\u00a0Mo dépasse la limite de 0,5\u00a0Mo."
    ]


def test_a_file_name_with_markdown_is_shown_as_text():
    at = open_displacement()
    name = "![x](http:%2F%2F127.0.0.1:9%2Fa.gif).csv"
    at.file_uploader[0].upload(name, b"region,share_pct\nNowhere,10\n", "text/csv").run()
    assert not at.exception
    (error,) = at.error
    assert error.value.startswith("File refused (\\!\\[x\\]\\(http\\:\u2060%2F%2F127\\.0\\.0\\.1")
    assert "![" not in error.value and "](" not in error.value
