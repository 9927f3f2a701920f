"""Moderation: the dashboard, the page of a bid, moderated scores, returns and history."""

import re
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse

from applications.models import AuditEvent, Region
from scoring.assess import moderation
from scoring.models import Assessment, ModeratedScore
from tests.assess_helpers import (
    assign,
    eligible_bid,
    form_data,
    make_criteria,
    make_person,
    submitted_assessment,
)
from tests.factories.accounts import sign_in_client
from tests.factories.emails import delivered

pytestmark = pytest.mark.django_db


def text(response):
    return re.sub(r"\s+", " ", response.content.decode())


def make_panel(open_round, applicant):
    """Sheffield: three assessors submitted, place spread 3, split recommendations.
    Leeds: one of three submitted, no flags."""
    criteria = make_criteria(open_round)
    assessors = [make_person(f"assessor{i}@uni.ac.uk", name=f"Assessor {i}") for i in (1, 2, 3)]
    sheffield = eligible_bid(open_round, applicant, "Sheffield")
    leeds = eligible_bid(open_round, applicant, "Leeds")
    s_assignments = assign(sheffield, *assessors)
    l_assignments = assign(leeds, *assessors)
    submitted_assessment(
        s_assignments[0],
        criteria,
        [3, 2, 4, 3, 4],
        "fund",
        justification="First assessor explains " * 10,  # 30 words, as submitting needs
    )
    submitted_assessment(s_assignments[1], criteria, [4, 5, 4, 3, 4], "fund")
    submitted_assessment(s_assignments[2], criteria, [3, 4, 3, 3, 3], "do_not_fund")
    submitted_assessment(l_assignments[0], criteria, [4, 4, 4, 4, 4], "fund")
    return {
        "round": open_round,
        "criteria": criteria,
        "assessors": assessors,
        "sheffield": sheffield,
        "leeds": leeds,
        "s_assignments": s_assignments,
    }


@pytest.fixture
def panel(open_round, applicant):
    return make_panel(open_round, applicant)


@pytest.fixture
def panel_emailed(open_round, applicant):
    """`panel` for the tests that count emails: the two submission confirmations of the
    set-up are sent first (by the product's sender), so the emails a test sees are its own."""
    with delivered() as sent:
        made = make_panel(open_round, applicant)
    assert sent == [("submission_confirmation", applicant.email)] * 2
    return made


def bid_url(bid):
    return reverse("scoring:moderate_bid", kwargs={"bid_pk": bid.pk})


def test_dashboard_lists_bids_with_totals_flags_and_status(client, panel, chair):
    sign_in_client(client, chair)
    page = text(client.get(reverse("scoring:moderation")))
    # Sheffield: partnership mean 10/3, place 11/3, ambition 11/3, delivery 3, outcomes 11/3
    # 30*(10/3)/5 + 20*(11/3)/5 + 20*(11/3)/5 + 15*3/5 + 15*(11/3)/5 = 20+14.67+14.67+9+11
    assert "2 bids" in page
    assert "69.3%" in page
    assert "80.0%" in page  # Leeds: every criterion 4 of 5
    assert "3 of 3" in page and "1 of 3" in page
    assert page.count("Scores far apart</strong>") == 1
    assert page.count("Recommendations differ</strong>") == 1
    assert "Ready for moderation</strong>" in page
    assert "Awaiting assessments</strong>" in page


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"flag": "any"}, ["LP2-0001"]),
        ({"flag": "spread"}, ["LP2-0001"]),
        ({"flag": "recommendation"}, ["LP2-0001"]),
        ({"flag": "below_minimum"}, []),
        ({"flag": "none"}, ["LP2-0002"]),
        ({"status": "awaiting"}, ["LP2-0002"]),
        ({"status": "ready"}, ["LP2-0001"]),
        ({"status": "moderated"}, []),
    ],
)
def test_dashboard_filters(client, panel, chair, query, expected):
    sign_in_client(client, chair)
    page = text(client.get(reverse("scoring:moderation"), query))
    found = re.findall(r">(LP2-\d{4})</a>", page)
    assert found == expected


def test_dashboard_filters_by_region(client, panel, chair):
    sign_in_client(client, chair)
    region = Region.objects.get(name="Yorkshire and The Humber")
    page = text(client.get(reverse("scoring:moderation"), {"region": region.pk}))
    assert re.findall(r">(LP2-\d{4})</a>", page) == ["LP2-0001", "LP2-0002"]
    other = Region.objects.get(name="London")
    page = text(client.get(reverse("scoring:moderation"), {"region": other.pk}))
    assert "No bids match these filters." in page


@pytest.mark.parametrize("size", [2, 8])
def test_dashboard_query_count_is_fixed(
    client, open_round, applicant, chair, size, django_assert_num_queries
):
    criteria = make_criteria(open_round)
    assessors = [make_person(f"q{i}@uni.ac.uk") for i in range(3)]
    for index in range(size):
        bid = eligible_bid(open_round, applicant, "Leeds")
        for n, assignment in enumerate(assign(bid, *assessors)):
            submitted_assessment(assignment, criteria, [(index + n) % 6] * 5)
        ModeratedScore.objects.create(
            bid=bid, criterion=criteria[0], score=3, rationale="Agreed", moderated_by=chair
        )
    sign_in_client(client, chair)
    with django_assert_num_queries(14):
        response = client.get(reverse("scoring:moderation"), {"flag": "any"})
    assert response.status_code == 200
    assert text(response).count("Moderated</strong>") == size


def test_dashboard_is_for_chairs_and_staff(client, panel, applicant, assessor, staff_user):
    sign_in_client(client, assessor)
    assert client.get(reverse("scoring:moderation")).status_code == 403
    sign_in_client(client, applicant)
    assert client.get(reverse("scoring:moderation")).status_code == 403
    sign_in_client(client, staff_user)
    page = text(client.get(reverse("scoring:moderation")))
    assert "only the panel chair can change them" in page


def test_bid_page_shows_scores_side_by_side_with_flags(client, panel, chair):
    sign_in_client(client, chair)
    page = text(client.get(bid_url(panel["sheffield"])))
    assert "Scores side by side" in page
    assert "Assessor 1" in page and "Assessor 2" in page and "Assessor 3" in page
    assert (
        "Scores for Place and geography range from 2 to 5: a spread of 3 points, which "
        "reaches the threshold of 2 points." in page
    )
    assert "Assessors disagree on the recommendation: fund (2), do not fund (1)" in page
    assert "First assessor explains" in page
    # Place and geography: mean 3.7, median 4, spread 3.
    assert "Mean 3.7, median 4, spread 3." in page
    assert "Record a moderated score" in page
    assert 'Return<span class="govuk-visually-hidden"> the assessment by Assessor 1' in page


def test_moderated_score_requires_a_rationale_and_is_kept_in_history(client, panel, chair):
    bid, criterion = panel["sheffield"], panel["criteria"][1]
    url = reverse(
        "scoring:moderate_criterion", kwargs={"bid_pk": bid.pk, "criterion_pk": criterion.pk}
    )
    sign_in_client(client, chair)
    page = text(client.post(url, {"score": "4", "rationale": "  "}))
    assert "Enter a rationale for the moderated score" in page
    assert not ModeratedScore.objects.exists()
    page = text(client.post(url, {"score": "6", "rationale": "Agreed"}))
    assert "Moderated score for Place and geography must be between 0 and 5" in page
    response = client.post(url, {"score": "3.5", "rationale": "Panel agreed on partial."})
    assert response.status_code == 302
    moderated = ModeratedScore.objects.get()
    assert (moderated.score, moderated.rationale, moderated.moderated_by) == (
        Decimal("3.5"),
        "Panel agreed on partial.",
        chair,
    )
    client.post(url, {"score": "4", "rationale": "Second look: good."})
    assert ModeratedScore.history.count() == 2
    assert ModeratedScore.history.first().history_user == chair
    page = text(client.get(bid_url(bid)))
    assert "Moderated score: 4</strong>" in page
    assert "Moderated score: 3.5 → 4" in page.replace("<strong>", "").replace("</strong>", "")
    assert AuditEvent.objects.filter(action="score_moderated").count() == 2
    page = text(client.get(reverse("scoring:moderation"), {"status": "moderated"}))
    assert re.findall(r">(LP2-\d{4})</a>", page) == ["LP2-0001"]


def test_staff_can_read_but_not_moderate(client, panel, staff_user):
    bid, criterion = panel["sheffield"], panel["criteria"][0]
    sign_in_client(client, staff_user)
    page = text(client.get(bid_url(bid)))
    assert "Scores side by side" in page
    assert "Record a moderated score" not in page
    assert "History" in page
    url = reverse(
        "scoring:moderate_criterion", kwargs={"bid_pk": bid.pk, "criterion_pk": criterion.pk}
    )
    assert client.post(url, {"score": "3", "rationale": "No"}).status_code == 403
    assert not ModeratedScore.objects.exists()


def test_return_reopens_with_a_comment_and_emails_the_assessor(
    client, panel_emailed, chair, django_capture_on_commit_callbacks
):
    panel = panel_emailed
    bid = panel["sheffield"]
    assessor = panel["assessors"][0]
    assessment = panel["s_assignments"][0].assessment
    url = reverse(
        "scoring:return_assessment",
        kwargs={"bid_pk": bid.pk, "assessment_pk": assessment.pk},
    )
    sign_in_client(client, chair)
    page = text(client.post(url, {"comment": ""}))
    assert "Enter a comment for the assessor" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"comment": "Please justify the place score with evidence."})
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.status == "returned"
    assert assessment.returned_comment == "Please justify the place score with evidence."
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["assessor1@uni.ac.uk"]
    assert mail.outbox[0].subject == "Your assessment of LP2-0001 has been returned for changes"
    assert "Please justify the place score with evidence." in mail.outbox[0].body
    # Its scores leave the comparison: 2 of 3 submitted now.
    data = moderation.for_bid(bid, chair)
    assert (data.submitted, data.expected) == (2, 3)
    # Returning it again is refused (it is no longer submitted).
    page = text(client.post(url, {"comment": "Again"}))
    assert "This assessment is not submitted, so it cannot be returned" in page

    sign_in_client(client, assessor)
    queue = text(client.get(reverse("scoring:queue")))
    assert "Returned for changes" in queue
    assert "Please justify the place score with evidence." in queue
    score_url = reverse("scoring:score", kwargs={"bid_pk": bid.pk})
    page = text(client.get(score_url))
    assert "Please justify the place score with evidence." in page
    assert 'type="radio"' in page  # editable again
    assert "Scores side by side" not in page  # independence again until resubmitted
    response = client.post(
        score_url,
        form_data(panel["criteria"], [3, 3, 4, 3, 4], submit="1", version=assessment.version),
    )
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.status == "submitted"


def test_history_shows_who_when_old_and_new(client, panel, chair, make_user):
    bid = panel["sheffield"]
    assessor = panel["assessors"][0]
    assessment = panel["s_assignments"][0].assessment
    # submit_assessment's rows: made (not started) and saved as submitted
    assert Assessment.history.filter(id=assessment.pk).count() == 2
    sign_in_client(client, chair)
    client.post(
        reverse(
            "scoring:return_assessment", kwargs={"bid_pk": bid.pk, "assessment_pk": assessment.pk}
        ),
        {"comment": "Look again at partnership."},
    )
    sign_in_client(client, assessor)
    assessment.refresh_from_db()
    data = form_data(panel["criteria"], [2, 2, 4, 3, 4], submit="1", version=assessment.version)
    client.post(reverse("scoring:score", kwargs={"bid_pk": bid.pk}), data)
    sign_in_client(client, chair)
    page = text(client.get(bid_url(bid)))
    history = page.split('id="history"')[1]
    assert "Strength of partnership score by Assessor 1" in history
    assert "<strong>Score:</strong> 3 → 2" in history
    assert "<strong>Status:</strong> Returned for changes → Submitted" in history
    assert (
        "<strong>Comment from the panel chair:</strong> set to Look again at partnership."
        in history
    )
    assert "Chris Chair" in history and "Assessor 1" in history
    assert Assessment.history.filter(id=assessment.pk).count() == 2 + 2  # returned, resubmitted
