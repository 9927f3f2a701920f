import json

from django.contrib import messages
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Count, Q
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from applications.models import Round
from cohorts import building, emails, forms, offers, outbox, publication, release
from cohorts.models import Cohort, CohortMember, EmailKind, Offer
from cohorts.rules import is_published
from core.access import require
from core.csvsafe import csv_response
from core.dates import LONDON, format_datetime
from core.pdf import render_pdf
from core.refusals import posted, refusal_message, refusal_to_form
from scoring.models import Decision

# Programme staff: decisions, emails, offers -------------------------------------------


@require("cohorts.manage")
def manage_index(request):
    rounds = Round.objects.annotate(
        decisions=Count("bids__decision", distinct=True),
        released=Count(
            "bids__decision", filter=Q(bids__decision__released_at__isnull=False), distinct=True
        ),
    ).order_by("-number")
    cohorts = {c.round_id: c for c in Cohort.objects.all()}
    rows = [(r, cohorts.get(r.pk)) for r in rounds]
    return render(request, "cohorts/manage_index.html", {"rows": rows, "now": timezone.now()})


def _round(slug):
    return get_object_or_404(Round, slug=slug)


MISSING_SHOWN = 50  # bids without a decision listed by name; the rest are counted


def _round_context(round_, now):
    decisions = release.outcome_counts(round_)
    offer_list = list(
        Offer.objects.filter(round=round_)
        .select_related("bid", "bid__decision", "responded_by", "replaces__bid")
        .order_by("offered_at", "pk")
    )
    reserves = list(
        Decision.objects.filter(bid__round=round_, outcome=Decision.Outcome.RESERVE)
        .select_related("bid")
        .order_by("reserve_position", "bid__reference")
    )
    offered_bids = {o.bid_id for o in offer_list}
    failed = list(
        outbox.decision_messages(round_)
        .filter(state=outbox.State.FAILED)
        .select_related("bid")
        .order_by("pk")[:50]
    )
    return {
        "round": round_,
        "now": now,
        "decisions": decisions,
        "unreleased": decisions["total"] - decisions["released"],
        "missing": release.missing_decisions(round_, limit=MISSING_SHOWN),
        "missing_count": release.bids_needing_decision(round_)
        .filter(decision__isnull=True)
        .count(),
        "templates": emails.templates_for(round_),
        "counts": outbox.counts(round_),
        "kind_counts": outbox.kind_counts(round_),
        "offers": [(o, o.status_at(now)) for o in offer_list],
        "accepted": sum(1 for o in offer_list if o.status == Offer.Status.ACCEPTED),
        "reserves": [(d, d.bid_id in offered_bids) for d in reserves],
        "failed": failed,
        "round_open": round_.is_open(now),
    }


@require("cohorts.manage")
def manage_round(request, slug):
    round_ = _round(slug)
    now = timezone.now()
    default_day = offers.reply_by_for(now).date()
    form = forms.ReleaseForm(initial={"reply_by": default_day})
    context = _round_context(round_, now)
    context["form"] = form
    return render(request, "cohorts/manage_round.html", context)


@require("cohorts.manage")
@require_POST
def release_decisions(request, slug):
    round_ = _round(slug)
    now = timezone.now()
    form = forms.ReleaseForm(request.POST)
    if form.is_valid():
        try:
            result = release.release_decisions(
                round_, request.user, reply_by=form.reply_by_datetime(), now=now
            )
        except release.ReleaseError as refused:
            refusal_to_form(form, refused)
        else:
            if result.already:
                messages.info(request, "The decisions were already released")
            else:
                messages.success(
                    request,
                    f"{result.released} decisions released. Check the emails, then send them.",
                )
            return redirect("cohorts:manage_round", slug=round_.slug)
    context = _round_context(round_, now)
    context["form"] = form
    return render(request, "cohorts/manage_round.html", context)


@require("cohorts.manage")
def edit_template(request, slug, kind):
    round_ = _round(slug)
    if kind not in EmailKind.values:
        raise Http404
    template = emails.template_for(round_, kind)
    form = forms.EmailTemplateForm(posted(request), instance=template)
    if request.method == "POST" and form.is_valid():
        saved = emails.save_template(
            emails.template_for(round_, kind),
            request.user,
            subject=form.cleaned_data["subject"],
            body=form.cleaned_data["body"],
        )
        messages.success(request, f"{saved.get_kind_display()} email saved")
        return redirect("cohorts:preview_template", slug=round_.slug, kind=kind)
    placeholders = emails.PLACEHOLDERS[EmailKind(kind)]
    return render(
        request,
        "notifications/edit_template.html",
        {
            "round": round_,
            "template": template,
            "form": form,
            "placeholders": placeholders,
            "back_url": reverse("cohorts:manage_round", args=[round_.slug]) + "#emails",
            "save_label": "Save and preview",
        },
    )


OUTCOME_FOR_KIND = {
    EmailKind.OFFER: Decision.Outcome.ACCEPT,
    EmailKind.RESERVE: Decision.Outcome.RESERVE,
    EmailKind.UNSUCCESSFUL: Decision.Outcome.REJECT,
}


@require("cohorts.manage")
def preview_template(request, slug, kind):
    round_ = _round(slug)
    if kind not in EmailKind.values:
        raise Http404
    template = emails.template_for(round_, kind)
    decision = (
        Decision.objects.filter(bid__round=round_, outcome=OUTCOME_FOR_KIND[EmailKind(kind)])
        .select_related("bid__round")
        .order_by("reserve_position", "bid__reference")
        .first()
    )
    rendered = recipient = sample_reply_by = None
    if decision is not None:
        bid = decision.bid
        collaborator = bid.collaborators.select_related("user").order_by("added_at").first()
        recipient = collaborator.user if collaborator else None
        offer = Offer.objects.filter(bid=bid).first()
        values = emails.values_for(
            bid,
            kind,
            name=recipient.full_name if recipient else "",
            decision=decision,
            offer=offer,
        )
        if kind == EmailKind.OFFER and offer is None:
            # Before release: the date the release form suggests, as an example.
            sample_reply_by = offers.reply_by_for(timezone.now())
            values["reply_by"] = format_datetime(sample_reply_by)
        rendered = emails.render(template, values)
    return render(
        request,
        "cohorts/email_preview.html",
        {
            "round": round_,
            "template": template,
            "decision": decision,
            "recipient": recipient,
            "rendered": rendered,
            "sample_reply_by": sample_reply_by,
        },
    )


@require("cohorts.manage")
@require_POST
def send_emails(request, slug):
    round_ = _round(slug)
    if not release.decisions_of(round_).filter(released_at__isnull=False).exists():
        messages.error(request, "Release the decisions before you send the emails")
        return redirect("cohorts:manage_round", slug=round_.slug)
    queued = outbox.queue(round_, actor=request.user)
    return _back_to_emails(
        request,
        round_,
        queued,
        f"{queued} emails are being sent",
        "There were no new emails to send",
    )


@require("cohorts.manage")
@require_POST
def retry_emails(request, slug):
    round_ = _round(slug)
    retried = outbox.retry_failed(round_, actor=request.user)
    return _back_to_emails(
        request,
        round_,
        retried,
        f"{retried} failed emails are being sent again",
        "There were no failed emails to retry",
    )


def _back_to_emails(request, round_, count, done, nothing):
    """Say what was queued (`done`) or that nothing was (`nothing`), back on the emails."""
    if count:
        messages.success(request, done)
    else:
        messages.info(request, nothing)
    return redirect(reverse("cohorts:manage_round", args=[round_.slug]) + "#emails")


@require("cohorts.manage")
def email_progress(request, slug):
    round_ = _round(slug)
    counts = outbox.counts(round_)
    return JsonResponse({key: counts[key] for key in ("sent", "queued", "sending", "failed")})


# Programme staff: building and scheduling the cohort -----------------------------------


def _cohort_context(round_, cohort, now):
    members = publication.members_of(cohort)
    return {
        "round": round_,
        "cohort": cohort,
        "members": members,
        "waiting": list(building.accepted_not_in_cohort(round_)),
        "published": is_published(cohort, now),
        "now": now,
    }


@require("cohorts.manage")
def manage_cohort(request, slug):
    round_ = _round(slug)
    cohort = building.cohort_for(round_)
    return render(
        request, "cohorts/manage_cohort.html", _cohort_context(round_, cohort, timezone.now())
    )


@require("cohorts.manage")
@require_POST
def add_members(request, slug):
    round_ = _round(slug)
    added = building.add_accepted(round_, request.user)
    if added:
        messages.success(
            request,
            f"{len(added)} {'partnership' if len(added) == 1 else 'partnerships'} "
            "added to the cohort",
        )
    else:
        messages.info(request, "No accepted partnerships were waiting to be added")
    return redirect("cohorts:manage_cohort", slug=round_.slug)


@require("cohorts.manage")
def edit_details(request, slug):
    round_ = _round(slug)
    cohort = building.cohort_for(round_)
    form = forms.CohortDetailsForm(
        posted(request),
        initial={
            "name": cohort.name,
            "starts_on": cohort.starts_on,
            "introduction": cohort.introduction,
        },
    )
    if request.method == "POST" and form.is_valid():
        building.update_details(cohort, request.user, **form.cleaned_data)
        messages.success(request, "Cohort details saved")
        return redirect("cohorts:manage_cohort", slug=round_.slug)
    return render(
        request, "cohorts/cohort_details.html", {"round": round_, "cohort": cohort, "form": form}
    )


@require("cohorts.manage")
def edit_note(request, slug, pk):
    round_ = _round(slug)
    member = get_object_or_404(
        CohortMember.objects.select_related("cohort__round", "bid"), pk=pk, cohort__round=round_
    )
    form = forms.NoteForm(posted(request), initial={"note": member.note})
    if request.method == "POST" and form.is_valid():
        building.set_note(member, request.user, form.cleaned_data["note"])
        messages.success(request, f"Note for {member.partnership_name} saved")
        return redirect("cohorts:manage_cohort", slug=round_.slug)
    return render(
        request, "cohorts/member_note.html", {"round": round_, "member": member, "form": form}
    )


@require("cohorts.manage")
def schedule(request, slug):
    round_ = _round(slug)
    cohort = building.cohort_for(round_)
    now = timezone.now()
    initial = {}
    if cohort.publish_at:
        local = timezone.localtime(cohort.publish_at, LONDON)
        initial = {"publish_on": local.date(), "publish_time": local.time()}
    form = forms.ScheduleForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            building.schedule(cohort, request.user, form.publish_at(), now=now)
        except building.CohortError as refused:
            refusal_to_form(form, refused)
        else:
            messages.success(request, "Publication scheduled")
            return redirect("cohorts:manage_cohort", slug=round_.slug)
    return render(
        request,
        "cohorts/schedule.html",
        {
            "round": round_,
            "cohort": cohort,
            "form": form,
            "published": is_published(cohort, now),
            "member_count": cohort.members.count(),
        },
    )


@require("cohorts.manage")
@require_POST
def unschedule(request, slug):
    round_ = _round(slug)
    cohort = building.cohort_for(round_)
    try:
        building.unschedule(cohort, request.user)
    except building.CohortError as refused:
        refusal_message(request, refused)
    else:
        messages.success(request, "Publication cancelled: the cohort is not scheduled")
    return redirect("cohorts:manage_cohort", slug=round_.slug)


# Applicants: answering an offer ---------------------------------------------------------


def load_offer(pk):
    return get_object_or_404(Offer.objects.select_related("bid__round", "round"), pk=pk)


@require("cohorts.respond_to_offer", load_offer)
def offer(request, offer):
    now = timezone.now()
    # No state change on a GET: the page shows an offer past its reply-by date as lapsed
    # by the clock (status_at); `run_scheduled` lapses it and offers the place on.
    form = forms.OfferResponseForm(posted(request))
    if request.method == "POST" and form.is_valid():
        accept = form.cleaned_data["response"] == "accept"
        try:
            offers.respond(
                offer, request.user, accept=accept, reason=form.cleaned_data["reason"], now=now
            )
        except offers.OfferError as refused:
            refusal_to_form(form, refused)
            offer.refresh_from_db()
        else:
            if accept:
                messages.success(request, f"You have accepted the place for {offer.bid}")
            else:
                messages.success(request, f"You have declined the place for {offer.bid}")
            return redirect("cohorts:offer", pk=offer.pk)
    decision = getattr(offer.bid, "decision", None)
    return render(
        request,
        "cohorts/offer.html",
        {
            "offer": offer,
            "bid": offer.bid,
            "decision": decision,
            "status": offer.status_at(now),
            "form": form,
        },
    )


# The public announcement -----------------------------------------------------------------


@require("cohorts.see_published")
def cohort_list(request):
    now = timezone.now()
    published = list(publication.published_cohorts(now).annotate(size=Count("members")))
    scheduled = []
    if request.user.has_perm("cohorts.manage"):
        scheduled = list(
            Cohort.objects.filter(Q(publish_at__isnull=True) | Q(publish_at__gt=now))
            .select_related("round")
            .annotate(size=Count("members"))
            .order_by("-round__number")
        )
    return render(request, "cohorts/list.html", {"published": published, "scheduled": scheduled})


def load_cohort(slug):
    return get_object_or_404(Cohort.objects.select_related("round"), round__slug=slug)


def _no_store_if_preview(response, cohort, now):
    if not is_published(cohort, now):
        response["Cache-Control"] = "no-store"
    return response


@require("cohorts.see_cohort", load_cohort)
def cohort_page(request, cohort):
    now = timezone.now()
    members = publication.members_of(cohort)
    earlier = publication.earlier_districts(cohort, now)
    response = render(
        request,
        "cohorts/cohort.html",
        {
            "cohort": cohort,
            "members": members,
            "map": publication.map_for(cohort, members, earlier),
            "earlier_count": len(earlier),
            "preview": not is_published(cohort, now),
        },
    )
    return _no_store_if_preview(response, cohort, now)


@require("cohorts.see_cohort", load_cohort)
def cohort_pdf(request, cohort):
    now = timezone.now()
    members = publication.members_of(cohort)
    earlier = publication.earlier_districts(cohort, now)
    pdf = render_pdf(
        "cohorts/pdf/announcement.html",
        {
            "cohort": cohort,
            "members": members,
            "map": publication.map_for(cohort, members, earlier),
            "preview": not is_published(cohort, now),
            "date": cohort.publish_at or now,
        },
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="leading-places-{cohort.round.slug}-cohort.pdf"'
    )
    return _no_store_if_preview(response, cohort, now)


@require("cohorts.see_cohort", load_cohort)
def cohort_csv(request, cohort):
    now = timezone.now()
    members = publication.members_of(cohort)
    response = csv_response(
        f"leading-places-{cohort.round.slug}-cohort.csv",
        publication.CSV_HEADER,
        publication.csv_rows(members),
    )
    return _no_store_if_preview(response, cohort, now)


@require("cohorts.see_cohort", load_cohort)
def cohort_json(request, cohort):
    now = timezone.now()
    members = publication.members_of(cohort)
    response = HttpResponse(
        json.dumps(
            publication.json_data(cohort, members), cls=DjangoJSONEncoder, ensure_ascii=False
        ),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = (
        f'inline; filename="leading-places-{cohort.round.slug}-cohort.json"'
    )
    return _no_store_if_preview(response, cohort, now)
