"""The programme report, public once staff publish it (staff can preview it before)."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from core.pdf import render_pdf
from learning import report as programme_report
from learning.models import Report
from learning.views_common import load_cohort


def _visible(request, slug):
    cohort = load_cohort(slug)
    published = Report.objects.filter(cohort=cohort, published_at__isnull=False).exists()
    if not published and not request.user.has_perm("learning.manage"):
        raise Http404
    return cohort, published


def _no_store(response, published):
    if not published:
        response["Cache-Control"] = "no-store"
    return response


def report_list(request):
    reports = list(
        Report.objects.filter(published_at__isnull=False)
        .select_related("cohort__round")
        .order_by("-cohort__round__number")
    )
    return render(request, "learning/report_list.html", {"reports": reports})


def report_page(request, slug):
    cohort, published = _visible(request, slug)
    context = programme_report.build(cohort)
    context["preview"] = not published
    return _no_store(render(request, "learning/report.html", context), published)


def report_pdf(request, slug):
    cohort, published = _visible(request, slug)
    context = programme_report.build(cohort)
    context.update(preview=not published, date=timezone.now())
    response = HttpResponse(
        render_pdf("learning/pdf/report.html", context), content_type="application/pdf"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="leading-places-{slug}-programme-report.pdf"'
    )
    return _no_store(response, published)
