"""Programme staff pages: the bids of a round (filter, search, sort, CSV), one bid in full,
and the review of organisations typed in by applicants."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from applications import organisation_review, organisations, staff_bids, staff_export
from applications.models import Bid, Organisation, Round
from applications.staff_forms import MergeForm, OrganisationSearchForm
from core.access import require
from core.csvsafe import csv_response
from core.dates import LONDON
from core.refusals import refusal_to_form


@require("applications.see_all_bids")
def current_bids(request):
    round_ = staff_bids.latest_opened_round()
    if round_ is None:
        raise Http404("There are no rounds yet")
    return redirect("applications:staff_bids", slug=round_.slug)


def _filtered(request, round_):
    filterset = staff_bids.BidFilter(request.GET, queryset=staff_bids.bids_of(round_))
    key, descending = staff_bids.parse_sort(request.GET.get("sort"))
    return filterset, staff_bids.apply_sort(filterset.qs, key, descending), key, descending


@require("applications.see_all_bids")
def bid_list(request, slug):
    round_ = get_object_or_404(Round, slug=slug)
    filterset, queryset, key, descending = _filtered(request, round_)
    page = Paginator(queryset, staff_bids.PER_PAGE).get_page(request.GET.get("page"))
    rounds = Round.objects.filter(opens_at__lte=timezone.now()).exclude(pk=round_.pk)
    return render(
        request,
        "applications/staff/bid_list.html",
        {
            "round": round_,
            "filterset": filterset,
            "form": filterset.form,
            "has_errors": bool(filterset.form.errors),
            "page": page,
            "rows": staff_bids.list_rows(page.object_list),
            "page_numbers": page.paginator.get_elided_page_range(
                page.number, on_each_side=1, on_ends=1
            ),
            "ellipsis": page.paginator.ELLIPSIS,
            "headers": staff_bids.sort_headers(key, descending),
            "sort": request.GET.get("sort", ""),
            "filtered": any(
                request.GET.getlist(name) != [] and request.GET.getlist(name) != [""]
                for name in filterset.form.fields
            ),
            "other_rounds": rounds,
        },
    )


@require("applications.see_all_bids")
def bid_csv(request, slug):
    round_ = get_object_or_404(Round, slug=slug)
    _, queryset, _, _ = _filtered(request, round_)
    stamp = timezone.localtime(timezone.now(), LONDON).strftime("%Y-%m-%d-%H%M")
    return csv_response(
        f"{round_.slug}-bids-{stamp}.csv", staff_export.HEADER, staff_export.rows(queryset)
    )


@require("applications.see_all_bids")
def bid_detail(request, pk):
    bid = get_object_or_404(
        Bid.objects.select_related("round", "lead_organisation", "region", "created_by"), pk=pk
    )
    return render(
        request,
        "applications/staff/bid_detail.html",
        {"bid": bid, **staff_bids.detail(bid)},
    )


@require("applications.review_organisations")
def organisation_list(request):
    pending = list(organisation_review.to_review())
    return render(request, "applications/staff/organisations.html", {"organisations": pending})


@require("applications.review_organisations")
@require_POST
def organisation_reviewed(request, pk):
    organisation = get_object_or_404(Organisation, pk=pk)
    if organisation_review.mark_reviewed(organisation, request.user):
        messages.success(request, f"{organisation.name} marked as reviewed")
    return redirect("applications:staff_organisations")


@require("applications.review_organisations")
def organisation_merge(request, pk):
    duplicate = get_object_or_404(Organisation, pk=pk, merged_into__isnull=True)
    candidates = organisation_review.merge_candidates(duplicate)
    data = request.POST if request.method == "POST" else request.GET
    search = OrganisationSearchForm(data if "q" in data else None)
    query = search.cleaned_data["q"] if search.is_valid() else ""
    choices = (
        [o for o in organisations.search(query, limit=21) if o.pk != duplicate.pk][:20]
        if query
        else []
    )
    form = MergeForm(
        request.POST if request.method == "POST" else None,
        candidates=candidates,
        choices=choices,
        initial={"q": query},
    )
    if request.method == "POST" and form.is_valid():
        keep = form.cleaned_data["keep"]
        try:
            report = organisation_review.merge(duplicate, keep, request.user)
        except organisation_review.MergeRefused as refused:
            refusal_to_form(form, refused)
        else:
            messages.success(request, f"{duplicate.name} merged into {keep.name}")
            for line in report:
                messages.info(request, line)
            return redirect("applications:staff_organisations")
    return render(
        request,
        "applications/staff/organisation_merge.html",
        {
            "duplicate": duplicate,
            "search": search,
            "form": form,
            "query": query,
            "choices": choices,
            "bid_count": duplicate.bid_partnerships.count(),
        },
    )
