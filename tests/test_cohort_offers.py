import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.http import Http404

from applications.models import AuditEvent
from cohorts import offers, outbox, release
from cohorts.models import EmailKind, Offer
from core.dates import LONDON
from notifications.models import OutboxMessage
from tests.cohort_helpers import STANDARD, applicant_for, decided_bids
from tests.factories.accounts import sign_in_client

pytestmark = pytest.mark.django_db

RELEASED = dt.datetime(2030, 3, 1, 9, 0, tzinfo=LONDON)
REPLY_BY = dt.datetime(2030, 3, 15, 12, 0, tzinfo=LONDON)


@pytest.fixture
def released(open_round, staff_user, chair):
    bids = decided_bids(open_round, chair, STANDARD)
    release.release_decisions(open_round, staff_user, reply_by=REPLY_BY, now=RELEASED)
    outbox.queue(open_round, actor=staff_user, now=RELEASED)
    outbox.send_queued(open_round.pk)
    mail.outbox.clear()
    return bids


def offer_of(bid):
    return Offer.objects.get(bid=bid)


def test_accepting_an_offer(released):
    offer = offer_of(released["Sheffield"])
    user = applicant_for("Sheffield")
    before = REPLY_BY - dt.timedelta(hours=1)
    offers.respond(offer, user, accept=True, now=before)
    offer.refresh_from_db()
    assert (offer.status, offer.responded_by, offer.responded_at) == ("accepted", user, before)
    event = AuditEvent.objects.get(action="offer.accepted")
    assert (event.actor, event.bid, event.old, event.new) == (user, offer.bid, "open", "accepted")
    with pytest.raises(offers.OfferError) as error:
        offers.respond(offer, user, accept=False, reason="Changed our minds", now=before)
    assert error.value.message == "This offer has already been accepted"
    assert Offer.objects.count() == 2  # nobody promoted


def test_someone_elses_offer_is_not_found(released):
    offer = offer_of(released["Sheffield"])
    with pytest.raises(Http404):
        offers.respond(offer, applicant_for("Leeds"), accept=True, now=RELEASED)
    assert offer_of(released["Sheffield"]).status == "open"


def test_accepting_after_the_reply_by_date_is_refused_and_the_place_moves_on(released):
    offer = offer_of(released["Sheffield"])
    with pytest.raises(offers.OfferError) as error:
        offers.respond(offer, applicant_for("Sheffield"), accept=True, now=REPLY_BY)
    assert error.value.message == (
        "This offer lapsed at 12pm on Friday 15 March 2030, so you can no longer accept or "
        "decline it"
    )
    assert offer_of(released["Sheffield"]).status == "lapsed"
    assert offer_of(released["Liverpool"]).replaces == offer


def test_declining_offers_the_place_to_the_next_reserve(released):
    offer = offer_of(released["Leeds"])
    at = dt.datetime(2030, 3, 5, 10, 0, tzinfo=LONDON)
    with pytest.raises(offers.OfferError) as error:
        offers.respond(offer, applicant_for("Leeds"), accept=False, reason="  ", now=at)
    assert error.value.message == "Enter why you are declining the offer"

    offers.respond(
        offer, applicant_for("Leeds"), accept=False, reason="Our leader has changed", now=at
    )
    offer.refresh_from_db()
    assert (offer.status, offer.decline_reason) == ("declined", "Our leader has changed")
    promoted = offer_of(released["Liverpool"])
    assert promoted.replaces == offer
    assert promoted.reply_by == dt.datetime(2030, 3, 19, 12, 0, tzinfo=LONDON)
    message = OutboxMessage.objects.get(bid=released["Liverpool"], kind=EmailKind.OFFER)
    assert message.state == OutboxMessage.State.QUEUED
    outbox.send_queued()
    assert [m.to for m in mail.outbox] == [["lead@liverpool.example.gov.uk"]]
    assert mail.outbox[0].subject == "Leading Places: offer of a place for Liverpool (LP2-0003)"
    assert "Accept or decline the offer by 12pm on Tuesday 19 March 2030:" in mail.outbox[0].body
    assert AuditEvent.objects.filter(action="offer.made", bid=promoted.bid).count() == 1


def test_a_lapse_offers_the_place_to_the_next_reserve_once(released):
    # Liverpool (reserve 1) is offered Leeds's place, and declines; Sheffield lapses.
    at = dt.datetime(2030, 3, 5, 10, 0, tzinfo=LONDON)
    offers.respond(
        offer_of(released["Leeds"]),
        applicant_for("Leeds"),
        accept=False,
        reason="No capacity",
        now=at,
    )
    offers.respond(
        offer_of(released["Liverpool"]),
        applicant_for("Liverpool"),
        accept=False,
        reason="No capacity",
        now=at,
    )
    assert offer_of(released["Nottingham"]).replaces == offer_of(released["Liverpool"])

    assert offers.lapse_due(now=REPLY_BY - dt.timedelta(seconds=1)) == []
    lapsed = offers.lapse_due(now=REPLY_BY)
    assert [o.bid for o in lapsed] == [released["Sheffield"]]
    assert offers.lapse_due(now=REPLY_BY) == []
    assert offer_of(released["Sheffield"]).status == "lapsed"
    # No reserve left for Sheffield's place.
    assert Offer.objects.count() == 4
    assert AuditEvent.objects.filter(action="offer.no_reserve_left").count() == 1
    assert AuditEvent.objects.filter(action="offer.lapsed").count() == 1


def test_lapse_promotes_the_first_reserve(released):
    lapsed = offers.lapse_due(now=REPLY_BY + dt.timedelta(days=1))
    assert sorted(o.bid.place_name for o in lapsed) == ["Leeds", "Sheffield"]
    assert offer_of(released["Liverpool"]).status == "open"
    assert offer_of(released["Nottingham"]).status == "open"
    assert sorted(
        OutboxMessage.objects.filter(kind=EmailKind.OFFER, state="queued").values_list(
            "to_email", flat=True
        )
    ) == ["lead@liverpool.example.gov.uk", "lead@nottingham.example.gov.uk"]


def test_lapse_offers_command(released):
    Offer.objects.update(reply_by=dt.datetime(2020, 1, 10, 12, tzinfo=LONDON))
    out = io.StringIO()
    call_command("lapse_offers", stdout=out)
    assert Offer.objects.filter(status="lapsed").count() == 2
    assert out.getvalue() == "Lapsed: LP2-0001\nLapsed: LP2-0002\n2 offers lapsed\n"


def test_applicant_sees_and_answers_the_offer(client, released):
    offer = offer_of(released["Sheffield"])
    Offer.objects.filter(pk=offer.pk).update(reply_by=dt.datetime(2099, 1, 1, 12, tzinfo=LONDON))
    sign_in_client(client, applicant_for("Sheffield"))
    home = client.get("/account/")
    assert "Offer of a place" in home.content.decode()
    assert f"/cohorts/offers/{offer.pk}/" in home.content.decode()

    response = client.post(f"/cohorts/offers/{offer.pk}/", {"response": "decline"})
    assert response.status_code == 200
    assert "Enter why you are declining the offer" in response.content.decode()
    response = client.post(f"/cohorts/offers/{offer.pk}/", {})
    assert "Select whether you accept the offer" in response.content.decode()

    response = client.post(f"/cohorts/offers/{offer.pk}/", {"response": "accept"}, follow=True)
    assert "Place accepted" in response.content.decode()
    assert offer_of(released["Sheffield"]).status == "accepted"


def test_reserve_and_unsuccessful_applicants_see_their_decision(client, released):
    sign_in_client(client, applicant_for("Liverpool"))
    page = client.get("/account/").content.decode()
    assert "Reserve list" in page
    assert "Close to the line: &lt;b&gt;good&lt;/b&gt; outcomes &amp; measures." in page


def test_another_applicant_gets_404(client, released):
    offer = offer_of(released["Sheffield"])
    sign_in_client(client, applicant_for("Leeds"))
    assert client.get(f"/cohorts/offers/{offer.pk}/").status_code == 404
    assert client.post(f"/cohorts/offers/{offer.pk}/", {"response": "accept"}).status_code == 404
    assert offer_of(released["Sheffield"]).status == "open"


def test_answering_a_lapsed_offer_in_the_browser(client, released):
    offer = offer_of(released["Sheffield"])
    Offer.objects.filter(pk=offer.pk).update(reply_by=dt.datetime(2020, 1, 10, 12, tzinfo=LONDON))
    sign_in_client(client, applicant_for("Sheffield"))
    page = client.get(f"/cohorts/offers/{offer.pk}/").content.decode()
    assert "This offer has lapsed" in page
    assert "12pm on Friday 10 January 2020" in page
    response = client.post(f"/cohorts/offers/{offer.pk}/", {"response": "accept"})
    assert response.status_code == 200
    assert "This offer has lapsed" in response.content.decode()
    assert offer_of(released["Sheffield"]).status == "lapsed"
    assert offer_of(released["Liverpool"]).status == "open"
