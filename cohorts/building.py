"""Building a round's cohort from accepted offers, and scheduling its announcement."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from applications import audit
from applications.models import BidSubmission, District, Organisation
from cohorts.models import Cohort, CohortMember, Offer
from cohorts.rules import is_published
from core.dates import format_datetime
from core.refusals import Refused


class CohortError(Refused):
    """The cohort cannot be changed like this now (published, no members, a time in the
    past)."""


def _require(actor):
    if not actor.has_perm("cohorts.manage"):
        raise PermissionDenied


def cohort_for(round_):
    """The round's cohort, created with a default name the first time."""
    cohort, _ = Cohort.objects.get_or_create(
        round=round_,
        defaults={
            "name": f"Leading Places round {round_.number} partnerships",
            "starts_on": round_.programme_starts_on,
        },
    )
    return cohort


def accepted_not_in_cohort(round_):
    return (
        Offer.objects.filter(
            round=round_, status=Offer.Status.ACCEPTED, bid__cohort_member__isnull=True
        )
        .select_related("bid")
        .order_by("bid__reference")
    )


def latest_answers(bid_ids):
    """{bid id: answers of its latest submission}."""
    latest = {}
    for submission in BidSubmission.objects.filter(bid_id__in=bid_ids).order_by(
        "bid_id", "-version"
    ):
        latest.setdefault(submission.bid_id, submission.answers)
    return latest


def add_accepted(round_, actor):
    """Add every accepted partnership not yet in the cohort, copying its partnership name,
    place, theme, challenge, organisations, districts and region from the latest
    submitted answers. Returns the new members."""
    _require(actor)
    with transaction.atomic():
        cohort = cohort_for(round_)
        offers = list(accepted_not_in_cohort(round_).select_related("bid__region"))
        answers = latest_answers([o.bid_id for o in offers])
        names = set(cohort.members.values_list("partnership_name", flat=True))
        position = cohort.members.count()
        added = []
        for offer in offers:
            bid = offer.bid
            data = answers.get(bid.pk, {})
            geography = data.get("geography") or {}
            challenge = data.get("challenge") or {}
            partners = (data.get("partners") or {}).get("partners") or []
            name = (geography.get("place_name") or bid.display_name)[:180]
            if name in names:
                name = f"{name} ({bid.reference})"
            names.add(name)
            member = CohortMember.objects.create(
                cohort=cohort,
                bid=bid,
                partnership_name=name,
                place_name=(geography.get("place_name") or bid.place_name)[:200],
                theme=challenge.get("theme") or bid.theme or "other",
                challenge_title=(challenge.get("title") or bid.title)[:300],
                challenge_summary=challenge.get("summary") or "",
                region=bid.region,
                position=position,
                organisation_names={
                    str(p["organisation_id"]): p["name"]
                    for p in partners
                    if p.get("organisation_id") and p.get("name")
                },
            )
            position += 1
            org_ids = [p["organisation_id"] for p in partners if p.get("organisation_id")]
            member.organisations.set(Organisation.objects.filter(pk__in=org_ids))
            member.districts.set(
                District.objects.filter(code__in=geography.get("district_codes") or [])
            )
            audit.record("cohort.member_added", actor, bid=bid, subject=cohort.name, new=member.pk)
            added.append(member)
    return added


def set_note(member, actor, note):
    _require(actor)
    note = (note or "").strip()
    with transaction.atomic():
        old = member.note
        member.note = note
        member.save(update_fields=["note"])
        audit.record(
            "cohort.note_changed",
            actor,
            bid=member.bid,
            round=member.cohort.round,
            subject=member.partnership_name,
            old=old,
            new=note,
        )
    return member


def update_details(cohort, actor, *, name, starts_on, introduction):
    _require(actor)
    with transaction.atomic():
        old = {
            "name": cohort.name,
            "starts_on": cohort.starts_on.isoformat() if cohort.starts_on else None,
            "introduction": cohort.introduction,
        }
        cohort.name, cohort.starts_on, cohort.introduction = name, starts_on, introduction
        cohort.save(update_fields=["name", "starts_on", "introduction"])
        audit.record(
            "cohort.details_changed",
            actor,
            round=cohort.round,
            subject=cohort.name,
            old=old,
            new={
                "name": name,
                "starts_on": starts_on.isoformat() if starts_on else None,
                "introduction": introduction,
            },
        )
    return cohort


def schedule(cohort, actor, publish_at, *, now=None):
    """Set when the announcement goes public. Refused in the past, for a cohort with no
    members, or once it is already public."""
    _require(actor)
    now = now or timezone.now()
    with transaction.atomic():
        cohort = Cohort.objects.select_for_update().get(pk=cohort.pk)
        if is_published(cohort, now):
            raise CohortError(
                f"This cohort was published at {format_datetime(cohort.publish_at)}: "
                "its publication time can no longer change"
            )
        if not cohort.members.exists():
            raise CohortError(
                "You cannot publish a cohort with no members: add the accepted partnerships first"
            )
        if publish_at <= now:
            raise CohortError("The publication time must be in the future", field="publish_on")
        _set_publish_at(cohort, actor, publish_at, "cohort.scheduled")
    return cohort


def unschedule(cohort, actor, *, now=None):
    _require(actor)
    now = now or timezone.now()
    with transaction.atomic():
        cohort = Cohort.objects.select_for_update().get(pk=cohort.pk)
        if is_published(cohort, now):
            raise CohortError("This cohort is already published")
        _set_publish_at(cohort, actor, None, "cohort.unscheduled")
    return cohort


def _set_publish_at(cohort, actor, publish_at, action):
    """Change the publication time (None: not scheduled) and audit it; inside the caller's
    transaction, with the cohort locked."""
    old = cohort.publish_at
    cohort.publish_at = publish_at
    cohort.save(update_fields=["publish_at"])
    audit.record(
        action,
        actor,
        round=cohort.round,
        subject=cohort.name,
        old=old.isoformat() if old else None,
        new=publish_at.isoformat() if publish_at else None,
    )
