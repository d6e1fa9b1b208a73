"""What makes a scenario recognisable on every artefact: its name, its edits, its file names.

A scenario's figures differ from the plan's; whatever shows them (a banner, a chart stamp, a
PDF cover, a file name) says which scenario they come from. This module holds the pure part:

- :class:`ScenarioIdentity`: the name (``None``: not saved or named yet) and one
  :class:`EditLine` per edited area (plan's confirmed amount, scenario's, pledge, note), in
  the plan's area order;
- :func:`file_slug`: the name made safe for a file name (``"unsaved"`` without a name);
- :func:`scenario_file_name`: ``iom-mali-crp2024-<what>[-scenario-<slug>]-<lang>-<date>.<ext>``,
  the one pattern every download uses.

Wording (in the page's language) lives in :mod:`components.scenario_identity`.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from data.plan import PlanData
from data.scenario.edits import baseline_confirmed, scenario_confirmed
from data.scenario.model import AreaEdit

FILE_PREFIX = "iom-mali-crp2024"
UNSAVED_SLUG = "unsaved"
MAX_SLUG_CHARS = 40


@dataclass(frozen=True)
class EditLine:
    """One edited area: the plan's confirmed amount (``None``: not reported), the scenario's
    (``None``: still not reported), the pledge added and the note."""

    area_id: str
    plan_usd: int | None
    scenario_usd: int | None
    pledge_usd: int
    note: str


@dataclass(frozen=True)
class ScenarioIdentity:
    """The active scenario as artefacts name it. ``name`` is ``None`` for an unsaved one."""

    name: str | None
    lines: tuple[EditLine, ...]

    @property
    def slug(self) -> str:
        return file_slug(self.name)


def edit_lines(baseline: PlanData, edits: Mapping[str, AreaEdit]) -> tuple[EditLine, ...]:
    """One line per area the edits change (a note alone changes nothing), plan order."""
    plan = baseline_confirmed(baseline)
    lines = []
    for area_id, before in plan.items():
        edit = edits.get(area_id)
        if edit is None or edit.is_noop:
            continue
        lines.append(
            EditLine(
                area_id=area_id,
                plan_usd=before,
                scenario_usd=scenario_confirmed(before, edit),
                pledge_usd=edit.pledge_usd,
                note=edit.note,
            )
        )
    return tuple(lines)


def scenario_identity(
    baseline: PlanData, edits: Mapping[str, AreaEdit], name: str | None = None
) -> ScenarioIdentity | None:
    """The identity of the scenario ``edits`` (``None`` when they change nothing: the plan)."""
    lines = edit_lines(baseline, edits)
    if not lines:
        return None
    return ScenarioIdentity(name=name or None, lines=lines)


def file_slug(name: str | None) -> str:
    """``"Bailleur X : +2 M$"`` -> ``"bailleur-x-2-m"``: ASCII letters, digits and hyphens,
    accents dropped, at most :data:`MAX_SLUG_CHARS`; :data:`UNSAVED_SLUG` for no name (or a
    name with nothing left, e.g. only non-Latin letters)."""
    if not name:
        return UNSAVED_SLUG
    ascii_text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    slug = slug[:MAX_SLUG_CHARS].rstrip("-")
    return slug or UNSAVED_SLUG


def scenario_file_name(
    what: str,
    lang: str,
    ext: str,
    day: dt.date,
    identity: ScenarioIdentity | None = None,
    fallback: str = "file",
) -> str:
    """``iom-mali-crp2024-<what>-<lang>-<YYYY-MM-DD>.<ext>`` for the plan's figures;
    ``iom-mali-crp2024-<what>-scenario-<slug>-<lang>-<YYYY-MM-DD>.<ext>`` under a scenario.
    ``what`` is made file-system safe (``fallback`` when nothing of it is left)."""
    safe = re.sub(r"[^A-Za-z0-9_-]+", "-", what).strip("-") or fallback
    middle = safe if identity is None else f"{safe}-scenario-{identity.slug}"
    return f"{FILE_PREFIX}-{middle}-{lang}-{day.isoformat()}.{ext}"
