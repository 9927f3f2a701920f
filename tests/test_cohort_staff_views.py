import pytest
from django.core import mail

from applications.models import AuditEvent
from cohorts import outbox, release
from cohorts.models import EmailTemplate
from scoring.models import Decision
from tests.cohort_helpers import STANDARD, applicant_for, decided_bids, in_days
from tests.factories.accounts import sign_in_client
from tests.factories.applications import date_fields
from tests.factories.emails import delivered

pytestmark = pytest.mark.django_db


@pytest.fixture
def decided(open_round, chair):
    """The STANDARD decisions; the submission confirmations of their set-up are sent
    first (by the product's sender), so what follows counts only decision emails."""
    with delivered() as sent:
        bids = decided_bids(open_round, chair, STANDARD)
    assert sent == [
        ("submission_confirmation", f"lead@{place}.example.gov.uk")
        for place in ("birmingham", "leeds", "liverpool", "nottingham", "sheffield")
    ]
    return bids


STAFF_URLS = [
    "/cohorts/manage/",
    "/cohorts/manage/round-2/",
    "/cohorts/manage/round-2/emails/offer/",
    "/cohorts/manage/round-2/emails/offer/preview/",
    "/cohorts/manage/round-2/emails/progress/",
    "/cohorts/manage/round-2/cohort/",
    "/cohorts/manage/round-2/cohort/schedule/",
    "/cohorts/manage/round-2/cohort/details/",
]


@pytest.mark.parametrize("url", STAFF_URLS)
def test_staff_pages_are_for_programme_staff_only(client, open_round, staff_user, url):
    assert client.get(url).status_code == 302
    sign_in_client(client, applicant_for("Sheffield"))
    assert client.get(url).status_code == 403
    sign_in_client(client, staff_user)
    assert client.get(url).status_code == 200


def test_release_and_send_through_the_pages(
    client, open_round, staff_user, decided, django_capture_on_commit_callbacks
):
    sign_in_client(client, staff_user)
    page = client.get("/cohorts/manage/round-2/").content.decode()
    assert "Release decisions" in page
    reply_by = date_fields("reply_by", in_days(20).date())
    response = client.post("/cohorts/manage/round-2/release/", reply_by)
    assert response.status_code == 302
    # A double click: the second post changes nothing.
    client.post("/cohorts/manage/round-2/release/", reply_by)
    assert Decision.objects.filter(released_at__isnull=True).count() == 0
    assert outbox.decision_messages(open_round).count() == 5
    page = client.get("/cohorts/manage/round-2/").content.decode()
    assert "Send 5 decision emails" in page

    with django_capture_on_commit_callbacks(execute=True):
        client.post("/cohorts/manage/round-2/emails/send/")
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/cohorts/manage/round-2/emails/send/")
    assert len(mail.outbox) == 5
    assert client.get("/cohorts/manage/round-2/emails/progress/").json() == {
        "sent": 5,
        "queued": 0,
        "sending": 0,
        "failed": 0,
    }


def test_release_refusal_is_shown_with_the_missing_bids(client, open_round, staff_user, chair):
    bids = decided_bids(open_round, chair, STANDARD[:2])
    Decision.objects.filter(bid=bids["Leeds"]).delete()
    sign_in_client(client, staff_user)
    response = client.post(
        "/cohorts/manage/round-2/release/", date_fields("reply_by", in_days(20).date())
    )
    assert response.status_code == 200
    assert (
        "You cannot release the decisions yet: 1 bid has no panel decision: LP2-0002 (Leeds)"
        in response.content.decode()
    )
    response = client.post("/cohorts/manage/round-2/release/", {"reply_by": ""})
    assert "Enter the date offers must be accepted by" in response.content.decode()


def test_editing_and_previewing_a_template(client, open_round, staff_user, chair):
    decided_bids(open_round, chair, STANDARD)  # no email is counted here
    sign_in_client(client, staff_user)
    response = client.post(
        "/cohorts/manage/round-2/emails/unsuccessful/",
        {"subject": "About {partnership}", "body": "Dear {name},\n\n{fedback}"},
    )
    assert response.status_code == 200
    assert (
        "Unknown placeholder {fedback}: use one of {name}, {partnership}, {reference}, "
        "{round}, {place}, {decision}, {feedback}, {contact_email}"
    ) in response.content.decode()
    assert EmailTemplate.objects.get(kind="unsuccessful").subject.startswith("Leading Places")

    response = client.post(
        "/cohorts/manage/round-2/emails/unsuccessful/",
        {"subject": "About {partnership}", "body": "Dear {name},\n\n{feedback}"},
        follow=True,
    )
    text = response.content.decode()
    assert "About Birmingham" in text
    assert "Dear Birmingham Lead,\n\nThe challenge is too broad." in text
    assert AuditEvent.objects.filter(action="email_template.changed").count() == 1


def test_retry_button(client, open_round, staff_user, decided):
    release.release_decisions(open_round, staff_user, reply_by=in_days(14))
    outbox.decision_messages(open_round).update(
        state="failed", error="SMTPServerDisconnected: gone"
    )
    sign_in_client(client, staff_user)
    page = client.get("/cohorts/manage/round-2/").content.decode()
    assert "Retry 5 failed emails" in page
    assert "SMTPServerDisconnected: gone" in page
    client.post("/cohorts/manage/round-2/emails/retry/")
    assert outbox.decision_messages(open_round).filter(state="queued").count() == 5


@pytest.mark.parametrize("count", [2, 6])
def test_round_page_queries_do_not_grow(
    client, open_round, staff_user, chair, django_assert_num_queries, count
):
    places = ["Sheffield", "Leeds", "Liverpool", "Nottingham", "Birmingham", "Plymouth"]
    outcomes = [
        (p, "accept", None, "") if i % 2 else (p, "reserve", None, "Close to the line.")
        for i, p in enumerate(places)
    ]
    decided_bids(open_round, chair, outcomes[:count])
    release.release_decisions(open_round, staff_user, reply_by=in_days(14))
    sign_in_client(client, staff_user)
    client.get("/cohorts/manage/round-2/")
    # 13 at both sizes: session, user, roles, round, decisions summary (one aggregate),
    # offers, decisions, decision emails, bids without a decision (the first 50, and their
    # count: issue 14), templates, decision-email counts by state and by kind and state.
    with django_assert_num_queries(13):
        assert client.get("/cohorts/manage/round-2/").status_code == 200
