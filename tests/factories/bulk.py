"""The one bulk seeder: large rounds for the benchmarks (bench/) and the tests that check a
page's query count does not grow with the number of bids.

It uses bulk_create, for speed, and only for states that are exactly what the product's
own functions leave behind, with their simple-history rows:

* bids submitted (applications.bids.submit: reference, status, submitted_at,
  first_submitted_at) and screened eligible (scoring.setup.screening.screen: screening,
  screened_by, screened_at), each with its lead applicant as collaborator;
* assignments as scoring.setup.assignment.auto_assign makes them (not manual, assigned by
  programme staff);
* assessments as scoring.assess.assessments leaves them: submitted ones with every score on
  the scale, a justification of at least MIN_WORDS words and a recommendation, version 1
  (submit_assessment); in-progress ones as save_draft leaves them.

What it does not write, because nothing it is used for reads it: the bids' answers (their
sections and submission copy), the audit log and the emails. Anything that reads those uses
the one-at-a-time factories, which go through the product's functions.

`stored_submitted_bid` is the other speed path: applications.samples.make_bid, which stores
what the submit step stores (sections, submission copy, reference) without its email, PDF
and audit record; the benchmarks use it for their hundreds of applicants' bids.
"""

import datetime as dt

from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from accounts import permissions
from applications.models import Bid, BidCollaborator, Region
from applications.samples import make_bid as _sample_bid
from core.text import count_words
from scoring.assess.assessments import MIN_WORDS
from scoring.models import Assessment, Assignment, Score
from tests.factories.accounts import programme_staff, user_with
from tests.factories.scoring import JUSTIFICATION, criteria_for, make_criteria

assert count_words(JUSTIFICATION) >= MIN_WORDS  # what submit_assessment requires


def stored_submitted_bid(round_, user, place="Sheffield", *, at=None, answers=None):
    """A submitted bid as the submit step stores it, without its email, PDF and audit."""
    return _sample_bid(round_, user, place, submitted=True, at=at, answers=answers)


def bulk_bids(round_, numbers, *, creator, fields, reference=None, staff=None):
    """Submitted, eligible bids, one per number; `fields(number)` gives the rest of each
    bid's fields (place_name, region, theme...). References are PREFIX-NNNN unless
    `reference(number)` says otherwise."""
    now = timezone.now()
    staff = staff or programme_staff()
    reference = reference or (lambda number: f"{round_.reference_prefix}-{number:04d}")
    bids = Bid.objects.bulk_create(
        Bid(
            **{
                "round": round_,
                "reference": reference(number),
                "status": Bid.Status.SUBMITTED,
                "created_by": creator,
                "submitted_at": now,
                "first_submitted_at": now,
                "screening": Bid.Screening.ELIGIBLE,
                "screened_by": staff,
                "screened_at": now,
                **fields(number),
            }
        )
        for number in numbers
    )
    BidCollaborator.objects.bulk_create(
        BidCollaborator(bid=bid, user=creator, role=BidCollaborator.Role.LEAD) for bid in bids
    )
    return bids


def bulk_assignments(bids, assessors, staff=None):
    """Every assessor on every bid, in bid order then assessor order."""
    staff = staff or programme_staff()
    return bulk_create_with_history(
        [Assignment(bid=bid, assessor=a, assigned_by=staff) for bid in bids for a in assessors],
        Assignment,
    )


def bulk_assessments(assignments, criteria, plan, justification=JUSTIFICATION):
    """`plan(index, assignment)` gives (status, recommendation, [score per criterion]) for the
    index-th assignment, or None to leave it not started. Returns the assessments."""
    now = timezone.now()
    planned = [(a, plan(index, a)) for index, a in enumerate(assignments)]
    planned = [(a, p) for a, p in planned if p]
    assessments = bulk_create_with_history(
        [
            Assessment(
                assignment=a,
                status=status,
                recommendation=recommendation,
                version=1,
                started_at=now,
                submitted_at=now if status == Assessment.Status.SUBMITTED else None,
                updated_at=now,
            )
            for a, (status, recommendation, _) in planned
        ],
        Assessment,
    )
    bulk_create_with_history(
        [
            Score(assessment=assessment, criterion=c, score=s, justification=justification)
            for assessment, (_, (_, _, scores)) in zip(assessments, planned, strict=True)
            for c, s in zip(criteria, scores, strict=True)
        ],
        Score,
        batch_size=2000,
    )
    return assessments


def assessors_named(prefix, count=3, name="Assessor {i}"):
    return [
        user_with(f"{prefix}{i}@example.com", permissions.ASSESSOR, name.format(i=i))
        for i in range(count)
    ]


def bulk_round(round_, n, regions=None, start=0):
    """n more eligible bids (BLK-NNNN), 3 submitted assessments each over the demo criteria;
    bid i scores 5 - (i % 3) on every criterion from every assessor (so every bid passes
    the threshold and the minimum). Regions cycle over `regions` (names)."""
    now = timezone.now()
    criteria = criteria_for(round_)
    creator = user_with("bulk-applicant@example.com", permissions.APPLICANT)
    assessors = assessors_named("bulk-assessor")
    region_objects = list(Region.objects.order_by("name"))
    if regions:
        region_objects = [r for r in region_objects if r.name in regions]
    numbers = range(start, start + n)
    bids = bulk_bids(
        round_,
        numbers,
        creator=creator,
        reference=lambda i: f"BLK-{i:04d}",
        fields=lambda i: {
            "first_submitted_at": now - dt.timedelta(minutes=i),
            "place_name": f"Place {i}",
            "region": region_objects[i % len(region_objects)],
        },
    )
    assignments = bulk_assignments(bids, assessors)
    bulk_assessments(
        assignments,
        criteria,
        lambda index, _: (
            Assessment.Status.SUBMITTED,
            "fund",
            [5 - (index // 3 + start) % 3] * len(criteria),
        ),
    )
    return bids


def assigned_round(round_, n, *, email_prefix, bid_fields):
    """n eligible bids (PREFIX-0001…), three assessors on each, the demo criteria.

    `bid_fields(i, regions, themes)` gives the fields that differ between scenarios for
    bid i (1 to n). Users are EMAIL_PREFIX-applicant-N@… and EMAIL_PREFIX-assessorI-N@…
    (N is n), so a scenario can sign in as one of them. Returns (criteria, assessors, bids,
    assignments)."""
    from applications.constants import Theme

    creator = user_with(f"{email_prefix}-applicant-{n}@example.com", permissions.APPLICANT)
    assessors = [
        user_with(
            f"{email_prefix}-assessor{i}-{n}@example.com", permissions.ASSESSOR, f"Assessor {i}"
        )
        for i in range(3)
    ]
    criteria = make_criteria(round_)
    regions = list(Region.objects.order_by("code"))
    themes = [t for t, _ in Theme.choices]
    bids = bulk_bids(
        round_,
        range(1, n + 1),
        creator=creator,
        fields=lambda i: {"place_name": f"Place {i}", **bid_fields(i, regions, themes)},
    )
    return criteria, assessors, bids, bulk_assignments(bids, assessors)
