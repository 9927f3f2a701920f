"""The applicant's decisions and offers on the account home page."""

from django import template
from django.utils import timezone

from scoring.models import Decision

register = template.Library()


@register.inclusion_tag("cohorts/home_decisions.html", takes_context=True)
def cohort_decisions(context):
    user = context.get("user")
    rows = []
    if user is not None and user.is_authenticated:
        now = timezone.now()
        decisions = (
            Decision.objects.filter(bid__collaborators__user=user, released_at__isnull=False)
            .select_related("bid__round", "bid__offer")
            .order_by("bid__reference")
        )
        for decision in decisions:
            offer = getattr(decision.bid, "offer", None)
            rows.append(
                {
                    "decision": decision,
                    "bid": decision.bid,
                    "offer": offer,
                    "status": offer.status_at(now) if offer else None,
                }
            )
    return {"rows": rows, "roles": context.get("roles", ())}
