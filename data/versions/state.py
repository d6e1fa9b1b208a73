"""The figures at a data version: :func:`plan_at`, :func:`displacement_at`, :class:`DataState`.

Version numbers run over every kind (funding, dtm, boundaries) in the order versions were
added; version 0 is the bundled tables. "At version N" means: what was in force once version N
was added, leaving out every version withdrawn since (a withdrawn version stays in the
history, never in the figures). ``at=None`` is the latest.

- **Funding**: each update reports the areas (and objective totals) it lists; an area it does
  not list keeps its previous figure (:func:`data.intake.apply_funding_update`). So the plan
  at version N is the bundled plan with every funding update numbered N or less and not
  withdrawn applied in number order. Withdrawing an update removes its figures only: the
  updates after it are applied on the ones before it.
- **DTM**: a round replaces the previous one entirely. The figures at version N are those of
  the latest round numbered N or less and not withdrawn, else the bundled figures.
- **Boundaries**: the latest boundary file numbered N or less and not withdrawn, else the
  bundled boundaries (only its :class:`~data.store.VersionInfo` is handled here).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from data.displacement import Displacement
from data.intake.dtm_change import as_displacement
from data.intake.funding_apply import apply_funding_update
from data.plan import PlanData
from data.store import Version, VersionInfo, VersionStore
from data.versions.dtm_payload import dtm_from_payload
from data.versions.funding_payload import funding_from_payload

AnyVersion = Version | VersionInfo


def info_of(version: AnyVersion) -> VersionInfo:
    """The :class:`VersionInfo` of a version with or without its payload."""
    return version.info if isinstance(version, Version) else version


def check_at(at: object) -> int | None:
    """``at`` as a version number (None: the latest); TypeError/ValueError otherwise."""
    if at is None:
        return None
    if isinstance(at, bool) or not isinstance(at, int):
        raise TypeError(f"a version number is a whole number, got {at!r}")
    if at < 0:
        raise ValueError(f"a version number is 0 or more, got {at}")
    return at


def in_force(versions: Sequence[AnyVersion], kind: str, at: int | None = None) -> list[AnyVersion]:
    """The versions of ``kind`` numbered ``at`` or less (all when None), not withdrawn, by number."""
    at = check_at(at)
    chosen = [
        version
        for version in versions
        if info_of(version).kind == kind
        and not info_of(version).withdrawn
        and (at is None or info_of(version).id <= at)
    ]
    return sorted(chosen, key=lambda version: info_of(version).id)


def shown_name(info: VersionInfo) -> str:
    """What a problem with a stored version calls it: its source and number."""
    return f"{info.source} (version {info.id})"


def with_payloads(versions: Sequence[AnyVersion], kind: str, at: int | None) -> list[Version]:
    """:func:`in_force`, each with its payload (TypeError when one was listed without)."""
    chosen = in_force(versions, kind, at)
    missing = [info_of(version).id for version in chosen if not isinstance(version, Version)]
    if missing:
        raise TypeError(f"versions {missing} are listed without their payload (use store.get)")
    return [version for version in chosen if isinstance(version, Version)]


def _apply(plan: PlanData, version: Version) -> PlanData:
    update = funding_from_payload(version.payload, shown_name(version.info))
    return apply_funding_update(plan, update)


def funding_steps(
    baseline: PlanData, versions: Sequence[AnyVersion], at: int | None = None
) -> Iterator[tuple[VersionInfo | None, PlanData]]:
    """The plan before any update (``None``), then after each funding update in force."""
    plan = baseline
    yield None, plan
    for version in with_payloads(versions, "funding", at):
        plan = _apply(plan, version)
        yield version.info, plan


def plan_at(baseline: PlanData, versions: Sequence[AnyVersion], at: int | None = None) -> PlanData:
    """The plan's tables at version ``at`` (None: the latest): ``baseline`` with the funding
    updates in force applied in number order (see the module's rules).

    ``versions`` holds :class:`~data.store.Version` s with their payloads (other kinds and
    withdrawn ones are left out here).

    Raises
    ------
    DataValidationError
        A stored update does not read (``payload_*``), or no longer applies to ``baseline``
        (an area the bundled tables do not have, an objective total below its areas).
    """
    plan = baseline
    for version in with_payloads(versions, "funding", at):
        plan = _apply(plan, version)
    return plan


def displacement_at(
    baseline_dtm: Displacement, versions: Sequence[AnyVersion], at: int | None = None
) -> Displacement:
    """The DTM figures at version ``at`` (None: the latest): the latest round in force, as
    :func:`data.intake.as_displacement` makes it, else ``baseline_dtm``.

    Raises
    ------
    DataValidationError
        The stored round does not read (``payload_*``).
    """
    rounds = with_payloads(versions, "dtm", at)
    if not rounds:
        return baseline_dtm
    latest = rounds[-1]
    return as_displacement(dtm_from_payload(latest.payload, shown_name(latest.info)))


@dataclass(frozen=True)
class DataState:
    """Which data a page shows at a version, their as-of dates and a stamp for caches.

    ``funding``, ``dtm`` and ``boundaries`` are the versions in force (None: the bundled
    tables). ``funding_ids`` are every funding update applied (the figures depend on each).
    ``funding_as_of`` is the as-of date of the latest update applied, else the plan's document
    date; ``dtm_as_of`` the round's date, else the bundled DTM date. ``stamp`` names exactly
    the figures shown (``funding=1+4;dtm=2;boundaries=0``): equal stamps, equal figures.
    """

    at: int | None
    funding: VersionInfo | None
    funding_ids: tuple[int, ...]
    dtm: VersionInfo | None
    boundaries: VersionInfo | None
    funding_as_of: dt.date
    dtm_as_of: dt.date
    stamp: str

    @property
    def is_baseline(self) -> bool:
        """True when every figure shown is the bundled tables'."""
        return self.funding is None and self.dtm is None and self.boundaries is None


def data_state(
    versions: Sequence[AnyVersion],
    at: int | None = None,
    *,
    plan_as_of: dt.date,
    dtm_as_of: dt.date,
) -> DataState:
    """The :class:`DataState` at version ``at`` (None: the latest).

    ``versions`` may be listed without payloads (:meth:`~data.store.VersionStore.list_versions`);
    ``plan_as_of`` is the bundled plan's date (``plan.summary.document_date``, 2023-11-27) and
    ``dtm_as_of`` the bundled DTM figures' (``Displacement.as_of``, 2023-09-30).
    """
    at = check_at(at)
    funding = [info_of(version) for version in in_force(versions, "funding", at)]
    dtm = [info_of(version) for version in in_force(versions, "dtm", at)]
    boundaries = [info_of(version) for version in in_force(versions, "boundaries", at)]
    ids = tuple(info.id for info in funding)
    last_dtm = dtm[-1] if dtm else None
    last_boundaries = boundaries[-1] if boundaries else None
    stamp = (
        f"funding={'+'.join(map(str, ids)) or 0};dtm={last_dtm.id if last_dtm else 0};"
        f"boundaries={last_boundaries.id if last_boundaries else 0}"
    )
    return DataState(
        at=at,
        funding=funding[-1] if funding else None,
        funding_ids=ids,
        dtm=last_dtm,
        boundaries=last_boundaries,
        funding_as_of=funding[-1].as_of if funding else plan_as_of,
        dtm_as_of=last_dtm.as_of if last_dtm else dtm_as_of,
        stamp=stamp,
    )


def read_versions(store: VersionStore, kinds: Sequence[str] = ("funding", "dtm")) -> list[Version]:
    """Every version of ``kinds`` in force, with its payload (one query each), by number.

    Raises
    ------
    StoreUnavailableError
        The store cannot be used now.
    """
    return [
        store.get(info.id)
        for info in store.list_versions(include_withdrawn=False)
        if info.kind in kinds
    ]
