from django.apps import AppConfig


class CohortsConfig(AppConfig):
    name = "cohorts"
    verbose_name = "Cohorts and announcements"

    def ready(self):
        from cohorts import rules as _rules  # noqa: F401  (registers the permissions)
        from notifications import scheduler

        scheduler.register("lapse_offers", lapse_offers_job, order=10)


def lapse_offers_job(*, now):
    """Lapse offers past their reply-by date and offer each freed place to the next reserve."""
    from cohorts.offers import lapse_due

    lapsed = lapse_due(now=now)
    return {"lapsed": len(lapsed)}
