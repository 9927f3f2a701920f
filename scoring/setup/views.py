"""Pages for setting up assessment: criteria, screening, assignment (programme staff), and
interests and conflicts (assessors). Views are thin: the rules live in criteria.py,
screening.py, assignment.py, interests.py and scoring/permissions.py (declared with
core.access.require)."""

from django.contrib import messages
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from applications.answers import summarise
from applications.models import AuditEvent, Bid, Organisation, Round
from applications.rounds import current_round
from applications.staff_bids import answers_of
from core.access import require
from core.refusals import posted, refusal_message, refusal_to_form
from scoring.models import Assessment, Assignment, Criterion
from scoring.setup import assignment as assign_rules
from scoring.setup import criteria as criteria_rules
from scoring.setup import forms, interests, screening


def _round(slug):
    return get_object_or_404(Round, slug=slug)


def _round_context(round_):
    return {"round": round_, "round_open": round_.is_open()}


def _submitted_bid(round_, bid_id):
    return get_object_or_404(Bid.objects.with_submitted_version(), pk=bid_id, round=round_)


SCREENING_LABELS = dict(Bid.Screening.choices)


def describe(event):
    """One line of a bid's history, in words."""
    old, new = event.old or {}, event.new or {}
    if event.action == "bid.screened":
        text = (
            f"Screening changed from {SCREENING_LABELS.get(old.get('screening'), 'none')} "
            f"to {SCREENING_LABELS.get(new.get('screening'), 'none')}"
        )
        return text + (f": {new['reason']}" if new.get("reason") else "")
    if event.action == "assignment.added":
        how = "by hand" if new.get("manual") else "automatically"
        return f"{new.get('assessor')} assigned {how}" + (
            f" ({event.note})" if event.note and not new.get("manual") else ""
        )
    if event.action == "assignment.removed":
        text = f"{old.get('assessor')} unassigned"
        if old.get("assessment"):
            text += f" (assessment {old['assessment'].lower()}, {old.get('scores', 0)} scores)"
        return text + (f": {event.note}" if event.note else "")
    if event.action == "conflict.declared":
        return f"{new.get('assessor')} declared a conflict: {new.get('reason')}"
    return event.note or event.action


def _history(bid):
    """The bid's audit trail, newest first, for the history section of staff pages."""
    events = list(AuditEvent.objects.filter(bid=bid).select_related("actor")[:100])
    for event in events:
        event.description = describe(event)
    return events


def _status_of(assignment):
    try:
        return assignment.assessment.status
    except Assessment.DoesNotExist:
        return Assessment.Status.NOT_STARTED


# --- Overview -------------------------------------------------------------------------


@require("scoring.set_up_round")
def overview(request, slug=None):
    round_ = _round(slug) if slug else current_round()
    if round_ is None:
        raise Http404("There is no round")
    criteria = list(Criterion.objects.filter(round=round_))
    total = sum((c.weight for c in criteria), 0)
    counts = screening.counts(round_)
    assigned = Assignment.objects.filter(bid__round=round_).count()
    wanted = counts["eligible"] * round_.assessors_per_bid
    return render(
        request,
        "scoring/setup/overview.html",
        {
            **_round_context(round_),
            "criteria": criteria,
            "total": criteria_rules.percent(total),
            "weights_ok": total == 100,
            "locked": criteria_rules.scoring_started(round_),
            "counts": counts,
            "assigned": assigned,
            "wanted": wanted,
            "other_rounds": Round.objects.exclude(pk=round_.pk),
        },
    )


# --- Criteria -------------------------------------------------------------------------


@require("scoring.set_up_round")
def criteria(request, slug):
    round_ = _round(slug)
    items = list(Criterion.objects.filter(round=round_))
    total = sum((c.weight for c in items), 0)
    locked = criteria_rules.scoring_started(round_)
    context = {
        **_round_context(round_),
        "criteria": items,
        "total": criteria_rules.percent(total),
        "weights_ok": total == 100,
        "locked": locked,
        "can_copy": Round.objects.exclude(pk=round_.pk).filter(criteria__isnull=False).exists(),
    }
    if locked:
        context["reset_label"] = criteria_rules.reset_message(
            *criteria_rules.scoring_counts(round_)
        )
    return render(request, "scoring/setup/criteria.html", context)


@require("scoring.set_up_round")
def criteria_edit(request, slug):
    round_ = _round(slug)
    if criteria_rules.scoring_started(round_):
        messages.info(request, "Scoring has started, so the criteria are locked")
        return redirect("scoring:setup_criteria", slug=round_.slug)
    queryset = Criterion.objects.filter(round=round_).order_by("position", "pk")
    formset = forms.CriterionFormSet(posted(request), queryset=queryset)
    if request.method == "POST" and formset.is_valid():
        try:
            criteria_rules.save_criteria(round_, formset.rows(), request.user)
        except criteria_rules.CriteriaError as refusal:
            refusal_to_form(formset, refusal)
        else:
            messages.success(request, "The criteria have been saved")
            return redirect("scoring:setup_criteria", slug=round_.slug)
    return render(
        request,
        "scoring/setup/criteria_edit.html",
        {
            **_round_context(round_),
            "formset": formset,
            "summary": formset if formset.is_bound else None,
            "total": formset.total(),
            "has_errors": bool(formset.errors and any(formset.errors))
            or bool(formset.non_form_errors()),
        },
    )


@require("scoring.set_up_round")
def criteria_copy(request, slug):
    round_ = _round(slug)
    locked = criteria_rules.scoring_started(round_)
    form = forms.CopyCriteriaForm(posted(request), round_=round_)
    if request.method == "POST" and not locked and form.is_valid():
        source = form.cleaned_data["source"]
        try:
            criteria_rules.copy_criteria(source, round_, request.user)
        except criteria_rules.CriteriaError as refusal:
            refusal_to_form(form, refusal)
        else:
            messages.success(request, f"The criteria have been copied from {source}")
            return redirect("scoring:setup_criteria", slug=round_.slug)
    return render(
        request,
        "scoring/setup/criteria_copy.html",
        {
            **_round_context(round_),
            "form": form,
            "locked": locked,
            "current": Criterion.objects.filter(round=round_).count(),
        },
    )


@require("scoring.set_up_round")
def criteria_reset(request, slug):
    round_ = _round(slug)
    scores, assessments = criteria_rules.scoring_counts(round_)
    if not criteria_rules.scoring_started(round_):
        messages.info(request, "Scoring has not started: the criteria can be changed")
        return redirect("scoring:setup_criteria", slug=round_.slug)
    form = forms.ResetScoresForm(
        posted(request), initial={"scores": scores, "assessments": assessments}
    )
    if request.method == "POST" and form.is_valid():
        expected = (form.cleaned_data["scores"], form.cleaned_data["assessments"])
        try:
            criteria_rules.reset_scores(round_, request.user, expected=expected)
        except criteria_rules.CriteriaError as refusal:
            refusal_message(request, refusal)
            return redirect("scoring:setup_criteria_reset", slug=round_.slug)
        messages.success(request, "The scores have been reset and the criteria unlocked")
        return redirect("scoring:setup_criteria", slug=round_.slug)
    form.fields["confirm"].label = criteria_rules.reset_message(scores, assessments)
    return render(
        request,
        "scoring/setup/criteria_reset.html",
        {**_round_context(round_), "form": form, "scores": scores, "assessments": assessments},
    )


# --- Screening ------------------------------------------------------------------------


@require("scoring.set_up_round")
def screening_list(request, slug):
    round_ = _round(slug)
    show = request.GET.get("show", "")
    bids = (
        Bid.objects.for_round(round_)
        .with_submitted_version()
        .select_related("lead_organisation", "screened_by")
    )
    if show in Bid.Screening.values:
        bids = bids.filter(screening=show)
    return render(
        request,
        "scoring/setup/screening.html",
        {
            **_round_context(round_),
            "bids": bids.order_by("reference"),
            "counts": screening.counts(round_),
            "show": show,
        },
    )


@require("scoring.set_up_round")
def screen_bid(request, slug, bid_id):
    round_ = _round(slug)
    bid = _submitted_bid(round_, bid_id)
    initial = {}
    if bid.screening != Bid.Screening.PENDING:
        initial = {"outcome": bid.screening, "reason": bid.screening_reason}
    form = forms.ScreeningForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            removed = screening.screen(
                bid, form.cleaned_data["outcome"], form.cleaned_data["reason"], request.user
            )
        except screening.ScreeningError as refusal:
            refusal_to_form(form, refusal)
        else:
            bid.refresh_from_db()
            text = f"{bid} screened as {bid.get_screening_display().lower()}"
            if removed:
                text += f"; {removed} assessor{'s' if removed != 1 else ''} unassigned"
            messages.success(request, text)
            return redirect("scoring:setup_screening", slug=round_.slug)
    answers, _ = answers_of(bid)  # the latest submitted version, whatever the draft holds
    return render(
        request,
        "scoring/setup/screen_bid.html",
        {
            **_round_context(round_),
            "bid": bid,
            "form": form,
            "sections": [
                s for s in summarise(answers) if s.step in ("eligibility", "partners", "geography")
            ],
            "history": _history(bid),
        },
    )


# --- Assignment -----------------------------------------------------------------------


@require("scoring.set_up_round")
def assignment_page(request, slug):
    round_ = _round(slug)
    if request.method == "POST":
        result = assign_rules.auto_assign(round_, request.user)
        added = len(result.created)
        if added:
            messages.success(
                request,
                f"{added} assignment{'s' if added != 1 else ''} made; "
                f"{result.emails_sent} assessor{'s' if result.emails_sent != 1 else ''} emailed",
            )
        else:
            messages.info(request, "No new assignments were needed")
        if result.skipped:
            count = len(result.skipped)
            messages.info(
                request,
                f"{count} assessor{'s were' if count != 1 else ' was'} given no bids because "
                "they have not recorded their interests: "
                + ", ".join(a.get_full_name() for a, _ in result.skipped),
            )
        return redirect("scoring:setup_assignment", slug=round_.slug)
    state = assign_rules.load_state(round_)
    quota = round_.assessors_per_bid
    plan = state.plan(quota)
    bids_by_id = {b.pk: b for b in state.bids}
    per_bid = {b.pk: [] for b in state.bids}
    loads = dict.fromkeys((a.pk for a in state.assessors), 0)
    for x in state.assignments:
        if x.bid_id in per_bid:
            per_bid[x.bid_id].append((x, _status_of(x)))
        if x.assessor_id in loads:
            loads[x.assessor_id] += 1
    with_profile = state.recorded
    rows = [(b, per_bid[b.pk]) for b in state.bids]
    assessors = [(a, loads[a.pk], a.pk in with_profile) for a in state.assessors]
    shortfalls = [(bids_by_id[s.bid], s) for s in plan.shortfalls]
    spread = (max(loads.values()) - min(loads.values())) if loads else 0
    return render(
        request,
        "scoring/setup/assignment.html",
        {
            **_round_context(round_),
            "rows": rows,
            "assessors": assessors,
            "shortfalls": shortfalls,
            "would_add": len(plan.new),
            "quota": quota,
            "spread": spread,
            "skipped": state.skipped,
            "status_labels": dict(Assessment.Status.choices),
            "pending": Bid.objects.for_round(round_)
            .with_submitted_version()
            .filter(screening=Bid.Screening.PENDING)
            .count(),
        },
    )


@require("scoring.set_up_round")
def bid_assignment(request, slug, bid_id):
    round_ = _round(slug)
    bid = _submitted_bid(round_, bid_id)
    current = list(
        Assignment.objects.filter(bid=bid).select_related("assessor", "assessment", "assigned_by")
    )
    taken = {x.assessor_id for x in current}
    pool = list(
        assign_rules.assessor_pool().annotate(
            load=Count("assignments", filter=Q(assignments__bid__round=round_))
        )
    )
    conflicted = {
        a for (_, a) in assign_rules.conflict_rules.conflict_pairs([bid.pk], [p.pk for p in pool])
    }
    choices = [
        (
            str(a.pk),
            f"{a.get_full_name()} ({a.load} bid{'s' if a.load != 1 else ''})"
            + (" – conflict of interest" if a.pk in conflicted else ""),
        )
        for a in pool
        if a.pk not in taken
    ]
    form = forms.AssignForm(posted(request), choices=choices)
    if request.method == "POST" and form.is_valid():
        assessor = next(a for a in pool if str(a.pk) == form.cleaned_data["assessor"])
        try:
            assign_rules.assign_by_hand(bid, assessor, request.user)
        except assign_rules.AssignmentError as refusal:
            refusal_to_form(form, refusal)
        else:
            messages.success(request, f"{assessor.get_full_name()} assigned to {bid}")
            return redirect("scoring:setup_bid_assignment", slug=round_.slug, bid_id=bid.pk)
    return render(
        request,
        "scoring/setup/bid_assignment.html",
        {
            **_round_context(round_),
            "bid": bid,
            "current": [(x, _status_of(x)) for x in current],
            "status_labels": dict(Assessment.Status.choices),
            "form": form,
            "can_assign": bid.screening == Bid.Screening.ELIGIBLE,
            "history": _history(bid),
            "in_conflict": assign_rules.conflict_rules.people_in_conflict([bid.pk]).get(bid.pk),
        },
    )


@require("scoring.set_up_round")
def unassign(request, slug, bid_id, assignment_id):
    round_ = _round(slug)
    bid = _submitted_bid(round_, bid_id)
    assignment = get_object_or_404(
        Assignment.objects.select_related("assessor", "bid"), pk=assignment_id, bid=bid
    )
    back = reverse("scoring:setup_bid_assignment", args=[round_.slug, bid.pk])
    needs_confirmation = assign_rules.has_submitted_work(assignment)
    if request.method == "POST":
        confirmed = request.POST.get("confirm") == "yes"
        try:
            assign_rules.unassign(assignment, request.user, confirmed=confirmed)
        except assign_rules.NeedsConfirmation:
            needs_confirmation = True
        except assign_rules.AssignmentError as refusal:
            refusal_message(request, refusal)
            return redirect(back)
        else:
            messages.success(
                request, f"{assignment.assessor.get_full_name()} unassigned from {bid}"
            )
            return redirect(back)
    if not needs_confirmation:
        return redirect(back)
    return render(
        request,
        "scoring/setup/unassign_confirm.html",
        {**_round_context(round_), "bid": bid, "assignment": assignment, "back": back},
    )


# --- Assessors: interests and conflicts ----------------------------------------------


@require("scoring.record_interests")
def interests_page(request):
    user = request.user
    profile = interests.profile_for(user)
    current = list(profile.organisations.order_by("name")) if profile else []
    add_form = forms.AddOrganisationForm(prefix="add")
    other_form = forms.OtherInterestsForm(
        prefix="other", initial={"other_interests": profile.other_interests if profile else ""}
    )
    action = request.POST.get("action")
    if request.method == "POST":
        taken = None
        if action == "add":
            add_form = forms.AddOrganisationForm(request.POST, prefix="add")
            if add_form.is_valid():
                organisation = add_form.cleaned_data["organisation"]
                taken = interests.update_interests(user, organisations=[*current, organisation])
                messages.success(request, f"{organisation.name} added to your organisations")
        elif action == "remove":
            remaining = [o for o in current if str(o.pk) != request.POST.get("organisation")]
            removed = [o for o in current if o not in remaining]
            taken = interests.update_interests(user, organisations=remaining)
            if removed:
                messages.success(request, f"{removed[0].name} removed from your organisations")
        elif action == "other":
            other_form = forms.OtherInterestsForm(request.POST, prefix="other")
            if other_form.is_valid():
                taken = interests.update_interests(
                    user, other_interests=other_form.cleaned_data["other_interests"]
                )
                messages.success(request, "Your other interests have been saved")
        if taken is not None:
            if taken:
                refs = ", ".join(str(b) for b in taken)
                messages.info(
                    request,
                    f"You now have a conflict with {refs}, so "
                    f"{'it has' if len(taken) == 1 else 'they have'} been taken from you",
                )
            return redirect("scoring:interests")
    assigned = list(
        Assignment.objects.filter(assessor=user, bid__in=Bid.objects.with_submitted_version())
        .select_related("bid")
        .order_by("bid__reference")
    )
    return render(
        request,
        "scoring/setup/interests.html",
        {
            "organisations": current,
            "add_form": add_form,
            "other_form": other_form,
            "forms": [add_form, other_form],
            "registry": Organisation.objects.filter(merged_into__isnull=True, closed=False)
            .order_by("name")
            .values_list("name", flat=True),
            "assigned": assigned,
            "declared": list(user.conflicts_declared.select_related("bid")),
        },
    )


def load_bid(bid_id):
    return get_object_or_404(Bid, pk=bid_id)


@require("scoring.declare_conflict", load_bid)
def declare_conflict(request, bid):
    form = forms.DeclareConflictForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            assign_rules.declare_conflict(request.user, bid, form.cleaned_data["reason"])
        except assign_rules.AssignmentError as refusal:
            refusal_to_form(form, refusal)
        else:
            messages.success(request, f"Conflict declared: {bid} has been taken from you")
            return redirect("scoring:interests")
    return render(request, "scoring/setup/declare_conflict.html", {"bid": bid, "form": form})
