"""The data versions every page reads: the store, the versions in force, the version viewed.

Thin wrappers only (the rules are :mod:`data.versions`'): one store per location for the
process (:func:`version_store`), the versions in force with their payloads cached by the
store's one-query stamp (:func:`versions`), so a version applied or withdrawn on any server
is seen on the next rerun everywhere.

When the store cannot be used, :func:`versions` is empty (the bundled tables are shown) and
:func:`store_problem` says why; a page never fails on it.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from data.store import ScenarioStore, StoreUnavailableError, VersionStore
from data.store.database import default_location
from data.store.version_rows import Version, VersionInfo
from data.versions import DataState, Freshness, data_state, freshness, read_versions

KINDS = ("funding", "dtm", "boundaries")


@st.cache_resource(show_spinner=False)
def _store(location: str) -> ScenarioStore:
    # A constructor that raises caches nothing: the next run tries again.
    return ScenarioStore(location)


def shared_store() -> ScenarioStore:
    """The one store (saved scenarios and data versions) of the process, for its location;
    raises ``StoreUnavailableError`` when the database cannot be used now."""
    return _store(default_location())


def version_store() -> VersionStore:
    """The data versions shared by every session and server (raises as :func:`shared_store`)."""
    return shared_store().versions


def forget_store() -> None:
    """After a failure: the next run opens the database afresh."""
    _store.clear()


@st.cache_data(show_spinner=False, max_entries=4)
def _versions(location: str, stamp: tuple[int, int]) -> list[Version]:
    """Cached by the store's stamp: any version added or withdrawn anywhere changes it."""
    return read_versions(_store(location).versions, KINDS)


def versions() -> list[Version]:
    """Every version in force, with its payload, by number ([] when the store is unusable)."""
    try:
        store = version_store()
        return _versions(default_location(), store.current_stamp())
    except StoreUnavailableError:
        forget_store()
        return []


def store_problem() -> StoreUnavailableError | None:
    """Why the versions cannot be read now (``None`` when they can)."""
    try:
        version_store().current_stamp()
    except StoreUnavailableError as exc:
        forget_store()
        return exc
    return None


# --- the version viewed (``?asof=``) -------------------------------------------------------
ASOF_PARAM = "asof"  # ?asof=2: the figures as they were once version 2 was added; absent: latest
LATEST = "latest"  # the selector's option for "the latest version" (no ?asof=)


def today() -> dt.date:
    """Today, for the age of the figures (one place, so that tests can set it)."""
    return dt.date.today()


def asof_number(raw: object) -> int | None:
    """``raw`` as a version number (digits only, at most 9), else None."""
    text = str(raw).strip()
    if text.isascii() and text.isdigit() and len(text) <= 9:
        return int(text)
    return None


def asked() -> str | None:
    raw = st.query_params.get(ASOF_PARAM)
    return None if raw is None or raw == "" else str(raw)


def viewed_version() -> int | None:
    """The version viewed: ``?asof=`` when it is 0 or a version in force, else ``None``
    (the latest; :func:`asof_refused` says why a value was not taken)."""
    raw = asked()
    if raw is None:
        return None
    number = asof_number(raw)
    if number is None:
        return None
    if number == 0 or number in {version.info.id for version in versions()}:
        return number
    return None


def current_state() -> DataState:
    """What the pages show now: the versions in force at the version viewed, their as-of
    dates and the stamp the loaders are cached by."""
    from pages._shared import bundled_dates  # builds on this module

    plan_as_of, dtm_as_of = bundled_dates()
    return data_state(versions(), viewed_version(), plan_as_of=plan_as_of, dtm_as_of=dtm_as_of)


def latest_info() -> VersionInfo | None:
    """The newest version in force (any kind), ``None`` while only the plan exists."""
    shown = versions()
    return shown[-1].info if shown else None


def viewed_info() -> VersionInfo | None:
    """The version viewed when it is an earlier one than the latest (its as-of date and
    number for the banner); ``None`` when the latest is shown."""
    at = viewed_version()
    latest = latest_info()
    if at is None or latest is None or at >= latest.id:
        return None
    return next((v.info for v in versions() if v.info.id == at), None)


def freshness_now(state: DataState) -> tuple[Freshness, Freshness]:
    """The age of the funding figures and of the DTM figures shown, on :func:`today`."""
    day = today()
    return freshness(state.funding_as_of, day), freshness(state.dtm_as_of, day)


def viewed_number() -> int:
    """The number of the version viewed (the latest's when none is chosen; 0: the plan):
    what a scenario saved now records as its ``data_version``."""
    at = viewed_version()
    if at is not None:
        return at
    latest = latest_info()
    return 0 if latest is None else latest.id
