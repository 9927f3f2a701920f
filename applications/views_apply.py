"""The applicant's pages: dashboard, task list, check answers, submit, confirmation,
reopen, withdraw, team and the PDF copy. The question pages are in wizard.py.

Views stay thin: state changes go through applications.bids, permission rules live in
applications.rules (core.access.require), and a bid the user does not work on is a 404.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from applications import bids, forms, progress
from applications import rules as access
from applications.answers import SECTION_TITLES, STEP_NAMES, district_lookup, summarise
from applications.models import Bid, BidInvitation
from applications.pdf import bid_pdf, pdf_filename
from applications.rounds import current_round
from applications.wizard import load_bid
from core.access import require
from core.refusals import refusal_message, refusal_to_form

DASHBOARD_PAGE_SIZE = 25


def _sections_and_answers(bid):
    sections = bids.sections_of(bid)
    return sections, progress.answers_of(sections)


def next_action(bid, complete_count, now):
    """(text, url name) of what the applicant should do next with the bid."""
    open_now = bid.round.is_open(now)
    if bid.status == Bid.Status.WITHDRAWN:
        return "None: withdrawn", None
    if bid.status == Bid.Status.SUBMITTED:
        return (
            ("View, change or withdraw", "bid_overview") if open_now else ("View", "bid_overview")
        )
    if not open_now:
        return "View (the deadline has passed)", "bid_overview"
    if complete_count >= len(STEP_NAMES):
        return "Check answers and submit", "bid_check"
    return "Continue your application", "bid_overview"


@require("applications.see_own_bids")
def dashboard(request):
    now = timezone.now()
    bids_qs = (
        access.bids_for(request.user)
        .select_related("round")
        .annotate(complete_count=Count("sections", filter=Q(sections__is_complete=True)))
        .order_by("-updated_at", "-pk")
    )
    page = Paginator(bids_qs, DASHBOARD_PAGE_SIZE).get_page(request.GET.get("page"))
    rows = []
    for bid in page.object_list:
        text, url_name = next_action(bid, bid.complete_count, now)
        url = reverse(f"applications:{url_name}", args=[bid.pk]) if url_name else ""
        rows.append({"bid": bid, "action": text, "url": url})
    round_ = current_round(now)
    return render(
        request,
        "applications/dashboard.html",
        {
            "page": page,
            "rows": rows,
            "round": round_,
            "can_start": access.may_start(request.user, round_, now),
        },
    )


@require("applications.start_bid")
def start_bid(request):
    round_ = current_round()
    if request.method != "POST":
        return render(request, "applications/start.html", {"round": round_})
    try:
        bid = bids.start_bid(round_, request.user)
    except bids.ActionRefused as refused:
        refusal_message(request, refused)
        return redirect("applications:dashboard")
    return redirect("applications:bid_overview", pk=bid.pk)


@require("applications.work_on_bid", load_bid)
def overview(request, bid):
    now = timezone.now()
    sections = bids.sections_of(bid)
    submitted = bid.status == Bid.Status.SUBMITTED
    editable = access.may_edit(request.user, bid, now)
    items = []
    for step, title, status in progress.task_list(sections, submitted=submitted):
        url = ""
        if step == "check":
            if status != progress.CANNOT_START:
                url = reverse("applications:bid_check", args=[bid.pk])
        elif editable and status != progress.CANNOT_START:
            url = reverse("applications:bid_step", args=[bid.pk, step])
        items.append({"step": step, "title": title, "status": status, "url": url})
    latest = bid.submissions.select_related("submitted_by").order_by("-version").first()
    completed = sum(1 for s in sections.values() if s.is_complete)
    last_saved = progress.last_saved(sections)
    return render(
        request,
        "applications/overview.html",
        {
            "bid": bid,
            "items": items,
            "completed": completed,
            "total": len(STEP_NAMES),
            "last_saved": last_saved,
            "last_saved_title": SECTION_TITLES[last_saved.step] if last_saved else "",
            "editable": editable,
            "latest": latest,
            "round_open": bid.round.is_open(now),
            "can_reopen": access.may_reopen(request.user, bid, now),
            "can_withdraw": access.may_withdraw(request.user, bid, now),
            "can_invite": access.may_invite(request.user, bid, now),
            "collaborators": bid.collaborators.select_related("user"),
        },
    )


@require("applications.work_on_bid", load_bid)
def ineligible(request, bid):
    answers = progress.answers_of(bids.sections_of(bid)).get("eligibility", {})
    reasons = forms.ineligible_reasons(answers)
    if not reasons:
        return redirect("applications:bid_overview", pk=bid.pk)
    return render(request, "applications/ineligible.html", {"bid": bid, "reasons": reasons})


@require("applications.work_on_bid", load_bid)
def check_answers(request, bid):
    now = timezone.now()
    sections, answers = _sections_and_answers(bid)
    codes = (answers.get("geography") or {}).get("district_codes", [])
    summary = summarise(answers, district_lookup(codes))
    editable = access.may_edit(request.user, bid, now)
    can_start = {step: progress.can_start(step, sections) for step in STEP_NAMES}
    status = {step: progress.section_status(step, sections) for step in STEP_NAMES}
    latest = bid.submissions.order_by("-version").first()
    return render(
        request,
        "applications/check_answers.html",
        {
            "bid": bid,
            "summary": [
                {
                    "section": section,
                    "status": status[section.step],
                    "can_change": editable and can_start[section.step],
                }
                for section in summary
            ],
            "editable": editable,
            "all_complete": progress.all_complete(sections),
            "next_version": (latest.version if latest else 0) + 1,
        },
    )


@require("applications.work_on_bid", load_bid)
@require_POST
def submit(request, bid):
    try:
        expected = int(request.POST.get("submission_version", ""))
    except ValueError:
        expected = None
    try:
        submission, created = bids.submit(bid, request.user, expected_version=expected)
    except bids.ActionRefused as refused:
        refusal_message(request, refused)
        return redirect("applications:bid_overview", pk=bid.pk)
    bid.refresh_from_db()
    if not created and bid.status != Bid.Status.SUBMITTED:
        messages.info(
            request,
            "This page was out of date: your application has not been submitted again. "
            "Check your answers, then submit.",
        )
        return redirect("applications:bid_check", pk=bid.pk)
    return redirect("applications:bid_confirmation", pk=bid.pk)


@require("applications.work_on_bid", load_bid)
def confirmation(request, bid):
    submission = bid.submissions.order_by("-version").first()
    if submission is None or bid.status != Bid.Status.SUBMITTED:
        return redirect("applications:bid_overview", pk=bid.pk)
    recipients = sorted(bid.collaborators.values_list("user__email", flat=True))
    return render(
        request,
        "applications/confirmation.html",
        {
            "bid": bid,
            "round": bid.round,
            "submission": submission,
            "recipients": recipients,
            "round_open": bid.round.is_open(),
        },
    )


@require("applications.work_on_bid", load_bid)
def reopen(request, bid):
    if request.method == "POST":
        try:
            bids.reopen(bid, request.user)
        except bids.ActionRefused as refused:
            refusal_message(request, refused)
            return redirect("applications:bid_overview", pk=bid.pk)
        messages.success(
            request,
            "Your application has been reopened. Submit it again before the deadline: until "
            "you do, programme staff see the version you submitted before.",
        )
        return redirect("applications:bid_overview", pk=bid.pk)
    if not access.may_reopen(request.user, bid):
        return redirect("applications:bid_overview", pk=bid.pk)
    return render(request, "applications/reopen.html", {"bid": bid})


@require("applications.work_on_bid", load_bid)
def withdraw(request, bid):
    if not access.may_withdraw(request.user, bid):
        messages.error(request, "Only the lead applicant can withdraw this application.")
        return redirect("applications:bid_overview", pk=bid.pk)
    form = forms.WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            bids.withdraw(bid, request.user, form.cleaned_data["reason"])
        except bids.ActionRefused as refused:
            refusal_message(request, refused)
            return redirect("applications:bid_overview", pk=bid.pk)
        return redirect("applications:bid_withdrawn", pk=bid.pk)
    return render(request, "applications/withdraw.html", {"bid": bid, "form": form})


@require("applications.work_on_bid", load_bid)
def withdrawn(request, bid):
    if bid.status != Bid.Status.WITHDRAWN:
        return redirect("applications:bid_overview", pk=bid.pk)
    return render(request, "applications/withdrawn.html", {"bid": bid})


@require("applications.work_on_bid", load_bid)
def team(request, bid):
    now = timezone.now()
    can_invite = access.may_invite(request.user, bid, now)
    form = forms.InviteForm(request.POST or None)
    if request.method == "POST":
        if not can_invite:
            raise Http404("Only the lead applicant can invite colleagues")
        if form.is_valid():
            try:
                invitation = bids.invite(bid, request.user, form.cleaned_data["email"])
            except bids.ActionRefused as refused:
                refusal_to_form(form, refused)
            else:
                messages.success(request, f"We have sent an invitation to {invitation.email}")
                return redirect("applications:bid_team", pk=bid.pk)
    pending = bid.invitations.filter(accepted_at__isnull=True, expires_at__gt=now)
    return render(
        request,
        "applications/team.html",
        {
            "bid": bid,
            "form": form,
            "can_invite": can_invite,
            "collaborators": bid.collaborators.select_related("user"),
            "pending": pending,
        },
    )


def accept_invitation(request, token):
    invitation = get_object_or_404(BidInvitation.objects.select_related("bid"), token=token)
    if not request.user.is_authenticated:
        return render(request, "applications/invitation_sign_in.html", {"invitation": invitation})
    problem = bids.invitation_problem(invitation, request.user)
    if problem and request.user.has_perm("applications.work_on_bid", invitation.bid):
        return redirect("applications:bid_overview", pk=invitation.bid_id)
    if problem:
        return render(
            request,
            "applications/invitation_problem.html",
            {"invitation": invitation, "problem": problem},
            status=403,
        )
    if request.method == "POST":
        try:
            bids.accept_invitation(invitation, request.user)
        except bids.ActionRefused as refused:
            refusal_message(request, refused)
            return redirect("applications:dashboard")
        messages.success(request, "You have joined the application")
        return redirect("applications:bid_overview", pk=invitation.bid_id)
    return render(request, "applications/invitation_accept.html", {"invitation": invitation})


@require("applications.download_submission", load_bid)
def submission_pdf(request, bid, version):
    submission = get_object_or_404(
        bid.submissions.select_related("bid__round", "submitted_by"), version=version
    )
    response = HttpResponse(bid_pdf(submission), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{pdf_filename(submission)}"'
    return response
