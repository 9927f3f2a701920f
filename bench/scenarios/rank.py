"""Ranking and cohort proposal on plain data: no database, no requests."""

import random
from datetime import datetime, timedelta

from bench.lib import median_ms
from bench.scenarios import scenario
from scoring.rules.inputs import AssessmentScores, BidScores, CriterionRule, RoundRules
from scoring.rules.proposal import CohortConstraints, propose
from scoring.rules.ranking import rank_bids

SIZES = [100, 1000, 5000]
ASSESSORS_PER_BID = 3
ASSESSOR_POOL = 40
REGIONS = [
    "North East",
    "North West",
    "Yorkshire and The Humber",
    "East Midlands",
    "West Midlands",
    "East of England",
    "London",
    "South East",
    "South West",
]
CRITERIA = (
    CriterionRule(1, "Strength of partnership", 30, minimum=3),
    CriterionRule(2, "Place and geography", 20),
    CriterionRule(3, "Ambition and clarity of the challenge", 20),
    CriterionRule(4, "Deliverability within the programme", 15),
    CriterionRule(5, "Outcomes and public value", 15),
)
LEVELS = [0, 1, 2, 3, 4, 5]
LEVEL_WEIGHTS = [1, 2, 4, 8, 10, 6]  # most bids are competent: about 70% pass the threshold
CONSTRAINTS = CohortConstraints(size_min=10, max_per_region=2)


def random_bids(n, seed=2025):
    """n bids, the same for a given seed, each scored 0-5 by 3 of a pool of assessors."""
    rng = random.Random(seed)
    start = datetime(2025, 3, 3, 9, 0)
    bids = []
    for i in range(n):
        assessors = rng.sample(range(ASSESSOR_POOL), ASSESSORS_PER_BID)
        assessments = tuple(
            AssessmentScores(
                f"A{a:02d}", {c.id: rng.choices(LEVELS, LEVEL_WEIGHTS)[0] for c in CRITERIA}
            )
            for a in assessors
        )
        bids.append(
            BidScores(
                reference=f"LP2-{i + 1:04d}",
                region=REGIONS[rng.randrange(len(REGIONS))],
                assessments=assessments,
                first_submitted=start + timedelta(minutes=rng.randrange(60 * 24 * 30)),
            )
        )
    return bids


@scenario(order=60)
def rank_propose(reporter, sizes):
    """Rank n bids and propose an optimal cohort of 10 with at most 2 per region."""
    rules = RoundRules(CRITERIA)
    for n in sizes or SIZES:
        bids = random_bids(n)

        def run(bids=bids):
            proposal = propose(rank_bids(bids, rules), CONSTRAINTS)
            if not proposal.feasible:
                raise AssertionError(proposal.infeasible.message)

        reporter.emit("rank.propose", n, None, median_ms(run, runs=5))


# --- rank.propose_worst: the widest constraint sets the form accepts ------------------------

WORST_SIZES = [1000, 5000, 20000]
WORST_SHAPES = {
    "size 20-60, >= 9 regions, <= 20 overlapping": {
        "size_min": 20,
        "size_max": 60,
        "min_regions": 9,
        "max_overlap": 20,
    },
    "size 10-40, <= 8 per region": {"size_min": 10, "size_max": 40, "max_per_region": 8},
    "size 1-999": {"size_min": 1, "size_max": 999},
    "size 1-999, <= 999 per region, >= 9 regions, <= 999 overlapping": {
        "size_min": 1,
        "size_max": 999,
        "max_per_region": 999,
        "min_regions": 9,
        "max_overlap": 999,
    },
    "size 1-999, <= 1 per region, >= 9 regions, <= 0 overlapping": {
        "size_min": 1,
        "size_max": 999,
        "max_per_region": 1,
        "min_regions": 9,
        "max_overlap": 0,
    },
    "size 999, >= 9 regions, <= 500 overlapping": {
        "size_min": 999,
        "min_regions": 9,
        "max_overlap": 500,
    },
}


def worst_candidates(n, seed=14):
    """n candidates in ranking order, one-decimal totals, 9 regions, 30% overlapping."""
    from decimal import Decimal

    from scoring.rules.proposal import Candidate

    rng = random.Random(seed)
    totals = sorted((Decimal(rng.randint(600, 950)) / 10 for _ in range(n)), reverse=True)
    return [
        Candidate(f"LP2-{i:05d}", t, rng.choice(REGIONS), rng.random() < 0.3)
        for i, t in enumerate(totals, 1)
    ]


@scenario(order=62)
def rank_propose_worst(reporter, sizes):
    """solve() on each shape (median of 3), checked against CBC's optimum of the same
    integer programme; target at most 2 s each."""
    import time

    from scoring.rules.proposal import solve
    from tests.factories.ilp import ilp_optimum

    for n in sizes or WORST_SIZES:
        candidates = worst_candidates(n)
        for shape, values in WORST_SHAPES.items():
            constraints = CohortConstraints(**values)
            answer = solve(candidates, constraints)
            ms = median_ms(lambda c=constraints, x=candidates: solve(x, c), runs=3, warmup=0)
            start = time.perf_counter()
            optimum = ilp_optimum(candidates, constraints)
            cbc_ms = (time.perf_counter() - start) * 1000
            if optimum is None:
                matches = not answer.feasible
            else:
                matches = answer.feasible and abs(float(answer.total) - optimum) < 1e-6
            reporter.emit(
                "rank.propose_worst",
                n,
                None,
                ms,
                shape=shape,
                cohort=len(answer.selected),
                cbc_ms=round(cbc_ms, 1),
                equals_cbc=matches,
                within_2s=ms <= 2000,
            )
