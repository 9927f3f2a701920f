"""Who may see and change a bid: `rules` predicates registered as the applications app's
permissions (accounts/rules.py says how views, templates and functions ask them).

The people: a bid's collaborators (its lead applicant and invited colleagues) work on it;
programme staff see every bid. What a collaborator may do also depends on the bid's state
and the round's deadline: the pure rules `editable`, `reopenable`, `withdrawable` and
`invitable` answer that for a given time. `may_*` below join the two (who, from the
permissions, and when, from the state rules, at the `now` given): the product's functions
(applications.bids) and the applicant's pages ask them.
"""

import rules
from django.utils import timezone

from accounts.rules import is_applicant, is_programme_staff
from applications.models import Bid, BidCollaborator

# --- The state rules (pure: a bid and a time) --------------------------------------------


def _open(bid, now):
    return bid.round.is_open(now or timezone.now())


def editable(bid, now=None):
    """A draft can change until the deadline; after it the bid is read-only."""
    return bid.status == Bid.Status.DRAFT and _open(bid, now)


def reopenable(bid, now=None):
    return bid.status == Bid.Status.SUBMITTED and _open(bid, now)


def withdrawable(bid, now=None):
    return bid.status != Bid.Status.WITHDRAWN and _open(bid, now)


invitable = withdrawable


# --- The predicates -----------------------------------------------------------------------


def bids_for(user):
    """Bids the user works on (as lead or invited colleague)."""
    if not user.is_authenticated:
        return Bid.objects.none()
    return Bid.objects.filter(collaborators__user=user)


@rules.predicate
def works_on(user, bid):
    """The user is one of the bid's collaborators (None: anyone signed in may have bids)."""
    if not user.is_authenticated:
        return False
    if bid is None:
        return True
    return BidCollaborator.objects.filter(bid=bid, user=user).exists()


@rules.predicate
def leads(user, bid):
    if not user.is_authenticated:
        return False
    if bid is None:
        return True
    return BidCollaborator.objects.filter(
        bid=bid, user=user, role=BidCollaborator.Role.LEAD
    ).exists()


@rules.predicate
def round_open_now(user, round_):
    """Applications can be started while the round is open (None: no round in particular)."""
    return round_ is None or round_.is_open(timezone.now())


# --- The permissions ------------------------------------------------------------------------

# An applicant's own list of applications (anyone signed in: it may be empty).
rules.add_perm("applications.see_own_bids", rules.is_authenticated)
# The "Your applications" area of the navigation.
rules.add_perm("applications.apply", is_applicant)
rules.add_perm("applications.start_bid", rules.is_authenticated & round_open_now)
rules.add_perm("applications.work_on_bid", works_on)
rules.add_perm("applications.lead_bid", leads)
rules.add_perm("applications.download_submission", works_on | is_programme_staff)
# Programme staff: every bid, the CSV, organisations to review and merge.
rules.add_perm("applications.see_all_bids", is_programme_staff)
rules.add_perm("applications.review_organisations", is_programme_staff)


# --- For the product's functions, which pass their own `now` ---------------------------------


def may_start(user, round_, now=None):
    return user.is_authenticated and round_ is not None and round_.is_open(now or timezone.now())


def may_edit(user, bid, now=None):
    return editable(bid, now) and user.has_perm("applications.work_on_bid", bid)


def may_reopen(user, bid, now=None):
    return reopenable(bid, now) and user.has_perm("applications.work_on_bid", bid)


def may_withdraw(user, bid, now=None):
    return withdrawable(bid, now) and user.has_perm("applications.lead_bid", bid)


def may_invite(user, bid, now=None):
    return invitable(bid, now) and user.has_perm("applications.lead_bid", bid)
