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
