"""Shared fixtures: the bundled plan and DTM, loaded once per test session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from data.displacement import load_dtm
from data.plan import CSV_DIR, compute_funding, load_plan

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
