"""The overview's table rows, built in Python: at 200 partnerships the template engine's
per-variable cost was most of the page's time (bench: programme.overview)."""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

register = template.Library()


def _cells(row, link):
    if link:
        name = format_html(
            '<a class="govuk-link" href="{}">{}</a>', row.space_url, row.partnership_name
        )
        flags = format_html_join(
            "",
            '<br><strong class="govuk-tag govuk-tag--red">{}</strong>',
            ((f,) for f in row.flags),
        )
    else:
        name = row.partnership_name
        flags = format_html_join("", "<br><strong>⚑ {}</strong>", ((f,) for f in row.flags))
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
    return format_html(
        '<tr class="govuk-table__row{}"><th scope="row" class="govuk-table__header">{}{}</th>'
        '<td class="govuk-table__cell">{}</td><td class="govuk-table__cell">{}</td>'
        '<td class="govuk-table__cell">{}<br><span class="govuk-body-s">{}</span></td>'
        '<td class="govuk-table__cell">{}</td>'
        '<td class="govuk-table__cell govuk-table__cell--numeric">{} of {}</td></tr>',
        " lp-flagged" if row.flagged else "",
        name,
        flags,
        met,
        team,
        row.challenge_status,
        row.current_title or "",
        milestones,
        row.events_attended,
        row.events_invited,
    )


@register.simple_tag
def overview_rows(rows, link=True):
    return mark_safe("\n".join(_cells(row, link) for row in rows))  # noqa: S308 — format_html
