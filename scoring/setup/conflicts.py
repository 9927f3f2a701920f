"""Conflicts of interest. An assessor is in conflict with a bid when one of their
organisations (from their assessor profile) is a partner of the bid, or when they have
declared a conflict on it. A conflicted assessor never sees the bid (404)."""

from applications.models import BidPartner
from scoring.models import AssessorProfile, ConflictDeclaration


def organisation_ids(user):
    profile = AssessorProfile.objects.filter(user=user).first()
    if profile is None:
        return set()
    return set(profile.organisations.values_list("pk", flat=True))


def conflicted_bid_ids(user, bid_ids=None):
    """Ids of bids the user is in conflict with (optionally among bid_ids). Two queries."""
    partner_rows = BidPartner.objects.filter(organisation__assessors__user=user).values_list(
        "bid_id", flat=True
    )
    declared = ConflictDeclaration.objects.filter(assessor=user).values_list("bid_id", flat=True)
    if bid_ids is not None:
        partner_rows = partner_rows.filter(bid_id__in=bid_ids)
        declared = declared.filter(bid_id__in=bid_ids)
    return set(partner_rows) | set(declared)


def is_conflicted(user, bid):
    return bid.pk in conflicted_bid_ids(user, [bid.pk])


def conflict_pairs(bid_ids, assessor_ids):
    """{(bid_id, assessor_id)} in conflict, for assignment; two queries whatever the size."""
    pairs = set(
        BidPartner.objects.filter(
            bid_id__in=bid_ids, organisation__assessors__user_id__in=assessor_ids
        ).values_list("bid_id", "organisation__assessors__user_id")
    )
    pairs |= set(
        ConflictDeclaration.objects.filter(
            bid_id__in=bid_ids, assessor_id__in=assessor_ids
        ).values_list("bid_id", "assessor_id")
    )
    return pairs
