"""An illustrative timeline of a partnership's plan to the programme's end, drawn on the
server as SVG (the page gives the same facts in a table beside it)."""

import datetime as dt
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import mark_safe

from core.dates import format_date

COLOURS = {
    "not_started": "#505a5f",
    "on_track": "#1d70b8",
    "at_risk": "#d4351c",
    "done": "#00703c",
    "event": "#4c2c92",
}
WIDTH, LEFT, RIGHT, ROW, TOP = 760, 20, 20, 26, 44


@dataclass
class Mark:
    on: dt.date
    label: str
    kind: str  # a milestone status, or "event"
    status_label: str = ""


def bounds(marks, starts_on=None, ends_on=None):
    days = [m.on for m in marks]
    start = starts_on or (min(days) if days else dt.date.today())
    end = ends_on or (max(days) if days else start + dt.timedelta(days=365))
    start = min([start, *days])
    end = max([end, *days])
    if end <= start:
        end = start + dt.timedelta(days=30)
    return start, end


def _months(start, end):
    month = dt.date(start.year, start.month, 1)
    while month <= end:
        if month >= start:
            yield month
        month = dt.date(month.year + (month.month == 12), month.month % 12 + 1, 1)


def timeline_svg(marks, *, starts_on=None, ends_on=None, today=None, title="Timeline"):
    marks = sorted(marks, key=lambda m: (m.on, m.kind != "event", m.label))
    start, end = bounds(marks, starts_on, ends_on)
    span = (end - start).days
    inner = WIDTH - LEFT - RIGHT

    def x(day):
        return LEFT + inner * (day - start).days / span

    height = TOP + ROW * max(len(marks), 1) + 30
    axis_y = height - 24
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="lp-timeline" viewBox="0 0 {WIDTH} '
        f'{height}" width="{WIDTH}" height="{height}" role="img" aria-labelledby="timeline-title '
        f'timeline-desc">',
        f'<title id="timeline-title">{escape(title)}</title>',
        f'<desc id="timeline-desc">From {escape(format_date(start, weekday=False))} to '
        f"{escape(format_date(end, weekday=False))}. The table that follows gives the same "
        "dates.</desc>",
        f'<line x1="{LEFT}" y1="{axis_y}" x2="{WIDTH - RIGHT}" y2="{axis_y}" stroke="#0b0c0c" '
        'stroke-width="2"/>',
    ]
    for month in _months(start, end):
        mx = x(month)
        parts.append(
            f'<line x1="{mx:.1f}" y1="{TOP - 10}" x2="{mx:.1f}" y2="{axis_y + 5}" '
            'stroke="#b1b4b6" stroke-width="1"/>'
        )
        if month.month in (1, 4, 7, 10) or month == dt.date(start.year, start.month, 1):
            parts.append(
                f'<text x="{mx + 2:.1f}" y="{axis_y + 18}" font-size="12" fill="#0b0c0c">'
                f"{month:%b %Y}</text>"
            )
    if today and start <= today <= end:
        tx = x(today)
        parts.append(
            f'<line x1="{tx:.1f}" y1="{TOP - 24}" x2="{tx:.1f}" y2="{axis_y}" stroke="#0b0c0c" '
            'stroke-width="2" stroke-dasharray="4 3"/>'
            f'<text x="{tx + 4:.1f}" y="{TOP - 14}" font-size="12" fill="#0b0c0c">Today</text>'
        )
    for index, mark in enumerate(marks):
        y = TOP + ROW * index + 8
        mx = x(mark.on)
        colour = COLOURS.get(mark.kind, COLOURS["not_started"])
        if mark.kind == "event":
            shape = (
                f'<rect x="{mx - 6:.1f}" y="{y - 6}" width="12" height="12" fill="{colour}" '
                f'transform="rotate(45 {mx:.1f} {y})"/>'
            )
        else:
            shape = f'<circle cx="{mx:.1f}" cy="{y}" r="7" fill="{colour}"/>'
        text = f"{format_date(mark.on, weekday=False)}: {mark.label}"
        if mark.status_label:
            text += f" ({mark.status_label})"
        anchor, tx = ("end", mx - 12) if mx > WIDTH * 0.6 else ("start", mx + 12)
        parts.append(
            shape + f'<text x="{tx:.1f}" y="{y + 4}" font-size="13" fill="#0b0c0c" '
            f'text-anchor="{anchor}">{escape(text[:90])}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 — every piece of text above is escaped
