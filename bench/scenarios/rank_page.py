"""rank.page: the panel chair's ranking page (ranking, proposal, explanations, stability
check and score charts) for n = 10, 1,000 and 5,000 eligible bids x 3 assessors x 5
criteria, all assessments submitted, seeded with bulk_create. The query count must not grow
with n. The row is the page with the stored selection reused (one page of stored rows);
`first_request_ms` is the first request after seeding, which works the selection out."""

import datetime as dt
import random
import time

from django.utils import timezone

from accounts import permissions
from applications.models import Bid
from bench.lib import days_ago, measure_get
from bench.scenarios import scenario
from bench.scenarios.foundation import signed_in_client
from scoring.models import SelectionSettings
from tests.factories.accounts import user_with
from tests.factories.applications import make_round
from tests.factories.bulk import assigned_round, bulk_assessments

DEFAULT_SIZES = [10, 1000, 5000]
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
        url = f"/selection/{round_.slug}/"
        start = time.perf_counter()
        client.get(url)  # the first request after a change works the selection out
        first_ms = (time.perf_counter() - start) * 1000
        queries, ms = measure_get(client, url, runs=5)
        reporter.emit("rank.page", n, queries, ms, first_request_ms=round(first_ms, 1))


@scenario(order=72)
def cohort_manage(reporter, sizes):
    """Programme staff's page of a round's decisions and emails, for the n assessed bids of
    rank.page's round, ten of them decided (the rest listed as needing a decision)."""
    from scoring.models import Decision
    from scoring.select import decisions

    chair = user_with("bench-select-chair@example.com", permissions.PANEL_CHAIR)
    client = signed_in_client("bench-staff@example.com", permissions.PROGRAMME_STAFF)
    for n in sizes or DEFAULT_SIZES:
        round_ = seed(n)
        if not Decision.objects.filter(bid__round=round_).exists():
            for bid in Bid.objects.for_round(round_).in_assessment().order_by("reference")[:10]:
                reject = Decision.Outcome.REJECT
                decisions.record_decision(chair, bid, reject, "Not this time", None)
        queries, ms = measure_get(client, f"/cohorts/manage/{round_.slug}/", runs=5)
        reporter.emit("cohort.manage", n, queries, ms)
