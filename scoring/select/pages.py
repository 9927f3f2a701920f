"""What every selection page starts with: the permission check, the round and bid lookups,
and the context the pages share (the selection, what the user may change, the map)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from applications.models import Bid, Round
from scoring import permissions
from scoring.models import Decision
from scoring.select import charts


def selection_round(request, round_slug, may=None):
    """The round of a selection page. 403 unless the user may see selection (and, when
    `may` is given, unless `may(user)` allows the page); 404 for an unknown round."""
    if not permissions.can_view_selection(request.user):
        raise PermissionDenied
    if may is not None and not may(request.user):
        raise PermissionDenied
    return get_object_or_404(Round, slug=round_slug)


def selection_bid(request, round_slug, bid_pk, may=None):
    """(round, bid) of a page about one bid of the round, checked as `selection_round`."""
    round_ = selection_round(request, round_slug, may)
    bid = get_object_or_404(Bid.objects.select_related("round", "region"), pk=bid_pk, round=round_)
    return round_, bid


def common_context(request, round_, current):
    return {
        "round": round_,
        "selection": current,
        "can_change": permissions.can_change_selection(request.user),
        "can_decide": permissions.can_decide(request.user),
        "can_reopen": permissions.can_reopen_decision(request.user),
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
