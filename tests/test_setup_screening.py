import pytest
from django.urls import reverse

from applications.models import AuditEvent, Bid
from scoring.models import Assignment
from scoring.setup import screening
from tests.factories.accounts import sign_in_client
from tests.factories.applications import make_bid
from tests.setup_helpers import make_assessors, submitted_bids

pytestmark = pytest.mark.django_db

OPEN_WARNING = "Applications are still open: applicants can still change or withdraw their bids"


def test_ineligible_needs_a_reason(client, staff_user, open_round, applicant):
    (bid,) = submitted_bids(open_round, applicant, 1)
    with pytest.raises(screening.ScreeningError) as error:
        screening.screen(bid, Bid.Screening.INELIGIBLE, "  ", staff_user)
    assert str(error.value) == "Enter the reason the bid is ineligible"
    sign_in_client(client, staff_user)
    url = reverse("scoring:setup_screen_bid", args=[open_round.slug, bid.pk])
    response = client.post(url, {"outcome": "ineligible", "reason": ""})
    html = response.content.decode()
    assert response.status_code == 200
    assert '<a href="#id_reason">Enter the reason the bid is ineligible</a>' in html
    bid.refresh_from_db()
    assert bid.screening == "pending"
    assert not AuditEvent.objects.filter(action="bid.screened").exists()
    response = client.post(url, {})
    assert "Select whether the bid is eligible" in response.content.decode()


def test_screening_is_audited_with_old_and_new(client, staff_user, open_round, applicant):
    (bid,) = submitted_bids(open_round, applicant, 1)
    sign_in_client(client, staff_user)
    url = reverse("scoring:setup_screen_bid", args=[open_round.slug, bid.pk])
    response = client.post(url, {"outcome": "eligible", "reason": ""})
    assert response.status_code == 302
    assert response.url == reverse("scoring:setup_screening", args=[open_round.slug])
    response = client.post(url, {"outcome": "ineligible", "reason": "Not in England"})
    bid.refresh_from_db()
    assert (bid.screening, bid.screening_reason, bid.screened_by) == (
        "ineligible",
        "Not in England",
        staff_user,
    )
    events = list(AuditEvent.objects.filter(action="bid.screened").order_by("pk"))
    assert [(e.actor, e.bid, e.old, e.new) for e in events] == [
        (
            staff_user,
            bid,
            {"screening": "pending", "reason": ""},
            {"screening": "eligible", "reason": ""},
        ),
        (
            staff_user,
            bid,
            {"screening": "eligible", "reason": ""},
            {"screening": "ineligible", "reason": "Not in England"},
        ),
    ]
    page = client.get(url).content.decode()
    assert "Screening changed from Eligible to Ineligible: Not in England" in page
    assert "Screening changed from Not screened to Eligible" in page


def test_ineligible_bids_leave_assessment(client, staff_user, open_round, applicant, make_user):
    (bid,) = submitted_bids(open_round, applicant, 1)
    screening.screen(bid, Bid.Screening.ELIGIBLE, "", staff_user)
    first, second = make_assessors(make_user, 2)
    Assignment.objects.create(bid=bid, assessor=first)
    Assignment.objects.create(bid=bid, assessor=second)
    sign_in_client(client, staff_user)
    url = reverse("scoring:setup_screen_bid", args=[open_round.slug, bid.pk])
    response = client.post(url, {"outcome": "ineligible", "reason": "No university partner"})
    assert response.status_code == 302
    assert Assignment.objects.filter(bid=bid).count() == 0
    removed = AuditEvent.objects.filter(action="assignment.removed").order_by("pk")
    assert [(e.old, e.note) for e in removed] == [
        (
            {"assessor": "Assessor assessor 00", "manual": False},
            "The bid was screened as ineligible",
        ),
        (
            {"assessor": "Assessor assessor 01", "manual": False},
            "The bid was screened as ineligible",
        ),
    ]
    page = client.get(response.url).content.decode()
    assert f"{bid.reference} screened as ineligible; 2 assessors unassigned" in page


def test_only_submitted_bids_can_be_screened(client, staff_user, open_round, applicant):
    draft = make_bid(open_round, applicant, "Leeds")
    with pytest.raises(screening.ScreeningError) as error:
        screening.screen(draft, Bid.Screening.ELIGIBLE, "", staff_user)
    assert str(error.value) == f"{draft} is not submitted, so it cannot be screened"
    sign_in_client(client, staff_user)
    url = reverse("scoring:setup_screen_bid", args=[open_round.slug, draft.pk])
    assert client.get(url).status_code == 404


def test_applicants_and_assessors_cannot_screen(open_round, applicant, assessor):
    (bid,) = submitted_bids(open_round, applicant, 1)
    for user in (applicant, assessor):
        with pytest.raises(screening.ScreeningError):
            screening.screen(bid, Bid.Screening.ELIGIBLE, "", user)


def test_screening_list_counts_and_warning(client, staff_user, open_round, applicant):
    bids = submitted_bids(open_round, applicant, 4)
    make_bid(open_round, applicant, "Hull")  # a draft: not listed
    screening.screen(bids[0], Bid.Screening.ELIGIBLE, "", staff_user)
    screening.screen(bids[1], Bid.Screening.INELIGIBLE, "Outside England", staff_user)
    assert screening.counts(open_round) == {"pending": 2, "eligible": 1, "ineligible": 1}
    sign_in_client(client, staff_user)
    url = reverse("scoring:setup_screening", args=[open_round.slug])
    html = client.get(url).content.decode()
    assert "Not screened: <strong>2</strong>" in html
    assert "Eligible: <strong>1</strong>" in html
    assert "Ineligible: <strong>1</strong>" in html
    assert OPEN_WARNING in html
    assert html.count('<tr class="govuk-table__row">') == 5  # header and four bids
    pending = client.get(url + "?show=pending").content.decode()
    assert bids[2].reference in pending and bids[0].reference not in pending


@pytest.mark.parametrize("size", [3, 30])
def test_screening_list_queries_do_not_grow(
    client, staff_user, open_round, applicant, size, django_assert_max_num_queries
):
    bids = submitted_bids(open_round, applicant, size)
    for bid in bids[::2]:
        screening.screen(bid, Bid.Screening.INELIGIBLE, "Reason", staff_user)
    sign_in_client(client, staff_user)
    url = reverse("scoring:setup_screening", args=[open_round.slug])
    with django_assert_max_num_queries(6):
        response = client.get(url)
    assert response.content.decode().count("screened as") == 0
    assert response.content.decode().count("Change<span") == len(bids[::2])
