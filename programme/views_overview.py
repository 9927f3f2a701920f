"""The programme's front page and the overview for the board (page and PDF)."""

from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from cohorts.models import Cohort, CohortMember
from core.pdf import render_pdf
from programme import overview as board
from programme import pages
from programme.access import require
from programme.rules import member_ids_for
from programme.views_events import load_cohort


@require("programme.see_programme")
def home(request):
    staff = request.user.has_perm("programme.see_overview")
    mine = member_ids_for(request.user)
    own = pages.members_for(mine)
    cohort_ids = {m.cohort_id for m in own}
    context = {
        "staff": staff,
        "own": own,
        "others": list(
            CohortMember.objects.filter(cohort_id__in=cohort_ids)
            .exclude(pk__in=mine)
            .order_by("position", "partnership_name")
        ),
        "invitations": pages.events_for_members(mine),
        "cohorts": list(
            Cohort.objects.select_related("round")
            .annotate(size=Count("members"))
            .order_by("-round__number")
        )
        if staff
        else [],
    }
    return render(request, "programme/home.html", context)


@require("programme.see_overview")
def overview(request, slug):
    cohort = load_cohort(slug)
    filterset, rows, totals = board.overview(cohort, request.GET)
    return render(
        request,
        "programme/overview.html",
        {
            "cohort": cohort,
            "filter": filterset,
            "form": filterset.form,
            "rows": rows,
            "totals": totals,
            "query": request.GET.urlencode(),
        },
    )


@require("programme.see_overview")
def overview_pdf(request, slug):
    cohort = load_cohort(slug)
    filterset, rows, totals = board.overview(cohort, request.GET)
    pdf = render_pdf(
        "programme/pdf/overview.html",
        {"cohort": cohort, "rows": rows, "totals": totals, "date": timezone.now()},
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    day = timezone.localdate().isoformat()
    response["Content-Disposition"] = (
        f'attachment; filename="leading-places-{slug}-programme-overview-{day}.pdf"'
    )
    return response
