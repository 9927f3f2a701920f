"""The organisation registry: search, typed-in anchor institutions, merging duplicates."""

from django.db import transaction
from django.db.models import Q

from applications import audit
from applications.constants import OrganisationKind
from applications.models import BidPartner, Organisation


def search(query, kinds=None, limit=20):
    """Registry organisations whose name, synonyms or code match, best matches first."""
    query = (query or "").strip()
    qs = Organisation.objects.filter(merged_into__isnull=True, closed=False)
    if kinds:
        qs = qs.filter(kind__in=kinds)
    if query:
        qs = qs.filter(
            Q(name__icontains=query)
            | Q(synonyms__icontains=query)
            | Q(ons_code__iexact=query)
            | Q(ukprn=query)
        )
    return list(qs.order_by("name")[:limit])


def find_or_create_other(name, created_by):
    """An anchor institution typed in by an applicant; reused when the same name exists."""
    name = " ".join(name.split())
    existing = (
        Organisation.objects.filter(name__iexact=name, merged_into__isnull=True)
        .order_by("-from_registry", "pk")
        .first()
    )
    if existing:
        return existing
    return Organisation.objects.create(
        name=name, kind=OrganisationKind.OTHER, created_by=created_by, reviewed=False
    )


@transaction.atomic
def merge_organisations(duplicate, keep, actor=None):
    """Point everything at `keep` and mark `duplicate` as merged into it."""
    if duplicate.pk == keep.pk:
        raise ValueError("Cannot merge an organisation into itself")
    for partner in BidPartner.objects.filter(organisation=duplicate).select_related("bid"):
        if BidPartner.objects.filter(bid=partner.bid, organisation=keep).exists():
            partner.delete()
        else:
            partner.organisation = keep
            partner.save(update_fields=["organisation"])
    duplicate.led_bids.update(lead_organisation=keep)
    for member in duplicate.cohort_memberships.all():
        member.organisations.remove(duplicate)
        member.organisations.add(keep)
    Organisation.objects.filter(merged_into=duplicate).update(merged_into=keep)
    duplicate.merged_into = keep
    duplicate.save(update_fields=["merged_into"])
    audit.record(
        "organisation.merged",
        actor,
        subject=f"Organisation {duplicate.pk}",
        old={"id": duplicate.pk, "name": duplicate.name},
        new={"id": keep.pk, "name": keep.name},
    )
