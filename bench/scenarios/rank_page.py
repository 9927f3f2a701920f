"""rank.page: the panel chair's ranking page (ranking, proposal, explanations, stability
check and score charts) for n = 10 and 1,000 eligible bids x 3 assessors x 5 criteria, all
assessments submitted, seeded with bulk_create. The query count must not grow with n."""

import datetime as dt
import random

from django.utils import timezone

from accounts import permissions
from applications.models import Bid
from bench.lib import days_ago, measure_get
from bench.scenarios import scenario
from bench.scenarios.foundation import signed_in_client
from scoring.models import SelectionSettings
from tests.factories.applications import make_round
from tests.factories.bulk import assigned_round, bulk_assessments

DEFAULT_SIZES = [10, 1000]
LEVELS, LEVEL_WEIGHTS = [1, 2, 3, 4, 5], [1, 3, 8, 10, 6]


def seed(n):
    rng = random.Random(n)
    now = timezone.now()
    round_ = make_round(
        7000 + n,
        f"bench-select-{n}",
        name=f"Bench selection round {n}",
        prefix=f"S{n}",
        opens_at=days_ago(60),
        closes_at=days_ago(30),
    )
    if Bid.objects.filter(round=round_).exists():
        return round_
    criteria, _, _, assignments = assigned_round(
        round_,
        n,
        email_prefix="bench-select",
        bid_fields=lambda i, regions, themes: {
            "first_submitted_at": now - dt.timedelta(minutes=i),
            "theme": themes[i % len(themes)],
            "region": regions[rng.randrange(len(regions))],
        },
    )
    bulk_assessments(
        assignments,
        criteria,
        lambda *_: ("submitted", "fund", rng.choices(LEVELS, LEVEL_WEIGHTS, k=len(criteria))),
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
        queries, ms = measure_get(client, f"/selection/{round_.slug}/", runs=3)
        reporter.emit("rank.page", n, queries, ms)
