from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "learning"
    verbose_name = "Learning and evaluation"

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete

        from cohorts.models import CohortMember
        from learning import overlap
        from learning import rules as _rules  # noqa: F401  (registers the permissions)

        m2m_changed.connect(
            overlap.districts_changed,
            sender=CohortMember.districts.through,
            dispatch_uid="learning.overlap.districts",
        )
        post_delete.connect(
            overlap.member_removed, sender=CohortMember, dispatch_uid="learning.overlap.removed"
        )
