import logging

from applications.models import AuditEvent

logger = logging.getLogger("audit")


def record(action, actor=None, *, bid=None, round=None, subject="", old=None, new=None, note=""):
    """Write one audit record (and one structured log line). Call it inside the
    transaction of the change it describes."""
    if round is None and bid is not None:
        round = bid.round
    actor = actor if actor is not None and actor.is_authenticated else None
    event = AuditEvent.objects.create(
        action=action,
        actor=actor,
        actor_email=actor.email if actor is not None else "",
        bid=bid,
        bid_reference=(bid.reference or f"bid {bid.pk}") if bid is not None else "",
        round=round,
        round_slug=round.slug if round is not None else "",
        subject=subject,
        old=old,
        new=new,
        note=note,
    )
    logger.info(
        action,
        extra={
            "event": action,
            "actor_id": event.actor_id,
            "bid_id": bid.pk if bid is not None else None,
            "round_id": round.pk if round is not None else None,
            "subject": subject,
        },
    )
    return event
