"""Deadline reminders and deadline-changed notices.

Reminders: at each configured time before a round's deadline (default 7 days and 1 day:
the DEADLINE_REMINDER_HOURS setting, or the round's own schedule) every team with a draft
gets one email, exactly once per bid and reminder (a SentReminder row per bid and
reminder, and an outbox key per recipient). None for submitted or withdrawn bids, none
when the round is not open, none for a reminder whose time came before the bid was
started. If the scheduler was down across two reminder times, only the later (closer)
reminder goes. `run_scheduled` calls reminders_job every minute.

Moving the deadline (move_deadline) tells every team with a draft the new time, once per
move, and re-arms the reminders whose new time is still to come.
"""

import datetime as dt

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from applications import audit
from applications.models import Bid, BidCollaborator, Round
from core.dates import LONDON, format_datetime
from core.refusals import Refused
from notifications import templating
from notifications.outbox import queue_emails
from reminders.models import (
    DeadlineChange,
    ReminderKind,
    ReminderSchedule,
    ReminderTemplate,
    SentReminder,
)

SIGN_OFF = "Leading Places programme team\nLocal Government Association"
COMMON = [
    ("name", "the recipient's name"),
    ("partnership", "the partnership's name, or 'your partnership' before it has one"),
    ("round", "the round's name"),
    ("deadline", "the time and date applications close"),
    ("link", "the link to the application"),
    ("contact_email", "the programme team's email address"),
]
PLACEHOLDERS = {
    ReminderKind.REMINDER: COMMON + [("time_left", "how long is left, like '7 days'")],
    ReminderKind.MOVED: COMMON + [("old_deadline", "the deadline before it was changed")],
}
DEFAULTS = {
    ReminderKind.REMINDER: (
        "Leading Places: {time_left} left to submit your application",
        "Dear {name},\n\n"
        "Applications to {round} close at {deadline}: {time_left} from now.\n\n"
        "The application from {partnership} is saved as a draft and has not been submitted. "
        "Finish it and submit it before the deadline:\n{link}\n\n"
        "If you have decided not to apply, you can ignore this email.\n\n"
        "If you have any questions, email {contact_email}.\n\n" + SIGN_OFF,
    ),
    ReminderKind.MOVED: (
        "Leading Places: the deadline for {round} has changed",
        "Dear {name},\n\n"
        "The deadline for applications to {round} has changed.\n\n"
        "New deadline: {deadline}\n"
        "Previous deadline: {old_deadline}\n\n"
        "The application from {partnership} is saved as a draft and has not been submitted. "
        "You can carry on with it here:\n{link}\n\n"
        "If you have any questions, email {contact_email}.\n\n" + SIGN_OFF,
    ),
}


TEMPLATES = templating.TemplateSet(ReminderTemplate, ReminderKind.values, DEFAULTS, PLACEHOLDERS)
allowed = TEMPLATES.allowed
check_placeholders = TEMPLATES.check_placeholders
template_for = TEMPLATES.template_for
templates_for = TEMPLATES.templates_for


def save_template(template, actor, *, subject, body):
    """Change a template, audited; an unknown placeholder is refused, named."""
    if not actor.has_perm("reminders.manage_reminders"):
        raise PermissionDenied
    return TEMPLATES.save(
        template,
        actor,
        subject=subject,
        body=body,
        audit=lambda old, new: audit.record(
            "reminder_template.changed",
            actor,
            round=template.round,
            subject=template.get_kind_display(),
            old=old,
            new=new,
        ),
    )


# When reminders go -------------------------------------------------------------------


def default_hours():
    return list(getattr(settings, "DEADLINE_REMINDER_HOURS", [168, 24]))


def hours_for(round_):
    schedule = ReminderSchedule.objects.filter(round=round_).first()
    hours = schedule.hours_before if schedule and schedule.hours_before else default_hours()
    return sorted({int(h) for h in hours if int(h) > 0}, reverse=True)


def set_schedule(round_, actor, hours):
    if not actor.has_perm("reminders.manage_reminders"):
        raise PermissionDenied
    hours = sorted({int(h) for h in hours}, reverse=True)
    if not hours or any(h <= 0 for h in hours):
        raise Refused("Enter at least one reminder, a whole number of days before the deadline")
    with transaction.atomic():
        schedule, _ = ReminderSchedule.objects.get_or_create(round=round_)
        old = schedule.hours_before or default_hours()
        schedule.hours_before, schedule.updated_by = hours, actor
        schedule.updated_at = timezone.now()
        schedule.save()
        audit.record(
            "reminders.schedule_changed",
            actor,
            round=round_,
            subject="Deadline reminders",
            old={"hours_before": old},
            new={"hours_before": hours},
        )
    return hours


def reminder_time(closes_at, hours):
    """When the reminder `hours` before the deadline goes, counted on the UK clock: the
    7-day reminder for 12pm on 31 March goes at 12pm on 24 March, even though the clocks
    changed in between (so it is 167 hours before, not 168)."""
    return closes_at.astimezone(LONDON) - dt.timedelta(hours=hours)


def due_reminder(round_, now):
    """The reminder (hours before the deadline) due now for this round, or None: the
    latest of those whose time has come, while the round is open."""
    if not round_.is_open(now):
        return None
    due = [h for h in hours_for(round_) if reminder_time(round_.closes_at, h) <= now]
    return min(due) if due else None


def time_left(hours):
    days, rest = divmod(hours, 24)
    if days and not rest:
        return f"{days} day{'s' if days != 1 else ''}"
    return f"{hours} hour{'s' if hours != 1 else ''}"


def _values(round_, bid, name, **extra):
    return {
        "name": name or "colleague",
        "partnership": bid.place_name or "your partnership",
        "round": round_.name,
        "deadline": format_datetime(round_.closes_at),
        "link": settings.SITE_URL + reverse("applications:bid_overview", args=[bid.pk]),
        "contact_email": settings.PROGRAMME_CONTACT_EMAIL,
        **extra,
    }


def _team_messages(round_, bids, template, key_prefix, kind, **extra):
    """One outbox message per team member of each bid (a fixed number of queries)."""
    members = (
        BidCollaborator.objects.filter(bid__in=bids)
        .select_related("user")
        .order_by("bid_id", "added_at", "pk")
    )
    by_bid = {bid.pk: bid for bid in bids}
    rows, seen = [], set()
    for member in members:
        email = member.user.email.strip().lower()
        if not email or (member.bid_id, email) in seen:
            continue
        seen.add((member.bid_id, email))
        bid = by_bid[member.bid_id]
        values = _values(round_, bid, member.user.full_name, **extra)
        rows.append(
            {
                "key": f"{key_prefix}:{bid.pk}:{email}",
                "kind": kind,
                "to_email": email,
                "subject": templating.fill(template.subject, values, single_line=True),
                "body": templating.fill(template.body, values),
                "recipient": member.user,
                "round": round_,
                "bid": bid,
            }
        )
    return rows


def queue_reminders(round_, now=None):
    """Queue the reminder due now to every draft of the round not yet sent it. Returns
    the number of emails queued."""
    now = now or timezone.now()
    hours = due_reminder(round_, now)
    if hours is None:
        return 0
    with transaction.atomic():
        bids = list(
            Bid.objects.filter(
                round=round_,
                status=Bid.Status.DRAFT,
                created_at__lte=reminder_time(round_.closes_at, hours),
            ).exclude(sent_reminders__hours_before=hours)
        )
        if not bids:
            return 0
        SentReminder.objects.bulk_create(
            [
                SentReminder(bid=bid, hours_before=hours, deadline=round_.closes_at, sent_at=now)
                for bid in bids
            ],
            ignore_conflicts=True,
            batch_size=500,
        )
        template = template_for(round_, ReminderKind.REMINDER)
        stamp = int(round_.closes_at.timestamp())
        rows = _team_messages(
            round_,
            bids,
            template,
            f"reminder:{hours}h:{stamp}",
            ReminderKind.REMINDER,
            time_left=time_left(hours),
        )
        queued = queue_emails(rows, now=now)
        audit.record(
            "reminders.queued",
            None,
            round=round_,
            subject=f"Deadline reminder, {time_left(hours)} before",
            new={"bids": len(bids), "emails": queued},
        )
    return queued


def reminders_job(*, now):
    """Queue the deadline reminders due now."""
    queued = 0
    for round_ in Round.objects.filter(opens_at__lte=now, closes_at__gt=now):
        queued += queue_reminders(round_, now)
    return {"reminders": queued}


# Moving the deadline -----------------------------------------------------------------


def move_deadline(round_, actor, closes_at, *, now=None):
    """Change when applications close; tell every team with a draft the new time (once
    per move); re-arm the reminders whose new time is still to come. Returns the change."""
    now = now or timezone.now()
    if not actor.has_perm("reminders.manage_reminders"):
        raise PermissionDenied
    with transaction.atomic():
        locked = Round.objects.select_for_update().get(pk=round_.pk)
        old = locked.closes_at
        if closes_at == old:
            raise Refused("The new deadline is the same as the current one", field="closes_on")
        if closes_at <= now:
            raise Refused("The new deadline must be in the future", field="closes_on")
        if locked.assessment_starts_at and closes_at >= locked.assessment_starts_at:
            raise Refused(
                "The new deadline must be before assessment starts, at "
                f"{format_datetime(locked.assessment_starts_at)}. Change the round's later "
                "dates first.",
                field="closes_on",
            )
        locked.closes_at = closes_at
        try:
            locked.clean()
        except ValidationError as error:
            messages = [m for field in error.message_dict.values() for m in field]
            raise Refused(messages[0], field="closes_on") from None
        locked.save(update_fields=["closes_at"])
        change = DeadlineChange.objects.create(
            round=locked,
            old_closes_at=old,
            new_closes_at=closes_at,
            changed_by=actor,
            changed_at=now,
        )
        rearmed = [h for h in hours_for(locked) if closes_at - dt.timedelta(hours=h) > now]
        SentReminder.objects.filter(bid__round=locked, hours_before__in=rearmed).delete()
        drafts = list(Bid.objects.filter(round=locked, status=Bid.Status.DRAFT))
        template = template_for(locked, ReminderKind.MOVED)
        rows = _team_messages(
            locked,
            drafts,
            template,
            f"deadline-moved:{change.pk}",
            ReminderKind.MOVED,
            old_deadline=format_datetime(old),
        )
        change.notices = queue_emails(rows, now=now)
        change.save(update_fields=["notices"])
        audit.record(
            "round.deadline_moved",
            actor,
            round=locked,
            subject="Deadline for applications",
            old=old.isoformat(),
            new=closes_at.isoformat(),
            note=f"{change.notices} teams' members told",
        )
    round_.closes_at = closes_at
    return change
