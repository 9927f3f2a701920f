"""Who may do what in assessment and selection: `rules` predicates registered as the scoring
app's permissions (accounts/rules.py says how views, templates and functions ask them).
scoring/rules/ is a different thing: the pure ranking and proposal rules; this module is
named for what it holds, the permissions.

Conflicts: a person in conflict with a bid (one of their recorded organisations is its
partner, or they declared a conflict) is treated the same everywhere: the bid does not
exist for them. Every permission about one bid of assessment or selection includes
`not_conflicted`, so its pages, exports and forms answer 404, the lists, counts and charts
leave it out (scoring.assess.moderation.load, scoring.select.selection.seen_by) and the
functions that change it refuse. Programme staff see who is in conflict.

Independence: an assessor sees nobody else's scores of a bid until they have submitted
their own.

Given None instead of a bid, a predicate answers for "a bid": `core.access.require` asks
that first, so someone who may never do this gets 403, and someone who may, but not on this
bid, gets 404.
"""

import rules

from accounts.rules import is_assessor, is_panel_chair, is_programme_staff
from scoring.models import Assessment, Assignment
from scoring.setup import conflicts


@rules.predicate
def not_conflicted(user, bid):
    return bid is None or not conflicts.is_conflicted(user, bid)


@rules.predicate
def assigned(user, bid):
    """The bid is assigned to the user to assess (None: an assessor may have bids)."""
    return bid is None or Assignment.objects.filter(bid=bid, assessor=user).exists()


@rules.predicate
def in_assessment(_user, bid):
    return bid is None or bid.is_in_assessment


@rules.predicate
def submitted_version(_user, bid):
    return bid is None or bid.has_submitted_version


@rules.predicate
def is_active(user):
    return user.is_active


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


may_see_moderation = is_panel_chair | is_programme_staff


@rules.predicate
def others_scores_visible(user, bid):
    """Everyone's scores of a bid: an assessor of the bid only after submitting their own;
    otherwise panel chairs and programme staff (None: whoever may see moderation)."""
    if bid is None:
        return may_see_moderation.test(user)
    own = own_assessment_status(user, bid)
    if own is not None:
        return own == Assessment.Status.SUBMITTED
    return may_see_moderation.test(user)


# --- Set-up: criteria, screening, assignment (programme staff) ------------------------------
rules.add_perm("scoring.set_up_round", is_programme_staff)
# Assessors and panel chairs record their organisations and other interests.
rules.add_perm("scoring.record_interests", is_assessor | is_panel_chair)
# Asked of the person being given a bid: only active assessors can be assigned.
rules.add_perm("scoring.be_assigned", is_active & is_assessor)
# An assessor declares a conflict on a bid assigned to them.
rules.add_perm(
    "scoring.declare_conflict", is_assessor & assigned & submitted_version & not_conflicted
)

# --- Assessment -------------------------------------------------------------------------------
rules.add_perm("scoring.assess", is_assessor)
# Score a bid: its assessor, while it is in assessment. Whether the assessment is still open
# is checked by the function that saves it (a submitted assessment is locked).
rules.add_perm("scoring.score_bid", is_assessor & assigned & in_assessment & not_conflicted)
# Everyone's scores of a bid (an assessor's own page after submitting; moderation).
rules.add_perm("scoring.see_scores", not_conflicted & others_scores_visible)

# --- Moderation -------------------------------------------------------------------------------
# The dashboard: panel chairs, and programme staff read-only.
rules.add_perm("scoring.see_moderation", may_see_moderation)
# One bid's moderation page, with its full history.
rules.add_perm(
    "scoring.see_bid_moderation", may_see_moderation & not_conflicted & others_scores_visible
)
# Record moderated scores and return assessments: panel chairs.
rules.add_perm("scoring.moderate_bid", is_panel_chair & not_conflicted & others_scores_visible)

# --- Selection: ranking, proposal and decisions -------------------------------------------------
# The ranking, proposal, map and reports: panel chairs, and programme staff read-only.
rules.add_perm("scoring.see_selection", may_see_moderation)
# Who is in conflict with each bid (the ranking, a bid's assessors page).
rules.add_perm("scoring.see_conflicts", is_programme_staff)
# Set the cohort constraints (no bid), pin a bid or override its region: panel chairs.
rules.add_perm("scoring.change_selection", is_panel_chair & not_conflicted)
# Record accept / reserve / reject decisions: panel chairs.
rules.add_perm("scoring.decide", is_panel_chair & not_conflicted)
# Reopen a released decision so the chair can change it: programme staff.
rules.add_perm("scoring.reopen_decision", is_programme_staff & not_conflicted)
