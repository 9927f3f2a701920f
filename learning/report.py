"""The programme report of a cohort: introduction, the partnerships and their challenges
(with how each was reshaped), the key challenges of collaborative working with their
counts, lessons learnt and next steps per partnership, the evaluation summary and the map.
The page and the PDF read it here, in a fixed number of queries whatever the cohort's size.
Nothing here writes."""

from dataclasses import dataclass

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Prefetch
from django.utils import timezone

from applications.models import District
from cohorts.models import CohortMember
from cohorts.publication import earlier_districts, map_for
from learning import summary, themes
from learning.models import KeyChallenge, Report
from programme.challenge import describe
from programme.models import ChallengeVersion


@dataclass
class Partnership:
    member: object
    current: object
    history: list  # [(version, description)] oldest first
    lessons: object  # Lessons or None
    tags: list

    @property
    def reshaped(self):
        return any(v.change == ChallengeVersion.Change.RESHAPED for v, _ in self.history)

    @property
    def first(self):
        return self.history[0][0] if self.history else None


def members_for_report(cohort):
    return list(
        CohortMember.objects.filter(cohort=cohort)
        .select_related("region", "lessons")
        .prefetch_related(
            Prefetch("districts", queryset=District.objects.order_by("name")),
            Prefetch(
                "challenge_versions",
                queryset=ChallengeVersion.objects.select_related("after_event").order_by("number"),
            ),
            Prefetch(
                "lessons__key_challenges",
                queryset=KeyChallenge.objects.order_by("position", "name"),
            ),
        )
        .order_by("position", "partnership_name")
    )


def _lessons(member):
    try:
        return member.lessons
    except ObjectDoesNotExist:
        return None


def partnerships(members):
    rows = []
    for member in members:
        versions = list(member.challenge_versions.all())
        lessons = _lessons(member)
        rows.append(
            Partnership(
                member=member,
                current=versions[-1] if versions else None,
                history=[(v, describe(v)) for v in versions],
                lessons=lessons,
                tags=list(lessons.key_challenges.all()) if lessons else [],
            )
        )
    return rows


def report_for(cohort):
    return Report.objects.filter(cohort=cohort).first()


def default_title(cohort):
    return f"{cohort.name}: programme report"


def build(cohort, now=None):
    """Everything the report shows."""
    members = members_for_report(cohort)
    rows = partnerships(members)
    report = report_for(cohort)
    return {
        "cohort": cohort,
        "report": report,
        "title": report.title if report else default_title(cohort),
        "partnerships": rows,
        "reshaped": sum(1 for r in rows if r.reshaped),
        "missing_lessons": [r.member for r in rows if r.lessons is None],
        "key_challenges": themes.counts(cohort),
        "evaluation": summary.for_cohort(cohort, partnerships=len(members)),
        "map": map_for(cohort, members, earlier_districts(cohort, now or timezone.now())),
    }
