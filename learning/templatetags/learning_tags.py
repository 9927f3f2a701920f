import datetime as dt

from django import template

from core.dates import format_date, format_datetime

register = template.Library()


@register.filter
def iso_label(value):
    """'12pm on Monday 11 January 2027' for an ISO datetime, '9 May 2027' for a date."""
    if not value:
        return "Not set"
    if "T" in value:
        return format_datetime(dt.datetime.fromisoformat(value))
    return format_date(dt.date.fromisoformat(value), weekday=False)


@register.inclusion_tag("learning/_space_links.html", takes_context=True)
def learning_links(context, member):
    """The partnership space's links to its peer reviews, lessons and evaluation (three
    queries)."""
    from learning.models import Evaluation, Lessons, PeerReview

    user = context["user"]
    return {
        "member": member,
        "reviews": list(
            PeerReview.objects.filter(members=member).select_related("event").order_by("-opened_at")
        )
        if user.has_perm("learning.see_lessons", member)
        else [],
        "lessons": Lessons.objects.filter(member=member).first(),
        "evaluation": Evaluation.objects.filter(member=member).first(),
        "can_see": user.has_perm("learning.see_lessons", member),
    }


@register.inclusion_tag("learning/_learnt.html")
def learnt_for_round(round_):
    """Beside a round's criteria: what the cohort of the round it was created from learnt
    (its evaluation summary and most frequent key challenges); nothing for a round made
    from scratch (one query)."""
    from learning.models import RoundCopy
    from learning.pages_staff import learnt_from

    origin = RoundCopy.objects.filter(round=round_).select_related("source").first()
    if origin is None:
        return {"learnt": None}
    from cohorts.models import Cohort

    return {"learnt": learnt_from(Cohort.objects.filter(round=origin.source).first())}
