"""What the learning views share: loading objects (404 when missing) and the permission
of the staff pages. Forms are run by core.refusals.submit, as in every app."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from core.access import require as core_require
from learning.models import PeerReview, PeerReviewPair
from programme.views_events import load_cohort  # noqa: F401  (re-exported)
from programme.views_space import load_member  # noqa: F401  (re-exported)


def load_review(pk):
    return get_object_or_404(PeerReview.objects.select_related("event", "cohort__round"), pk=pk)


def load_review_member(pk, member):
    """(review, member) for a partnership taking part in the review."""
    review = load_review(pk)
    found = review.members.filter(pk=member).select_related("cohort__round").first()
    if found is None:
        raise Http404
    return review, found


def load_pair(pk):
    return get_object_or_404(
        PeerReviewPair.objects.select_related(
            "review__event", "review__cohort__round", "reviewer", "reviewed"
        ),
        pk=pk,
    )


def staff_only(load):
    """A programme staff page about one object, with the answers of every other staff page
    (core.access.require): someone who is not staff gets 403 (they may never use it,
    whatever the object), staff get 404 for a missing object; the permission is checked
    before the method of a POST-only page."""
    return core_require("learning.manage", load)
