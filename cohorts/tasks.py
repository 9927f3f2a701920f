"""Background tasks (django-tasks). Run the worker with `python manage.py db_worker`."""

from django_tasks import task

from cohorts import outbox


@task()
def send_round_emails(round_id):
    """Send the round's queued decision emails; each is claimed before it is sent, so
    running this twice at once sends nothing twice."""
    return outbox.send_queued(round_id=round_id)
