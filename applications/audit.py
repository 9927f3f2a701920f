from applications.models import AuditEvent


def record(action, actor=None, *, bid=None, round=None, subject="", old=None, new=None, note=""):
    """Write one audit record. Call it inside the transaction of the change it describes."""
    if round is None and bid is not None:
        round = bid.round
    return AuditEvent.objects.create(
        action=action,
        actor=actor if actor is not None and actor.is_authenticated else None,
        bid=bid,
        round=round,
        subject=subject,
        old=old,
        new=new,
        note=note,
    )
