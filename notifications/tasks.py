"""Background tasks (django-tasks). Run the worker with `python manage.py db_worker`."""

from django_tasks import task

from notifications import sender


@task()
def send_due():
    """Send every due outbox message. Each message is claimed before it is sent, so
    running this twice at once sends nothing twice."""
    sender.beat("worker")
    return sender.send_queued()


@task()
def heartbeat():
    """Enqueued by the scheduled jobs: shows the worker is picking up tasks."""
    sender.beat("worker")
    return "ok"
