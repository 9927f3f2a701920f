"""What every learning state change shares: the permission check (programme.domain's, 404
like the views), the audit record and the text tidying."""

from applications import audit
from programme.domain import check, today  # noqa: F401  (re-exported for the modules)


def text(value):
    """Typed text without NUL (PostgreSQL refuses it) or surrounding spaces."""
    return (value or "").replace("\x00", "").strip()


def record(
    action, actor, *, cohort=None, round=None, member=None, subject="", old=None, new=None, note=""
):
    """One audit record for a learning change, against the cohort's round (or `round`)."""
    return audit.record(
        f"learning.{action}",
        actor,
        round=round or cohort.round,
        bid=member.bid if member is not None and member.bid_id else None,
        subject=(subject or (member.partnership_name if member else str(cohort)))[:200],
        old=old,
        new=new,
        note=note,
    )
