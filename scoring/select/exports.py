"""The selection exports: the ranking as CSV and the panel report as PDF."""

from django.http import HttpResponse
from django.utils import timezone

from core.access import require
from core.csvsafe import csv_response
from core.pdf import render_pdf
from scoring.rules.figures import format_percent, format_score
from scoring.rules.wording import format_number
from scoring.select import selection
from scoring.select.pages import load_round, proposal_context


def _fmt(value):
    """A criterion score or spread as every page shows it (one decimal, half up)."""
    return "" if value is None else format_score(value)


@require("scoring.see_selection")
def ranking_csv(request, round_slug):
    round_ = load_round(round_slug)
    current = selection.for_round(round_, viewer=request.user)
    criteria = current.data.criteria
    header = [
        "Rank",
        "Raw rank",
        "Reference",
        "Bid",
        "Region",
        "Theme",
        *[f"{c.name} ({format_number(float(c.weight))}%)" for c in criteria],
        "Spread (points)",
        "Raw total",
        "Calibrated total",
        "Status",
        "Reason listed separately",
        "Proposed",
        "Explanation",
        "Marginal",
        "Decision",
        "Reserve position",
    ]
    rows = []
    for row in current.rows:
        scored = row.scored
        rows.append(
            [
                row.rank or "",
                row.ranked.raw_rank if row.ranked and current.rules.calibrate else "",
                row.reference,
                row.info.name,
                row.info.region,
                row.info.theme_label,
                *[_fmt(scored.criterion_scores.get(c.pk)) for c in criteria],
                _fmt(scored.spread),
                format_percent(scored.raw_total),
                format_percent(scored.calibrated_total) if current.rules.calibrate else "",
                row.status_label,
                row.excluded.reason if row.excluded else "",
                "Yes" if row.proposed else "No",
                row.explanation,
                "; ".join(row.flips),
                row.info.decision_label,
                row.info.reserve_position or "",
            ]
        )
    return csv_response(f"ranking-{round_.slug}.csv", header, rows)


@require("scoring.see_selection")
def report_pdf(request, round_slug):
    round_ = load_round(round_slug)
    current = selection.for_round(round_, viewer=request.user)
    context = proposal_context(request, round_, current)
    context["generated_at"] = timezone.now()
    pdf = render_pdf("scoring/select/report_pdf.html", context, request=request)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="panel-report-{round_.slug}.pdf"'
    return response
