"""Assessment data through the product's own functions: the demo criteria (saved with
scoring.setup.criteria.save_criteria), screening (scoring.setup.screening.screen),
assignment (scoring.setup.assignment.assign_by_hand) and submitted assessments
(scoring.assess.assessments.submit_assessment)."""

from decimal import Decimal

from accounts import permissions
from applications.models import Bid, Organisation
from scoring.assess.assessments import Entry, submit_assessment
from scoring.demo import CRITERIA
from scoring.models import AssessorProfile, Criterion, default_levels
from scoring.setup import assignment as assigning
from scoring.setup import criteria as criteria_setup
from scoring.setup import interests, screening
from tests.factories.accounts import programme_staff
from tests.factories.applications import make_bid

JUSTIFICATION = (
    "The partnership shows a long record of joint working with a senior leadership group "
    "that meets every quarter, a memorandum of understanding and resources committed by "
    "every partner, which together give strong evidence for this score."
)
SHORT = "Good partnership with clear evidence of joint working over several years here."


def add_criteria(round_, weights=None, actor=None):
    """The demo criteria (scoring.demo.CRITERIA: 30/20/20/15/15, Strength of partnership
    minimum 3, scale 0 to 5), or with other weights, saved as programme staff save them."""
    rows = [
        {
            "name": name,
            "weight": Decimal(weights[index] if weights else weight),
            "minimum": None if minimum is None else Decimal(minimum),
            "guidance": guidance,
            "scale_min": 0,
            "scale_max": 5,
            "levels": default_levels(),
        }
        for index, (name, weight, minimum, guidance) in enumerate(CRITERIA)
    ]
    return criteria_setup.save_criteria(round_, rows, actor or programme_staff())


make_criteria = add_criteria


def criteria_for(round_, actor=None):
    """The round's criteria; the demo criteria are saved first if it has none."""
    return list(Criterion.objects.filter(round=round_)) or add_criteria(round_, actor=actor)


def mark_eligible(bids, staff=None):
    """Screen each bid eligible, as programme staff do on the screening page."""
    for bid in bids:
        screening.screen(bid, Bid.Screening.ELIGIBLE, "", staff or programme_staff())
        bid.refresh_from_db()
    return bids


def screen_ineligible(bid, reason="Not a council and university partnership.", staff=None):
    screening.screen(bid, Bid.Screening.INELIGIBLE, reason, staff or programme_staff())
    bid.refresh_from_db()
    return bid


def eligible_bid(round_, user, place="Sheffield"):
    """A submitted bid of `place`, screened eligible."""
    return mark_eligible([make_bid(round_, user, place, submitted=True)])[0]


def make_assessors(make_user, count, prefix="assessor", *, recorded=True):
    """`count` assessors. Each has recorded their interests (no organisations) through
    the interests page's function unless `recorded` is False: automatic assignment gives
    bids only to assessors whose interests are recorded."""
    people = [
        make_user(f"{prefix}{i}@example.org", permissions.ASSESSOR, f"Assessor {prefix} {i:02d}")
        for i in range(count)
    ]
    if recorded:
        for person in people:
            interests.update_interests(person, organisations=[])
    return people


def give_organisations(user, *organisations):
    profile, _ = AssessorProfile.objects.get_or_create(user=user)
    profile.organisations.add(*organisations)
    return profile


def partner_organisation(bid, position=0):
    return Organisation.objects.get(bid_partnerships__bid=bid, bid_partnerships__position=position)


def assign(bid, *assessors, staff=None):
    """Staff assign each assessor to the bid by hand (no emails)."""
    actor = staff or programme_staff()
    return [assigning.assign_by_hand(bid, a, actor, notify=False) for a in assessors]


def submitted_assessment(
    assignment, criteria, scores, recommendation="fund", justification=JUSTIFICATION
):
    """The assessor submits an assessment with the given scores (in criteria order)."""
    entries = {c.pk: Entry(s, justification) for c, s in zip(criteria, scores, strict=True)}
    return submit_assessment(assignment.assessor, assignment, entries, recommendation)


def assessed(bid, criteria, assessors, scores_each):
    """Assign the assessors to the (eligible) bid and submit one assessment each; scores_each
    is one list of scores per assessor."""
    assignments = assign(bid, *assessors)
    for made, scores in zip(assignments, scores_each, strict=False):
        submitted_assessment(made, criteria, scores)
    return assignments


def panel_assessors(count=3):
    """Assessors with no organisations (so in conflict with nobody), made once."""
    from tests.factories.accounts import user_with

    return [
        user_with(f"panel.assessor{i}@example.org", permissions.ASSESSOR, f"Panel Assessor {i}")
        for i in range(1, count + 1)
    ]


def form_data(criteria, scores, justification=JUSTIFICATION, recommendation="fund", **extra):
    """POST data for the score form."""
    data = {"version": 0, "recommendation": recommendation, "overall_comment": ""}
    for criterion, score in zip(criteria, scores, strict=True):
        data[f"score_{criterion.pk}"] = "" if score is None else score
        data[f"justification_{criterion.pk}"] = justification
    data.update(extra)
    return data
