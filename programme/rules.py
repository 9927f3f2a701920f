"""Who may do what in the programme: object-level predicates registered with `rules`.

Views declare the permission they need (programme.access.require); templates ask with
`{% has_perm "programme.edit_space" user member %}`. No role names outside this file.

People:
- the partnership's team: everyone working on the member's bid (lead and colleagues), and
  anyone programme staff gave access to the space (SpaceAccess);
- other cohort members: the teams of the other partnerships in the same cohort;
- programme staff (the LGA's officers): see and do everything.
"""

import rules

from accounts.permissions import APPLICANT, has_role, is_programme_staff
from applications.models import BidCollaborator


def _memberships(user):
    """{cohort member id: cohort id} for the partnerships whose team the user is on; one
    query each for bids and granted access, cached on the user object for the request. Only
    applicants work on partnerships (SpaceAccess gives the role), so nobody else pays for
    the queries on every page's navigation."""
    if not user.is_authenticated or not has_role(user, APPLICANT):
        return {}
    cached = getattr(user, "_programme_memberships", None)
    if cached is None:
        from programme.models import SpaceAccess

        cached = dict(
            BidCollaborator.objects.filter(user=user, bid__cohort_member__isnull=False).values_list(
                "bid__cohort_member__id", "bid__cohort_member__cohort_id"
            )
        )
        cached.update(
            SpaceAccess.objects.filter(user=user).values_list("member_id", "member__cohort_id")
        )
        user._programme_memberships = cached
    return cached


def forget(user):
    """Drop the cached memberships (after access changes)."""
    if hasattr(user, "_programme_memberships"):
        del user._programme_memberships


def member_ids_for(user):
    return set(_memberships(user))


@rules.predicate
def is_staff(user):
    return is_programme_staff(user)


@rules.predicate
def on_team(user, member):
    return member is not None and member.pk in _memberships(user)


@rules.predicate
def in_same_cohort(user, member):
    return member is not None and member.cohort_id in _memberships(user).values()


@rules.predicate
def in_any_cohort(user):
    return bool(_memberships(user))


@rules.predicate
def invited_team(user, event):
    """The user is on the team of a partnership invited to the event."""
    if event is None or not user.is_authenticated:
        return False
    mine = member_ids_for(user)
    return bool(mine) and event.invitations.filter(member_id__in=mine).exists()


@rules.predicate
def invitation_team(user, invitation):
    return invitation is not None and invitation.member_id in _memberships(user)


@rules.predicate
def note_for_reader(user, note):
    """A meeting note or progress update: the team and staff always; the rest of the
    cohort only when the partnership shared it."""
    if note is None:
        return False
    member = note.milestone.member if hasattr(note, "milestone") else note.member
    if member.pk in _memberships(user):
        return True
    return note.shared and member.cohort_id in _memberships(user).values()


# The partnership space
rules.add_perm("programme.see_space", is_staff | on_team | in_same_cohort)
rules.add_perm("programme.edit_space", is_staff | on_team)
rules.add_perm("programme.read_private_notes", is_staff | on_team)
rules.add_perm("programme.read_note", is_staff | note_for_reader)
# The calendar
rules.add_perm("programme.see_programme", is_staff | in_any_cohort)
# The "Your programme" area of the navigation: a cohort member's (staff have "Programme").
rules.add_perm("programme.take_part", in_any_cohort & ~is_staff)
rules.add_perm("programme.manage_calendar", is_staff)
rules.add_perm("programme.see_event", is_staff | invited_team)
rules.add_perm("programme.reply_to_event", is_staff | invitation_team)
rules.add_perm("programme.record_attendance", is_staff)
# The overview for the board
rules.add_perm("programme.see_overview", is_staff)
