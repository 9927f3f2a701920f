"""What every selection page starts with: the round and bid lookups (the views declare
their permission with core.access.require) and the context the pages share (the
selection, what the user may change, the map)."""

from django.shortcuts import get_object_or_404

from applications.models import Bid, Round
from scoring.models import Decision
from scoring.select import charts


def load_round(round_slug):
    """The round of a selection page; 404 for an unknown round."""
    return get_object_or_404(Round, slug=round_slug)


def load_bid(round_slug, bid_pk):
    """The bid of a selection page about one bid of the round."""
    return get_object_or_404(
        Bid.objects.select_related("round", "region"), pk=bid_pk, round__slug=round_slug
    )


def common_context(request, round_, current):
    user = request.user
    return {
        "round": round_,
        "selection": current,
        "can_change": user.has_perm("scoring.change_selection"),
        "can_decide": user.has_perm("scoring.decide"),
        "can_reopen": user.has_perm("scoring.reopen_decision"),
        "see_conflicts": user.has_perm("scoring.see_conflicts"),
    }


def map_context(current):
    rows = charts.map_rows(current)
    return {"map_rows": rows, "map_svg": charts.bids_map_svg(current, rows)}


def decision_lists(current):
    """The bids with each decision (the reserve list in order), and those without one."""
    infos = [row.info for row in current.rows]
    return {
        "accept": sorted(
            (i for i in infos if i.decision == Decision.Outcome.ACCEPT), key=lambda i: i.reference
        ),
        "reserve": sorted(
            (i for i in infos if i.decision == Decision.Outcome.RESERVE),
            key=lambda i: (i.reserve_position or 0, i.reference),
        ),
        "reject": sorted(
            (i for i in infos if i.decision == Decision.Outcome.REJECT), key=lambda i: i.reference
        ),
        "none": [i for i in infos if not i.decision],
    }


def proposal_context(request, round_, current):
    """The proposal page's and the panel report's context."""
    context = common_context(request, round_, current)
    context.update(map_context(current))
    context["decided"] = decision_lists(current)
    return context
