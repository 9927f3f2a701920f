"""Deadline reminders and deadline-moved notices: exactly once per bid and reminder, at
the right UK time across a clock change, none for submitted or withdrawn bids or closed
rounds; templates refuse unknown placeholders."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from applications import bids as bid_actions
from applications.demo import load_demo_round
from applications.models import AuditEvent, Bid
from core.dates import LONDON
from notifications import sender
from notifications.models import OutboxMessage
from reminders import deadlines
from reminders.forms import ReminderTemplateForm
from reminders.models import DeadlineChange, ReminderKind, SentReminder
from tests.cohort_helpers import add_colleague, applicant_for
from tests.factories.accounts import sign_in_client
from tests.factories.applications import date_fields, make_bid
from tests.factories.emails import delivered

pytestmark = pytest.mark.django_db
SECOND = dt.timedelta(seconds=1)
SPRING = dt.datetime(2030, 4, 5, 12, tzinfo=LONDON)  # clocks go forward on 31 March 2030
AUTUMN = dt.datetime(2030, 11, 1, 12, tzinfo=LONDON)  # clocks go back on 27 October 2030


def utc(*parts):
    return dt.datetime(*parts, tzinfo=dt.UTC)


def round_closing(closes_at, ref):
    today = (closes_at - dt.timedelta(days=35)).date()
    round_ = load_demo_round(today)
    assert round_.closes_at == closes_at
    return round_


def run(now):
    """What `run_scheduled` does each minute for reminders, then the outbox."""
    deadlines.reminders_job(now=now)
    sender.send_queued(now=now)


def sent_to():
    return sorted(address for m in mail.outbox for address in m.to)


@pytest.mark.parametrize(
    ("closes_at", "week_before_utc", "day_before_utc"),
    [
        # 12pm BST on 5 April: the 7-day reminder at 12pm GMT on 29 March (167 hours).
        (SPRING, utc(2030, 3, 29, 12), utc(2030, 4, 4, 11)),
        # 12pm GMT on 1 November: the 7-day reminder at 12pm BST on 25 October (169 hours).
        (AUTUMN, utc(2030, 10, 25, 11), utc(2030, 10, 31, 12)),
    ],
)  # fmt: skip
def test_reminders_go_at_the_uk_time_once_each(ref, closes_at, week_before_utc, day_before_utc):
    round_ = round_closing(closes_at, ref)
    started = week_before_utc - dt.timedelta(days=2)
    # The colleague is invited while the round is open (two days before the reminder); the
    # invitation and Leeds's submission confirmation are sent then, before any reminder.
    with delivered() as sent:
        draft = make_bid(round_, applicant_for("Sheffield"), "Sheffield", at=started)
        add_colleague(draft, "second@sheffield.example.gov.uk", "Sam Second", at=started)
        make_bid(round_, applicant_for("Leeds"), "Leeds", submitted=True, at=started)
    assert sent == [
        ("bid_invitation", "second@sheffield.example.gov.uk"),
        ("submission_confirmation", "lead@leeds.example.gov.uk"),
    ]
    withdrawn = make_bid(round_, applicant_for("Kent"), "Kent", at=started)
    Bid.objects.filter(pk=withdrawn.pk).update(status=Bid.Status.WITHDRAWN)

    run(week_before_utc - SECOND)
    assert mail.outbox == []
    run(week_before_utc)
    assert sent_to() == ["lead@sheffield.example.gov.uk", "second@sheffield.example.gov.uk"]
    week = mail.outbox[0]
    assert week.subject == "Leading Places: 7 days left to submit your application"
    assert f"close at {deadlines.format_datetime(closes_at)}: 7 days from now." in week.body
    assert f"http://testserver/apply/{draft.pk}/" in week.body
    run(week_before_utc + SECOND)
    run(day_before_utc - SECOND)
    assert len(mail.outbox) == 2

    run(day_before_utc)
    assert len(mail.outbox) == 4
    assert mail.outbox[2].subject == "Leading Places: 1 day left to submit your application"
    run(day_before_utc + SECOND)
    run(closes_at - SECOND)
    assert len(mail.outbox) == 4
    assert sorted(SentReminder.objects.values_list("bid_id", "hours_before")) == [
        (draft.pk, 24),
        (draft.pk, 168),
    ]


def test_a_round_not_open_gets_no_reminders(open_round):
    bid = make_bid(open_round, applicant_for("Sheffield"), "Sheffield")
    # Closed: after the deadline nothing is due, whatever was missed.
    run(open_round.closes_at + SECOND)
    # Not yet open.
    run(open_round.opens_at - SECOND)
    assert mail.outbox == []
    assert not SentReminder.objects.filter(bid=bid).exists()


def test_a_missed_reminder_is_replaced_by_the_later_one(open_round):
    make_bid(open_round, applicant_for("Sheffield"), "Sheffield")
    # The scheduler was down from before the 7-day reminder until after the 1-day one.
    run(open_round.closes_at - dt.timedelta(hours=2))
    assert [m.subject for m in mail.outbox] == [
        "Leading Places: 1 day left to submit your application"
    ]
    run(open_round.closes_at - dt.timedelta(hours=1))
    assert len(mail.outbox) == 1


def test_a_bid_started_after_a_reminder_time_gets_only_the_later_ones(open_round):
    week_before = deadlines.reminder_time(open_round.closes_at, 168)
    make_bid(open_round, applicant_for("Sheffield"), "Sheffield", at=week_before + SECOND)
    run(week_before + dt.timedelta(hours=1))
    assert mail.outbox == []
    run(deadlines.reminder_time(open_round.closes_at, 24))
    assert len(mail.outbox) == 1


def test_a_reminder_is_not_sent_after_the_bid_is_submitted(open_round):
    bid = make_bid(open_round, applicant_for("Sheffield"), "Sheffield")
    run(deadlines.reminder_time(open_round.closes_at, 168))
    assert len(mail.outbox) == 1
    bid_actions.submit(bid, applicant_for("Sheffield"))
    mail.outbox.clear()
    run(deadlines.reminder_time(open_round.closes_at, 24) + SECOND)
    assert [m.subject for m in mail.outbox] == [
        "Leading Places: application LP2-0001 submitted"
    ]  # the confirmation only: no 1-day reminder


def test_a_round_can_set_its_own_reminder_times(open_round, staff_user):
    make_bid(open_round, applicant_for("Sheffield"), "Sheffield")
    assert deadlines.set_schedule(open_round, staff_user, [72]) == [72]
    run(deadlines.reminder_time(open_round.closes_at, 168))
    assert mail.outbox == []
    run(deadlines.reminder_time(open_round.closes_at, 72))
    assert [m.subject for m in mail.outbox] == [
        "Leading Places: 3 days left to submit your application"
    ]


def test_reminders_setting_is_the_default(open_round, settings):
    settings.DEADLINE_REMINDER_HOURS = [48]
    assert deadlines.hours_for(open_round) == [48]


def test_deadline_moved_twice_sends_one_notice_per_move(open_round, staff_user):
    now = timezone.now()
    with delivered() as sent:
        draft = make_bid(open_round, applicant_for("Sheffield"), "Sheffield")
        add_colleague(draft, "second@sheffield.example.gov.uk", "Sam Second")
        make_bid(open_round, applicant_for("Leeds"), "Leeds", submitted=True)
    assert sent == [
        ("bid_invitation", "second@sheffield.example.gov.uk"),
        ("submission_confirmation", "lead@leeds.example.gov.uk"),
    ]
    first = open_round.closes_at + dt.timedelta(days=1)
    second = open_round.closes_at + dt.timedelta(days=2)
    deadlines.move_deadline(open_round, staff_user, first, now=now)
    deadlines.move_deadline(open_round, staff_user, second, now=now)
    sender.send_queued()
    sender.send_queued()
    assert len(mail.outbox) == 4
    bodies = [m.body for m in mail.outbox if m.to == ["lead@sheffield.example.gov.uk"]]
    assert [
        line for body in bodies for line in body.splitlines() if line.startswith("New deadline")
    ] == [
        f"New deadline: {deadlines.format_datetime(first)}",
        f"New deadline: {deadlines.format_datetime(second)}",
    ]
    assert "lead@leeds.example.gov.uk" not in sent_to()
    assert DeadlineChange.objects.count() == 2
    assert AuditEvent.objects.filter(action="round.deadline_moved").count() == 2
    open_round.refresh_from_db()
    assert open_round.closes_at == second


def test_moving_the_deadline_later_re_arms_the_reminders_still_to_come(open_round, staff_user):
    make_bid(open_round, applicant_for("Sheffield"), "Sheffield")
    week_before = deadlines.reminder_time(open_round.closes_at, 168)
    run(week_before)
    assert len(mail.outbox) == 1
    # A day later the deadline moves two days: the 7-day reminder is due again later.
    later = week_before + dt.timedelta(days=1)
    new_deadline = open_round.closes_at + dt.timedelta(days=2)
    deadlines.move_deadline(open_round, staff_user, new_deadline, now=later)
    run(later)
    assert len(mail.outbox) == 2  # the notice
    run(deadlines.reminder_time(new_deadline, 168))
    assert len(mail.outbox) == 3
    assert mail.outbox[2].subject == "Leading Places: 7 days left to submit your application"


def test_moving_the_deadline_is_refused_with_a_reason(open_round, staff_user, applicant):
    with pytest.raises(deadlines.Refused) as error:
        deadlines.move_deadline(open_round, staff_user, open_round.closes_at)
    assert error.value.message == "The new deadline is the same as the current one"
    with pytest.raises(deadlines.Refused) as error:
        deadlines.move_deadline(open_round, staff_user, timezone.now() - SECOND)
    assert error.value.message == "The new deadline must be in the future"
    with pytest.raises(deadlines.Refused) as error:
        deadlines.move_deadline(
            open_round, staff_user, open_round.assessment_starts_at + dt.timedelta(days=1)
        )
    assert error.value.message == (
        "The new deadline must be before assessment starts, at "
        f"{deadlines.format_datetime(open_round.assessment_starts_at)}. Change the round's "
        "later dates first."
    )
    with pytest.raises(deadlines.PermissionDenied):
        deadlines.move_deadline(open_round, applicant, open_round.closes_at + SECOND)
    assert DeadlineChange.objects.count() == 0


def test_unknown_placeholder_in_a_reminder_is_named_at_save(open_round):
    template = deadlines.template_for(open_round, ReminderKind.REMINDER)
    form = ReminderTemplateForm(
        {"subject": "{time_left} left", "body": "Dear {name},\nSubmit by {dedline}."},
        instance=template,
    )
    assert not form.is_valid()
    assert form.errors["body"] == [
        "Unknown placeholder {dedline}: use one of {name}, {partnership}, {round}, "
        "{deadline}, {link}, {contact_email}, {time_left}"
    ]
    # {old_deadline} belongs to the deadline-changed notice only.
    form = ReminderTemplateForm(
        {"subject": "Was {old_deadline}", "body": "Dear {name}"}, instance=template
    )
    assert not form.is_valid()
    assert form.errors["subject"][0].startswith("Unknown placeholder {old_deadline}: use one of")


def test_staff_change_the_deadline_and_a_template_on_the_page(client, open_round, staff_user):
    make_bid(open_round, applicant_for("Sheffield"), "Sheffield")
    sign_in_client(client, staff_user)
    url = reverse("reminders:round", args=[open_round.slug])
    page = client.get(url).content.decode()
    assert "7 days and 1 day before the deadline" in page
    new = (open_round.closes_at + dt.timedelta(days=1)).astimezone(LONDON)
    response = client.post(
        reverse("reminders:move_deadline", args=[open_round.slug]),
        {**date_fields("closes_on", new.date()), "closes_time": "12:00"},
    )
    assert response.status_code == 302
    open_round.refresh_from_db()
    assert open_round.closes_at == new
    page = client.post(
        reverse("reminders:move_deadline", args=[open_round.slug]), {"closes_time": "25:00"}
    ).content.decode()
    assert "Enter the new closing date" in page and "Enter a real time, like 12:00" in page
    edit = reverse("reminders:edit_template", args=[open_round.slug, "deadline_reminder"])
    page = client.post(edit, {"subject": "Hi", "body": "{nope}"}).content.decode()
    assert "Unknown placeholder {nope}" in page
    assert client.post(edit, {"subject": "Only {time_left}", "body": "Go"}).status_code == 302
    assert deadlines.template_for(open_round, "deadline_reminder").subject == "Only {time_left}"


def test_only_staff_see_the_reminders_page(client, open_round, applicant):
    sign_in_client(client, applicant)
    assert client.get(reverse("reminders:round", args=[open_round.slug])).status_code == 403


def test_queueing_reminders_uses_a_fixed_number_of_queries(open_round, django_assert_num_queries):
    week_before = deadlines.reminder_time(open_round.closes_at, 168)
    for index, count in enumerate((2, 6)):
        OutboxMessage.objects.all().delete()
        SentReminder.objects.all().delete()
        for n in range(count):
            make_bid(open_round, applicant_for(f"Place{index}{n}"), "Sheffield", at=week_before)
        deadlines.template_for(open_round, ReminderKind.REMINDER)
        with django_assert_num_queries(11):
            queued = deadlines.queue_reminders(open_round, week_before)
        assert queued == Bid.objects.filter(round=open_round).count()
