"""Assessment set-up: automatic assignment of 1,000 bids to 60 assessors with 5% of the
(bid, assessor) pairs in conflict. `assess.autoassign` times the pure plan alone;
`assess.autoassign_db` times the whole Django call (load, plan, bulk insert with history,
audit, one email per assessor) and counts its queries."""

import random
import statistics
import time

from accounts import permissions
from applications.demo import load_demo_round
from applications.models import Bid
from applications.samples import PLACES
from bench.lib import count_queries, median_ms
from bench.scenarios import scenario
from scoring.models import AssessorProfile, Assignment, ConflictDeclaration
from scoring.setup import assignment, interests
from tests.factories.accounts import user_with
from tests.factories.bulk import stored_submitted_bid
from tests.factories.scoring import mark_eligible, screen_ineligible

ASSESSORS = 60
CONFLICT_SHARE = 0.05


def _seed(n):
    round_ = load_demo_round()
    staff = user_with("bench-staff@example.com", permissions.PROGRAMME_STAFF, "Bench Staff")
    applicant = user_with("bench-applicant@example.com", permissions.APPLICANT, "Bench Applicant")
    places = list(PLACES)
    have = Bid.objects.filter(round=round_, status=Bid.Status.SUBMITTED).count()
    for i in range(have, n):
        stored_submitted_bid(round_, applicant, places[i % len(places)])
    bid_ids = list(
        Bid.objects.filter(round=round_, status=Bid.Status.SUBMITTED)
        .order_by("pk")
        .values_list("pk", flat=True)[:n]
    )
    # Screened as staff screen them (screen() does nothing when the outcome is unchanged).
    mark_eligible(Bid.objects.filter(pk__in=bid_ids), staff)
    for bid in Bid.objects.filter(round=round_, status=Bid.Status.SUBMITTED).exclude(
        pk__in=bid_ids
    ):
        screen_ineligible(bid, "Outside this run's size", staff)
    assessors = [
        user_with(f"bench-assessor{i:02d}@example.com", permissions.ASSESSOR, f"Assessor {i:02d}")
        for i in range(ASSESSORS)
    ]
    for assessor in assessors:  # only assessors with recorded interests are assigned
        if not AssessorProfile.objects.filter(user=assessor).exists():
            interests.update_interests(assessor, organisations=[])
    rng = random.Random(5)
    ConflictDeclaration.objects.filter(bid__round=round_).delete()
    ConflictDeclaration.objects.bulk_create(
        [
            ConflictDeclaration(assessor=a, bid_id=b, reason="Bench conflict")
            for b in bid_ids
            for a in assessors
            if rng.random() < CONFLICT_SHARE
        ],
        batch_size=500,
    )
    return round_, staff


@scenario(order=50)
def assess_autoassign(reporter, sizes):
    for n in sizes or [1000]:
        round_, staff = _seed(n)
        Assignment.objects.filter(bid__round=round_).delete()
        state = assignment.load_state(round_)
        result = state.plan(round_.assessors_per_bid)
        ms = median_ms(lambda state=state, q=round_.assessors_per_bid: state.plan(q))
        reporter.emit(
            "assess.autoassign",
            n,
            None,
            ms,
            assessors=len(state.assessors),
            conflicts=len(state.conflicts),
            new=len(result.new),
            short=len(result.shortfalls),
            spread=result.spread,
        )
        timings = []
        queries = None
        for _ in range(3):
            Assignment.objects.filter(bid__round=round_).delete()
            start = time.perf_counter()
            queries, outcome = count_queries(lambda r=round_, s=staff: assignment.auto_assign(r, s))
            timings.append((time.perf_counter() - start) * 1000)
        again, _ = count_queries(lambda r=round_, s=staff: assignment.auto_assign(r, s))
        reporter.emit(
            "assess.autoassign_db",
            n,
            queries,
            statistics.median(timings),
            created=len(outcome.created),
            emails=outcome.emails_sent,
            rerun_queries=again,
        )
