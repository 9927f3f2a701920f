"""Programme staff review the "other anchor institutions" applicants typed in: confirm them,
or merge a duplicate into the organisation it duplicates. Each change is audited."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count

from applications import audit
from applications.constants import OrganisationKind
from applications.models import Organisation
from applications.organisations import merge_organisations
from core.refusals import Refused


class MergeRefused(Refused):
    """These two organisations cannot be merged (the same one, or one already merged)."""


def to_review():
    """Typed-in organisations not yet reviewed, oldest first, with how many bids use them."""
    return (
        Organisation.objects.filter(
            kind=OrganisationKind.OTHER, reviewed=False, merged_into__isnull=True
        )
        .select_related("created_by")
        .annotate(bid_count=Count("bid_partnerships", distinct=True))
        .order_by("created_at", "pk")
    )


def merge_candidates(duplicate):
    """Organisations a duplicate may be merged into."""
    return Organisation.objects.filter(merged_into__isnull=True).exclude(pk=duplicate.pk)


def _check(actor):
    if not actor.has_perm("applications.review_organisations"):
        raise PermissionDenied


@transaction.atomic
def mark_reviewed(organisation, actor):
    """Confirm a typed-in organisation is genuine. Returns False if it already was."""
    _check(actor)
    locked = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if locked.reviewed:
        return False
    locked.reviewed = True
    locked.save(update_fields=["reviewed"])
    organisation.reviewed = True
    audit.record(
        "organisation.reviewed",
        actor,
        subject=f"Organisation {locked.pk}: {locked.name}"[:200],
        old={"reviewed": False},
        new={"reviewed": True},
    )
    return True


@transaction.atomic
def merge(duplicate, keep, actor):
    """Merge `duplicate` into `keep`: every reference moves across (bid partners and leads,
    cohort members, assessors' and chairs' recorded organisations, ...) and conflicts are
    re-derived, in one audited transaction (applications.organisations.merge_organisations).
    Returns the report's lines: each assignment that became a conflict and was removed.
    Raises MergeRefused for the same organisation twice or one already merged."""
    _check(actor)
    duplicate = Organisation.objects.select_for_update().get(pk=duplicate.pk)
    keep = Organisation.objects.select_for_update().get(pk=keep.pk)
    if duplicate.pk == keep.pk:
        raise MergeRefused("Cannot merge an organisation into itself", field="keep")
    if duplicate.merged_into_id or keep.merged_into_id:
        raise MergeRefused("One of these organisations has already been merged", field="keep")
    return merge_organisations(duplicate, keep, actor=actor)
