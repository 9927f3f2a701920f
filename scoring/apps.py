from django.apps import AppConfig


class ScoringConfig(AppConfig):
    name = "scoring"
    verbose_name = "Assessment, ranking and selection"

    def ready(self):
        from scoring import permissions as _permissions  # noqa: F401  (registers them)
