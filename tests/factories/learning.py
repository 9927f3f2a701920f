"""Learning data through the product's functions: a cohort with an event, a peer review
opened on it, reviews written by the reviewing partnership's lead."""

from learning import peer_review, reviews
from learning.models import PeerReviewPair
from tests.factories.accounts import applicant_for
from tests.programme_helpers import announced_cohort, make_event

REVIEW = {
    "strengths": "A strong joint team with the vice-chancellor in the room.",
    "challenge": "How will residents see the difference by March?",
    "support": "We can share our community research network.",
}


def cohort_with_event(round_, chair, staff, places=("Sheffield", "Leeds", "Liverpool")):
    """({place: member}, event): an announced cohort and a peer challenge inviting it."""
    members = announced_cohort(round_, chair, staff, places=list(places))
    event = make_event(
        next(iter(members.values())).cohort,
        staff,
        list(members.values()),
        kind="peer_challenge",
        title="Peer review conference",
    )
    return members, event


def opened_review(round_, chair, staff, places=("Sheffield", "Leeds", "Liverpool"), **options):
    members, event = cohort_with_event(round_, chair, staff, places)
    return members, peer_review.open_review(event, staff, **options)


def pair(review, reviewer, reviewed):
    return PeerReviewPair.objects.select_related("review", "reviewer", "reviewed").get(
        review=review, reviewer=reviewer, reviewed=reviewed
    )


def write(review, reviewer, reviewed, *, submit=True, **changes):
    """The reviewer's lead writes (and by default submits) its review of `reviewed`."""
    target = pair(review, reviewer, reviewed)
    values = {**REVIEW, **changes}
    return reviews.save_review(target, applicant_for(reviewer.place_name), submit=submit, **values)


def date_fields(name, day):
    """A date as GOV.UK's day, month and year boxes post it."""
    return {f"{name}_day": day.day, f"{name}_month": day.month, f"{name}_year": day.year}


def form_data(values):
    """Form values with every date spread into its three boxes."""
    data = {}
    for name, value in values.items():
        if hasattr(value, "year"):
            data.update(date_fields(name, value))
        elif value is not None:
            data[name] = value
    return data
