"""The data versions every page reads: the store, the versions in force, the version viewed.

Thin wrappers only (the rules are :mod:`data.versions`'): one store per location for the
process (:func:`version_store`), the versions in force with their payloads cached by the
store's one-query stamp (:func:`versions`), so a version applied or withdrawn on any server
is seen on the next rerun everywhere.

When the store cannot be used, :func:`versions` is empty (the bundled tables are shown) and
:func:`store_problem` says why; a page never fails on it.
"""

from __future__ import annotations

import streamlit as st

from data.store import ScenarioStore, StoreUnavailableError, VersionStore
from data.store.database import default_location
from data.store.version_rows import Version
from data.versions import read_versions

KINDS = ("funding", "dtm", "boundaries")


@st.cache_resource(show_spinner=False)
def _store(location: str) -> ScenarioStore:
    # A constructor that raises caches nothing: the next run tries again.
    return ScenarioStore(location)


def version_store() -> VersionStore:
    """The data versions shared by every session and server.

    Raises
    ------
    StoreUnavailableError
        The database cannot be used now.
    """
    return _store(default_location()).versions


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
