"""A short text summary of a chart or map, read from the figure itself (pure, no streamlit).

Screen-reader users get the chart's title as its name and these lines as its description
(:mod:`components.widgets.accessibility`). At most :data:`MAX_LINES` lines, in the page's
language, exact amounts (``fmt_usd``), never Markdown or HTML: names are the figure's own
labels with plotly's ``<b>``/``<br>`` taken out.

What is read, by kind of figure (the builders of :mod:`components.charts` and
:mod:`components.maps` mark their traces):

- funding bars: ``go.Bar`` traces with ``meta["kind"]`` confirmed / itemised / not_itemised
  / gap / not_reported (x = amount, y = the category), and the ``required_marker`` of an
  over-funded area; a trace with ``meta["objective_id"]`` means activity areas;
- donuts: ``go.Pie`` traces (values confirmed + gap, or one not-reported slice), named by
  their area or objective; the grid's ``not_reported_caption`` annotation;
- scenario changes: traces with ``meta["kind"]`` increase / decrease / unknown / unchanged;
- trends over versions and DTM rounds, the change between two rounds and the maps per
  round: :mod:`components.charts.trend_summary` (asked first);
- the choropleth: one trace per unit with ``meta = {"pcode", "value"}``, outlines with
  ``meta["presence"]``; the 3D deck: its GeoJSON features' ``label`` and ``value``.

Up to five items get a line each; more are summed up (totals, the largest gap, the lowest
and highest coverage, what is not reported or above its requirement).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

import plotly.graph_objects as go

from components.charts.trend_summary import trend_summary
from text import fmt_int, fmt_pct, fmt_usd, nt, t

MAX_LINES = 5
MAX_NAMES = 4  # names listed in one line before "and N more"
TOP_UNITS = 3  # map units named by their estimate
_FUNDING_KINDS = frozenset({"confirmed", "itemised", "not_itemised", "gap", "not_reported"})
_CONFIRMED_KINDS = frozenset({"confirmed", "itemised", "not_itemised"})
_DELTA_KINDS = frozenset({"increase", "decrease", "unknown", "unchanged"})
_TAG = re.compile(r"<[^>]*>")
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
# ASCII white space only: the no-break spaces of French typography (before ":", in numbers)
# are kept.
_SPACES = re.compile(r"[ \t\n\r\f\v]+")


def plain(label: object) -> str:
    """A plotly label as plain text: ``<br>`` a space, tags dropped, ASCII spaces collapsed.

    A bold first line over plain lines ("<b>Objectif 1</b><br>Sauver…", a heading and its
    text) reads "Objectif 1 — Sauver…".
    """
    parts = [part.strip() for part in _BREAK.split("" if label is None else str(label))]
    parts = [part for part in parts if _SPACES.sub("", _TAG.sub("", part))]
    lines = [_SPACES.sub(" ", _TAG.sub("", part)).strip(" ") for part in parts]
    if len(parts) > 1 and _is_bold(parts[0]) and not _is_bold(parts[1]):
        return f"{lines[0]} — {' '.join(lines[1:])}"
    return " ".join(lines)


def _is_bold(part: str) -> bool:
    return part.lower().startswith("<b>") and part.lower().endswith("</b>")


def figure_title(fig: go.Figure) -> str:
    """The figure's title as plain text ("" when it has none)."""
    return plain(fig.layout.title.text)


# --- items ---------------------------------------------------------------------------------
class Item(NamedTuple):
    """One bar or donut: confirmed (``None``: not reported), required (``None``: not in the
    figure, when the confirmed amount covers it), not itemised."""

    name: str
    confirmed: float | None
    required: float | None
    not_itemised: float = 0
    over: bool = False

    @property
    def coverage(self) -> float | None:
        if self.confirmed is None or not self.required:
            return None
        return self.confirmed / self.required

    @property
    def gap(self) -> float | None:
        if self.confirmed is None or self.required is None:
            return None
        return max(self.required - self.confirmed, 0)


def _meta(trace: Any) -> dict[str, Any]:
    meta = getattr(trace, "meta", None)
    return meta if isinstance(meta, dict) else {}


def _numbers(values: Any) -> list[float]:
    return [float(v) for v in (values if values is not None else ())]


def bar_items(fig: go.Figure) -> list[Item]:
    """The categories of a funding bar chart, top to bottom (the figure's category order)."""
    parts: dict[str, dict[str, float]] = {}
    for trace in fig.data:
        kind = _meta(trace).get("kind")
        if kind not in _FUNDING_KINDS and kind != "required_marker":
            continue
        for y, x in zip(trace.y or (), _numbers(trace.x), strict=True):
            amounts = parts.setdefault(str(y), {})
            amounts[kind] = amounts.get(kind, 0.0) + x
    items = []
    for label, amounts in parts.items():
        name = plain(label)
        if "not_reported" in amounts:
            items.append(Item(name, None, amounts["not_reported"]))
            continue
        confirmed = sum(amounts.get(kind, 0.0) for kind in _CONFIRMED_KINDS)
        unitemised = amounts.get("not_itemised", 0.0)
        if "required_marker" in amounts:
            items.append(Item(name, confirmed, amounts["required_marker"], unitemised, True))
        elif "gap" in amounts:
            items.append(Item(name, confirmed, confirmed + amounts["gap"], unitemised))
        else:  # no gap drawn: the confirmed amount reaches the requirement
            items.append(Item(name, confirmed, None, unitemised))
    order = _category_order(fig)
    if order:
        items.sort(key=lambda item: order.get(item.name, len(order)))
    return items


def _category_order(fig: go.Figure) -> dict[str, int]:
    """Category -> position top to bottom, from the y axes' ``categoryarray`` (reversed)."""
    order: dict[str, int] = {}
    for name in sorted(k for k in fig.layout.to_plotly_json() if k.startswith("yaxis")):
        categories = fig.layout[name].categoryarray
        for label in reversed(list(categories or ())):
            order.setdefault(plain(label), len(order))
    return order


def pie_items(fig: go.Figure) -> list[Item]:
    """Each donut: confirmed + gap slices, or one not-reported slice (its required amount)."""
    items = []
    for trace in fig.data:
        if trace.type != "pie":
            continue
        values = _numbers(trace.values)
        name = plain(trace.name)
        if len(values) == 1:
            items.append(Item(name, None, values[0]))
        elif len(values) >= 2:
            confirmed, gap = values[0], values[1]
            items.append(Item(name, confirmed, confirmed + gap if gap > 0 else None))
    return items


# --- wording -------------------------------------------------------------------------------
def names_line(names: Sequence[str], lang: str, limit: int = MAX_NAMES) -> str:
    """``A, B, C, D and 3 more``: at most ``limit`` names, then how many more."""
    shown = ", ".join(names[:limit])
    extra = len(names) - limit
    return nt("summary.more", extra, lang, names=shown) if extra > 0 else shown


def _usd(value: float, lang: str) -> str:
    return fmt_usd(round(value), lang)


def item_line(item: Item, lang: str) -> str:
    """One bar or donut in a sentence: confirmed of required (coverage)."""
    if item.confirmed is None:
        return t(
            "summary.item_not_reported",
            lang,
            name=item.name,
            required=_usd(item.required or 0, lang),
        )
    confirmed = _usd(item.confirmed, lang)
    if item.required is None:
        line = t("summary.item_covered", lang, name=item.name, confirmed=confirmed)
    else:
        key = "summary.item_over" if item.over else "summary.item"
        line = t(
            key,
            lang,
            name=item.name,
            confirmed=confirmed,
            required=_usd(item.required, lang),
            coverage=fmt_pct(item.coverage, lang),
        )
    if item.not_itemised:
        line = t("summary.not_itemised", lang, line=line, amount=_usd(item.not_itemised, lang))
    return line


def items_lines(items: Sequence[Item], noun: str, lang: str) -> list[str]:
    """A line per item (up to :data:`MAX_LINES`), else totals and the notable items.

    ``noun`` picks the wording of the totals: ``"areas"`` or ``"objectives"``.
    """
    if len(items) <= MAX_LINES:
        return [item_line(item, lang) for item in items]
    reported = [i for i in items if i.confirmed is not None]
    lines = [
        nt(
            f"summary.total.{noun}",
            len(items),
            lang,
            required=_usd(sum(i.required or i.confirmed or 0 for i in items), lang),
            confirmed=_usd(sum(i.confirmed or 0 for i in reported), lang),
        )
    ]
    with_gap = [i for i in reported if i.gap is not None]
    if with_gap:
        largest = max(with_gap, key=lambda i: i.gap or 0)
        lines.append(
            t(
                "summary.largest_gap",
                lang,
                name=largest.name,
                gap=_usd(largest.gap or 0, lang),
                coverage=fmt_pct(largest.coverage, lang),
            )
        )
    covered = [i for i in reported if i.coverage is not None]
    if len(covered) > 1:
        low = min(covered, key=lambda i: i.coverage or 0)
        high = max(covered, key=lambda i: i.coverage or 0)
        lines.append(
            t(
                "summary.coverage_range",
                lang,
                low=low.name,
                low_coverage=fmt_pct(low.coverage, lang),
                high=high.name,
                high_coverage=fmt_pct(high.coverage, lang),
            )
        )
    missing = [i.name for i in items if i.confirmed is None]
    if missing:
        lines.append(t("summary.not_reported", lang, names=names_line(missing, lang)))
    above = [i.name for i in reported if i.over or i.required is None]
    if above:
        lines.append(t("summary.above_requirement", lang, names=names_line(above, lang)))
    return lines[:MAX_LINES]


def delta_lines(fig: go.Figure, lang: str) -> list[str]:
    """Scenario changes: increases and decreases with their amounts, unknown, unchanged."""
    groups: dict[str, list[tuple[str, float]]] = {kind: [] for kind in _DELTA_KINDS}
    for trace in fig.data:
        kind = _meta(trace).get("kind")
        if kind in _DELTA_KINDS:
            groups[kind] += [
                (plain(y), x) for y, x in zip(trace.y or (), _numbers(trace.x), strict=True)
            ]
    lines = []
    for kind in ("increase", "decrease"):
        if groups[kind]:
            changes = [
                t("summary.delta.item", lang, name=name, change=fmt_usd(x, lang, signed=True))
                for name, x in groups[kind]
            ]
            lines.append(t(f"summary.delta.{kind}", lang, items=names_line(changes, lang)))
    if groups["unknown"]:
        names = [name for name, _ in groups["unknown"]]
        lines.append(t("summary.delta.unknown", lang, names=names_line(names, lang)))
    if groups["unchanged"]:
        lines.append(nt("summary.delta.unchanged", len(groups["unchanged"]), lang))
    return lines


def map_lines(
    units: Iterable[tuple[str, int | None]],
    lang: str,
    presence: tuple[str, list[str]] | None = None,
) -> list[str]:
    """Map units ``(label, estimate)``: total, the largest estimates, units without a figure,
    and (``(legend name, unit labels)``) where the chosen activity area works."""
    units = list(units)
    valued = [(name, value) for name, value in units if value is not None]
    lines = [
        nt(
            "summary.map.total",
            len(valued),
            lang,
            total=fmt_int(sum(value for _, value in valued), lang),
        )
    ]
    if valued:
        top = sorted(valued, key=lambda unit: -unit[1])[:TOP_UNITS]
        items = [
            t("summary.map.item", lang, name=name, value=fmt_int(value, lang))
            for name, value in top
        ]
        lines.append(t("summary.map.top", lang, items=", ".join(items)))
    missing = [name for name, value in units if value is None]
    if missing:
        lines.append(t("summary.map.no_share", lang, names=names_line(missing, lang)))
    if presence is not None and presence[1]:
        name, where = presence
        lines.append(t("summary.map.presence", lang, label=name, names=names_line(where, lang)))
    return lines


def _unit_name(trace: Any) -> str:
    """A map unit's label: the first line of its hover text (a unit without a figure is
    *named* "no DTM share" in the legend, its hover still starts with its label)."""
    text = trace.text if isinstance(trace.text, str) else ""
    first = _BREAK.split(text)[0] if text else ""
    return plain(first) or plain(trace.name)


def _choropleth_lines(fig: go.Figure, lang: str) -> list[str]:
    units: dict[str, tuple[str, int | None]] = {}
    present: list[str] = []
    presence_name = ""
    for trace in fig.data:
        meta = _meta(trace)
        if "pcode" not in meta:
            continue
        if meta.get("presence"):
            present.append(str(meta["pcode"]))
            presence_name = presence_name or plain(trace.name)
        elif "value" in meta:
            value = meta["value"]
            units[str(meta["pcode"])] = (_unit_name(trace), None if value is None else int(value))
    where = [units[pcode][0] if pcode in units else pcode for pcode in present]
    return map_lines(units.values(), lang, (presence_name, where) if present else None)


def figure_summary(fig: go.Figure, lang: str) -> list[str]:
    """The summary lines of a house figure (``[]`` for a figure of another kind)."""
    trend = trend_summary(fig, lang)  # trends, rounds, maps per round
    if trend is not None:
        return trend[:MAX_LINES]
    kinds = {_meta(trace).get("kind") for trace in fig.data}
    if any("pcode" in _meta(trace) for trace in fig.data):
        return _choropleth_lines(fig, lang)[:MAX_LINES]
    if kinds & _DELTA_KINDS:
        return delta_lines(fig, lang)[:MAX_LINES]
    if kinds & _FUNDING_KINDS:
        areas = any("objective_id" in _meta(trace) for trace in fig.data)
        return items_lines(bar_items(fig), "areas" if areas else "objectives", lang)
    pies = pie_items(fig)
    if pies:
        lines = items_lines(pies, "areas", lang)
        caption = [a.text for a in fig.layout.annotations if a.name == "not_reported_caption"]
        if caption and len(lines) < MAX_LINES:
            lines.append(plain(caption[0]))
        return lines
    return []


def deck_summary(deck: Any, lang: str) -> list[str]:
    """The 3D map's summary: its GeoJSON features' ``label`` and ``value`` (any layer)."""
    units: list[tuple[str, int | None]] = []
    for layer in getattr(deck, "layers", None) or ():
        data = getattr(layer, "data", None)
        if not isinstance(data, dict):
            continue
        for feature in data.get("features", ()):
            props = feature.get("properties", {})
            value = props.get("value")
            units.append((plain(props.get("label", "")), None if value is None else int(value)))
    return map_lines(units, lang)[:MAX_LINES] if units else []
