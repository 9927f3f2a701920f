"""Selection data: a small hand-made round for the ranking tests (made with the sample
bids, so districts and regions are real) and the panel's decisions, recorded with
scoring.select.decisions.record_decision."""

from scoring.select import decisions
from tests.factories.accounts import make_person
from tests.factories.scoring import assessed, eligible_bid, make_criteria

FIVES = [5, 5, 5, 5, 5]
FOURS = [4, 4, 4, 4, 4]


def small_round(round_, applicant):
    """Six bids, three assessors, the demo criteria (Strength of partnership minimum 3):

    LP2-0001 Sheffield  (Yorkshire)      100.0%          rank 1
    LP2-0002 Leeds      (Yorkshire)       80.0%, spread 0  rank 2 (tie, smaller spread)
    LP2-0003 Liverpool  (North West)      80.0%, spread 12 rank 3
    LP2-0004 Birmingham (West Midlands)   60.0%           rank 4 (at the threshold)
    LP2-0005 Nottingham (East Midlands)   68.0%, Strength 2: below the minimum
    LP2-0006 Hull       (Yorkshire)       2 of 3 assessments: incomplete
    """
    criteria = make_criteria(round_)
    assessors = [make_person(f"assessor{i}@uni.ac.uk", name=f"Assessor {i}") for i in (1, 2, 3)]
    plan = [
        ("Sheffield", [FIVES, FIVES, FIVES]),
        ("Leeds", [FOURS, FOURS, FOURS]),
        ("Liverpool", [[5, 4, 4, 4, 4], [3, 4, 4, 4, 4], FOURS]),
        ("Birmingham", [[3, 3, 3, 3, 3]] * 3),
        ("Nottingham", [[2, 4, 4, 4, 4]] * 3),
        ("Hull", [FOURS, FOURS]),
    ]
    bids = {}
    for place, scores in plan:
        bid = eligible_bid(round_, applicant, place)
        assessed(bid, criteria, assessors, scores)
        bids[place] = bid
    return criteria, assessors, bids


def decide(chair, bid, outcome, feedback="", reserve_position=None):
    """The panel chair records a decision (the bid must be fully assessed)."""
    return decisions.record_decision(chair, bid, outcome, feedback, reserve_position)
