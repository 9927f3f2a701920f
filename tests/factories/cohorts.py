"""Cohort data: submitted, screened, fully assessed bids with the panel's decisions, all
through the product's functions; dates; email backends that fail on cue."""

import datetime as dt

from django.core.mail.backends.locmem import EmailBackend
from django.utils import timezone

from tests.factories.accounts import applicant_for
from tests.factories.scoring import assessed, criteria_for, eligible_bid, panel_assessors
from tests.factories.selection import FOURS, decide

PLACES = ["Sheffield", "Leeds", "Liverpool", "Nottingham", "Birmingham", "Plymouth"]


def decided_bids(round_, chair, outcomes):
    """outcomes: [(place, "accept" | "reserve" | "reject", reserve_position, feedback)].
    Returns {place: bid}; each bid is submitted, screened eligible, scored 80% by three
    assessors and decided by the chair, in that order (so reserve positions are given as
    the reserve list stands when each is decided)."""
    criteria = criteria_for(round_)
    assessors = panel_assessors(round_.assessors_per_bid)
    bids = {}
    for place, outcome, position, feedback in outcomes:
        bid = eligible_bid(round_, applicant_for(place), place)
        assessed(bid, criteria, assessors, [FOURS] * len(assessors))
        decide(chair, bid, outcome, feedback, position)
        bids[place] = bid
    return bids


STANDARD = [
    ("Sheffield", "accept", None, "A strong partnership with a clear challenge."),
    ("Leeds", "accept", None, ""),
    ("Liverpool", "reserve", 1, "Close to the line: <b>good</b> outcomes & measures."),
    ("Nottingham", "reserve", 2, "Promising; the plan needs more detail."),
    ("Birmingham", "reject", None, "The challenge is too broad."),
]


def in_days(days, now=None):
    return (now or timezone.now()) + dt.timedelta(days=days)


class FlakyBackend(EmailBackend):
    """The locmem backend, raising `exception` on the `fail_on`-th message it is given."""

    def __init__(self, *args, fail_on=None, exception=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fail_on = fail_on
        self.exception = exception
        self.calls = 0

    def send_messages(self, messages):
        self.calls += 1
        if self.calls == self.fail_on:
            raise self.exception
        return super().send_messages(messages)


class WorkerStopped(BaseException):
    """Stands in for the worker process being stopped half-way (like KeyboardInterrupt)."""
