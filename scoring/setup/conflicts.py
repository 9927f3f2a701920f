"""Conflicts of interest. A person (assessor or panel chair) is in conflict with a bid when
one of their organisations (from their assessor profile) is a partner of the bid, or when
they have declared a conflict on it. The bid does not exist for them (scoring/permissions.py);
programme staff see who is in conflict (`people_in_conflict`)."""

from collections import defaultdict

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


def people_in_conflict(bid_ids):
    """{bid id: [names]} of everyone in conflict with each bid, sorted; two queries."""
    found = defaultdict(set)
    for bid_id, name, email in BidPartner.objects.filter(
        bid_id__in=bid_ids, organisation__assessors__isnull=False
    ).values_list(
        "bid_id", "organisation__assessors__user__full_name", "organisation__assessors__user__email"
    ):
        found[bid_id].add(name or email)
    for bid_id, name, email in ConflictDeclaration.objects.filter(bid_id__in=bid_ids).values_list(
        "bid_id", "assessor__full_name", "assessor__email"
    ):
        found[bid_id].add(name or email)
    return {bid_id: sorted(names) for bid_id, names in found.items()}
