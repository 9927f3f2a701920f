from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    """The outbox (every email the service sends), the background sender, the scheduled
    jobs and the health check. A low-level app: it imports no feature app at module level;
    feature apps register their attachment renderers and scheduled jobs in their own
    AppConfig.ready()."""

    name = "notifications"
    verbose_name = "Emails and background jobs"

    def ready(self):
        from notifications import jobs, scheduler
        from notifications import rules as _rules  # noqa: F401  (registers the permissions)

        scheduler.register("outbox", jobs.sweep_outbox, order=90)
