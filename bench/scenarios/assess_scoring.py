"""Scoring and moderation at scale: n bids × 3 assessors × 5 criteria.

assess.queue       an assessor's queue of n bids (a third not started, a third in progress,
                   a third submitted)
assess.moderation  the panel chair's moderation dashboard over the n bids (every bid with
                   two or three submitted assessments; a tenth moderated)
"""

import random

from django.utils import timezone

from accounts import permissions
from applications.models import Bid
from bench.lib import days_ago, measure_get
from bench.scenarios import scenario
from bench.scenarios.foundation import signed_in_client
from scoring.assess import moderation
from tests.factories.accounts import user_with
from tests.factories.applications import make_round
from tests.factories.bulk import assigned_round, bulk_assessments

DEFAULT_SIZES = [10, 1000, 5000]


def seed(n):
    """A round of n eligible bids, three assessors each, five criteria; bulk-created."""
    rng = random.Random(n)
    now = timezone.now()
    round_ = make_round(
        5000 + n,
        f"bench-assess-{n}",
        name=f"Bench round {n}",
        prefix=f"B{n}",
        opens_at=days_ago(30),
        closes_at=days_ago(-30),
    )
    if Bid.objects.filter(round=round_).exists():
        return round_
    chair = user_with("bench-chair@example.com", permissions.PANEL_CHAIR)
    criteria, _, bids, assignments = assigned_round(
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

    def plan(index, _):
        bid_index, assessor_index = divmod(index, 3)
        status = "submitted"
        if assessor_index == 0:
            status = [None, "in_progress", "submitted"][bid_index % 3]
        if status is None:
            return None
        recommendation = rng.choice(["fund", "fund", "fund_with_reservations", "do_not_fund"])
        return status, recommendation, [rng.randint(1, 5) for _ in criteria]

    bulk_assessments(assignments, criteria, plan)
    for bid in bids[::10]:  # the chair's own function: a tenth is all it takes
        moderation.record_moderated_score(chair, bid, criteria[0], 3, "Agreed")
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
