"""The data at a version: payloads, the figures at a version, their history, their age.

Pure (no Streamlit). A page lists the versions (:meth:`data.store.VersionStore.list_versions`),
reads those in force with their payloads (:func:`read_versions`), then asks for the figures at
the version viewed (:func:`plan_at`, :func:`displacement_at`), what is shown and how old it is
(:func:`data_state`, :func:`freshness`) and the trends (:func:`funding_history`,
:func:`donor_history`, :func:`dtm_history`, :func:`dtm_change`).

Modules, one job each (import from here):

- :mod:`~data.versions.funding_payload`, :mod:`~data.versions.dtm_payload`: what the store
  keeps of a funding update and a DTM round (canonical JSON), and back;
  :mod:`~data.versions.payload_json`: the JSON and its checked reading (issue codes
  ``payload_*``);
- :mod:`~data.versions.state`: the figures at a version and :class:`DataState` (the rules:
  which versions count, in which order);
- :mod:`~data.versions.history`: the history frames for trend charts;
- :mod:`~data.versions.freshness`: the age of figures and the stale flag
  (``CRP_DASHBOARD_STALE_DAYS``).
"""

from __future__ import annotations

from data.versions.dtm_payload import dtm_from_payload, dtm_payload
from data.versions.freshness import (
    STALE_DAYS,
    STALE_DAYS_ENV,
    Freshness,
    age_days,
    freshness,
    stale_after_days,
)
from data.versions.funding_payload import funding_from_payload, funding_payload
from data.versions.history import (
    DONOR_HISTORY,
    DTM_CHANGE,
    DTM_HISTORY,
    FUNDING_HISTORY,
    NATIONAL,
    OTHER,
    donor_history,
    dtm_change,
    dtm_history,
    funding_history,
)
from data.versions.payload_json import CODES as PAYLOAD_CODES
from data.versions.state import (
    DataState,
    data_state,
    displacement_at,
    in_force,
    plan_at,
    read_versions,
)

__all__ = [
    "DONOR_HISTORY",
    "DTM_CHANGE",
    "DTM_HISTORY",
    "FUNDING_HISTORY",
    "NATIONAL",
    "OTHER",
    "PAYLOAD_CODES",
    "STALE_DAYS",
    "STALE_DAYS_ENV",
    "DataState",
    "Freshness",
    "age_days",
    "data_state",
    "displacement_at",
    "donor_history",
    "dtm_change",
    "dtm_from_payload",
    "dtm_history",
    "dtm_payload",
    "freshness",
    "funding_from_payload",
    "funding_history",
    "funding_payload",
    "in_force",
    "plan_at",
    "read_versions",
    "stale_after_days",
]
