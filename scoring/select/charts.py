"""Server-side SVG for the selection pages: score distribution bar charts and the hex map of
the round's bids. No JavaScript; every chart has a title, an aria description and a table
alternative in the templates."""

from django.utils.html import escape
from django.utils.safestring import mark_safe

from core.hexmap import Category, hex_map_svg
from scoring.rules.wording import format_number

BAR_COLOUR = "#1d70b8"
TEXT = 'font-family="Helvetica, Arial, sans-serif" fill="#0b0c0c"'


def distribution_svg(distribution, svg_id):
    """A bar per score level of one criterion (count of submitted assessments giving it)."""
    width, height, left, bottom, top = 320, 180, 36, 36, 16
    counts = distribution.counts
    biggest = max((count for _, count in counts), default=0) or 1
    slot = (width - left - 10) / max(len(counts), 1)
    plot_h = height - bottom - top
    summary = ", ".join(f"score {format_number(level)}: {count}" for level, count in counts)
    title = f"Scores given for {distribution.name}"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="lp-chart" id="{escape(svg_id)}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-labelledby="{escape(svg_id)}-title" '
        f'aria-describedby="{escape(svg_id)}-desc">',
        f'<title id="{escape(svg_id)}-title">{escape(title)}</title>',
        f'<desc id="{escape(svg_id)}-desc">{escape(summary)} '
        f"({distribution.total} scores in all)</desc>",
        f'<line x1="{left}" y1="{top + plot_h}" x2="{width - 5}" y2="{top + plot_h}" '
        f'stroke="#0b0c0c" stroke-width="1"/>',
        f'<text x="4" y="{top + 4}" font-size="11" {TEXT}>{biggest}</text>',
        f'<text x="4" y="{top + plot_h}" font-size="11" {TEXT}>0</text>',
    ]
    for index, (level, count) in enumerate(counts):
        bar_h = plot_h * count / biggest
        x = left + index * slot + slot * 0.15
        y = top + plot_h - bar_h
        parts.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{slot * 0.7:.1f}" height="{bar_h:.1f}" '
            f'fill="{BAR_COLOUR}"/>'
        )
        if count:
            parts.append(
                f'<text x="{x + slot * 0.35:.1f}" y="{y - 3:.1f}" font-size="11" '
                f'text-anchor="middle" {TEXT}>{count}</text>'
            )
        parts.append(
            f'<text x="{x + slot * 0.35:.1f}" y="{top + plot_h + 15}" font-size="12" '
            f'text-anchor="middle" {TEXT}>{escape(format_number(level))}</text>'
        )
    parts.append(
        f'<text x="{left + (width - left) / 2:.0f}" y="{height - 4}" font-size="11" '
        f'text-anchor="middle" {TEXT}>Score</text>'
    )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped or a number


MAP_LEGEND = [
    Category("proposed", "Proposed", "#1d70b8"),
    Category("not_proposed", "Ranked, not proposed", "#f47738"),
    Category("excluded", "Listed separately (cannot be proposed)", "#6f777b"),
    Category("earlier", "Earlier cohorts", "#c3d9ee"),
]
STATUS_TEXT = {c.key: c.label for c in MAP_LEGEND}
PRECEDENCE = {"proposed": 0, "not_proposed": 1, "excluded": 2, "earlier": 3}


def map_rows(selection):
    """One row per district with a bid or an earlier cohort: its bids and colour."""
    districts = {}
    for row in selection.rows:
        status = "proposed" if row.proposed else ("not_proposed" if row.ranked else "excluded")
        for code, name, region in row.info.districts:
            entry = districts.setdefault(
                code, {"code": code, "name": name, "region": region, "bids": [], "status": status}
            )
            entry["bids"].append(row.reference)
            if PRECEDENCE[status] < PRECEDENCE[entry["status"]]:
                entry["status"] = status
    for entry in districts.values():
        entry["earlier"] = entry["code"] in selection.data.earlier_districts
        entry["status_text"] = STATUS_TEXT[entry["status"]]
    return sorted(districts.values(), key=lambda e: (e["region"], e["name"]))


def bids_map_svg(selection, rows, svg_id="selection-map"):
    categories = dict.fromkeys(selection.data.earlier_districts, "earlier")
    labels = {}
    for entry in rows:
        categories[entry["code"]] = entry["status"]
        labels[entry["code"]] = ", ".join(entry["bids"])
    return hex_map_svg(
        categories,
        legend=MAP_LEGEND,
        title=f"Map of England: the districts of each bid in {selection.data.round.name}",
        labels=labels,
        size=8,
        svg_id=svg_id,
    )
