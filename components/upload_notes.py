"""What loading an accepted file did to it, worded for the page (never Markdown from the file)."""

from __future__ import annotations

from components.safe_text import plain
from text import fmt_int, has_label, is_plural, nt, t


def boundary_notes(units: object, lang: str) -> list[str]:
    """What loading a boundary file did to it (repairs, reprojection, dissolving), worded.

    ``units.attrs["notes"]`` holds ``(code, params)`` pairs; each is worded through the label
    ``geo.note.<code>``, its params escaped (a CRS name comes from the file) and whole
    numbers written in ``lang`` (``26 122`` vertices). A note without
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
        safe = {name: plain(_number(value, lang)) for name, value in params.items() if name != "n"}
        if not has_label(key):
            lines.append(plain(f"{code} {params}"))
        elif is_plural(key):
            lines.append(nt(key, int(params["n"]), lang, **safe))
        else:
            lines.append(
                t(
                    key,
                    lang,
                    **safe,
                    **({"n": plain(_number(params["n"], lang))} if "n" in params else {}),
                )
            )
    return lines


def _number(value: object, lang: str) -> object:
    """A whole number written in ``lang`` (``fmt_int``); anything else as it is."""
    return fmt_int(value, lang) if type(value) is int else value
