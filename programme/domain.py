"""What every programme state change shares: the permission check, the audit record and
today's date in London."""

from django.http import Http404
from django.utils import timezone

from applications import audit
from core.dates import LONDON


def check(actor, perm, obj=None):
    """Refuse someone without the permission the way the views do (404)."""
    if actor is None or not actor.has_perm(perm, obj):
        raise Http404


def today(now=None):
    return timezone.localtime(now or timezone.now(), LONDON).date()


def record(action, actor, member=None, *, cohort=None, subject="", old=None, new=None, note=""):
    """One audit record for a programme change, against the cohort's round."""
    cohort = cohort or member.cohort
    return audit.record(
        f"programme.{action}",
        actor,
        round=cohort.round,
        bid=member.bid if member is not None and member.bid_id else None,
        subject=(subject or (member.partnership_name if member else ""))[:200],
        old=old,
        new=new,
        note=note,
    )


def apply_changes(locked, given, values, *, before_save=None):
    """Correct a row: set `values` on the locked copy (and on the caller's, so its page
    shows them) and save only those fields, calling `before_save()` first if given (what
    must change elsewhere for the row to be valid). Returns the names of the fields whose
    value changed; none changed, nothing is written."""
    changed = [field for field, value in values.items() if getattr(locked, field) != value]
    if changed:
        if before_save is not None:
            before_save()
        for field, value in values.items():
            setattr(locked, field, value)
            setattr(given, field, value)
        locked.save(update_fields=list(values))
    return changed
