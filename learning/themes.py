"""The key challenges of collaborative working: staff record the themes that emerged in a
cohort and tag each partnership's lessons and the peer reviews with them; `counts` gives,
for each theme, how many partnerships, lessons and reviews it was tagged on."""

from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Q

from core.refusals import Refused
from learning.domain import check, record, text
from learning.models import KeyChallenge, Lessons, PeerReviewPair


@transaction.atomic
def add_theme(cohort, actor, *, name, description=""):
    check(actor, "learning.manage")
    name = text(name)
    if not name:
        raise Refused("Enter the key challenge, for example Trust", field="name")
    if KeyChallenge.objects.filter(cohort=cohort, name__iexact=name).exists():
        raise Refused(f"{name} is already a key challenge of this cohort", field="name")
    position = (
        KeyChallenge.objects.filter(cohort=cohort).aggregate(p=Max("position"))["p"] or 0
    ) + 1
    try:
        with transaction.atomic():
            theme = KeyChallenge.objects.create(
                cohort=cohort, name=name[:120], description=text(description), position=position
            )
    except IntegrityError:
        raise Refused(f"{name} is already a key challenge of this cohort", field="name") from None
    record("key_challenge_added", actor, cohort=cohort, subject=name, new={"name": name})
    return theme


@transaction.atomic
def remove_theme(theme, actor):
    check(actor, "learning.manage")
    record("key_challenge_removed", actor, cohort=theme.cohort, subject=theme.name)
    theme.delete()


def _tag(obj, themes, cohort):
    chosen = list(themes)
    if any(t.cohort_id != cohort.pk for t in chosen):
        raise Refused("Choose key challenges of this cohort", field="key_challenges")
    old = sorted(obj.key_challenges.values_list("name", flat=True))
    obj.key_challenges.set(chosen)
    return old, sorted(t.name for t in chosen)


@transaction.atomic
def tag_lessons(lessons, actor, themes):
    check(actor, "learning.manage")
    cohort = lessons.member.cohort
    old, new = _tag(lessons, themes, cohort)
    record("lessons_tagged", actor, cohort=cohort, member=lessons.member, old=old, new=new)


@transaction.atomic
def tag_review(pair, actor, themes):
    check(actor, "learning.manage")
    cohort = pair.review.cohort
    old, new = _tag(pair, themes, cohort)
    record(
        "review_tagged",
        actor,
        cohort=cohort,
        subject=f"{pair.reviewer.partnership_name} reviews {pair.reviewed.partnership_name}",
        old=old,
        new=new,
    )


def counts(cohort):
    """The cohort's key challenges, each with `partnerships` (distinct partnerships whose
    lessons, or a submitted review of whom, carry it), `lessons` and `reviews`: most
    frequent first, then in the order staff recorded them. Three queries."""
    themes = list(
        KeyChallenge.objects.filter(cohort=cohort)
        .annotate(
            lesson_count=Count("lessons", distinct=True),
            review_count=Count(
                "reviews", filter=Q(reviews__submitted_at__isnull=False), distinct=True
            ),
        )
        .order_by("position", "name")
    )
    tagged = {t.pk: set() for t in themes}
    for theme_id, member_id in Lessons.key_challenges.through.objects.filter(
        keychallenge__cohort=cohort
    ).values_list("keychallenge_id", "lessons__member_id"):
        tagged[theme_id].add(member_id)
    for theme_id, member_id in PeerReviewPair.key_challenges.through.objects.filter(
        keychallenge__cohort=cohort, peerreviewpair__submitted_at__isnull=False
    ).values_list("keychallenge_id", "peerreviewpair__reviewed_id"):
        tagged[theme_id].add(member_id)
    for theme in themes:
        theme.partnerships = len(tagged[theme.pk])
    order = {t.pk: i for i, t in enumerate(themes)}
    return sorted(themes, key=lambda t: (-t.partnerships, order[t.pk]))
