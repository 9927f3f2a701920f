"""A hex map of England's 296 local authority districts, drawn as SVG on the server.

Core knows nothing of where the districts come from: the layout is plain data,
{code: (name, q, r)} in the Open Innovations odd-r layout (odd rows shifted right; `r`
grows northwards). The app that owns the reference data hands core a loader at start-up
(`use_layout(loader)`; applications does, from applications/data/), or a caller passes
`cells=` itself. No database query.

    svg = hex_map_svg(
        {"E08000019": "proposed", "E08000021": "earlier"},
        legend=[Category("proposed", "Proposed bids", "#1d70b8"),
                Category("earlier", "Earlier cohort", "#b1b4b6")],
        title="Bids by district", labels={"E08000019": "Sheffield (LP2-0001)"})

Each hexagon has a <title> (district name, its category and label) for screen readers and
hover; pages must also give a table alternative.
"""

import math
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.utils.html import escape
from django.utils.safestring import mark_safe

EMPTY_FILL = "#f3f2f1"

_layout = {"loader": None, "cells": None}


@dataclass(frozen=True)
class Category:
    key: str
    label: str
    colour: str


def use_layout(loader):
    """Use `loader()` ({code: (name, q, r)}) for every map; it is called once, when the
    first map is drawn."""
    _layout.update(loader=loader, cells=None)


def layout():
    """{code: (name, q, r)} for every district, from the loader given to use_layout()."""
    if _layout["cells"] is None:
        if _layout["loader"] is None:
            raise ImproperlyConfigured("No hex map layout: call core.hexmap.use_layout(loader)")
        _layout["cells"] = _layout["loader"]()
    return _layout["cells"]


def _points(cx, cy, size):
    return " ".join(
        f"{cx + size * math.cos(math.radians(60 * i - 30)):.1f},"
        f"{cy + size * math.sin(math.radians(60 * i - 30)):.1f}"
        for i in range(6)
    )


def hex_map_svg(categories, *, legend, title, labels=None, size=9, svg_id="hexmap", cells=None):
    """SVG markup (safe) colouring districts by category key; others are left pale.
    `cells` ({code: (name, q, r)}) defaults to the layout given to use_layout()."""
    labels = labels or {}
    colours = {c.key: c.colour for c in legend}
    names = {c.key: c.label for c in legend}
    cells = layout() if cells is None else cells
    min_q = min(q for _, q, _ in cells.values())
    max_q = max(q for _, q, _ in cells.values())
    min_r = min(r for _, _, r in cells.values())
    max_r = max(r for _, _, r in cells.values())
    width = math.sqrt(3) * size
    step_y = 1.5 * size
    view_w = (max_q - min_q + 1.5) * width + size
    legend_h = 22 * len(legend) + 10
    view_h = (max_r - min_r + 1) * step_y + 2 * size + legend_h
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="lp-hexmap" id="{escape(svg_id)}" '
        f'viewBox="0 0 {view_w:.0f} {view_h:.0f}" role="img" '
        f'aria-labelledby="{escape(svg_id)}-title">',
        f'<title id="{escape(svg_id)}-title">{escape(title)}</title>',
    ]
    for code, (name, q, r) in sorted(cells.items()):
        cx = size + (q - min_q) * width + (width / 2 if r % 2 else 0) + width / 2
        cy = size + (max_r - r) * step_y
        key = categories.get(code)
        fill = colours.get(key, EMPTY_FILL)
        tooltip = name
        if key in names:
            tooltip += f": {names[key]}"
        if code in labels:
            tooltip += f" ({labels[code]})"
        parts.append(
            f'<polygon points="{_points(cx, cy, size)}" fill="{fill}" stroke="#ffffff" '
            f'stroke-width="1" data-code="{code}"><title>{escape(tooltip)}</title></polygon>'
        )
    y = (max_r - min_r + 1) * step_y + 2 * size
    for category in legend:
        parts.append(
            f'<rect x="{size}" y="{y:.0f}" width="14" height="14" fill="{category.colour}" '
            f'stroke="#0b0c0c" stroke-width="0.5"/>'
            f'<text x="{size + 20}" y="{y + 12:.0f}" font-size="13" '
            f'font-family="Helvetica, Arial, sans-serif" fill="#0b0c0c">'
            f"{escape(category.label)}</text>"
        )
        y += 22
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped
