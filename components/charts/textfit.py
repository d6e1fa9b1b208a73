"""Text measuring for chart labels: estimated widths, characters per line, label room.

Labels are sized for the narrowest place a full-width chart is shown: a 1280 px projector
with Streamlit's sidebar open leaves about 880 px to the chart (:data:`DESIGN_WIDTH`). Text
widths are estimated with generous average glyph widths (em) of the system sans-serif
(DejaVu Sans is ~0.51 regular, ~0.59 bold), so a wider fallback font still fits.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from components.theme import MARGINS, SIZES

DESIGN_WIDTH = 860
EM = 0.56
EM_BOLD = 0.62
LINE = 1.3  # line height, in font sizes
# Right-hand room for the bar-end labels, as a fraction of the longest bar (a minimum: the
# range grows until the longest label fits, see :func:`label_range`).
LABEL_ROOM = 0.45
# An invisible marker in front of bar-end labels keeps them off the bar's end.
LABEL_SPACER_PX = 12
LABEL_SPACER: dict[str, object] = {"size": LABEL_SPACER_PX, "color": "rgba(0,0,0,0)"}


def plain_lines(text: str) -> list[str]:
    """The lines of a plotly-HTML label, tags removed."""
    return [re.sub(r"<[^>]+>", "", line) for line in str(text).split("<br>")]


def text_px(text: str, size: float, *, bold: bool = False) -> float:
    """Estimated width in px of the longest line of a (plotly-HTML) label."""
    em = EM_BOLD if bold else EM
    return max(len(line) for line in plain_lines(text)) * size * em


def chars(px: float, size: float, *, bold: bool = False) -> int:
    """How many characters fit in ``px`` at font ``size`` (for :func:`components.theme.wrap`)."""
    return max(8, int(px / (size * (EM_BOLD if bold else EM))))


def bold_lines(text: str) -> str:
    """Bold every line of a wrapped label (one ``<b>`` per line)."""
    return "<br>".join(f"<b>{line}</b>" for line in text.split("<br>"))


def plot_px(categories: Iterable[str]) -> float:
    """Plot-area width at :data:`DESIGN_WIDTH`, after the y tick labels (automargin)."""
    labels = max((text_px(c, SIZES["tick"]) for c in categories), default=0.0)
    return DESIGN_WIDTH - MARGINS["l"] - MARGINS["r"] - labels - 12


def label_range(ends: Iterable[tuple[float, str]], plot_width: float, xmax: float) -> float:
    """Upper x limit so each bar-end label (``(x, text)``) fits right of its bar.

    A label of ``w`` px starting ``pad`` px after ``x`` fits when
    ``x / high * plot_width + pad + w <= plot_width + margin_r``.
    """
    pad = LABEL_SPACER_PX + 4
    high = xmax * (1 + LABEL_ROOM)
    for x, text in ends:
        room = plot_width + MARGINS["r"] - pad - text_px(text, SIZES["bar_text"])
        room = max(room, plot_width * 0.25)  # never squash the bars below a quarter
        high = max(high, x * plot_width / room)
    return high
