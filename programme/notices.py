"""Emails about programme events, through the one outbox (notifications.outbox.queue_email),
exactly once per person per change: the key names the event, its version and the address.
Call these inside the transaction of the change; the worker sends after commit."""

from django.conf import settings
from django.urls import reverse

from applications.models import BidCollaborator
from core.dates import format_datetime
from programme.models import SpaceAccess, TeamMember

INVITED = "programme_event_invitation"
CHANGED = "programme_event_changed"
CANCELLED = "programme_event_cancelled"


def recipients(member_ids):
    """{member id: {email: user or None}}: everyone working on each partnership's bid,
    anyone given access to its space, and its challenge team's lead contact."""
    people = {member_id: {} for member_id in member_ids}
    for member_id, user in (
        (c.bid.cohort_member.pk, c.user)
        for c in BidCollaborator.objects.filter(bid__cohort_member__in=member_ids).select_related(
            "user", "bid__cohort_member"
        )
    ):
        people[member_id].setdefault(user.email.lower(), user)
    for access in SpaceAccess.objects.filter(member_id__in=member_ids).select_related("user"):
        people[access.member_id].setdefault(access.user.email.lower(), access.user)
    for lead in TeamMember.objects.filter(member_id__in=member_ids, is_lead_contact=True):
        if lead.email:
            people[lead.member_id].setdefault(lead.email.lower(), None)
    return people


def _details(event):
    lines = [
        f"What: {event.title} ({event.get_kind_display().lower()})",
        f"Starts: {format_datetime(event.starts_at)}",
        f"Ends: {format_datetime(event.ends_at)}",
    ]
    if event.place:
        lines.append(f"Where: {event.place}")
    if event.online_link:
        lines.append(f"Online: {event.online_link}")
    lines.append(f"Places for each partnership: {event.places_each}")
    link = settings.SITE_URL + reverse("programme:event", args=[event.pk])
    lines += ["", f"Reply and download the calendar file: {link}"]
    return "\n".join(lines)


def _queue(event, member_ids, *, kind, subject, opening, key_part):
    from notifications.outbox import queue_email  # the ops outbox; its one entry point

    names = dict(
        event.cohort.members.filter(pk__in=member_ids).values_list("pk", "partnership_name")
    )
    queued = 0
    for member_id, people in recipients(member_ids).items():
        for email, user in people.items():
            body = (
                f"{opening}\n\nThis is for {names.get(member_id, 'your partnership')}.\n\n"
                f"{_details(event)}\n\nLeading Places programme team\n"
                f"{settings.PROGRAMME_CONTACT_EMAIL}\n"
            )
            queue_email(
                key=f"event:{event.pk}:v{event.version}:{key_part}{email}",
                to_email=email,
                subject=subject,
                body=body,
                kind=kind,
                recipient=user,
                round=event.cohort.round,
            )
            queued += 1
    return queued


def invited(event, member_ids):
    return _queue(
        event,
        member_ids,
        kind=INVITED,
        subject=f"You are invited: {event.title}",
        opening="Your partnership is invited to an event of the Leading Places programme.",
        key_part="invited:",
    )


def changed(event, member_ids, what):
    return _queue(
        event,
        member_ids,
        kind=CHANGED,
        subject=f"Changed: {event.title}",
        opening=f"An event of the Leading Places programme has changed: {what}.",
        key_part="",
    )


def cancelled(event, member_ids):
    reason = f"\n\n{event.cancel_reason}" if event.cancel_reason else ""
    return _queue(
        event,
        member_ids,
        kind=CANCELLED,
        subject=f"Cancelled: {event.title}",
        opening=f"This event of the Leading Places programme is cancelled.{reason}",
        key_part="",
    )
