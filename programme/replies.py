"""A partnership's reply to an event: attending (with a name for each place it uses) or
not attending. Replies close when the event starts."""

from django.db import transaction
from django.utils import timezone

from core.dates import format_datetime
from core.refusals import Refused
from programme.domain import check, record
from programme.models import Attendee, Event, Invitation


def clean_names(names):
    return [n.replace("\x00", "").strip()[:150] for n in names if n and n.strip()]


@transaction.atomic
def reply(invitation, actor, *, attending, names=(), now=None):
    check(actor, "programme.reply_to_event", invitation)
    now = now or timezone.now()
    event = Event.objects.select_for_update().get(pk=invitation.event_id)
    if event.is_cancelled:
        raise Refused("This event is cancelled: there is nothing to reply to")
    if now >= event.starts_at:
        raise Refused(
            f"Replies closed when the event started at {format_datetime(event.starts_at)}",
            field="attending",
        )
    names = clean_names(names) if attending else []
    if attending and not names:
        raise Refused("Enter the name of at least one person who will attend", field="names")
    if len(names) > event.places_each:
        raise Refused(
            f"You entered {len(names)} names but your partnership has {event.places_each} "
            f"place{'s' if event.places_each != 1 else ''}: remove "
            f"{len(names) - event.places_each}",
            field="names",
        )
    if len({n.casefold() for n in names}) != len(names):
        raise Refused("Enter each person once", field="names")
    Attendee.objects.filter(invitation=invitation).delete()
    Attendee.objects.bulk_create(
        Attendee(invitation=invitation, name=name, position=index)
        for index, name in enumerate(names)
    )
    status = Invitation.Reply.ATTENDING if attending else Invitation.Reply.NOT_ATTENDING
    Invitation.objects.filter(pk=invitation.pk).update(
        reply=status, replied_at=now, replied_by=actor
    )
    invitation.reply, invitation.replied_at = status, now
    record(
        "event_reply",
        actor,
        invitation.member,
        subject=f"{invitation.member.partnership_name}: {event.title}",
        new={"reply": status, "names": names},
    )
    return invitation
