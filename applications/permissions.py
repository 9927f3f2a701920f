"""Who may see and change a bid. The one place these rules live for the applications app."""

from accounts.permissions import is_programme_staff
from applications.models import Bid, BidCollaborator


def bids_for(user):
    """Bids the user works on (as lead or invited colleague)."""
    if not user.is_authenticated:
        return Bid.objects.none()
    return Bid.objects.filter(collaborators__user=user)


def is_collaborator(user, bid):
    return user.is_authenticated and BidCollaborator.objects.filter(bid=bid, user=user).exists()


def is_lead(user, bid):
    return (
        user.is_authenticated
        and BidCollaborator.objects.filter(
            bid=bid, user=user, role=BidCollaborator.Role.LEAD
        ).exists()
    )


def can_view_bid(user, bid):
    return is_collaborator(user, bid) or is_programme_staff(user)


def can_view_all_bids(user):
    return is_programme_staff(user)


def _open(bid, now):
    return bid.round.is_open(now)


def can_start_bid(user, round_, now=None):
    """Anyone signed in may start a bid while the round is open."""
    return user.is_authenticated and round_ is not None and round_.is_open(now)


def can_edit_bid(user, bid, now=None):
    """Collaborators change a draft until the deadline; after it, the bid is read-only."""
    return bid.status == Bid.Status.DRAFT and _open(bid, now) and is_collaborator(user, bid)


def can_submit_bid(user, bid, now=None):
    return can_edit_bid(user, bid, now)


def can_reopen(user, bid, now=None):
    return bid.status == Bid.Status.SUBMITTED and _open(bid, now) and is_collaborator(user, bid)


def can_withdraw(user, bid, now=None):
    """The lead applicant withdraws a draft or submitted bid, before the deadline."""
    return bid.status != Bid.Status.WITHDRAWN and _open(bid, now) and is_lead(user, bid)


def can_invite(user, bid, now=None):
    return bid.status != Bid.Status.WITHDRAWN and _open(bid, now) and is_lead(user, bid)


def can_download_submission(user, bid):
    """A submitted copy: the bid's collaborators and programme staff."""
    return can_view_bid(user, bid)
