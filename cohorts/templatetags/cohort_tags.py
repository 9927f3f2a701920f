"""The applicant's decisions and offers: on the account page, on "Your applications" and on
the application's own page (where an open offer can be answered)."""

from django import template
from django.urls import reverse
from django.utils import timezone

from cohorts.forms import OfferResponseForm
from cohorts.publication import member_organisations
from scoring.models import Decision

register = template.Library()


def _row(decision, now):
    offer = getattr(decision.bid, "offer", None)
    return {
        "decision": decision,
        "bid": decision.bid,
        "offer": offer,
        "status": offer.status_at(now) if offer else None,
    }


@register.inclusion_tag("cohorts/home_decisions.html", takes_context=True)
def cohort_decisions(context):
    """Every released decision on the bids the user works on, one card each."""
    user = context.get("user")
    rows = []
    if user is not None and user.is_authenticated:
        now = timezone.now()
        decisions = (
            Decision.objects.filter(bid__collaborators__user=user, released_at__isnull=False)
            .select_related("bid__round", "bid__offer")
            .order_by("bid__reference")
        )
        rows = [_row(decision, now) for decision in decisions]
    return {"rows": rows, "roles": context.get("roles", ())}


@register.inclusion_tag("cohorts/bid_decision.html")
def bid_decision(bid):
    """The released decision on one bid (for the page of someone working on it, who may
    answer its offer: the form posts to the offer page, which records the answer)."""
    decision = (
        Decision.objects.filter(bid=bid, released_at__isnull=False)
        .select_related("bid__round", "bid__offer")
        .first()
    )
    if decision is None:
        return {"row": None}
    row = _row(decision, timezone.now())
    if row["status"] == "open":
        row["form"] = OfferResponseForm()
        row["action"] = reverse("cohorts:offer", args=[row["offer"].pk])
    return {"row": row}


@register.filter
def organisations(member):
    """A cohort member's organisations as the public sees them (cohorts.publication)."""
    return member_organisations(member)
