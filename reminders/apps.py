from django.apps import AppConfig


class RemindersConfig(AppConfig):
    """Deadline reminders to teams with a draft, and notices when the deadline moves."""

    name = "reminders"
    verbose_name = "Deadline reminders"

    def ready(self):
        from notifications import scheduler
        from reminders import deadlines
        from reminders import rules as _rules  # noqa: F401  (registers the permissions)

        scheduler.register("deadline_reminders", deadlines.reminders_job, order=20)
