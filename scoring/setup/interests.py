"""An assessor's organisations and other declared interests (their assessor profile).

`update_interests()` is the one function that changes them: when a change puts the
assessor in conflict with a bid assigned to them, the bid is taken from them and
reassigned, as when they declare a conflict."""

from django.db import transaction
from django.utils import timezone

from applications import audit
from scoring.models import AssessorProfile
from scoring.setup.assignment import AssignmentError, take_conflicted_bids


def profile_for(user):
    return AssessorProfile.objects.filter(user=user).first()


def update_interests(user, *, organisations=None, other_interests=None, actor=None):
    """Set the user's organisations and/or other interests. Audited with old and new.
    Returns the bids taken from them because of a new conflict."""
    actor = actor or user
    if not user.has_perm("scoring.record_interests"):
        raise AssignmentError("Only assessors and panel chairs record their interests")
    with transaction.atomic():
        profile, _ = AssessorProfile.objects.select_for_update().get_or_create(user=user)
        old_orgs = sorted(profile.organisations.values_list("name", flat=True))
        old = {"organisations": old_orgs, "other_interests": profile.other_interests}
        if other_interests is not None:
            profile.other_interests = other_interests.strip()
        profile.updated_at = timezone.now()
        profile.save()
        if organisations is not None:
            profile.organisations.set(organisations)
        new = {
            "organisations": sorted(profile.organisations.values_list("name", flat=True)),
            "other_interests": profile.other_interests,
        }
        if new != old:
            audit.record(
                "assessor.interests_changed",
                actor,
                subject=f"Assessor {user.get_full_name()}",
                old=old,
                new=new,
            )
        taken = take_conflicted_bids(user, actor) if organisations is not None else []
    return taken


def conflicts_after_merge(duplicate, keep, actor):
    """After staff merge `duplicate` into `keep` (applications.organisations): everyone who
    records `keep` now (assessors and panel chairs) loses each assigned bid that became a
    conflict, as when they record a new organisation. Returns a line per bid taken."""
    from accounts.models import User
    from scoring.setup.assignment import take_conflicted_bids

    lines = []
    for user in User.objects.filter(assessor_profile__organisations=keep).order_by("pk"):
        for bid in take_conflicted_bids(user, actor):
            lines.append(
                f"{bid} was taken from {user.get_full_name()}: {keep.name}, one of their "
                "organisations, is a partner of it"
            )
    return lines
