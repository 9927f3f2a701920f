"""Template helpers for programme staff pages: {% load staff_tags %}."""

from django import template
from django.utils import timezone
from django.utils.html import format_html

from applications.staff_bids import STATUS_COLOURS
from core import dates

register = template.Library()


@register.simple_tag
def bid_status_tag(bid):
    colour = STATUS_COLOURS.get(bid.status, "grey")
    return format_html(
        '<strong class="govuk-tag govuk-tag--{}">{}</strong>', colour, bid.get_status_display()
    )


@register.filter
def short_datetime(value):
    """'29 Jan 2027, 12pm' for tables, where space is short (Europe/London)."""
    if not value:
        return ""
    local = timezone.localtime(value, dates.LONDON)
    return f"{local.day} {local:%b %Y}, {dates.format_time(value)}"
