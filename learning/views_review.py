"""Peer review pages: thin views over learning.pages and the domain modules."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from core.refusals import Refused, posted, refusal_message, submit
from learning import forms, pages, peer_review, reviews, themes
from learning.models import KeyChallenge, Pitch
from learning.views_common import (
    load_cohort,
    load_pair,
    load_review,
    load_review_member,
    staff_only,
)
from programme.access import require
from programme.models import Event
from programme.rules import member_ids_for


def _review_page(review):
    return redirect("learning:peer_review", pk=review.pk)


@staff_only(load_cohort)
def open_review(request, cohort):
    events = list(
        Event.objects.filter(
            cohort=cohort, cancelled_at__isnull=True, peer_review__isnull=True
        ).order_by("starts_at")
    )
    form = forms.OpenReviewForm(posted(request), events=events, initial={"peers_each": 2})
    done = submit(
        request,
        form,
        lambda data: peer_review.open_review(
            form.event_object(),
            request.user,
            peers_each=data["peers_each"],
            anonymous=data["anonymous"],
        ),
    )
    if done:
        messages.success(request, f"Peer review opened: {done.pairs.count()} reviews assigned")
        return _review_page(done)
    return render(
        request,
        "learning/open_review.html",
        {"cohort": cohort, "form": form, "events": events},
    )


@require("learning.see_peer_review", load_review)
def review_home(request, review):
    staff = request.user.has_perm("learning.manage")
    context = {"review": review, "staff": staff, "cohort": review.cohort}
    context.update(
        pages.review_overview(review) if staff else pages.review_for_team(review, request.user)
    )
    return render(request, "learning/peer_review.html", context)


@staff_only(load_review)
@require_POST
def close_review(request, review):
    try:
        peer_review.close_review(review, request.user)
        messages.success(request, "Peer review closed: every submitted review is now visible")
    except Refused as refusal:
        refusal_message(request, refusal)
    return _review_page(review)


@require("learning.see_pitch", lambda pk, member: load_review_member(pk, member))
def edit_pitch(request, page):
    review, member = page
    if not request.user.has_perm("programme.edit_space", member):
        raise Http404
    existing = Pitch.objects.filter(review=review, member=member).first()
    form = forms.PitchForm(posted(request), initial={"pitch": existing.text if existing else ""})
    if submit(
        request,
        form,
        lambda d: peer_review.save_pitch(review, member, request.user, pitch=d["pitch"]),
    ):
        messages.success(request, "Your pitch is saved")
        return _review_page(review)
    return render(
        request,
        "learning/form.html",
        {
            "review": review,
            "member": member,
            "form": form,
            "heading": "Your pitch for the peer review",
            "button": "Save the pitch",
        },
    )


@require("learning.see_pitch", lambda pk, member: load_review_member(pk, member))
def partnership(request, page):
    """A partnership's pitch material, with the viewer's review of it when they write one."""
    review, member = page
    own = member.pk in member_ids_for(request.user)
    pair = None
    refusal = None
    if not own and not request.user.has_perm("learning.manage"):
        try:
            pair = reviews.pair_for(review, request.user, member)
        except Refused as refused:
            refusal = refused.message
    elif own and request.method == "POST":
        refusal = "You cannot review your own partnership"
    if request.method == "POST" and pair is None and refusal is None:
        raise Http404  # not a reviewer of this partnership (staff do not write reviews)
    form = None
    if pair is not None:
        form = forms.ReviewForm(
            posted(request) if not pair.is_submitted else None,
            initial={
                "strengths": pair.strengths,
                "challenge": pair.challenge,
                "support": pair.support,
            },
        )
        submitting = request.POST.get("action") == "submit"
        done = None
        if not pair.is_submitted:
            done = submit(
                request,
                form,
                lambda d: reviews.save_review(
                    pair,
                    request.user,
                    strengths=d["strengths"],
                    challenge=d["challenge"],
                    support=d["support"],
                    submit=submitting,
                ),
            )
        if done:
            messages.success(
                request,
                f"Your review of {member.partnership_name} is "
                + ("submitted" if submitting else "saved as a draft"),
            )
            return _review_page(review) if submitting else redirect(request.path)
    context = {
        "review": review,
        "member": member,
        "own": own,
        "pair": pair,
        "form": form,
        "refusal": refusal,
        **pages.pitch_material(review, member),
    }
    # With errors or a refusal the page is shown again (200) with the error summary.
    return render(request, "learning/partnership.html", context)


@require("learning.see_pitch", lambda pk, member: load_review_member(pk, member))
def reviews_of(request, page):
    review, member = page
    if not request.user.has_perm("learning.reviews_of", member):
        raise Http404
    staff = request.user.has_perm("learning.manage")
    context = {"review": review, "member": member, "staff": staff}
    context.update(pages.reviews_of(review, member, for_staff=staff))
    return render(request, "learning/reviews_of.html", context)


@staff_only(load_pair)
def tag_review(request, pair):
    cohort = pair.review.cohort
    choices = list(KeyChallenge.objects.filter(cohort=cohort))
    form = forms.TagForm(
        posted(request),
        themes=choices,
        initial={"key_challenges": [str(t.pk) for t in pair.key_challenges.all()]},
    )
    if submit(request, form, lambda d: themes.tag_review(pair, request.user, form.chosen())):
        messages.success(request, "Key challenges saved")
        return _review_page(pair.review)
    return render(
        request,
        "learning/tag.html",
        {
            "form": form,
            "review": pair.review,
            "heading": f"Key challenges in {pair.reviewer.partnership_name}'s review of "
            f"{pair.reviewed.partnership_name}",
            "quote": pair,
            "cohort": cohort,
        },
    )
