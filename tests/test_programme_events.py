"""The programme calendar: events, invitations, replies, attendance, the .ics file, the
attendance CSV and the emails about changes (exactly once per person per change)."""

import csv
import datetime as dt
import io

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from core.refusals import Refused
from notifications.models import OutboxMessage
from programme import attendance, events, notices, replies
from programme.models import Attendee, Event, Invitation
from tests.cohort_helpers import add_colleague, applicant_for
from tests.factories.accounts import sign_in_client
from tests.factories.applications import date_fields
from tests.factories.emails import delivered
from tests.programme_helpers import announced_cohort, event_details, make_event

pytestmark = pytest.mark.django_db

SET_UP_EMAILS = [
    ("bid_invitation", "officer@sheffield.example.gov.uk"),
    ("submission_confirmation", "lead@leeds.example.gov.uk"),
    ("submission_confirmation", "lead@liverpool.example.gov.uk"),
    ("submission_confirmation", "lead@sheffield.example.gov.uk"),
]


@pytest.fixture
def members(open_round, chair, staff_user):
    members = announced_cohort(open_round, chair, staff_user)
    add_colleague(members["Sheffield"].bid, "officer@sheffield.example.gov.uk", "Sam Officer")
    return members


@pytest.fixture
def cohort(members):
    return members["Sheffield"].cohort


@pytest.fixture
def emailed_members(open_round, chair, staff_user):
    """The members, with the set-up's own emails (submission confirmations, the colleague's
    invitation) delivered by the product's sender first, so a test counts only its own."""
    with delivered() as sent:
        members = announced_cohort(open_round, chair, staff_user)
        add_colleague(members["Sheffield"].bid, "officer@sheffield.example.gov.uk", "Sam Officer")
    assert sent == SET_UP_EMAILS
    return members


def programme_mail():
    return OutboxMessage.objects.filter(kind__startswith="programme_")


def invited(members):
    return [members["Sheffield"], members["Leeds"]]


def test_an_event_ending_before_it_starts_is_refused(cohort, members, staff_user):
    details = event_details(hours=-2)
    with pytest.raises(Refused) as refused:
        events.create_event(cohort, staff_user, details, invited(members))
    assert (refused.value.field, refused.value.message) == (
        "ends_on",
        "The event must end after it starts",
    )
    assert Event.objects.count() == 0
    assert programme_mail().count() == 0


def test_the_event_form_shows_the_error_and_saves_nothing(client, cohort, members, staff_user):
    sign_in_client(client, staff_user)
    response = client.post(
        reverse("programme:create_event", args=[cohort.round.slug]),
        {
            "kind": "immersion",
            "title": "Immersion event",
            **date_fields("starts_on", "10 6 2027"),
            "starts_time": "14:00",
            **date_fields("ends_on", "10 6 2027"),
            "ends_time": "10:00",
            "place": "Leeds",
            "places_each": "2",
            "members": [str(m.pk) for m in invited(members)],
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert '<a href="#id_ends_on_day">The event must end after it starts</a>' in page
    assert Event.objects.count() == 0


def test_creating_invites_and_each_change_emails_everyone_once(
    emailed_members, staff_user, django_capture_on_commit_callbacks
):
    members = emailed_members
    cohort = members["Sheffield"].cohort
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        event = make_event(cohort, staff_user, invited(members))
    assert sorted((m.to[0], m.subject) for m in mail.outbox) == [
        ("lead@leeds.example.gov.uk", "You are invited: Immersion event"),
        ("lead@sheffield.example.gov.uk", "You are invited: Immersion event"),
        ("officer@sheffield.example.gov.uk", "You are invited: Immersion event"),
    ]
    mail.outbox = []
    moved = event_details(days=31)
    with django_capture_on_commit_callbacks(execute=True):
        assert events.change_event(event, staff_user, moved, invited(members)) == [
            "the start",
            "the end",
        ]
        # the same change again (a second click) tells nobody anything new
        assert events.change_event(event, staff_user, moved, invited(members)) == []
        # and queueing the same version's notices again creates nothing
        assert notices.changed(Event.objects.get(pk=event.pk), {members["Leeds"].pk}, "x") == 1
    assert sorted((m.to[0], m.subject) for m in mail.outbox) == [
        ("lead@leeds.example.gov.uk", "Changed: Immersion event"),
        ("lead@sheffield.example.gov.uk", "Changed: Immersion event"),
        ("officer@sheffield.example.gov.uk", "Changed: Immersion event"),
    ]
    assert "has changed: the start, the end." in mail.outbox[0].body
    assert programme_mail().filter(key__startswith=f"event:{event.pk}:v2:").count() == 3
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        events.cancel_event(Event.objects.get(pk=event.pk), staff_user, "The venue flooded")
        with pytest.raises(Refused):
            events.cancel_event(Event.objects.get(pk=event.pk), staff_user)
    assert sorted(m.to[0] for m in mail.outbox) == [
        "lead@leeds.example.gov.uk",
        "lead@sheffield.example.gov.uk",
        "officer@sheffield.example.gov.uk",
    ]
    assert {m.subject for m in mail.outbox} == {"Cancelled: Immersion event"}
    assert "The venue flooded" in mail.outbox[0].body
    assert programme_mail().count() == 9


def test_a_change_through_the_page_tells_each_person_once(
    client, emailed_members, staff_user, django_capture_on_commit_callbacks
):
    members = emailed_members
    cohort = members["Sheffield"].cohort
    with django_capture_on_commit_callbacks(execute=True):
        event = make_event(cohort, staff_user, invited(members))
    sign_in_client(client, staff_user)
    data = {
        "kind": "immersion",
        "title": "Immersion event",
        **date_fields("starts_on", "10 6 2027"),
        "starts_time": "10:00",
        **date_fields("ends_on", "10 6 2027"),
        "ends_time": "16:00",
        "place": "Sheffield Town Hall",
        "places_each": "2",
        "members": [str(m.pk) for m in invited(members)],
    }
    url = reverse("programme:change_event", args=[event.pk])
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, data).status_code == 302
        assert client.post(url, data).status_code == 302  # submitted twice
    assert len(mail.outbox) == 3
    event.refresh_from_db()
    assert (event.version, event.place) == (2, "Sheffield Town Hall")


def test_reply_with_names_and_the_refusals(cohort, members, staff_user):
    event = make_event(cohort, staff_user, invited(members))
    invitation = Invitation.objects.get(event=event, member=members["Sheffield"])
    lead = applicant_for("Sheffield")
    with pytest.raises(Refused) as refused:
        replies.reply(invitation, lead, attending=True, names=["Ann", "Bob", "Cat"])
    assert (refused.value.field, refused.value.message) == (
        "names",
        "You entered 3 names but your partnership has 2 places: remove 1",
    )
    assert Attendee.objects.count() == 0
    replies.reply(invitation, lead, attending=True, names=["Ann Example", " Bob Example "])
    invitation.refresh_from_db()
    assert invitation.reply == "attending"
    assert list(invitation.attendees.values_list("name", flat=True)) == [
        "Ann Example",
        "Bob Example",
    ]
    after = event.starts_at + dt.timedelta(minutes=1)
    with pytest.raises(Refused) as refused:
        replies.reply(invitation, lead, attending=False, now=after)
    assert refused.value.message.startswith("Replies closed when the event started at")
    assert invitation.attendees.count() == 2


def test_the_reply_page_shows_too_many_names_beside_the_field(client, cohort, members, staff_user):
    event = make_event(cohort, staff_user, invited(members))
    sign_in_client(client, applicant_for("Leeds"))
    url = reverse("programme:reply", args=[event.pk, members["Leeds"].pk])
    response = client.post(url, {"attending": "yes", "names": "Ann\nBob\nCat"})
    assert response.status_code == 200
    page = response.content.decode()
    assert '<a href="#id_names">You entered 3 names but your partnership has 2 places' in page
    assert "Ann\nBob\nCat" in page
    assert Attendee.objects.count() == 0


def test_attendance_and_the_csv_neutralises_formulas(client, cohort, members, staff_user):
    event = make_event(cohort, staff_user, invited(members))
    sheffield = Invitation.objects.get(event=event, member=members["Sheffield"])
    replies.reply(
        sheffield, applicant_for("Sheffield"), attending=True, names=["=HYPERLINK(1)", "Bob"]
    )
    with pytest.raises(Refused) as refused:
        attendance.record_attendance(event, staff_user, attended_ids=set())
    assert refused.value.message.startswith("Record attendance on the day of the event")
    ann, bob = sheffield.attendees.order_by("position")
    on_the_day = event.starts_at + dt.timedelta(hours=1)
    assert (
        attendance.record_attendance(event, staff_user, attended_ids={ann.pk}, now=on_the_day) == 1
    )
    sign_in_client(client, staff_user)
    response = client.get(reverse("programme:attendance_csv", args=[event.pk]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Partnership", "Reply", "Name", "Attended", "Replied at"]
    assert [row[:4] for row in rows[1:]] == [
        ["Sheffield", "Attending", "'=HYPERLINK(1)", "Yes"],
        ["Sheffield", "Attending", "Bob", "No"],
        ["Leeds", "No reply yet", "", ""],
    ]


def test_the_ics_file_parses_and_follows_changes(client, cohort, members, staff_user):
    event = make_event(
        cohort, staff_user, invited(members), online_link="https://meet.example.org/lp"
    )
    sign_in_client(client, applicant_for("Leeds"))
    response = client.get(reverse("programme:event_ics", args=[event.pk]))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    (item,) = calendar.walk("VEVENT")
    assert str(item["summary"]) == "Immersion event"
    assert item.decoded("dtstart") == event.starts_at
    assert str(item["dtstart"].params["TZID"]) == "Europe/London"
    assert item.decoded("dtend") == event.ends_at
    assert str(item["location"]) == "Local Government House, Smith Square, London"
    assert int(item["sequence"]) == 1
    assert str(item["status"]) == "CONFIRMED"
    assert [c["tzid"] for c in calendar.walk("VTIMEZONE")] == ["Europe/London"]
    events.cancel_event(event, staff_user)
    cancelled = Calendar.from_ical(
        client.get(reverse("programme:event_ics", args=[event.pk])).content
    )
    (item,) = cancelled.walk("VEVENT")
    assert (str(item["status"]), int(item["sequence"]), str(cancelled["method"])) == (
        "CANCELLED",
        2,
        "CANCEL",
    )


def test_an_uninvited_partnership_cannot_see_or_reply(client, cohort, members, staff_user):
    event = make_event(cohort, staff_user, [members["Sheffield"]])
    sign_in_client(client, applicant_for("Liverpool"))
    assert client.get(reverse("programme:event", args=[event.pk])).status_code == 404
    assert client.get(reverse("programme:event_ics", args=[event.pk])).status_code == 404
    url = reverse("programme:reply", args=[event.pk, members["Sheffield"].pk])
    assert client.post(url, {"attending": "no"}).status_code == 404
    assert Invitation.objects.get(event=event).reply == "none"


def test_timezone_is_london(cohort, members, staff_user):
    summer = timezone.datetime(2027, 7, 1, 9, tzinfo=dt.UTC)
    event = events.create_event(
        cohort,
        staff_user,
        event_details(starts_at=summer, ends_at=summer + dt.timedelta(hours=2)),
        invited(members),
    )
    from core.dates import format_datetime

    assert format_datetime(event.starts_at) == "10am on Thursday 1 July 2027"


def test_a_reply_can_be_changed_until_the_event_starts(client, cohort, members, staff_user):
    event = make_event(cohort, staff_user, invited(members))
    lead = applicant_for("Sheffield")
    url = reverse("programme:reply", args=[event.pk, members["Sheffield"].pk])
    sign_in_client(client, lead)
    response = client.post(url, {"attending": "yes", "names": "Ann Example\nBob Example"})
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "Ann Example\nBob Example</textarea>" in page  # the form shows the last reply
    response = client.post(url, {"attending": "yes", "names": "Ann Example\nCat Example"})
    assert response.status_code == 302
    invitation = Invitation.objects.get(event=event, member=members["Sheffield"])
    assert list(invitation.attendees.order_by("position").values_list("name", flat=True)) == [
        "Ann Example",
        "Cat Example",
    ]
    response = client.post(url, {"attending": "no", "names": "Ann Example"})
    invitation.refresh_from_db()
    assert (invitation.reply, invitation.attendees.count()) == ("not_attending", 0)
    with pytest.raises(Refused) as refused:
        replies.reply(
            invitation,
            lead,
            attending=True,
            names=["Ann Example"],
            now=event.starts_at,
        )
    assert refused.value.message.startswith("Replies closed when the event started at")
    invitation.refresh_from_db()
    assert (invitation.reply, invitation.attendees.count()) == ("not_attending", 0)
