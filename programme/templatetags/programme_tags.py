"""The overview's table rows, built in Python: at 200 partnerships the template engine's
per-variable cost was most of the page's time, and then Django's format_html (its lazy
wrapper around every escape) was most of what was left; the standard library's
html.escape over plain strings does the same escaping (bench: programme.overview)."""

from html import escape

from django import template
from django.utils.safestring import mark_safe

register = template.Library()


def _e(value):
    return escape(str(value), quote=True)


def _cells(row, link):
    if link:
        name = f'<a class="govuk-link" href="{_e(row.space_url)}">{_e(row.partnership_name)}</a>'
        flags = "".join(
            f'<br><strong class="govuk-tag govuk-tag--red">{_e(f)}</strong>' for f in row.flags
        )
    else:
        name = _e(row.partnership_name)
        flags = "".join(f"<br><strong>⚑ {_e(f)}</strong>" for f in row.flags)
    if row.first_met_on:
        met = row.first_met_label + (f" ({row.meetings} meetings)" if row.meetings > 1 else "")
    else:
        met = "Not yet"
    if row.team_size:
        team = f"{row.team_size} named" + (
            f"; lead contact {row.lead_contact}" if row.lead_contact else ""
        )
    else:
        team = "Not yet"
    milestones = f"{row.on_track} on track, {row.at_risk} at risk, {row.done} done" + (
        f", {row.not_started} not started" if row.not_started else ""
    )
    return (
        f'<tr class="govuk-table__row{" lp-flagged" if row.flagged else ""}">'
        f'<th scope="row" class="govuk-table__header">{name}{flags}</th>'
        f'<td class="govuk-table__cell">{_e(met)}</td>'
        f'<td class="govuk-table__cell">{_e(team)}</td>'
        f'<td class="govuk-table__cell">{_e(row.challenge_status)}<br>'
        f'<span class="govuk-body-s">{_e(row.current_title or "")}</span></td>'
        f'<td class="govuk-table__cell">{_e(milestones)}</td>'
        f'<td class="govuk-table__cell govuk-table__cell--numeric">'
        f"{row.events_attended:d} of {row.events_invited:d}</td></tr>"
    )


@register.simple_tag
def overview_rows(rows, link=True):
    """Every value is escaped by _e (html.escape); the numbers are formatted as integers."""
    return mark_safe("\n".join(_cells(row, link) for row in rows))  # noqa: S308
