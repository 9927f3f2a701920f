"""Who may do what in assessment. The one place these rules live for the scoring app.

Keep each function small and named for the question it answers.
"""

from accounts.permissions import (
    ASSESSOR,
    PANEL_CHAIR,
    has_role,
    is_assessor,
    is_panel_chair,
    is_programme_staff,
)
from applications.models import Bid
from scoring import conflicts
from scoring.models import Assignment


def can_manage_round(user):
    """Set criteria, screen bids, assign assessors: programme staff."""
    return user.is_authenticated and is_programme_staff(user)


def can_record_interests(user):
    """Assessors and panel chairs record their organisations and other interests."""
    return user.is_authenticated and has_role(user, ASSESSOR, PANEL_CHAIR)


def can_be_assigned(user):
    """Only people with the assessor role can be given bids to assess."""
    return user.is_active and is_assessor(user)


def is_assigned(user, bid):
    return Assignment.objects.filter(bid=bid, assessor=user).exists()


def can_view_bid_for_assessment(user, bid):
    """A conflicted person never sees the bid. Otherwise staff and chairs see every
    submitted bid, and an assessor sees the bids assigned to them."""
    if not user.is_authenticated or bid.status != Bid.Status.SUBMITTED:
        return False
    if conflicts.is_conflicted(user, bid):
        return False
    if is_programme_staff(user) or is_panel_chair(user):
        return True
    return is_assessor(user) and is_assigned(user, bid)


def can_declare_conflict(user, bid):
    """An assessor declares a conflict on a bid assigned to them (and not already declared)."""
    return can_view_bid_for_assessment(user, bid) and is_assigned(user, bid)
