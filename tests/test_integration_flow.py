"""The seams between areas: a bid submitted by the applicant side is listed and opened by
staff, screened and assigned by the set-up side, scored by assessors, moderated by the
chair, with the real functions of each area."""

import pytest
from django.core import mail
from django.urls import reverse

from applications import bids
from applications.models import Bid
from scoring.assess.assessments import Entry, submit_assessment
from scoring.models import Assignment
from scoring.setup import assignment, interests, screening
from tests.assess_helpers import JUSTIFICATION, make_criteria, make_person
from tests.factories.accounts import sign_in_client
from tests.factories.applications import make_bid

pytestmark = pytest.mark.django_db


def test_submitted_bid_flows_through_assessment(
    client, open_round, applicant, staff_user, chair, django_capture_on_commit_callbacks
):
    draft = make_bid(open_round, applicant, "Sheffield")
    with django_capture_on_commit_callbacks(execute=True):
        submission, created = bids.submit(draft, applicant)
    assert created
    assert [m.to for m in mail.outbox] == [[applicant.email]]
    assert mail.outbox[0].attachments[0][0] == "LP2-0001-version-1.pdf"
    bid = Bid.objects.get(pk=draft.pk)

    # Staff open the bid and its PDF copy from the staff pages.
    sign_in_client(client, staff_user)
    detail = client.get(reverse("applications:staff_bid", args=[bid.pk])).content.decode()
    pdf_url = reverse("applications:submission_pdf", kwargs={"pk": bid.pk, "version": 1})
    assert f'href="{pdf_url}"' in detail
    pdf = client.get(pdf_url)
    assert (pdf.status_code, pdf["Content-Type"]) == (200, "application/pdf")

    # Set-up: criteria, screening, automatic assignment to three of four assessors.
    criteria = make_criteria(open_round)
    for i in range(4):  # each has recorded their interests (no organisations)
        interests.update_interests(make_person(f"assessor{i}@example.org"), organisations=[])
    screening.screen(bid, Bid.Screening.ELIGIBLE, "", staff_user)
    assignment.auto_assign(open_round, staff_user, notify=False)
    assigned = list(Assignment.objects.filter(bid=bid).select_related("assessor"))
    assert len(assigned) == 3

    # An assessor finds the conflict link on the score page and declares a conflict.
    first = assigned[0].assessor
    sign_in_client(client, first)
    score_page = client.get(reverse("scoring:score", args=[bid.pk])).content.decode()
    conflict_url = reverse("scoring:declare_conflict", kwargs={"bid_id": bid.pk})
    assert f'href="{conflict_url}"' in score_page
    response = client.post(conflict_url, {"reason": "I advised the council on this bid."})
    assert response.status_code == 302
    assert client.get(reverse("scoring:score", args=[bid.pk])).status_code == 404
    now_assigned = set(Assignment.objects.filter(bid=bid).values_list("assessor__email", flat=True))
    assert len(now_assigned) == 3
    assert first.email not in now_assigned

    # The three assessors submit; the chair sees the bid ready for moderation.
    entries = {c.pk: Entry(4, JUSTIFICATION) for c in criteria}
    for a in Assignment.objects.filter(bid=bid).select_related("assessor", "bid__round"):
        submit_assessment(a.assessor, a, entries, "fund")
    sign_in_client(client, chair)
    dashboard = client.get(reverse("scoring:moderation")).content.decode()
    assert "3 of 3" in dashboard
    assert "80.0%" in dashboard
    assert chair.has_perm("scoring.decide")
