"""Scoring and moderation at scale: n bids × 3 assessors × 5 criteria.

assess.queue       an assessor's queue of n bids (a third not started, a third in progress,
                   a third submitted)
assess.moderation  the panel chair's moderation dashboard over the n bids (every bid with
                   two or three submitted assessments; a tenth moderated)
"""

import random

from django.utils import timezone

from accounts import permissions
from accounts.models import User
from bench.lib import measure_get
from bench.scenarios import scenario
from bench.scenarios.foundation import signed_in_client
from bench.seed import assigned_bids, bench_round, days_ago
from scoring.models import Assessment, ModeratedScore, Score

DEFAULT_SIZES = [10, 1000]
JUSTIFICATION = " ".join(["evidence"] * 32)


def seed(n):
    """A round of n eligible bids, three assessors each, five criteria; bulk-created."""
    rng = random.Random(n)
    now = timezone.now()
    round_, fresh = bench_round(
        5000 + n, f"bench-assess-{n}", f"Bench round {n}", f"B{n}", days_ago(30), days_ago(-30)
    )
    if not fresh:
        return round_
    chair = User.objects.get_or_create(email="bench-chair@example.com")[0]
    permissions.add_role(chair, permissions.PANEL_CHAIR)
    criteria, _, bids, assignments = assigned_bids(
        round_,
        n,
        email_prefix="bench",
        bid_fields=lambda i, regions, themes: {
            "first_submitted_at": now,
            "title": f"Challenge {i}",
            "theme": themes[i % len(themes)],
            "region": regions[i % len(regions)],
        },
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
