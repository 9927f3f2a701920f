"""Opening and closing a peer review, and each partnership's pitch for it.

Staff open a peer review for an event of the cohort's calendar: the partnerships invited
to the event take part, each is given `peers_each` reviewers among the others
(learning.assignment, the assessors' plan), and their teams are emailed whom they review.
Closing it releases every submitted review to the partnership reviewed."""

from django.db import transaction
from django.utils import timezone

from cohorts.models import Cohort
from core.refusals import Refused
from core.text import count_words
from learning import notices
from learning.assignment import reviewers_for
from learning.domain import check, record, text
from learning.models import PeerReview, PeerReviewPair, Pitch

PITCH_WORDS = 150


def participants(event):
    """The partnerships invited to the event, in the cohort's order."""
    return [
        i.member
        for i in event.invitations.select_related("member").order_by(
            "member__position", "member__partnership_name"
        )
    ]


def preview(event, peers_each):
    """(members, ReviewPlan) that opening would make; nothing is written."""
    members = participants(event)
    return members, reviewers_for([m.pk for m in members], peers_each)


@transaction.atomic
def open_review(event, actor, *, peers_each=2, anonymous=False, now=None):
    check(actor, "learning.manage")
    Cohort.objects.select_for_update().filter(pk=event.cohort_id).first()
    if event.is_cancelled:
        raise Refused("Choose an event that is not cancelled", field="event")
    if PeerReview.objects.filter(event=event).exists():
        raise Refused(f"A peer review is already open for {event.title}", field="event")
    if peers_each is None or peers_each < 1:
        raise Refused("Enter how many peers review each partnership, 1 or more", field="peers_each")
    members, plan = preview(event, peers_each)
    if len(members) < 2:
        raise Refused(
            "At least two partnerships must be invited to the event for a peer review",
            field="event",
        )
    review = PeerReview.objects.create(
        event=event,
        cohort=event.cohort,
        peers_each=peers_each,
        anonymous=anonymous,
        opened_by=actor,
        opened_at=now or timezone.now(),
    )
    review.members.set(members)
    PeerReviewPair.objects.bulk_create(
        PeerReviewPair(review=review, reviewer_id=a, reviewed_id=b) for a, b in plan.pairs
    )
    names = {m.pk: m.partnership_name for m in members}
    reviews_of = {}
    for reviewer, reviewed in plan.pairs:
        reviews_of.setdefault(reviewer, []).append(names[reviewed])
    record(
        "peer_review_opened",
        actor,
        cohort=event.cohort,
        subject=f"Peer review: {event.title}",
        new={
            "peers_each": peers_each,
            "anonymous": anonymous,
            "pairs": [[names[a], names[b]] for a, b in plan.pairs],
        },
    )
    notices.review_opened(review, members, reviews_of)
    return review


@transaction.atomic
def close_review(review, actor, *, now=None):
    """Close the review: no more reviews; every submitted review is released."""
    check(actor, "learning.manage")
    review = (
        PeerReview.objects.select_for_update()
        .select_related("event", "cohort__round")
        .get(pk=review.pk)
    )
    if review.is_closed:
        raise Refused("The peer review is already closed")
    review.closed_at = now or timezone.now()
    review.closed_by = actor
    review.save(update_fields=["closed_at", "closed_by"])
    submitted = PeerReviewPair.objects.filter(review=review, submitted_at__isnull=False)
    pending = PeerReviewPair.objects.filter(review=review, submitted_at__isnull=True).count()
    record(
        "peer_review_closed",
        actor,
        cohort=review.cohort,
        subject=f"Peer review: {review.event.title}",
        new={"submitted": submitted.count(), "not_submitted": pending},
    )
    reviewed = {p.reviewed for p in submitted.select_related("reviewed")}
    notices.reviews_ready(review, sorted(reviewed, key=lambda m: m.pk))
    return review


@transaction.atomic
def save_pitch(review, member, actor, *, pitch):
    """The partnership's short pitch (the timeline and the challenge come from its space)."""
    check(actor, "programme.edit_space", member)
    if not review.members.filter(pk=member.pk).exists():
        raise Refused("This partnership does not take part in the peer review")
    if review.is_closed:
        raise Refused("The peer review has closed: the pitch can no longer change", field="pitch")
    pitch = text(pitch)
    if not pitch:
        raise Refused("Enter your partnership's short pitch", field="pitch")
    if count_words(pitch) > PITCH_WORDS:
        raise Refused(f"The pitch must be {PITCH_WORDS} words or fewer", field="pitch")
    existing = Pitch.objects.filter(review=review, member=member).first()
    saved, _ = Pitch.objects.update_or_create(
        review=review,
        member=member,
        defaults={"text": pitch, "updated_by": actor, "updated_at": timezone.now()},
    )
    record(
        "pitch_saved",
        actor,
        cohort=review.cohort,
        member=member,
        old={"pitch": existing.text} if existing else None,
        new={"pitch": pitch},
    )
    return saved
