from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    """The outbox (every email the service sends), the background sender, the scheduled
    jobs and the health check. A low-level app: it imports no feature app at module level;
    feature apps register their attachment renderers and scheduled jobs in their own
    AppConfig.ready()."""

    name = "notifications"
    verbose_name = "Emails and background jobs"
