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


# Functions other apps register (their AppConfig.ready) to follow a merge in the same
# transaction: each is called as f(duplicate, keep, actor) after every reference has moved
# and returns a list of lines for the report (scoring: assignments that became conflicts).
_AFTER_MERGE = []


def after_merge(function):
    if function not in _AFTER_MERGE:
        _AFTER_MERGE.append(function)
    return function


def _is_history(model):
    return hasattr(model, "instance_type")  # simple-history's copies keep the old value


def _move_references(duplicate, keep):
    """Every other reference to `duplicate` (in any app: bid leads, cohort members,
    assessors' and chairs' recorded organisations, programme leaders, ...) points at
    `keep`; a many-to-many owner that already had `keep` just loses `duplicate`. Found
    from the model's relations, so a new reference cannot be forgotten. Returns
    {what: how many} for the audit record."""
    moved = {}
    for rel in Organisation._meta.get_fields(include_hidden=True):
        if not (rel.is_relation and rel.auto_created and not rel.concrete):
            continue
        model = rel.related_model
        if model in (Organisation, BidPartner) or _is_history(model):
            continue
        if not rel.many_to_many and model._meta.auto_created:
            continue  # a many-to-many's own table: moved with the many-to-many below
        label = f"{model._meta.verbose_name_plural} ({rel.field.verbose_name})"
        if rel.many_to_many:
            through = rel.through
            owner = rel.field.m2m_field_name()
            target = rel.field.m2m_reverse_field_name()
            rows = through.objects.filter(**{target: duplicate})
            owners = list(rows.values_list(f"{owner}_id", flat=True))
            if not owners:
                continue
            already = set(
                through.objects.filter(**{target: keep, f"{owner}_id__in": owners}).values_list(
                    f"{owner}_id", flat=True
                )
            )
            rows.filter(**{f"{owner}_id__in": already}).delete()
            through.objects.filter(**{target: duplicate}).update(**{target: keep})
            moved[label] = len(owners)
        elif rel.one_to_many or rel.one_to_one:
            count = model.objects.filter(**{rel.field.name: duplicate}).update(
                **{rel.field.name: keep}
            )
            if count:
                moved[label] = count
    return moved


@transaction.atomic
def merge_organisations(duplicate, keep, actor=None):
    """Point every reference at `keep`, mark `duplicate` as merged into it, and let the
    apps that follow merges re-derive what depends on it (conflicts of interest), all in
    one transaction with one audit record. Returns the report's lines."""
    if duplicate.pk == keep.pk:
        raise ValueError("Cannot merge an organisation into itself")
    partners = 0
    for partner in BidPartner.objects.filter(organisation=duplicate).select_related("bid"):
        if BidPartner.objects.filter(bid=partner.bid, organisation=keep).exists():
            partner.delete()
        else:
            partner.organisation = keep
            partner.save(update_fields=["organisation"])
        partners += 1
    moved = _move_references(duplicate, keep)
    if partners:
        moved["bid partners"] = partners
    Organisation.objects.filter(merged_into=duplicate).update(merged_into=keep)
    duplicate.merged_into = keep
    duplicate.save(update_fields=["merged_into"])
    report = []
    for follow in _AFTER_MERGE:
        report.extend(follow(duplicate, keep, actor))
    audit.record(
        "organisation.merged",
        actor,
        subject=f"Organisation {duplicate.pk}",
        old={"id": duplicate.pk, "name": duplicate.name},
        new={"id": keep.pk, "name": keep.name, "moved": moved},
        note="; ".join(report),
    )
    return report
