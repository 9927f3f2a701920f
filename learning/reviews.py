"""Writing a peer review: what is strong, one challenge to the partnership, one offer of
support. Only the reviewing partnership's team writes it (not staff, not another
partnership: 404 like the views); saved as a draft, then submitted once (no changes after);
refused once the review has closed. When the last review of a partnership is submitted its
reviews are released to it (learning.visibility) and its team is emailed."""

from django.db import transaction
from django.utils import timezone

from core.refusals import Refused
from core.text import count_words
from learning import notices
from learning.domain import check, record, text
from learning.models import PeerReview, PeerReviewPair

WORDS = 200
PARTS = (
    ("strengths", "Enter what is strong about the partnership's project"),
    ("challenge", "Enter one challenge to the partnership"),
    ("support", "Enter one offer of support"),
)
LABELS = {
    "strengths": "What is strong",
    "challenge": "The challenge",
    "support": "The offer of support",
}


@transaction.atomic
def save_review(pair, actor, *, strengths, challenge, support, submit, now=None):
    check(actor, "learning.write_review", pair)
    review = PeerReview.objects.select_for_update().get(pk=pair.review_id)
    pair = (
        PeerReviewPair.objects.select_for_update()
        .select_related("reviewer", "reviewed")
        .get(pk=pair.pk)
    )
    if review.is_closed:
        raise Refused("The peer review has closed: reviews can no longer be written or changed")
    if pair.is_submitted:
        raise Refused(f"Your review of {pair.reviewed.partnership_name} is already submitted")
    values = {"strengths": text(strengths), "challenge": text(challenge), "support": text(support)}
    for name, _ in PARTS:
        if count_words(values[name]) > WORDS:
            raise Refused(f"{LABELS[name]} must be {WORDS} words or fewer", field=name)
    if submit:
        for name, message in PARTS:
            if not values[name]:
                raise Refused(message, field=name)
    now = now or timezone.now()
    for name, value in values.items():
        setattr(pair, name, value)
    pair.saved_at = now
    fields = [*values, "saved_at"]
    if submit:
        pair.submitted_at = now
        pair.submitted_by = actor
        fields += ["submitted_at", "submitted_by"]
    pair.save(update_fields=fields)
    record(
        "review_submitted" if submit else "review_saved",
        actor,
        cohort=review.cohort,
        member=pair.reviewer,
        subject=f"{pair.reviewer.partnership_name} reviews {pair.reviewed.partnership_name}",
        new=values,
    )
    if submit:
        pending = PeerReviewPair.objects.filter(
            review=review, reviewed=pair.reviewed, submitted_at__isnull=True
        ).exists()
        if not pending:
            review.event  # noqa: B018  (loaded for the email)
            notices.reviews_ready(review, [pair.reviewed])
    return pair


def pair_for(review, actor, reviewed):
    """The actor's review of `reviewed` in this peer review. Refused for the actor's own
    partnership; None when the actor's partnership does not review it."""
    from programme.rules import member_ids_for

    mine = member_ids_for(actor)
    if reviewed.pk in mine:
        raise Refused("You cannot review your own partnership")
    return (
        PeerReviewPair.objects.filter(review=review, reviewed=reviewed, reviewer_id__in=mine)
        .select_related("reviewer", "reviewed", "review")
        .order_by("reviewer__position", "pk")
        .first()
    )
