import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from applications.models import Round
from applications.rounds import current_round, demo_round_dates
from core.dates import LONDON, format_datetime

UTC = dt.UTC


def make_round(**overrides):
    values = {
        "number": 9,
        "name": "Test round",
        "slug": "test-round",
        "reference_prefix": "LPT",
        "opens_at": dt.datetime(2027, 1, 4, 9, tzinfo=LONDON),
        "closes_at": dt.datetime(2027, 3, 29, 12, tzinfo=LONDON),
        "assessment_starts_at": dt.datetime(2027, 4, 5, 9, tzinfo=LONDON),
        "decisions_at": dt.datetime(2027, 5, 10, 9, tzinfo=LONDON),
        "announced_at": dt.datetime(2027, 6, 1, 10, tzinfo=LONDON),
    }
    values.update(overrides)
    return Round(**values)


def test_status_at_each_boundary():
    r = make_round()
    second = dt.timedelta(seconds=1)
    assert r.status_at(r.opens_at - second) == Round.Status.UPCOMING
    assert r.status_at(r.opens_at) == Round.Status.OPEN
    assert r.status_at(r.closes_at - second) == Round.Status.OPEN
    assert r.status_at(r.closes_at) == Round.Status.CLOSED
    assert r.status_at(r.closes_at + second) == Round.Status.CLOSED
    assert r.status_at(r.assessment_starts_at) == Round.Status.ASSESSING
    assert r.status_at(r.decisions_at) == Round.Status.DECIDED
    assert r.status_at(r.announced_at - second) == Round.Status.DECIDED
    assert r.status_at(r.announced_at) == Round.Status.ANNOUNCED


def test_closing_across_the_clock_change():
    # Clocks go forward at 01:00 UTC on Sunday 28 March 2027: 12pm on Monday 29 March in
    # London is 11:00 UTC, not 12:00 UTC.
    r = make_round()
    assert r.closes_at.astimezone(UTC) == dt.datetime(2027, 3, 29, 11, 0, tzinfo=UTC)
    assert r.status_at(dt.datetime(2027, 3, 29, 10, 59, 59, tzinfo=UTC)) == Round.Status.OPEN
    assert r.status_at(dt.datetime(2027, 3, 29, 11, 0, 1, tzinfo=UTC)) == Round.Status.CLOSED
    assert format_datetime(r.closes_at) == "12pm on Monday 29 March 2027"


def test_closing_in_winter_time():
    r = make_round(closes_at=dt.datetime(2027, 1, 29, 12, tzinfo=LONDON))
    assert r.closes_at.astimezone(UTC) == dt.datetime(2027, 1, 29, 12, 0, tzinfo=UTC)
    assert r.status_at(dt.datetime(2027, 1, 29, 11, 59, 59, tzinfo=UTC)) == Round.Status.OPEN
    assert r.status_at(dt.datetime(2027, 1, 29, 12, 0, 1, tzinfo=UTC)) == Round.Status.CLOSED
    assert format_datetime(r.closes_at) == "12pm on Friday 29 January 2027"


@pytest.mark.parametrize(
    ("hour", "minute", "expected"),
    [(0, 0, "midnight"), (9, 0, "9am"), (12, 0, "12pm"), (17, 30, "5:30pm"), (23, 59, "11:59pm")],
)
def test_time_format(hour, minute, expected):
    value = dt.datetime(2027, 1, 29, hour, minute, tzinfo=LONDON)
    assert format_datetime(value) == f"{expected} on Friday 29 January 2027"


def test_demo_round_is_open_on_the_day_it_is_made():
    today = dt.date(2026, 11, 23)
    dates = demo_round_dates(today)
    assert dates["opens_at"] == dt.datetime(2026, 11, 16, 9, tzinfo=LONDON)
    assert dates["closes_at"] == dt.datetime(2027, 1, 1, 12, tzinfo=LONDON)
    r = make_round(**{k: v for k, v in dates.items() if k.endswith("_at")})
    assert r.status_at(dt.datetime(2026, 11, 23, 12, tzinfo=LONDON)) == Round.Status.OPEN


@pytest.mark.django_db
def test_only_one_round_open_at_a_time():
    make_round().save()
    overlapping = make_round(
        number=10,
        slug="other",
        opens_at=dt.datetime(2027, 3, 1, 9, tzinfo=LONDON),
        closes_at=dt.datetime(2027, 4, 30, 12, tzinfo=LONDON),
        assessment_starts_at=None,
        decisions_at=None,
        announced_at=None,
    )
    with pytest.raises(ValidationError) as error:
        overlapping.full_clean()
    assert error.value.message_dict["opens_at"] == [
        "Only one round can be open at a time: this overlaps Test round"
    ]


@pytest.mark.django_db
def test_dates_must_be_in_order():
    r = make_round(closes_at=dt.datetime(2027, 1, 1, 9, tzinfo=LONDON))
    with pytest.raises(ValidationError) as error:
        r.clean()
    assert error.value.message_dict["closes_at"] == [
        "The closing date must be after the opening date"
    ]


@pytest.mark.django_db
def test_current_round_prefers_the_open_one(open_round):
    assert current_round() == open_round
    assert Round.objects.get(number=1).status == Round.Status.ANNOUNCED
