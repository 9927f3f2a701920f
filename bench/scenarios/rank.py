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
