"""Scoring and moderation at scale: n bids × 3 assessors × 5 criteria.

assess.queue       an assessor's queue of n bids (a third not started, a third in progress,
                   a third submitted)
assess.moderation  the panel chair's moderation dashboard over the n bids (every bid with
                   two or three submitted assessments; a tenth moderated)
"""

import datetime as dt
import random

from django.utils import timezone

from accounts import permissions
from accounts.models import User
from applications.constants import Theme
from applications.models import Bid, Region, Round
from bench.lib import measure_get
from bench.scenarios import scenario
from bench.scenarios.foundation import signed_in_client
from scoring.models import Assessment, Assignment, Criterion, ModeratedScore, Score

DEFAULT_SIZES = [10, 1000]
CRITERIA = [
    ("Strength of partnership", 30, 3),
    ("Place and geography", 20, None),
    ("Ambition and clarity of the challenge", 20, None),
    ("Deliverability within the programme", 15, None),
    ("Outcomes and public value", 15, None),
]
JUSTIFICATION = " ".join(["evidence"] * 32)


def seed(n):
    """A round of n eligible bids, three assessors each, five criteria; bulk-created."""
    rng = random.Random(n)
    now = timezone.now()
    number = 5000 + n
    round_, _ = Round.objects.update_or_create(
        number=number,
        defaults={
            "name": f"Bench round {n}",
            "slug": f"bench-assess-{n}",
            "opens_at": now - dt.timedelta(days=30),
            "closes_at": now + dt.timedelta(days=30),
            "reference_prefix": f"B{n}",
        },
    )
    if Bid.objects.filter(round=round_).exists():
        return round_
    creator = User.objects.create_user(email=f"bench-applicant-{n}@example.com")
    chair = User.objects.get_or_create(email="bench-chair@example.com")[0]
    permissions.add_role(chair, permissions.PANEL_CHAIR)
    assessors = []
    for i in range(3):
        user = User.objects.create_user(
            email=f"bench-assessor{i}-{n}@example.com", full_name=f"Assessor {i}"
        )
        permissions.add_role(user, permissions.ASSESSOR)
        assessors.append(user)
    criteria = Criterion.objects.bulk_create(
        Criterion(round=round_, position=p, name=name, weight=w, minimum=m)
        for p, (name, w, m) in enumerate(CRITERIA, start=1)
    )
    regions = list(Region.objects.all())
    themes = [t for t, _ in Theme.choices]
    bids = Bid.objects.bulk_create(
        Bid(
            round=round_,
            reference=f"B{n}-{i:04d}",
            status=Bid.Status.SUBMITTED,
            screening=Bid.Screening.ELIGIBLE,
            created_by=creator,
            submitted_at=now,
            first_submitted_at=now,
            place_name=f"Place {i}",
            title=f"Challenge {i}",
            theme=themes[i % len(themes)],
            region=regions[i % len(regions)],
        )
        for i in range(1, n + 1)
    )
    assignments = Assignment.objects.bulk_create(
        Assignment(bid=bid, assessor=assessor) for bid in bids for assessor in assessors
    )
    statuses = []
    for index in range(len(assignments)):
        bid_index, assessor_index = divmod(index, 3)
        if assessor_index == 0:
            status = [None, "in_progress", "submitted"][bid_index % 3]
        else:
            status = "submitted"
        statuses.append(status)
    assessments = Assessment.objects.bulk_create(
        Assessment(
            assignment=assignment,
            status=status,
            recommendation=rng.choice(["fund", "fund", "fund_with_reservations", "do_not_fund"]),
            version=1,
            started_at=now,
            submitted_at=now if status == "submitted" else None,
        )
        for assignment, status in zip(assignments, statuses, strict=True)
        if status
    )
    Score.objects.bulk_create(
        Score(
            assessment=assessment,
            criterion=criterion,
            score=rng.randint(1, 5),
            justification=JUSTIFICATION,
        )
        for assessment in assessments
        for criterion in criteria
    )
    ModeratedScore.objects.bulk_create(
        ModeratedScore(
            bid=bid, criterion=criteria[0], score=3, rationale="Agreed", moderated_by=chair
        )
        for bid in bids[::10]
    )
    return round_


@scenario(order=50)
def assess_queue(reporter, sizes):
    for n in sizes or DEFAULT_SIZES:
        seed(n)
        client = signed_in_client(f"bench-assessor0-{n}@example.com", permissions.ASSESSOR)
        queries, ms = measure_get(client, "/assess/", runs=5)
        reporter.emit("assess.queue", n, queries, ms)


@scenario(order=51)
def assess_moderation(reporter, sizes):
    for n in sizes or DEFAULT_SIZES:
        round_ = seed(n)
        client = signed_in_client("bench-chair@example.com", permissions.PANEL_CHAIR)
        queries, ms = measure_get(client, f"/assess/moderation/?round={round_.slug}", runs=5)
        reporter.emit("assess.moderation", n, queries, ms)
