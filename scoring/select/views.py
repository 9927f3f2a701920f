"""The panel chair's ranking, constraints, proposal and decision pages (the exports are in
exports.py). Views stay thin: the rules are in scoring.select.selection,
scoring.select.decisions and scoring.permissions; pages.py does the checks every page starts
with."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from applications.models import Bid
from applications.rounds import current_round
from core.access import require
from core.refusals import refusal_to_form
from scoring.form_errors import validation_error_to_form
from scoring.models import BidRegionOverride, Decision, SelectionPin
from scoring.rules.inputs import ConstraintError
from scoring.rules.wording import join_and, plural
from scoring.select import charts, decisions, ranking_page, selection
from scoring.select.filters import RankingFilter
from scoring.select.forms import ConstraintsForm, DecisionForm, PinForm, RegionForm, ReopenForm
from scoring.select.pages import common_context, load_bid, load_round, proposal_context


@require("scoring.see_selection")
def home(request):
    round_ = current_round()
    if round_ is None:
        raise Http404
    return redirect("scoring:select_ranking", round_slug=round_.slug)


@require("scoring.see_selection")
def ranking(request, round_slug):
    round_ = load_round(round_slug)
    current = ranking_page.page(
        round_,
        request.user,
        lambda regions: RankingFilter(
            request.GET or None, queryset=Bid.objects.none(), regions=regions
        ),
        request.GET.get("page"),
        request.GET.get("listed"),
    )
    filterset = current.filterset
    query = request.GET.copy()
    query.pop("page", None)
    context = common_context(request, round_, current.summary)
    context.update(
        filter=filterset,
        page=current.page,
        rows=current.page.object_list,
        excluded_page=current.excluded_page,
        total=current.total,
        query=query.urlencode(),
        filtered=any(filterset.values.values()),
        charts=[
            (d, charts.distribution_svg(d, f"chart-{index}"))
            for index, d in enumerate(current.summary.distributions, start=1)
        ],
    )
    return render(request, "scoring/select/ranking.html", context)


@require("scoring.change_selection")
def constraints(request, round_slug):
    round_ = load_round(round_slug)
    current = selection.for_round(round_, viewer=request.user, with_stability=False)
    criteria = current.data.criteria
    initial = ConstraintsForm.initial_from(current.data.settings, current.rules)
    form = ConstraintsForm(criteria, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            selection.save_settings(request.user, round_, form.values())
        except ConstraintError as refusal:
            refusal_to_form(form, refusal)
        else:
            messages.success(request, "The constraints have been saved")
            return redirect("scoring:select_proposal", round_slug=round_.slug)
    context = common_context(request, round_, current)
    context["form"] = form
    return render(request, "scoring/select/constraints.html", context)


@require("scoring.see_selection")
def proposal(request, round_slug):
    round_ = load_round(round_slug)
    current = selection.for_round(round_, viewer=request.user)
    context = proposal_context(request, round_, current)
    return render(request, "scoring/select/proposal.html", context)


@require("scoring.decide", load_bid)
def decide(request, bid):
    round_ = bid.round
    current = selection.for_round(round_, viewer=request.user, with_stability=False)
    row = current.row(bid.reference)
    if row is None:
        raise Http404
    existing = Decision.objects.filter(bid=bid).first()
    initial = {}
    if existing:
        initial = {
            "outcome": existing.outcome,
            "reserve_position": existing.reserve_position,
            "feedback": existing.feedback,
        }
    form = DecisionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            decision = decisions.record_decision(
                request.user,
                bid,
                form.cleaned_data["outcome"],
                form.cleaned_data["feedback"],
                form.cleaned_data["reserve_position"],
            )
        except ValidationError as error:
            validation_error_to_form(form, error)
        else:
            label = decision.get_outcome_display().lower()
            if decision.outcome == Decision.Outcome.RESERVE:
                label += f", position {decision.reserve_position}"
            messages.success(request, f"Decision on {bid.reference} recorded: {label}")
            return redirect(_next(request, round_))
    context = common_context(request, round_, current)
    next_key = request.POST.get("next") or request.GET.get("next") or "proposal"
    context.update(
        bid=bid,
        row=row,
        form=form,
        existing=existing,
        next=_next(request, round_),
        next_key=next_key if next_key in ("ranking", "proposal") else "proposal",
    )
    return render(request, "scoring/select/decide.html", context)


def _next(request, round_):
    target = request.POST.get("next") or request.GET.get("next")
    if target in ("ranking", "proposal"):
        return reverse(f"scoring:select_{target}", kwargs={"round_slug": round_.slug})
    return reverse("scoring:select_proposal", kwargs={"round_slug": round_.slug})


@require("scoring.decide")
@require_POST
def accept_proposed(request, round_slug):
    round_ = load_round(round_slug)
    try:
        accepted, kept = decisions.accept_proposed(request.user, round_)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        text = f"Accept recorded for {plural(len(accepted), 'proposed bid')}"
        if kept:
            text += f"; {join_and(kept)} already had a decision, which was left as it was"
        messages.success(request, text)
    return redirect("scoring:select_proposal", round_slug=round_.slug)


@require("scoring.change_selection", load_bid)
def pin(request, bid):
    round_ = bid.round
    current_pin = SelectionPin.objects.filter(bid=bid).first()
    initial = {"pinned": current_pin.pinned, "reason": current_pin.reason} if current_pin else {}
    form = PinForm(request.POST or None, initial=initial or {"pinned": "none"})
    if request.method == "POST" and form.is_valid():
        value = form.cleaned_data["pinned"]
        value = "" if value == "none" else value
        try:
            selection.set_pin(request.user, bid, value, form.cleaned_data["reason"])
        except ConstraintError as refusal:
            refusal_to_form(form, refusal)
        else:
            done = {"in": "pinned in", "out": "pinned out", "": "no longer pinned"}[value]
            messages.success(request, f"{bid.reference} is {done}")
            return redirect("scoring:select_proposal", round_slug=round_.slug)
    context = {"round": round_, "bid": bid, "form": form}
    return render(request, "scoring/select/pin.html", context)


@require("scoring.change_selection", load_bid)
def region(request, bid):
    round_ = bid.round
    override = BidRegionOverride.objects.filter(bid=bid).first()
    initial = {"region": override.region_id, "reason": override.reason} if override else {}
    form = RegionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            selection.set_region(
                request.user, bid, form.cleaned_data["region"], form.cleaned_data["reason"]
            )
        except ConstraintError as refusal:
            refusal_to_form(form, refusal)
        else:
            messages.success(request, f"The region of {bid.reference} has been saved")
            return redirect("scoring:select_ranking", round_slug=round_.slug)
    context = {"round": round_, "bid": bid, "form": form, "override": override}
    return render(request, "scoring/select/region.html", context)


@require("scoring.reopen_decision", load_bid)
def reopen(request, bid):
    round_ = bid.round
    decision = get_object_or_404(Decision, bid=bid, released_at__isnull=False)
    form = ReopenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            decisions.reopen_decision(request.user, decision, form.cleaned_data["reason"])
        except ValidationError as error:
            validation_error_to_form(form, error)
        else:
            messages.success(
                request, f"The decision on {bid.reference} is reopened: the chair can change it"
            )
            return redirect("scoring:select_proposal", round_slug=round_.slug)
    context = {"round": round_, "bid": bid, "form": form, "decision": decision}
    return render(request, "scoring/select/reopen.html", context)
