"""What staff's learning pages show. Nothing here writes."""

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Count, Q

from applications.denormalise import earlier_cohort_district_ids
from cohorts.models import Cohort, CohortMember
from learning import summary, themes
from learning.models import PeerReview, Report, RoundCopy
from scoring.models import Criterion

TOP_CHALLENGES = 5


def cohort_page(cohort):
    members = list(
        CohortMember.objects.filter(cohort=cohort)
        .select_related("lessons", "evaluation", "lessons__locked_by")
        .prefetch_related("lessons__key_challenges")
        .order_by("position", "partnership_name")
    )
    rows = []
    for member in members:
        rows.append(
            {
                "member": member,
                "lessons": _one(member, "lessons"),
                "evaluation": _one(member, "evaluation"),
            }
        )
    reviews = list(
        PeerReview.objects.filter(cohort=cohort)
        .select_related("event")
        .annotate(
            pair_count=Count("pairs", distinct=True),
            submitted_count=Count(
                "pairs", filter=Q(pairs__submitted_at__isnull=False), distinct=True
            ),
        )
        .order_by("event__starts_at")
    )
    return {
        "cohort": cohort,
        "rows": rows,
        "reviews": reviews,
        "key_challenges": themes.counts(cohort),
        "evaluation": summary.for_cohort(cohort, partnerships=len(members)),
        "evaluations_opened": sum(1 for r in rows if r["evaluation"] is not None),
        "evaluations_submitted": sum(
            1 for r in rows if r["evaluation"] is not None and r["evaluation"].is_submitted
        ),
        "lessons_recorded": sum(1 for r in rows if r["lessons"] is not None),
        "lessons_locked": sum(
            1 for r in rows if r["lessons"] is not None and r["lessons"].is_locked
        ),
        "report": Report.objects.filter(cohort=cohort).first(),
    }


def _one(member, name):
    """A reverse one-to-one, or None when there is none."""
    try:
        return getattr(member, name)
    except ObjectDoesNotExist:
        return None


def learnt_from(cohort):
    """What a cohort learnt, for the next round: the evaluation summary and the most
    frequent key challenges (those tagged at least once)."""
    if cohort is None:
        return None
    counted = [t for t in themes.counts(cohort) if t.partnerships]
    return {
        "cohort": cohort,
        "evaluation": summary.for_cohort(cohort),
        "key_challenges": counted[:TOP_CHALLENGES],
    }


def round_learnt(round_):
    origin = RoundCopy.objects.filter(round=round_).select_related("source").first()
    source_cohort = (
        Cohort.objects.filter(round=origin.source).select_related("round").first()
        if origin
        else None
    )
    earlier = earlier_cohort_district_ids(round_)
    source_districts = (
        set(
            CohortMember.districts.through.objects.filter(
                cohortmember__cohort=source_cohort
            ).values_list("district_id", flat=True)
        )
        if source_cohort
        else set()
    )
    return {
        "round": round_,
        "origin": origin,
        "criteria": list(Criterion.objects.filter(round=round_).order_by("position", "pk")),
        "learnt": learnt_from(source_cohort),
        "earlier_districts": len(earlier),
        "source_districts": len(source_districts),
        "source_districts_counted": len(source_districts & earlier),
    }
