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
