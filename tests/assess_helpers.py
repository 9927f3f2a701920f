"""Shared data for the scoring and moderation tests: the demo criteria, eligible bids,
assignments and submitted assessments, made directly with the ORM."""

from decimal import Decimal

from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from accounts import permissions
from accounts.models import User
from applications.models import Bid
from applications.samples import make_bid
from scoring.models import Assessment, Assignment, Criterion, Score
from tests.conftest import PASSWORD

DEMO_CRITERIA = [
    ("Strength of partnership", Decimal(30), Decimal(3)),
    ("Place and geography", Decimal(20), None),
    ("Ambition and clarity of the challenge", Decimal(20), None),
    ("Deliverability within the programme", Decimal(15), None),
    ("Outcomes and public value", Decimal(15), None),
]

JUSTIFICATION = (
    "The partnership shows a long record of joint working with a senior leadership group "
    "that meets every quarter, a memorandum of understanding and resources committed by "
    "every partner, which together give strong evidence for this score."
)
SHORT = "Good partnership with clear evidence of joint working over several years here."


def make_criteria(round_):
    """The demo round's five criteria, scale 0 to 5."""
    return [
        Criterion.objects.create(
            round=round_,
            position=position,
            name=name,
            guidance=f"Look for evidence of {name.lower()}.",
            weight=weight,
            minimum=minimum,
        )
        for position, (name, weight, minimum) in enumerate(DEMO_CRITERIA, start=1)
    ]


def eligible_bid(round_, user, place="Sheffield"):
    bid = make_bid(round_, user, place, submitted=True)
    Bid.objects.filter(pk=bid.pk).update(screening=Bid.Screening.ELIGIBLE)
    bid.refresh_from_db()
    return bid


def make_person(email, *roles, name=None):
    user = User.objects.create_user(
        email=email, password=PASSWORD, full_name=name or email.split("@")[0].title()
    )
    for role in roles or (permissions.ASSESSOR,):
        permissions.add_role(user, role)
    return user


def assign(bid, *assessors):
    return [Assignment.objects.create(bid=bid, assessor=a) for a in assessors]


def submitted_assessment(
    assignment, criteria, scores, recommendation="fund", justification=JUSTIFICATION
):
    """A submitted assessment with the given scores (in criteria order)."""
    now = timezone.now()
    assessment = Assessment.objects.create(
        assignment=assignment,
        status=Assessment.Status.SUBMITTED,
        recommendation=recommendation,
        version=1,
        started_at=now,
        submitted_at=now,
        updated_at=now,
    )
    bulk_create_with_history(
        [
            Score(assessment=assessment, criterion=c, score=s, justification=justification)
            for c, s in zip(criteria, scores, strict=True)
        ],
        Score,
    )
    return assessment


def form_data(criteria, scores, justification=JUSTIFICATION, recommendation="fund", **extra):
    """POST data for the score form."""
    data = {"version": 0, "recommendation": recommendation, "overall_comment": ""}
    for criterion, score in zip(criteria, scores, strict=True):
        data[f"score_{criterion.pk}"] = "" if score is None else score
        data[f"justification_{criterion.pk}"] = justification
    data.update(extra)
    return data
