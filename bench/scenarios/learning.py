"""Learning scenario: the public programme report at 10 and 200 partnerships, each with
lessons learnt and next steps tagged with key challenges, a reshaped challenge and a
submitted evaluation, plus districts for the map. The same query count at both sizes."""

import datetime as dt

from django.utils import timezone

from applications.models import District
from bench.lib import measure_get
from bench.scenarios import scenario
from bench.scenarios.cohort import cohort_of
from learning.models import Evaluation, EvaluationItem, KeyChallenge, Lessons, Rating, Report
from programme.models import ChallengeVersion


def seed_report(count):
    round_, cohort = cohort_of(180 + count % 50, f"bench-report-{count}", f"Report {count}", count)
    if Report.objects.filter(cohort=cohort).exists():
        return round_
    members = list(cohort.members.all())
    districts = list(District.objects.order_by("code")[:count])
    for member, district in zip(members, districts, strict=False):
        member.districts.add(district)
    themes = KeyChallenge.objects.bulk_create(
        KeyChallenge(cohort=cohort, name=f"Key challenge {n}", position=n) for n in range(6)
    )
    ChallengeVersion.objects.bulk_create(
        ChallengeVersion(
            member=m, number=2, change="reshaped", theme="other", title="Reshaped", reason="Peer"
        )
        for m in members[::3]
    )
    day = dt.date(2027, 11, 21)
    lessons = Lessons.objects.bulk_create(
        Lessons(member=m, learnt="Learnt " * 30, next_steps="Next " * 30, recorded_on=day)
        for m in members
    )
    Lessons.key_challenges.through.objects.bulk_create(
        Lessons.key_challenges.through(lessons_id=record.pk, keychallenge_id=themes[i % 6].pk)
        for i, record in enumerate(lessons)
    )
    now = timezone.now()
    evaluations = Evaluation.objects.bulk_create(
        Evaluation(member=m, submitted_at=now, overall="Overall", after_programme="After")
        for m in members
    )
    ratings = Rating.values
    EvaluationItem.objects.bulk_create(
        EvaluationItem(
            evaluation=e,
            kind="outcome",
            position=n,
            text=f"Outcome {n}",
            rating=ratings[(i + n) % 4],
            evidence="Evidence",
        )
        for i, e in enumerate(evaluations)
        for n in range(3)
    )
    Report.objects.create(cohort=cohort, title=f"Report {count}", published_at=now)
    return round_


@scenario(order=95)
def programme_report(reporter, sizes):
    """GET the public programme report (anonymous)."""
    from django.test import Client

    client = Client()
    for count in [s for s in sizes if s <= 1000] or [10, 200]:
        round_ = seed_report(count)
        queries, ms = measure_get(client, f"/reports/{round_.slug}/")
        reporter.emit("programme.report", count, queries, ms)
