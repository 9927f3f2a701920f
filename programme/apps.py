from django.apps import AppConfig


class ProgrammeConfig(AppConfig):
    name = "programme"
    verbose_name = "Action-learning programme"

    def ready(self):
        from django.db.models.signals import post_save

        from cohorts.models import CohortMember
        from programme import rules as _rules  # noqa: F401  (registers the permissions)
        from programme.spaces import open_space_for_new_member

        post_save.connect(
            open_space_for_new_member, sender=CohortMember, dispatch_uid="programme.open_space"
        )
