"""Dates and times in the GOV.UK style, always in Europe/London."""

from zoneinfo import ZoneInfo

from django.utils import timezone

LONDON = ZoneInfo("Europe/London")


def format_time(value):
    """'12pm', '9am', '5:30pm', 'midnight' (GOV.UK style guide)."""
    local = timezone.localtime(value, LONDON)
    if local.hour == 0 and local.minute == 0:
        return "midnight"
    if local.hour == 12 and local.minute == 0:
        return "12pm"
    hour = local.hour % 12 or 12
    suffix = "am" if local.hour < 12 else "pm"
    if local.minute:
        return f"{hour}:{local.minute:02d}{suffix}"
    return f"{hour}{suffix}"


def format_date(value, weekday=True):
    """'Friday 29 January 2027' for a date or an aware datetime."""
    if hasattr(value, "hour"):
        value = timezone.localtime(value, LONDON).date()
    text = f"{value.day} {value:%B %Y}"
    return f"{value:%A} {text}" if weekday else text


def format_datetime(value, weekday=True):
    """'12pm on Friday 29 January 2027'."""
    if value is None:
        return ""
    return f"{format_time(value)} on {format_date(value, weekday=weekday)}"
