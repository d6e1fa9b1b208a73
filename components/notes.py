"""Compatibility shim: data-note wording moved to :mod:`text.notes`."""

from __future__ import annotations

from text.notes import dtm_source_text, render_note

__all__ = ["dtm_source_text", "render_note"]
