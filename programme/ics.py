"""Calendar files (.ics) for programme events, written with icalendar."""

from django.conf import settings
from django.urls import reverse
from icalendar import Calendar, vText
from icalendar import Event as CalendarEvent

from core.dates import LONDON


def uid(event):
    return f"programme-event-{event.pk}@leadingplaces.local.gov.uk"


def event_calendar(event):
    """Bytes of a calendar with the one event; SEQUENCE is the event's version, so calendar
    programs update or cancel the copy people already have."""
    calendar = Calendar()
    calendar.add("prodid", "-//Local Government Association//Leading Places//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if event.is_cancelled else "PUBLISH")
    item = CalendarEvent()
    item.add("uid", uid(event))
    item.add("sequence", event.version)
    item.add("dtstamp", event.updated_at)
    item.add("dtstart", event.starts_at.astimezone(LONDON))
    item.add("dtend", event.ends_at.astimezone(LONDON))
    item.add("summary", event.title)
    description = event.description
    if event.online_link:
        description = f"{description}\n\nOnline: {event.online_link}".strip()
    link = settings.SITE_URL + reverse("programme:event", args=[event.pk])
    item.add("description", f"{description}\n\n{link}".strip())
    item.add("url", link)
    if event.place:
        item.add("location", vText(event.place))
    elif event.online_link:
        item.add("location", vText(event.online_link))
    item.add("status", "CANCELLED" if event.is_cancelled else "CONFIRMED")
    item.add("categories", [event.get_kind_display()])
    calendar.add_component(item)
    calendar.add_missing_timezones()
    return calendar.to_ical()
