"""Kept so that decision-email tasks queued before the outbox moved to notifications still
run; new work is queued as notifications.tasks.send_due."""

from django_tasks import task

from notifications import sender


@task()
def send_round_emails(round_id):
    return sender.send_queued(round_id=round_id)
