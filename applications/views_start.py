"""The service's start page (/, named core:start): the current round's dates, who can
apply, the round 1 pilots and the "Start now" button."""

from django.shortcuts import render

from applications.rounds import current_round
from cohorts.models import CohortMember


def start(request):
    round_ = current_round()
    pilots = (
        CohortMember.objects.filter(cohort__round__number=1)
        .select_related("region")
        .order_by("position")
    )
    return render(request, "applications/start_page.html", {"round": round_, "pilots": pilots})
