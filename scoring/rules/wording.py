"""Wording shared by the ranking, proposal and explanation rules: percentages, scores,
ordinals, lists ("a, b and c"), plurals, region names ("the North West") and dates.

Pure functions on plain values; every page and export that words a ranking figure uses these.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

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


def format_percent(value: float) -> str:
    """72.5%: a percentage with one decimal."""
    return f"{value:.1f}%"


def format_score(value: float | None) -> str:
    """A criterion score with one decimal, or "no score"."""
    return "no score" if value is None else f"{value:.1f}"


def format_number(value: float) -> str:
    """3 or 2.5: whole numbers without a decimal point."""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


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


def format_datetime(value: datetime, with_time: bool = False) -> str:
    """3 March 2025, or 10:15am on 3 March 2025."""
    day = f"{value.day} {MONTHS[value.month - 1]} {value.year}"
    if not with_time:
        return day
    hour = value.hour % 12 or 12
    return f"{hour}:{value.minute:02d}{'am' if value.hour < 12 else 'pm'} on {day}"
