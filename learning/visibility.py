"""When the reviewed partnership reads its peer reviews: once every review of it has been
submitted, or the peer review has closed (then the submitted ones; unsubmitted drafts are
never shown). Who wrote each is shown unless staff chose an anonymous review."""

from learning.models import PeerReviewPair


def released(submitted_flags, closed):
    """Pure: are the reviews of one partnership released? `submitted_flags` has one entry
    per reviewer assigned to it."""
    return closed or (bool(submitted_flags) and all(submitted_flags))


def is_released(pair):
    review = pair.review
    flags = list(
        PeerReviewPair.objects.filter(
            review_id=pair.review_id, reviewed_id=pair.reviewed_id
        ).values_list("submitted_at", flat=True)
    )
    return pair.is_submitted and released([f is not None for f in flags], review.is_closed)


def reviewer_label(pair, *, for_staff=False):
    """'Leeds', or 'A peer partnership' in an anonymous review (staff always see names)."""
    if pair.review.anonymous and not for_staff:
        return "A peer partnership"
    return pair.reviewer.partnership_name
