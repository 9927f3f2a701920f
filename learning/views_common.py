"""What the learning views share: loading objects (404 when missing) and running a form's
action with refusals shown beside their field."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render

from core.access import require as core_require
from core.refusals import Refused, refusal_to_form
from learning.models import PeerReview, PeerReviewPair
from programme.views_events import load_cohort  # noqa: F401  (re-exported)
from programme.views_space import load_member  # noqa: F401  (re-exported)


def posted(request):
    return request.POST if request.method == "POST" else None


def submit(request, form, action):
    """Run `action(cleaned_data)` for a valid POST; a refusal goes beside its field.
    Returns the action's result, or None when nothing was changed."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        return action(form.cleaned_data) or True
    except Refused as refusal:
        refusal_to_form(form, refusal)
        return None


def render_form(request, template, context, form):
    """The page with the form; with errors it is shown again (200) with the error summary,
    as every form of the service does (GOV.UK)."""
    return render(request, template, context)


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
