"""Shared set-up for the cohort tests: submitted bids with panel decisions."""

import datetime as dt

from django.core.mail.backends.locmem import EmailBackend
from django.utils import timezone

from accounts import permissions
from accounts.models import User
from applications.models import Bid, BidCollaborator
from applications.samples import make_bid
from scoring.models import Decision
from tests.conftest import PASSWORD

PLACES = ["Sheffield", "Leeds", "Liverpool", "Nottingham", "Birmingham", "Plymouth"]


def applicant_for(place):
    email = f"lead@{place.lower()}.example.gov.uk"
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email=email, password=PASSWORD, full_name=f"{place} Lead")
        permissions.add_role(user, permissions.APPLICANT)
    return user


def decided_bids(round_, chair, outcomes):
    """outcomes: [(place, "accept" | "reserve" | "reject", reserve_position, feedback)].
    Returns {place: bid}; each bid is submitted, screened eligible and decided."""
    bids = {}
    for place, outcome, position, feedback in outcomes:
        bid = make_bid(round_, applicant_for(place), place, submitted=True)
        Bid.objects.filter(pk=bid.pk).update(screening=Bid.Screening.ELIGIBLE)
        Decision.objects.create(
            bid=bid,
            outcome=outcome,
            reserve_position=position,
            feedback=feedback,
            decided_by=chair,
        )
        bids[place] = bid
    return bids


STANDARD = [
    ("Sheffield", "accept", None, "A strong partnership with a clear challenge."),
    ("Leeds", "accept", None, ""),
    ("Liverpool", "reserve", 1, "Close to the line: <b>good</b> outcomes & measures."),
    ("Nottingham", "reserve", 2, "Promising; the plan needs more detail."),
    ("Birmingham", "reject", None, "The challenge is too broad."),
]


def add_colleague(bid, email, name="Colleague"):
    user = User.objects.create_user(email=email, password=PASSWORD, full_name=name)
    permissions.add_role(user, permissions.APPLICANT)
    BidCollaborator.objects.create(bid=bid, user=user, role=BidCollaborator.Role.EDITOR)
    return user


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
