"""On the day: programme staff record who attended, from the names each partnership gave
(and anyone else who came in a partnership's place)."""

from django.db import transaction
from django.utils import timezone

from core.dates import LONDON, format_date
from core.refusals import Refused
from programme.domain import check, record
from programme.models import Attendee, Event, Invitation


@transaction.atomic
def record_attendance(event, actor, *, attended_ids, extra=None, now=None):
    """attended_ids: the Attendee ids who came (the others did not); extra: {invitation id:
    name} for someone who came without being named."""
    check(actor, "programme.record_attendance")
    now = now or timezone.now()
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.is_cancelled:
        raise Refused("This event was cancelled: there is no attendance to record")
    day = timezone.localtime(event.starts_at, LONDON).date()
    if timezone.localtime(now, LONDON).date() < day:
        raise Refused(
            f"Record attendance on the day of the event ({format_date(day, weekday=False)}) "
            "or after it"
        )
    invitations = {inv.pk: inv for inv in event.invitations.all()}
    for invitation_id, name in (extra or {}).items():
        name = (name or "").strip()
        if not name:
            continue
        if invitation_id not in invitations:
            raise Refused("Choose a partnership invited to this event")
        position = Attendee.objects.filter(invitation_id=invitation_id).count()
        created = Attendee.objects.create(
            invitation_id=invitation_id, name=name[:150], position=position
        )
        attended_ids = set(attended_ids) | {created.pk}
    attendees = Attendee.objects.filter(invitation__event=event)
    attended_ids = set(attended_ids)
    came = attendees.filter(pk__in=attended_ids).update(attended=True)
    attendees.exclude(pk__in=attended_ids).update(attended=False)
    Invitation.objects.filter(event=event).update(attendance_recorded_at=now)
    record(
        "attendance_recorded",
        actor,
        cohort=event.cohort,
        subject=event.title,
        new={"attended": came},
    )
    return came
