"""Who may do what in assessment: set-up, scoring, moderation. The one place these rules
live for the scoring app. Keep each function small and named for the question it answers.

Independence: an assessor sees nobody else's scores of a bid until they have submitted
their own. Conflicts: a person in conflict with a bid never sees it (views answer 404).
"""

from accounts.permissions import (
    ASSESSOR,
    PANEL_CHAIR,
    has_role,
    is_assessor,
    is_panel_chair,
    is_programme_staff,
)
from scoring.models import Assessment, Assignment
from scoring.setup import conflicts


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
    if not user.is_authenticated or not bid.has_submitted_version:
        return False
    if conflicts.is_conflicted(user, bid):
        return False
    if is_programme_staff(user) or is_panel_chair(user):
        return True
    return is_assessor(user) and is_assigned(user, bid)


def can_declare_conflict(user, bid):
    """An assessor declares a conflict on a bid assigned to them (and not already declared)."""
    return can_view_bid_for_assessment(user, bid) and is_assigned(user, bid)


def can_score(user, assignment):
    """The assessor the bid is assigned to, while it is in assessment and they are not
    in conflict with it. Whether the assessment is still open is checked by the function
    that saves it (a submitted assessment is locked)."""
    return (
        user.is_authenticated
        and assignment.assessor_id == user.pk
        and is_assessor(user)
        and assignment.bid.is_in_assessment
        and not conflicts.is_conflicted(user, assignment.bid)
    )


def can_moderate(user):
    """Record moderated scores and return assessments: panel chairs."""
    return user.is_authenticated and is_panel_chair(user)


def can_view_moderation(user):
    """See the moderation dashboard and pages: panel chairs, and programme staff read-only."""
    return user.is_authenticated and (is_panel_chair(user) or is_programme_staff(user))


def own_assessment_status(user, bid):
    """The status of the user's own assessment of the bid; None if it is not assigned to
    them; 'not_started' if assigned but not yet saved."""
    assignment = (
        Assignment.objects.filter(bid=bid, assessor=user).select_related("assessment").first()
    )
    if assignment is None:
        return None
    assessment = getattr(assignment, "assessment", None)
    return assessment.status if assessment else Assessment.Status.NOT_STARTED


def can_see_other_scores(user, bid):
    """Everyone's scores of a bid: never when in conflict with it; an assessor of the bid
    only after submitting their own; otherwise panel chairs and programme staff."""
    if not user.is_authenticated or conflicts.is_conflicted(user, bid):
        return False
    own = own_assessment_status(user, bid)
    if own is not None:
        return own == Assessment.Status.SUBMITTED
    return can_view_moderation(user)


def can_see_audit(user, bid):
    """The full history of scores, moderation and returns: chairs and staff who may see
    the bid's scores."""
    return can_view_moderation(user) and can_see_other_scores(user, bid)


# --- Selection: ranking, proposal and decisions -----------------------------------------


def can_view_selection(user):
    """The ranking, proposal, map and reports: panel chairs, and programme staff read-only."""
    return user.is_authenticated and (is_panel_chair(user) or is_programme_staff(user))


def can_change_selection(user):
    """Set the cohort constraints, pin bids and override regions: panel chairs."""
    return user.is_authenticated and is_panel_chair(user)


def can_decide(user):
    """Record accept / reserve / reject decisions: panel chairs."""
    return user.is_authenticated and is_panel_chair(user)


def can_decide_on(user, bid):
    """A chair in conflict with a bid does not decide on it."""
    return can_decide(user) and not conflicts.is_conflicted(user, bid)


def can_reopen_decision(user):
    """Reopen a released decision so the chair can change it: programme staff."""
    return user.is_authenticated and is_programme_staff(user)
