"""The scoring layout's shared pieces: selection's own address (old bookmarks redirect) and
the one definition of "bids in assessment" (Bid.objects.in_assessment())."""

from applications.models import Bid
from tests.factories.accounts import sign_in_client
from tests.factories.applications import make_bid
from tests.setup_helpers import mark_eligible


def test_selection_has_its_own_address_and_old_bookmarks_redirect(client, chair, open_round):
    sign_in_client(client, chair)
    response = client.get(f"/assess/selection/{open_round.slug}/proposal/?page=2")
    assert response.status_code == 301
    assert response["Location"] == f"/selection/{open_round.slug}/proposal/?page=2"
    assert client.get(f"/selection/{open_round.slug}/proposal/").status_code == 200


def test_bids_in_assessment_are_submitted_and_screened_eligible(applicant, staff_user, open_round):
    draft = make_bid(open_round, applicant, "Leeds")
    pending = make_bid(open_round, applicant, "Hull", submitted=True)
    eligible = mark_eligible(
        [make_bid(open_round, applicant, "Sheffield", submitted=True)], staff_user
    )[0]
    assert list(Bid.objects.for_round(open_round).submitted().order_by("pk")) == [pending, eligible]
    assert list(Bid.objects.for_round(open_round).in_assessment()) == [eligible]
    assert [bid.is_in_assessment for bid in (draft, pending, eligible)] == [False, False, True]
