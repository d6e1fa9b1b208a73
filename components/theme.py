"""One place for colours, fonts, projector sizes, the base layout and the source stamp.

Colours come from the Okabe-Ito palette (distinguishable with the common colour-vision
deficiencies); "not reported" is never a colour alone: it is grey *and* hatched.
Fonts are system sans-serif only (no web fonts: the dashboard runs offline in Bamako).
"""

from __future__ import annotations

import textwrap

import plotly.graph_objects as go

from text import fmt_date, is_missing, plotly_separators, t

# --- colours ------------------------------------------------------------------------------
# Okabe-Ito: https://jfly.uni-koeln.de/color/ (the eight colour-blind safe colours).
OKABE_ITO: dict[str, str] = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}

COLORS: dict[str, str] = {
    "confirmed": OKABE_ITO["blue"],  # strong blue
    "not_itemised": OKABE_ITO["sky_blue"],  # confirmed but not attributed to an area
    "gap": "#F2C58C",  # light orange (Okabe-Ito orange, lightened)
    "gap_line": "#C98A2E",
    "not_reported": "#D4D4D4",  # grey, always with NOT_REPORTED_PATTERN
    "not_reported_hatch": "#6B6B6B",
    "over_funded": OKABE_ITO["bluish_green"],
    "increase": OKABE_ITO["bluish_green"],
    "decrease": OKABE_ITO["vermillion"],
    "scenario": OKABE_ITO["vermillion"],  # scenario accent (watermark, title prefix)
    "text": "#1A1A1A",
    "muted_text": "#4D4D4D",
    "grid": "#DADADA",
    "background": "#FFFFFF",
}

# Qualitative sequence for categories (regions, objectives) and a sequential scale for maps.
CATEGORICAL: tuple[str, ...] = (
    OKABE_ITO["blue"],
    OKABE_ITO["orange"],
    OKABE_ITO["bluish_green"],
    OKABE_ITO["reddish_purple"],
    OKABE_ITO["sky_blue"],
    OKABE_ITO["vermillion"],
    OKABE_ITO["yellow"],
    OKABE_ITO["black"],
)
SEQUENTIAL_BLUES: list[list[float | str]] = [
    [0.0, "#EFF5FB"],
    [0.25, "#BDD7EE"],
    [0.5, "#6FA8DC"],
    [0.75, "#2C7BB6"],
    [1.0, "#08306B"],
]

# Hatch for "not reported": grey background, darker diagonal lines.
NOT_REPORTED_PATTERN: dict[str, object] = {
    "shape": "/",
    "fgcolor": COLORS["not_reported_hatch"],
    "bgcolor": COLORS["not_reported"],
    "fillmode": "replace",
    "size": 10,
    "solidity": 0.25,
}

# --- fonts and sizes (1280x720 projector) ---------------------------------------------------
FONT_FAMILY = (
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, '
    '"Liberation Sans", "DejaVu Sans", sans-serif'
)
SIZES: dict[str, int] = {
    "base": 18,
    "title": 26,
    "subtitle": 20,
    "tick": 17,
    "legend": 17,
    "bar_text": 17,
    "annotation": 16,
    "donut_centre": 26,
    "stamp": 13,
    "watermark": 120,
    "hover": 16,
}
STAMP_LINE_PX = round(SIZES["stamp"] * 1.3)
"""Height of one line of the source stamp."""
MARGINS: dict[str, int] = {"l": 20, "r": 30, "t": 110, "b": 56}
DEFAULT_HEIGHT = 720
TITLE_BAND = 58  # px at the top of the figure for the title
LEGEND_BAND = 40  # px below the title for the horizontal legend
STAMP_NAME = "source_stamp"
WATERMARK_NAME = "scenario_watermark"


def wrap(text: str, width: int = 28) -> str:
    """Wrap a label onto several lines with ``<br>`` (plotly's line break); line breaks
    already in it are kept."""
    pieces = str(text).split("<br>")
    return "<br>".join(
        line for piece in pieces for line in textwrap.wrap(piece, width=width)
    ) or str(text)


def base_layout(
    fig: go.Figure,
    lang: str,
    title: str | None = None,
    *,
    height: int | None = DEFAULT_HEIGHT,
    legend: bool = True,
) -> go.Figure:
    """Apply the house layout: fonts, projector sizes, locale separators, title, legend.

    The title and the horizontal legend sit in fixed pixel bands at the top (computed from
    ``height``) so they never collide with the plot or facet titles. Returns the figure.
    """
    title_band = TITLE_BAND if title else 12
    top = title_band + (LEGEND_BAND if legend else 0)
    fig.update_layout(
        template="plotly_white",
        font={"family": FONT_FAMILY, "size": SIZES["base"], "color": COLORS["text"]},
        separators=plotly_separators(lang),
        paper_bgcolor=COLORS["background"],
        plot_bgcolor=COLORS["background"],
        margin={**MARGINS, "t": top + 10},
        showlegend=legend,
        # Hover text dark on white: plotly's default box takes the trace's colour and white
        # or #444 text, 3.4:1 on the green of increases, 4.2:1 on the sky blue (below 4.5:1).
        hoverlabel={
            "bgcolor": COLORS["background"],
            "bordercolor": COLORS["muted_text"],
            "font": {"size": SIZES["hover"], "family": FONT_FAMILY, "color": COLORS["text"]},
            "align": "left",
        },
        uniformtext={"minsize": SIZES["bar_text"] - 3, "mode": "hide"},
    )
    if height is not None:
        fig.update_layout(height=height)
    h = height or DEFAULT_HEIGHT
    if legend:
        fig.update_layout(
            legend={
                "orientation": "h",
                "x": 0,
                "xanchor": "left",
                "xref": "container",
                "y": 1 - title_band / h,
                "yanchor": "top",
                "yref": "container",
                "font": {"size": SIZES["legend"]},
                "traceorder": "normal",
                "bgcolor": "rgba(255,255,255,0)",
                "itemwidth": 30,
            }
        )
    if title is not None:
        fig.update_layout(
            title={
                "text": f"<b>{title}</b>",
                "x": 0.01,
                "xanchor": "left",
                "xref": "container",
                "y": 1 - 12 / h,
                "yanchor": "top",
                "yref": "container",
                "font": {"size": SIZES["title"], "color": COLORS["text"]},
            }
        )
    # Tick text colour set here: Streamlit's chart theme would otherwise grey it to
    # rgb(128,132,149), 3.7:1 on white (below WCAG AA's 4.5:1); #4D4D4D is 8.4:1.
    tickfont = {"size": SIZES["tick"], "color": COLORS["muted_text"]}
    fig.update_xaxes(tickfont=tickfont, gridcolor=COLORS["grid"], zerolinecolor="#9A9A9A")
    fig.update_yaxes(tickfont=tickfont, gridcolor=COLORS["grid"])
    return fig


def stamp_text(source: str, as_of: object, lang: str) -> str:
    """'Source : … — données au 27 nov. 2023' (dates formatted, other text passed through)."""
    if is_missing(as_of):
        as_of_text = t("status.not_reported", lang)
    elif isinstance(as_of, str):
        try:
            as_of_text = fmt_date(as_of, lang)
        except ValueError:
            as_of_text = as_of  # already a human label such as "avril 2023"
    else:
        as_of_text = fmt_date(as_of, lang)
    # A source of several lines ("Plan figures modified by a scenario: …\nIOM Mali…", see
    # components.scenario_identity.chart_source): the last is the source, the others go above.
    *above, main = source.split("\n")
    return "<br>".join([*above, t("stamp.template", lang, source=main, as_of=as_of_text)])


def add_stamp(
    fig: go.Figure,
    source: str,
    as_of: object,
    lang: str,
    scenario: bool = False,
    wrap_width: int | None = None,
) -> go.Figure:
    """Stamp the source and as-of date at the bottom left; mark scenarios unmistakably.

    ``wrap_width`` breaks the stamp into lines of that many characters, for narrow charts
    (a small donut in a column) whose stamp would otherwise be cut. See :func:`add_stamp_line`.
    """
    if not source or not str(source).strip():
        raise ValueError("every figure needs a source for its stamp")
    stamp = stamp_text(str(source), as_of, lang)
    return add_stamp_line(fig, stamp, lang, scenario=scenario, wrap_width=wrap_width)


def _stamp_lines(text: object) -> int:
    return str(text or "").count("<br>") + 1


def add_stamp_line(
    fig: go.Figure,
    stamp: str,
    lang: str,
    *,
    scenario: bool = False,
    wrap_width: int | None = None,
) -> go.Figure:
    """Put a ready-made source/as-of line at the bottom left; mark scenarios unmistakably.

    With ``scenario=True`` a large diagonal semi-transparent 'SCÉNARIO' / 'SCENARIO'
    watermark is drawn across the plot and the title gets the 'SCÉNARIO — ' prefix.
    Calling it twice replaces the stamp rather than stacking a second one.
    """
    if not stamp or not str(stamp).strip():
        raise ValueError("every figure needs a source/as-of stamp")
    kept = [a for a in fig.layout.annotations if a.name not in {STAMP_NAME, WATERMARK_NAME}]
    fig.layout.annotations = kept
    text = wrap(stamp, wrap_width) if wrap_width else stamp
    margin_b = fig.layout.margin.b if fig.layout.margin.b is not None else MARGINS["b"]
    # Lines above the source line (a scenario's name) take their height from the plot, never
    # from the tick labels; the source line itself (wrapped or not) has its room already.
    main = stamp.rsplit("<br>", 1)[-1]
    extra = _stamp_lines(text) - _stamp_lines(wrap(main, wrap_width) if wrap_width else main)
    if extra:
        margin_b = max(0, margin_b + extra * STAMP_LINE_PX)
        fig.update_layout(margin={"b": margin_b})
    fig.add_annotation(
        name=STAMP_NAME,
        text=text,
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        xanchor="left",
        yanchor="bottom",
        yshift=-margin_b + 4,
        showarrow=False,
        align="left",
        font={"size": SIZES["stamp"], "color": COLORS["muted_text"]},
    )
    if scenario:
        word = t("scenario.watermark", lang)
        fig.add_annotation(
            name=WATERMARK_NAME,
            text=f"<b>{word}</b>",
            xref="paper",
            yref="paper",
            x=0.5,
            y=0.5,
            xanchor="center",
            yanchor="middle",
            textangle=-25,
            showarrow=False,
            opacity=0.16,
            font={"size": SIZES["watermark"], "color": COLORS["scenario"]},
        )
        title = fig.layout.title.text or ""
        if word not in title:
            plain = title.removeprefix("<b>").removesuffix("</b>")
            prefixed = t("scenario.title_prefix", lang, title=plain) if plain else word
            fig.update_layout(
                title={
                    "text": f"<b>{prefixed}</b>" if title.startswith("<b>") else prefixed,
                    "font": {"color": COLORS["scenario"]},
                }
            )
    return fig
