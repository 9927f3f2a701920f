"""Demo data for `make run`: plausible submitted assessments for about half the assigned
bids of the demo round, so moderation has something to show. Runs after scoring.demo (which
creates the criteria, assessors and assignments); does nothing without them. Idempotent:
an assignment that already has an assessment is left alone.

The first bid filled has a spread of 3 on Place and geography; the second has split
recommendations. The demo assessor (assessor@example.com) keeps at least half of their
bids not started.
"""

import random

from django.core.exceptions import PermissionDenied, ValidationError

from applications.models import Bid
from scoring.assess import assessments
from scoring.models import Assessment, Assignment, Criterion

DEMO_ASSESSOR = "assessor@example.com"

OPENINGS = {
    0: "The bid gives no evidence for this criterion.",
    1: "The bid gives very little evidence here and what there is stays general.",
    2: "The bid gives partial evidence: some of it is convincing but important gaps remain.",
    3: "The bid gives satisfactory evidence that meets the criterion without going further.",
    4: "The bid gives good evidence with specific examples from the partners' joint work.",
    5: "The bid gives strong, specific and well-evidenced examples throughout this section.",
}
BODY = (
    "I read the partnership, geography, challenge and plan sections against the guidance "
    "for {name}. The partners describe their joint leadership group, their agreement and "
    "the resources each commits, and the plan sets out milestones that fit the programme."
)


def justification(criterion, score):
    return f"{OPENINGS.get(score, OPENINGS[3])} {BODY.format(name=criterion.name.lower())}"


def recommendation_for(scores):
    mean = sum(scores) / len(scores)
    if mean >= 3.5:
        return Assessment.Recommendation.FUND
    if mean >= 2.5:
        return Assessment.Recommendation.FUND_WITH_RESERVATIONS
    return Assessment.Recommendation.DO_NOT_FUND


def load(round_, stdout):
    criteria = list(Criterion.objects.filter(round=round_))
    assignments = list(
        Assignment.objects.filter(bid__in=Bid.objects.for_round(round_).in_assessment())
        .select_related("bid", "bid__round", "assessor", "assessment")
        .order_by("bid__reference", "assigned_at", "pk")
    )
    if not criteria or not assignments:
        return
    by_bid = {}
    for assignment in assignments:
        by_bid.setdefault(assignment.bid, []).append(assignment)
    bids = list(by_bid)
    demo_bids = [b for b in bids if any(a.assessor.email == DEMO_ASSESSOR for a in by_bid[b])]
    keep_for_demo = set(demo_bids[: (len(demo_bids) + 1) // 2])  # left not started
    chosen = [bid for index, bid in enumerate(bids) if index % 2 == 0]
    place = next((c for c in criteria if c.name == "Place and geography"), criteria[-1])
    submitted = 0
    for position, bid in enumerate(chosen):
        rng = random.Random(f"{round_.slug}-{bid.reference}")
        base = rng.choice([2, 3, 3, 4, 4])
        filled = 0
        for assignment in by_bid[bid]:
            if assignment.assessor.email == DEMO_ASSESSOR and bid in keep_for_demo:
                continue
            if getattr(assignment, "assessment", None) is not None:
                filled += 1
                continue
            scores = {
                c.pk: max(c.scale_min, min(c.scale_max, base + rng.choice([-1, 0, 0, 1])))
                for c in criteria
            }
            if position == 0:  # a spread of 3 on Place and geography
                scores[place.pk] = [2, 5, 4][filled % 3]
            recommendation = recommendation_for(list(scores.values()))
            if position == 1:  # split recommendations
                recommendation = [
                    Assessment.Recommendation.FUND,
                    Assessment.Recommendation.DO_NOT_FUND,
                    Assessment.Recommendation.FUND_WITH_RESERVATIONS,
                ][filled % 3]
            entries = {
                c.pk: assessments.Entry(scores[c.pk], justification(c, scores[c.pk]))
                for c in criteria
            }
            try:
                assessments.submit_assessment(
                    assignment.assessor, assignment, entries, recommendation
                )
            except (PermissionDenied, ValidationError, assessments.StaleAssessment):
                continue
            filled += 1
            submitted += 1
    if submitted:
        stdout.write(f"Demo scores: {submitted} assessments submitted for {len(chosen)} bids")
