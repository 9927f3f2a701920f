"""Which round the service is about, and the demo round's dates."""

import datetime as dt

from django.utils import timezone

from applications.models import Round
from core.dates import LONDON


def current_round(now=None):
    """The open round; else the next upcoming one; else the most recent."""
    now = now or timezone.now()
    open_round = Round.objects.filter(opens_at__lte=now, closes_at__gt=now).first()
    if open_round:
        return open_round
    upcoming = Round.objects.filter(opens_at__gt=now).order_by("opens_at").first()
    return upcoming or Round.objects.order_by("-number").first()


def demo_round_dates(today):
    """Open since 9am a week ago; closes at 12pm on the Friday at least five weeks away."""
    opens = dt.datetime.combine(today - dt.timedelta(days=7), dt.time(9), tzinfo=LONDON)
    close_day = today + dt.timedelta(days=35)
    close_day += dt.timedelta(days=(4 - close_day.weekday()) % 7)
    closes = dt.datetime.combine(close_day, dt.time(12), tzinfo=LONDON)
    assessment = closes + dt.timedelta(days=3)
    decisions = closes + dt.timedelta(days=42)
    announced = closes + dt.timedelta(days=56)
    programme_start = (announced + dt.timedelta(days=14)).date().replace(day=1)
    programme_start = (programme_start + dt.timedelta(days=32)).replace(day=1)
    programme_end = programme_start.replace(year=programme_start.year + 1) - dt.timedelta(days=1)
    return {
        "opens_at": opens,
        "closes_at": closes,
        "assessment_starts_at": assessment,
        "decisions_at": decisions,
        "announced_at": announced,
        "programme_starts_on": programme_start,
        "programme_ends_on": programme_end,
    }
