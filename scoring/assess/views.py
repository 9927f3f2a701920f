"""Assessors' queue and score pages; the panel chair's moderation. Views stay thin: the
rules are in scoring/permissions.py (declared with core.access.require),
scoring.assess.assessments and scoring.assess.moderation."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from applications.answers import summarise
from applications.models import Bid, BidSubmission, Round
from applications.rounds import current_round
from core.access import require
from core.dates import format_datetime, format_time
from core.pagination import DatabasePaginator
from scoring.assess import assessments, audit_trail, moderation
from scoring.assess.filters import ModerationFilter
from scoring.assess.forms import AssessmentForm, ModeratedScoreForm, ReturnForm, initial_for
from scoring.form_errors import validation_error_to_form
from scoring.models import Assessment, Criterion
from scoring.setup import conflicts

PAGE_SIZE = 50


def load_bid(bid_pk):
    return get_object_or_404(Bid.objects.select_related("round", "region"), pk=bid_pk)


def load_moderation_bid(bid_pk):
    return get_object_or_404(
        Bid.objects.in_assessment().select_related("round", "region"), pk=bid_pk
    )


def _answers(bid):
    submission = BidSubmission.objects.filter(bid=bid).order_by("-version").first()
    return summarise(submission.answers) if submission else []


@require("scoring.assess")
def queue(request):
    page, returned, counts = assessments.queue_page(
        request.user, request.GET.get("page"), PAGE_SIZE
    )
    context = {
        "items": page.object_list,
        "returned": returned,
        "counts": counts,
        "page": page,
        "page_numbers": page.paginator.get_elided_page_range(page.number, on_each_side=2),
        "ellipsis": page.paginator.ELLIPSIS,
    }
    return render(request, "scoring/assess/queue.html", context)


@require("scoring.score_bid", load_bid)
def score(request, bid):
    assignment = assessments.assignment_for(request.user, bid.pk)
    if assignment is None:
        raise Http404
    bid = assignment.bid
    assessment = getattr(assignment, "assessment", None)
    criteria = assessments.criteria_of(bid.round)
    context = {"bid": bid, "assignment": assignment, "assessment": assessment}
    context["criteria"] = criteria
    if request.method == "POST" and criteria:
        return _score_post(request, assignment, criteria, context)
    if assessment and assessment.status == Assessment.Status.SUBMITTED:
        return _submitted_page(request, bid, assessment, context)
    form = AssessmentForm(
        criteria, initial=initial_for(criteria, assessment, assessments.saved_entries(assessment))
    )
    return _render_form(request, context, form)


def _render_form(request, context, form, *, status=200, saved=None):
    blocks = [
        (criterion, score, justification, (saved or {}).get(criterion.pk))
        for criterion, score, justification in form.blocks()
    ]
    context.update(form=form, blocks=blocks, answers=_answers(context["bid"]), saved=saved)
    return render(request, "scoring/assess/score.html", context, status=status)


def _score_post(request, assignment, criteria, context):
    submitting = "submit" in request.POST
    form = AssessmentForm(criteria, request.POST, submitting=submitting)
    if not form.is_valid():
        return _render_form(request, context, form)
    action = assessments.submit_assessment if submitting else assessments.save_draft
    try:
        assessment = action(
            request.user,
            assignment,
            form.entries(),
            form.cleaned_data.get("recommendation") or "",
            form.cleaned_data.get("overall_comment") or "",
            form.cleaned_data.get("version") or 0,
        )
    except ValidationError as error:
        validation_error_to_form(form, error)
        return _render_form(request, context, form)
    except assessments.AssessmentLocked as locked:
        form.add_error(
            None,
            "You have already submitted this assessment, so it cannot be changed. What you "
            "typed below has not been saved. Ask the panel chair to return the assessment to "
            "you if it needs to change.",
        )
        context["assessment"] = locked.assessment
        return _render_form(request, context, form, status=409)
    except assessments.StaleAssessment as stale:
        current = stale.assessment
        data = request.POST.copy()
        data["version"] = str(current.version)
        form = AssessmentForm(criteria, data, submitting=False)
        form.is_valid()
        form.add_error(
            None,
            "This assessment was saved in another tab or window at "
            f"{format_time(current.updated_at)}, after you opened this page, so your changes "
            "have not been saved. What is saved now is shown under each criterion. Your text "
            "is still in the boxes: check it, then save again to replace the saved version.",
        )
        context["assessment"] = current
        return _render_form(
            request, context, form, status=409, saved=assessments.saved_entries(current)
        )
    bid = assignment.bid
    if submitting:
        messages.success(request, f"Your assessment of {bid.reference} has been submitted")
    else:
        messages.success(
            request, f"Your draft has been saved at {format_datetime(assessment.updated_at)}"
        )
    return redirect("scoring:score", bid_pk=bid.pk)


def _submitted_page(request, bid, assessment, context):
    entries = assessments.saved_entries(assessment)
    context["own_rows"] = [(c, entries.get(c.pk)) for c in context["criteria"]]
    context["answers"] = _answers(bid)
    if request.user.has_perm("scoring.see_scores", bid):
        context["data"] = moderation.for_bid(bid, request.user)
    return render(request, "scoring/assess/submitted.html", context)


# --- Moderation -------------------------------------------------------------------------


@require("scoring.see_moderation")
def dashboard(request):
    slug = request.GET.get("round")
    round_ = get_object_or_404(Round, slug=slug) if slug else current_round()
    if round_ is None:
        raise Http404
    bids = Bid.objects.for_round(round_).in_assessment().order_by("reference")
    filterset = ModerationFilter(request.GET or None, queryset=bids)
    data = filterset.form.cleaned_data if filterset.form.is_valid() else {}
    if data.get("flag") or data.get("status"):
        # Flags and statuses are worked out from the scores: every bid is loaded.
        rows = moderation.load(round_, filterset.qs, request.user, with_text=False)
        rows = [row for row in rows if filterset.keep(row)]
        page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
        total = len(rows)
    else:
        # Paginated in the database: only the page's bids are loaded.
        conflicted = conflicts.conflicted_bid_ids(request.user)
        visible = filterset.qs.exclude(pk__in=conflicted).values_list("pk", flat=True)
        page = DatabasePaginator(visible, PAGE_SIZE).get_page(request.GET.get("page"))
        ids = list(page.object_list)
        page.object_list = moderation.load(
            round_, bids.filter(pk__in=ids), request.user, with_text=False, conflicted=conflicted
        )
        total = page.paginator.count
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "scoring/assess/dashboard.html",
        {
            "round": round_,
            "round_slug": slug,
            "filter": filterset,
            "page": page,
            "rows": page.object_list,
            "query": query.urlencode(),
            "total": total,
            "can_moderate": request.user.has_perm("scoring.moderate_bid"),
        },
    )


@require("scoring.see_bid_moderation", load_moderation_bid)
def moderate_bid(request, bid):
    data = moderation.for_bid(bid, request.user)
    return render(
        request,
        "scoring/assess/moderate_bid.html",
        {
            "bid": bid,
            "data": data,
            "rows": data.rows(),
            "answers": _answers(bid),
            "can_moderate": request.user.has_perm("scoring.moderate_bid", bid),
            "history": audit_trail.history(bid),
        },
    )


@require("scoring.moderate_bid", load_moderation_bid)
def moderate_criterion(request, bid, criterion_pk):
    criterion = get_object_or_404(Criterion, pk=criterion_pk, round=bid.round)
    existing = bid.moderated_scores.filter(criterion=criterion).first()
    initial = {"score": existing.score, "rationale": existing.rationale} if existing else {}
    form = ModeratedScoreForm(criterion, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            moderation.record_moderated_score(
                request.user,
                bid,
                criterion,
                form.cleaned_data["score"],
                form.cleaned_data["rationale"],
            )
        except ValidationError as error:
            validation_error_to_form(form, error)
        else:
            messages.success(
                request,
                f"Moderated score for {criterion.name} recorded: "
                f"{moderation.fmt(form.cleaned_data['score'])}",
            )
            return redirect(reverse("scoring:moderate_bid", kwargs={"bid_pk": bid.pk}))
    data = moderation.for_bid(bid, request.user)
    row = next(r for r in data.rows() if r.criterion.id == criterion.pk)
    return render(
        request,
        "scoring/assess/moderate_criterion.html",
        {"bid": bid, "criterion": criterion, "form": form, "row": row, "data": data},
    )


@require("scoring.moderate_bid", load_moderation_bid)
def return_assessment(request, bid, assessment_pk):
    assessment = get_object_or_404(
        Assessment.objects.select_related("assignment__assessor", "assignment__bid"),
        pk=assessment_pk,
        assignment__bid=bid,
    )
    form = ReturnForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            moderation.return_assessment(request.user, assessment, form.cleaned_data["comment"])
        except ValidationError as error:
            validation_error_to_form(form, error)
        else:
            messages.success(
                request,
                f"The assessment by {assessment.assignment.assessor.get_full_name()} has been "
                "returned with your comment. We have emailed them.",
            )
            return redirect("scoring:moderate_bid", bid_pk=bid.pk)
    return render(
        request,
        "scoring/assess/return.html",
        {"bid": bid, "assessment": assessment, "form": form},
    )
