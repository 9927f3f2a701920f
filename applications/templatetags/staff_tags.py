"""Template helpers for programme staff pages: {% load staff_tags %}."""

from django import template
from django.utils.html import format_html

from applications.staff_bids import STATUS_COLOURS, short_datetime

register = template.Library()


@register.simple_tag
def bid_status_tag(bid):
    colour = STATUS_COLOURS.get(bid.status, "grey")
    return format_html(
        '<strong class="govuk-tag govuk-tag--{}">{}</strong>', colour, bid.get_status_display()
    )


register.filter("short_datetime", short_datetime)
