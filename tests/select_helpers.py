"""Shared data for the ranking and selection tests: a small hand-made round (made with the
sample bids, so districts and regions are real) and a bulk seeder for larger rounds."""

import datetime as dt

from django.utils import timezone

from accounts import permissions
from accounts.models import User
from applications.models import Bid, Region
from scoring.models import Assessment, Assignment, Criterion, Score
from tests.assess_helpers import (
    assign,
    eligible_bid,
    make_criteria,
    make_person,
    submitted_assessment,
)

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
        assignments = assign(bid, *assessors)
        for assignment, given in zip(assignments, scores, strict=False):
            submitted_assessment(assignment, criteria, given)
        bids[place] = bid
    return criteria, assessors, bids


def bulk_round(round_, n, regions=None, start=0):
    """n more eligible bids, 3 submitted assessments each over the demo criteria, made with
    bulk_create; bid i scores 5 - (i % 3) on every criterion from every assessor (so every
    bid passes the threshold and the minimum). Regions cycle over `regions` (names)."""
    now = timezone.now()
    criteria = list(Criterion.objects.filter(round=round_)) or make_criteria(round_)
    creator = User.objects.filter(email="bulk-applicant@example.com").first()
    if creator is None:
        creator = User.objects.create_user(email="bulk-applicant@example.com")
    assessors = list(User.objects.filter(email__startswith="bulk-assessor").order_by("email"))
    if not assessors:
        for i in range(3):
            user = User.objects.create_user(email=f"bulk-assessor{i}@example.com")
            permissions.add_role(user, permissions.ASSESSOR)
            assessors.append(user)
    region_objects = list(Region.objects.order_by("name"))
    if regions:
        region_objects = [r for r in region_objects if r.name in regions]
    bids = Bid.objects.bulk_create(
        Bid(
            round=round_,
            reference=f"BLK-{i:04d}",
            status=Bid.Status.SUBMITTED,
            screening=Bid.Screening.ELIGIBLE,
            created_by=creator,
            submitted_at=now,
            first_submitted_at=now - dt.timedelta(minutes=i),
            place_name=f"Place {i}",
            region=region_objects[i % len(region_objects)],
        )
        for i in range(start, start + n)
    )
    assignments = Assignment.objects.bulk_create(
        Assignment(bid=bid, assessor=a) for bid in bids for a in assessors
    )
    assessments = Assessment.objects.bulk_create(
        Assessment(assignment=a, status=Assessment.Status.SUBMITTED, submitted_at=now, version=1)
        for a in assignments
    )
    Score.objects.bulk_create(
        Score(assessment=assessment, criterion=c, score=5 - (index // 3 + start) % 3)
        for index, assessment in enumerate(assessments)
        for c in criteria
    )
    return bids
