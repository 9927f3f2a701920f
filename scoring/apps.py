from django.apps import AppConfig


class ScoringConfig(AppConfig):
    name = "scoring"
    verbose_name = "Assessment, ranking and selection"

    def ready(self):
        from applications.organisations import after_merge
        from scoring import permissions as _permissions  # noqa: F401  (registers them)
        from scoring.setup.interests import conflicts_after_merge

        after_merge(conflicts_after_merge)
        from scoring.select import inputs

        inputs.connect()
