"""Peer review through the domain and the pages: who sees what and when, who may write,
and the refusals (outside the reviewing partnership, one's own partnership, after close,
an incomplete review), with the emails exactly once."""

import pytest
from django.http import Http404
from django.urls import reverse

from accounts import permissions
from learning import peer_review, reviews
from learning.models import PeerReview, PeerReviewPair, Pitch
from notifications.models import OutboxMessage
from tests.factories.accounts import applicant_for, sign_in_client
from tests.factories.learning import REVIEW, opened_review, pair, write

pytestmark = pytest.mark.django_db


@pytest.fixture
def review_of_three(open_round, chair, staff_user):
    members, review = opened_review(open_round, chair, staff_user)
    return members, review


def as_lead(client, place):
    sign_in_client(client, applicant_for(place))
    return client


def reviews_url(review, member):
    return reverse("learning:reviews_of", args=[review.pk, member.pk])


def partnership_url(review, member):
    return reverse("learning:review_partnership", args=[review.pk, member.pk])


def test_opening_assigns_every_partnership_two_peers_and_emails_once(review_of_three, staff_user):
    members, review = review_of_three
    names = {
        (p.reviewer.partnership_name, p.reviewed.partnership_name)
        for p in PeerReviewPair.objects.filter(review=review).select_related("reviewer", "reviewed")
    }
    sheffield, leeds, liverpool = (
        members[p].partnership_name for p in ("Sheffield", "Leeds", "Liverpool")
    )
    assert names == {
        (a, b)
        for a in (sheffield, leeds, liverpool)
        for b in (sheffield, leeds, liverpool)
        if a != b
    }
    opened = OutboxMessage.objects.filter(kind="learning_peer_review_opened")
    assert sorted(opened.values_list("to_email", flat=True)) == [
        "lead@leeds.example.gov.uk",
        "lead@liverpool.example.gov.uk",
        "lead@sheffield.example.gov.uk",
    ]
    assert f"- {leeds}\n- {liverpool}" in opened.get(to_email="lead@sheffield.example.gov.uk").body
    with pytest.raises(peer_review.Refused, match="already open"):
        peer_review.open_review(review.event, staff_user)
    assert OutboxMessage.objects.filter(kind="learning_peer_review_opened").count() == 3


def test_reviews_are_hidden_until_every_reviewer_submitted(client, review_of_three):
    members, review = review_of_three
    sheffield, leeds, liverpool = members["Sheffield"], members["Leeds"], members["Liverpool"]
    as_lead(client, "Sheffield")
    write(review, leeds, sheffield)
    page = client.get(reviews_url(review, sheffield)).content.decode()
    assert "1 of 2 reviews submitted" in page
    assert REVIEW["strengths"] not in page
    assert not OutboxMessage.objects.filter(kind="learning_peer_reviews_ready").exists()

    write(review, liverpool, sheffield, strengths="Liverpool's view of the strengths.")
    page = client.get(reviews_url(review, sheffield)).content.decode()
    assert "From Leeds" in page and "From Liverpool" in page
    assert REVIEW["strengths"] in page and "Liverpool&#x27;s view of the strengths." in page
    ready = OutboxMessage.objects.filter(kind="learning_peer_reviews_ready")
    assert list(ready.values_list("to_email", flat=True)) == ["lead@sheffield.example.gov.uk"]


def test_other_partnerships_and_outsiders_get_404(client, review_of_three, make_user):
    members, review = review_of_three
    sheffield, leeds, liverpool = members["Sheffield"], members["Leeds"], members["Liverpool"]
    write(review, leeds, sheffield)
    write(review, liverpool, sheffield)
    as_lead(client, "Leeds")
    assert client.get(reviews_url(review, sheffield)).status_code == 404
    assert client.get(partnership_url(review, sheffield)).status_code == 200  # its pitch
    outsider = make_user("someone@elsewhere.gov.uk", permissions.APPLICANT, "Out Sider")
    sign_in_client(client, outsider)
    assert client.get(reverse("learning:peer_review", args=[review.pk])).status_code == 404
    assert client.get(partnership_url(review, sheffield)).status_code == 404
    assert client.get(reviews_url(review, sheffield)).status_code == 404


def test_a_draft_is_never_shown_and_closing_releases_the_submitted(
    client, review_of_three, staff_user
):
    members, review = review_of_three
    sheffield, leeds, liverpool = members["Sheffield"], members["Leeds"], members["Liverpool"]
    write(review, leeds, sheffield)
    write(review, liverpool, sheffield, submit=False, strengths="An unfinished draft.")
    peer_review.close_review(review, staff_user)
    page = as_lead(client, "Sheffield").get(reviews_url(review, sheffield)).content.decode()
    assert REVIEW["strengths"] in page
    assert "An unfinished draft." not in page
    assert "1 of 2 reviewers submitted a review before the peer review closed" in page
    # Closing emails the partnerships with a submitted review, once.
    assert list(
        OutboxMessage.objects.filter(kind="learning_peer_reviews_ready").values_list(
            "to_email", flat=True
        )
    ) == ["lead@sheffield.example.gov.uk"]


def test_anonymous_review_hides_the_names_from_the_reviewed_not_from_staff(
    client, open_round, chair, staff_user
):
    members, review = opened_review(open_round, chair, staff_user, anonymous=True)
    sheffield, leeds, liverpool = members["Sheffield"], members["Leeds"], members["Liverpool"]
    write(review, leeds, sheffield)
    write(review, liverpool, sheffield)
    page = as_lead(client, "Sheffield").get(reviews_url(review, sheffield)).content.decode()
    assert page.count("From A peer partnership") == 2
    assert "From Leeds" not in page
    sign_in_client(client, staff_user)
    page = client.get(reviews_url(review, sheffield)).content.decode()
    assert "From Leeds" in page and "From Liverpool" in page


def test_only_the_reviewing_partnership_writes_its_review(client, review_of_three, staff_user):
    members, review = review_of_three
    sheffield, leeds = members["Sheffield"], members["Leeds"]
    leeds_pair = pair(review, leeds, sheffield)
    with pytest.raises(Http404):
        reviews.save_review(
            leeds_pair, applicant_for("Liverpool"), submit=True, **REVIEW
        )  # another partnership
    with pytest.raises(Http404):
        reviews.save_review(leeds_pair, staff_user, submit=True, **REVIEW)  # staff
    sign_in_client(client, staff_user)
    response = client.post(partnership_url(review, sheffield), {**REVIEW, "action": "submit"})
    assert response.status_code == 404
    leeds_pair.refresh_from_db()
    assert leeds_pair.saved_at is None and leeds_pair.strengths == ""


def test_a_review_of_ones_own_partnership_is_refused(client, review_of_three):
    members, review = review_of_three
    sheffield = members["Sheffield"]
    response = as_lead(client, "Sheffield").post(
        partnership_url(review, sheffield), {**REVIEW, "action": "submit"}
    )
    assert response.status_code == 200
    assert "You cannot review your own partnership" in response.content.decode()
    assert not PeerReviewPair.objects.filter(review=review, saved_at__isnull=False).exists()
    with pytest.raises(reviews.Refused, match="You cannot review your own partnership"):
        reviews.pair_for(review, applicant_for("Sheffield"), sheffield)


def test_an_incomplete_review_is_refused_beside_the_field_and_a_draft_keeps_it(
    client, review_of_three
):
    members, review = review_of_three
    sheffield, leeds = members["Sheffield"], members["Leeds"]
    as_lead(client, "Leeds")
    url = partnership_url(review, sheffield)
    response = client.post(url, {**REVIEW, "support": "", "action": "submit"})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'href="#id_support">Enter one offer of support</a>' in page
    assert REVIEW["strengths"] in page  # nothing typed is lost
    assert pair(review, leeds, sheffield).saved_at is None
    response = client.post(url, {**REVIEW, "support": "", "action": "save"})
    assert response.status_code == 302
    saved = pair(review, leeds, sheffield)
    assert (saved.strengths, saved.support, saved.submitted_at) == (REVIEW["strengths"], "", None)


def test_a_review_after_the_review_closed_is_refused(client, review_of_three, staff_user):
    members, review = review_of_three
    sheffield, leeds = members["Sheffield"], members["Leeds"]
    peer_review.close_review(review, staff_user)
    response = as_lead(client, "Leeds").post(
        partnership_url(review, sheffield), {**REVIEW, "action": "submit"}
    )
    # The page no longer offers the form; a POST made from an old page is refused.
    assert response.status_code in (200, 400)
    assert pair(review, leeds, sheffield).saved_at is None
    with pytest.raises(reviews.Refused, match="The peer review has closed"):
        write(review, leeds, sheffield)


def test_a_submitted_review_cannot_change(review_of_three):
    members, review = review_of_three
    write(review, members["Leeds"], members["Sheffield"])
    with pytest.raises(reviews.Refused, match="already submitted"):
        write(review, members["Leeds"], members["Sheffield"], strengths="Changed")


def test_pitch_material_shows_pitch_challenge_and_timeline(client, review_of_three):
    members, review = review_of_three
    sheffield = members["Sheffield"]
    peer_review.save_pitch(
        review, sheffield, applicant_for("Sheffield"), pitch="Good jobs, together."
    )
    page = as_lead(client, "Leeds").get(partnership_url(review, sheffield)).content.decode()
    assert "Good jobs, together." in page
    assert "A shared priority challenge for Sheffield" in page
    assert "<svg" in page and "Leadership group agrees the challenge" in page
    assert 'id="your-review"' in page
    with pytest.raises(Http404):
        peer_review.save_pitch(review, sheffield, applicant_for("Leeds"), pitch="Not ours")
    assert Pitch.objects.get(review=review, member=sheffield).text == "Good jobs, together."
    assert PeerReview.objects.count() == 1
