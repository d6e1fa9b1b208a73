"""What loading an accepted file did to it, worded for the page (never Markdown from the file)."""

from __future__ import annotations

from components.i18n import has_label, t
from components.safe_text import plain


def boundary_notes(units: object, lang: str) -> list[str]:
    """What loading a boundary file did to it (repairs, reprojection, dissolving), worded.

    ``units.attrs["notes"]`` holds ``(code, params)`` pairs; each is worded through the label
    ``geo.note.<code>``, its params escaped (a CRS name comes from the file). A note without
    a template is shown as its code and params, escaped.
    """
    notes = getattr(units, "attrs", {}).get("notes", ())
    lines = []
    for note in notes:
        if isinstance(note, str):
            lines.append(plain(note))
            continue
        code, params = note
        key = f"geo.note.{code}"
        safe = {name: plain(value) for name, value in params.items()}
        lines.append(t(key, lang, **safe) if has_label(key) else plain(f"{code} {params}"))
    return lines
