"""Shared helpers for the assessment set-up tests (criteria, screening, assignment)."""

from accounts import permissions
from applications.models import Bid, Organisation
from applications.samples import PLACES, make_bid
from scoring.demo import CRITERIA
from scoring.models import AssessorProfile, Criterion
from scoring.setup import screening

PLACE_NAMES = list(PLACES)


def add_criteria(round_, weights=None):
    """The demo criteria (30/20/20/15/15), or with other weights."""
    made = []
    for position, (name, weight, minimum, guidance) in enumerate(CRITERIA, start=1):
        made.append(
            Criterion.objects.create(
                round=round_,
                position=position,
                name=name,
                weight=weights[position - 1] if weights else weight,
                minimum=minimum,
                guidance=guidance,
            )
        )
    return made


def submitted_bids(round_, user, count):
    return [
        make_bid(round_, user, PLACE_NAMES[i % len(PLACE_NAMES)], submitted=True)
        for i in range(count)
    ]


def mark_eligible(bids, staff):
    for bid in bids:
        screening.screen(bid, Bid.Screening.ELIGIBLE, "", staff)
        bid.refresh_from_db()
    return bids


def make_assessors(make_user, count, prefix="assessor"):
    return [
        make_user(f"{prefix}{i}@example.org", permissions.ASSESSOR, f"Assessor {prefix} {i:02d}")
        for i in range(count)
    ]


def give_organisations(user, *organisations):
    profile, _ = AssessorProfile.objects.get_or_create(user=user)
    profile.organisations.add(*organisations)
    return profile


def partner_organisation(bid, position=0):
    return Organisation.objects.get(bid_partnerships__bid=bid, bid_partnerships__position=position)
