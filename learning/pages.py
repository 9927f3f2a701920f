"""What the learning pages show, read from the database in a fixed number of queries.
Nothing here writes."""

from learning import visibility
from learning.models import PeerReviewPair, Pitch
from programme import challenge
from programme import pages as programme_pages
from programme.rules import member_ids_for


def review_overview(review):
    """Staff: every pair with its state, per reviewed partnership."""
    pairs = list(
        PeerReviewPair.objects.filter(review=review)
        .select_related("reviewer", "reviewed")
        .prefetch_related("key_challenges")
    )
    members = list(review.members.order_by("position", "partnership_name"))
    pitches = set(Pitch.objects.filter(review=review).values_list("member_id", flat=True))
    rows = []
    for member in members:
        of = [p for p in pairs if p.reviewed_id == member.pk]
        rows.append(
            {
                "member": member,
                "pairs": of,
                "writes": [p for p in pairs if p.reviewer_id == member.pk],
                "pitched": member.pk in pitches,
                "released": visibility.released([p.is_submitted for p in of], review.is_closed),
            }
        )
    return {
        "rows": rows,
        "submitted": sum(1 for p in pairs if p.is_submitted),
        "total": len(pairs),
    }


def review_for_team(review, user):
    """A team's view: its partnerships in the review, what each writes and receives."""
    mine = member_ids_for(user)
    pairs = list(
        PeerReviewPair.objects.filter(review=review)
        .select_related("reviewer", "reviewed")
        .order_by("reviewed__position", "reviewed__partnership_name", "pk")
    )
    members = list(review.members.order_by("position", "partnership_name"))
    pitches = {p.member_id: p for p in Pitch.objects.filter(review=review)}
    own = []
    for member in members:
        if member.pk not in mine:
            continue
        received = [p for p in pairs if p.reviewed_id == member.pk]
        released = visibility.released([p.is_submitted for p in received], review.is_closed)
        own.append(
            {
                "member": member,
                "pitch": pitches.get(member.pk),
                "writes": [p for p in pairs if p.reviewer_id == member.pk],
                "received": len(received),
                "submitted_of_mine": sum(1 for p in received if p.is_submitted),
                "released": released and any(p.is_submitted for p in received),
            }
        )
    return {
        "own": own,
        "members": [{"member": m, "pitched": m.pk in pitches} for m in members],
    }


def pitch_material(review, member):
    """The short pitch, the current challenge and the timeline from the space."""
    space = programme_pages.space(member, private=False)
    return {
        "pitch": Pitch.objects.filter(review=review, member=member).first(),
        "current": challenge.current(member),
        "timeline": space["timeline"],
        "marks": space["marks"],
    }


def reviews_of(review, member, *, for_staff):
    """The reviews of `member` it may read: submitted ones, once released (staff: all
    submitted, with names)."""
    pairs = list(
        PeerReviewPair.objects.filter(review=review, reviewed=member)
        .select_related("reviewer", "review")
        .order_by("reviewer__position", "reviewer__partnership_name", "pk")
    )
    released = visibility.released([p.is_submitted for p in pairs], review.is_closed)
    shown = [p for p in pairs if p.is_submitted and (released or for_staff)]
    return {
        "released": released,
        "reviews": [(p, visibility.reviewer_label(p, for_staff=for_staff)) for p in shown],
        "expected": len(pairs),
        "submitted": sum(1 for p in pairs if p.is_submitted),
    }
