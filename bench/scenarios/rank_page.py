"""rank.page: the panel chair's ranking page (ranking, proposal, explanations, stability
check and score charts) for n = 10 and 1,000 eligible bids x 3 assessors x 5 criteria, all
assessments submitted, seeded with bulk_create. The query count must not grow with n."""

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
from scoring.models import Assessment, Assignment, Criterion, Score, SelectionSettings

DEFAULT_SIZES = [10, 1000]
CRITERIA = [
    ("Strength of partnership", 30, 3),
    ("Place and geography", 20, None),
    ("Ambition and clarity of the challenge", 20, None),
    ("Deliverability within the programme", 15, None),
    ("Outcomes and public value", 15, None),
]
LEVELS, LEVEL_WEIGHTS = [1, 2, 3, 4, 5], [1, 3, 8, 10, 6]


def seed(n):
    rng = random.Random(n)
    now = timezone.now()
    round_, created = Round.objects.update_or_create(
        number=7000 + n,
        defaults={
            "name": f"Bench selection round {n}",
            "slug": f"bench-select-{n}",
            "opens_at": now - dt.timedelta(days=60),
            "closes_at": now - dt.timedelta(days=30),
            "reference_prefix": f"S{n}",
        },
    )
    if Bid.objects.filter(round=round_).exists():
        return round_
    creator = User.objects.create_user(email=f"bench-select-applicant-{n}@example.com")
    assessors = []
    for i in range(3):
        user = User.objects.create_user(email=f"bench-select-assessor{i}-{n}@example.com")
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
            reference=f"S{n}-{i:04d}",
            status=Bid.Status.SUBMITTED,
            screening=Bid.Screening.ELIGIBLE,
            created_by=creator,
            submitted_at=now,
            first_submitted_at=now - dt.timedelta(minutes=i),
            place_name=f"Place {i}",
            theme=themes[i % len(themes)],
            region=regions[rng.randrange(len(regions))],
        )
        for i in range(1, n + 1)
    )
    assignments = Assignment.objects.bulk_create(
        Assignment(bid=bid, assessor=assessor) for bid in bids for assessor in assessors
    )
    assessments = Assessment.objects.bulk_create(
        Assessment(
            assignment=a,
            status=Assessment.Status.SUBMITTED,
            recommendation="fund",
            version=1,
            submitted_at=now,
        )
        for a in assignments
    )
    Score.objects.bulk_create(
        Score(assessment=a, criterion=c, score=rng.choices(LEVELS, LEVEL_WEIGHTS)[0])
        for a in assessments
        for c in criteria
    )
    SelectionSettings.objects.update_or_create(
        round=round_, defaults={"size_min": 10, "max_per_region": 2}
    )
    return round_


@scenario(order=61)
def rank_page(reporter, sizes):
    client = signed_in_client("bench-select-chair@example.com", permissions.PANEL_CHAIR)
    for n in sizes or DEFAULT_SIZES:
        round_ = seed(n)
        queries, ms = measure_get(client, f"/assess/selection/{round_.slug}/", runs=3)
        reporter.emit("rank.page", n, queries, ms)
