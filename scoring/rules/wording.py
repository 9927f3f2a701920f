"""Wording shared by the ranking, proposal and explanation rules: percentages and scores (from
``scoring.rules.figures``), ordinals, lists ("a, b and c"), plurals, region names ("the North
West") and dates (in Europe/London time).

Pure functions on plain values; every page and export that words a ranking figure uses these.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from scoring.rules.figures import exact, format_percent, format_score

__all__ = ["format_percent", "format_score"]  # the one formatting of a figure: rules.figures
LONDON = ZoneInfo("Europe/London")

ORDINALS = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def format_number(value) -> str:
    """3 or 2.5: whole numbers without a decimal point (a weight, a scale, a minimum)."""
    value = exact(value)
    return str(value.numerator) if value.denominator == 1 else f"{float(value):g}"


def ordinal(n: int) -> str:
    """first, second, ... twentieth, then 21st, 22nd, ..."""
    if 1 <= n <= len(ORDINALS):
        return ORDINALS[n - 1]
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def region_phrase(region: str) -> str:
    """ "the North West", but "London" and "Yorkshire and The Humber"."""
    first = region.split(" ", 1)[0]
    return f"the {region}" if first in {"North", "South", "East", "West"} else region


def capitalise(text: str) -> str:
    """Upper-case the first letter only: "the North West ..." -> "The North West ..."."""
    return text[:1].upper() + text[1:]


def join_and(items: Sequence[str]) -> str:
    """a; a and b; a, b and c."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def plural(n: int, singular: str, plural_form: str | None = None) -> str:
    return f"{n} {singular if n == 1 else (plural_form or singular + 's')}"


def format_datetime(value: datetime, with_time: bool = False, seconds: bool = False) -> str:
    """3 March 2025, or 10:15am on 3 March 2025, in Europe/London time (a naive datetime is
    taken as London time already). With ``seconds``: 10:15:07am."""
    if value.tzinfo is not None:
        value = value.astimezone(LONDON)
    day = f"{value.day} {MONTHS[value.month - 1]} {value.year}"
    if not with_time:
        return day
    hour = value.hour % 12 or 12
    second = f":{value.second:02d}" if seconds else ""
    return f"{hour}:{value.minute:02d}{second}{'am' if value.hour < 12 else 'pm'} on {day}"
