"""Shared fixtures: the bundled plan and DTM, loaded once per test session."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import app_test

from data.displacement import load_dtm
from data.plan import CSV_DIR, compute_funding, load_plan

# A bug in a page must fail its AppTest, not turn into the visitor's polite error message.
os.environ.setdefault("CRP_DASHBOARD_RAISE_ERRORS", "1")
# Production hides error details (.streamlit/config.toml); a failing test shows them.
os.environ.setdefault("STREAMLIT_CLIENT_SHOW_ERROR_DETAILS", "full")
# Saved scenarios of the tests go to a throwaway folder, never into the work tree's var/.
os.environ.setdefault("CRP_DASHBOARD_DATA_DIR", tempfile.mkdtemp(prefix="crp-tests-"))

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).with_name("fixtures")


@pytest.fixture(scope="session")
def plan():
    return load_plan()


@pytest.fixture(scope="session")
def funding(plan):
    return compute_funding(plan)


@pytest.fixture(scope="session")
def dtm():
    return load_dtm()


@pytest.fixture
def csv_copy(tmp_path: Path) -> Path:
    """A writable copy of data/csv for tests that break one file."""
    target = tmp_path / "csv"
    shutil.copytree(CSV_DIR, target)
    return target


class _NavigationPagesManager(PagesManager):
    """Streamlit's PagesManager as a warm server has it: ``st.navigation`` mode, not the old
    pages-directory mode.

    ``AppTest`` resets ``PagesManager.uses_pages_directory`` before every run, and a folder
    named ``pages/`` then puts each run in the old mode: the script ran inside the old
    mode's navigation, ``pages.leave_pages_directory_mode`` switched it off and reran, so
    every ``at.run()`` executed twice. On a server this happens once per process (the first
    session); every later session runs ``dashboard.py`` once. The tests follow that path.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        PagesManager.uses_pages_directory = False


@pytest.fixture(autouse=True)
def _apptest_in_navigation_mode(monkeypatch):
    monkeypatch.setattr(app_test, "PagesManager", _NavigationPagesManager)


# The store's back ends: store_location (a SQLite file, then a fresh PostgreSQL database) and
# the throwaway PostgreSQL cluster they share (tests/pg_cluster.py).
from pg_cluster import postgres_cluster, store_location  # noqa: E402, F401
