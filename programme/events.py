"""The programme calendar: staff create an event and invite partnerships, change it or
cancel it. Every change people should know about raises the event's version and tells
everyone invited (before or after the change) through the outbox, once each."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from core.refusals import Refused
from programme import notices
from programme.domain import check, record
from programme.models import Attendee, Event, EventKind, Invitation

# The fields whose change people are told about, with how the email names them.
TOLD = {
    "title": "the title",
    "kind": "the kind of event",
    "starts_at": "the start",
    "ends_at": "the end",
    "place": "the place",
    "online_link": "the online link",
    "places_each": "the number of places",
}


@dataclass
class EventDetails:
    kind: str
    title: str
    starts_at: object
    ends_at: object
    place: str = ""
    online_link: str = ""
    description: str = ""
    places_each: int = 2


def _validate(details):
    if details.kind not in EventKind.values:
        raise Refused("Select the kind of event", field="kind")
    if not (details.title or "").strip():
        raise Refused("Enter the name of the event", field="title")
    if details.starts_at is None:
        raise Refused("Enter when the event starts", field="starts_on")
    if details.ends_at is None:
        raise Refused("Enter when the event ends", field="ends_on")
    if details.ends_at <= details.starts_at:
        raise Refused("The event must end after it starts", field="ends_on")
    if not (details.place or "").strip() and not (details.online_link or "").strip():
        raise Refused("Enter the place of the event or an online link", field="place")
    if not details.places_each or details.places_each < 1:
        raise Refused("Enter how many places each partnership has, 1 or more", field="places_each")


def _values(details):
    return {
        "kind": details.kind,
        "title": details.title.strip(),
        "starts_at": details.starts_at,
        "ends_at": details.ends_at,
        "place": (details.place or "").strip(),
        "online_link": (details.online_link or "").strip(),
        "description": (details.description or "").strip(),
        "places_each": details.places_each,
    }


def _members(cohort, members):
    ids = {m.pk for m in members}
    if not ids:
        raise Refused("Select at least one partnership to invite", field="members")
    if cohort.members.filter(pk__in=ids).count() != len(ids):
        raise Refused("Select partnerships of this cohort", field="members")
    return ids


@transaction.atomic
def create_event(cohort, actor, details, members):
    check(actor, "programme.manage_calendar")
    _validate(details)
    ids = _members(cohort, members)
    event = Event.objects.create(cohort=cohort, created_by=actor, **_values(details))
    Invitation.objects.bulk_create(Invitation(event=event, member_id=pk) for pk in sorted(ids))
    record("event_created", actor, cohort=cohort, subject=event.title, new={"invited": len(ids)})
    notices.invited(event, ids)
    return event


def _locked(event):
    return Event.objects.select_for_update().get(pk=event.pk)


@transaction.atomic
def change_event(event, actor, details, members, now=None):
    """Returns the names of what changed (empty when nothing did: nobody is told)."""
    check(actor, "programme.manage_calendar")
    event = _locked(event)
    if event.is_cancelled:
        raise Refused("This event is cancelled and cannot be changed")
    _validate(details)
    ids = _members(event.cohort, members)
    before = set(event.invitations.values_list("member_id", flat=True))
    most_named = max(
        (inv.attendees.count() for inv in event.invitations.filter(member_id__in=ids)), default=0
    )
    if details.places_each < most_named:
        raise Refused(
            f"A partnership has already named {most_named} people: give each partnership at "
            f"least {most_named} places",
            field="places_each",
        )
    values = _values(details)
    changed = [label for name, label in TOLD.items() if getattr(event, name) != values[name]]
    quiet = values["description"] != event.description
    added, removed = ids - before, before - ids
    if not changed and not added and not removed and not quiet:
        return []
    old = {name: str(getattr(event, name)) for name in TOLD}
    for name, value in values.items():
        setattr(event, name, value)
    event.updated_at = now or timezone.now()
    if changed or removed:
        event.version += 1
    event.save()
    Invitation.objects.filter(event=event, member_id__in=removed).delete()
    Invitation.objects.bulk_create(Invitation(event=event, member_id=pk) for pk in sorted(added))
    record(
        "event_changed",
        actor,
        cohort=event.cohort,
        subject=event.title,
        old=old,
        new={name: str(values[name]) for name in TOLD},
        note=", ".join(changed),
    )
    if changed:
        notices.changed(event, before & ids, ", ".join(changed))
    if removed:
        notices.changed(event, removed, "your partnership is no longer invited")
    if added:
        notices.invited(event, added)
    return changed


@transaction.atomic
def cancel_event(event, actor, reason="", now=None):
    check(actor, "programme.manage_calendar")
    event = _locked(event)
    if event.is_cancelled:
        raise Refused("This event is already cancelled")
    event.cancelled_at = now or timezone.now()
    event.cancel_reason = (reason or "").strip()
    event.version += 1
    event.save(update_fields=["cancelled_at", "cancel_reason", "version"])
    record("event_cancelled", actor, cohort=event.cohort, subject=event.title, note=reason)
    notices.cancelled(event, set(event.invitations.values_list("member_id", flat=True)))
    return event


def named_places(event):
    return Attendee.objects.filter(invitation__event=event).count()
