from django.urls import reverse

from applications.models import Bid
from tests.apply_helpers import fill_all, start
from tests.factories.accounts import sign_in_client


def test_fill_and_submit(
    client, open_round, applicant, django_capture_on_commit_callbacks, mailoutbox
):
    sign_in_client(client, applicant)
    bid = start(open_round, applicant)
    fill_all(client, bid, open_round)
    response = client.get(reverse("applications:bid_check", args=[bid.pk]))
    assert response.status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("applications:bid_submit", args=[bid.pk]), {"submission_version": "1"}
        )
    assert response.status_code == 302
    bid.refresh_from_db()
    assert bid.status == Bid.Status.SUBMITTED
    assert len(mailoutbox) == 1
    for url in [
        reverse("applications:dashboard"),
        reverse("applications:bid_overview", args=[bid.pk]),
        reverse("applications:bid_confirmation", args=[bid.pk]),
        reverse("applications:submission_pdf", args=[bid.pk, 1]),
    ]:
        assert client.get(url).status_code == 200, url
