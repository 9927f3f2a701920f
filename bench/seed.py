"""Bulk seeding shared by the benchmark scenarios: a round of n submitted, eligible bids with
the demo criteria and three assessors assigned to every bid."""

import datetime as dt

from django.utils import timezone

from accounts import permissions
from accounts.models import User
from applications.constants import Theme
from applications.models import Bid, Region, Round
from scoring.models import Assignment, Criterion

CRITERIA = [
    ("Strength of partnership", 30, 3),
    ("Place and geography", 20, None),
    ("Ambition and clarity of the challenge", 20, None),
    ("Deliverability within the programme", 15, None),
    ("Outcomes and public value", 15, None),
]


def bench_round(number, slug, name, prefix, opens_at, closes_at):
    """The round, and whether it still needs its bids (False when seeded in this run)."""
    round_, _ = Round.objects.update_or_create(
        number=number,
        defaults={
            "name": name,
            "slug": slug,
            "opens_at": opens_at,
            "closes_at": closes_at,
            "reference_prefix": prefix,
        },
    )
    return round_, not Bid.objects.filter(round=round_).exists()


def assigned_bids(round_, n, *, email_prefix, bid_fields):
    """n eligible bids (references PREFIX-0001…), three assessors on each, the demo criteria.

    `bid_fields(i, regions, themes)` gives the fields that differ between scenarios for
    bid i (1 to n). Users are EMAIL_PREFIX-applicant-N@… and EMAIL_PREFIX-assessorI-N@…
    (N is n), so a scenario can sign in as one of them. Returns (criteria, assessors, bids,
    assignments)."""
    now = timezone.now()
    creator = User.objects.create_user(email=f"{email_prefix}-applicant-{n}@example.com")
    assessors = []
    for i in range(3):
        user = User.objects.create_user(
            email=f"{email_prefix}-assessor{i}-{n}@example.com",
            full_name=f"Assessor {i}",
        )
        permissions.add_role(user, permissions.ASSESSOR)
        assessors.append(user)
    criteria = Criterion.objects.bulk_create(
        Criterion(round=round_, position=p, name=name, weight=w, minimum=m)
        for p, (name, w, m) in enumerate(CRITERIA, start=1)
    )
    regions = list(Region.objects.order_by("code"))
    themes = [t for t, _ in Theme.choices]
    bids = Bid.objects.bulk_create(
        Bid(
            round=round_,
            reference=f"{round_.reference_prefix}-{i:04d}",
            status=Bid.Status.SUBMITTED,
            screening=Bid.Screening.ELIGIBLE,
            created_by=creator,
            submitted_at=now,
            place_name=f"Place {i}",
            **bid_fields(i, regions, themes),
        )
        for i in range(1, n + 1)
    )
    assignments = Assignment.objects.bulk_create(
        Assignment(bid=bid, assessor=assessor) for bid in bids for assessor in assessors
    )
    return criteria, assessors, bids, assignments


def days_ago(days):
    return timezone.now() - dt.timedelta(days=days)
