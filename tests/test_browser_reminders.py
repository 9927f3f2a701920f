"""A deadline reminder in the browser: staff read the 7-day reminder to an applicant on
the outbox page; the applicant follows its link and submits; no 1-day reminder follows."""

import datetime as dt
import io
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from applications.samples import make_bid
from notifications import scheduler
from notifications.models import OutboxMessage
from reminders import deadlines
from tests.browser import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_text("You have signed out")).to_be_visible()


def test_seven_day_reminder_then_submit_and_no_one_day_reminder(
    page, live_server, open_round, applicant, staff_user
):
    now = timezone.now()
    make_bid(open_round, applicant, "Sheffield", at=now - dt.timedelta(hours=2))
    # Staff bring the deadline forward to just under 7 days away (the team is told), and
    # the scheduled jobs run as cron runs them every minute.
    closes_at = (now + dt.timedelta(days=7, minutes=-30)).replace(microsecond=0)
    deadlines.move_deadline(open_round, staff_user, closes_at, now=now)
    call_command("run_scheduled", stdout=io.StringIO())
    assert sorted(m.subject for m in mail.outbox) == [
        "Leading Places: 7 days left to submit your application",
        "Leading Places: the deadline for Leading Places — Round 2 has changed",
    ]
    menu = page.get_by_role("navigation", name="Menu")

    # Staff read the reminder on the outbox page.
    sign_in(page, live_server.url, staff_user.email)
    menu.get_by_role("link", name="Cohorts").click()
    page.get_by_role("navigation", name="Cohorts pages").get_by_role("link", name="Outbox").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Outbox")
    assert_accessible(page)
    page.get_by_label("Kind of email").select_option("deadline_reminder")
    page.get_by_role("button", name="Filter").click()
    rows = page.get_by_role("row").filter(has_text="applicant@council.gov.uk")
    expect(rows).to_have_count(1)
    expect(rows).to_contain_text("Sent")
    rows.get_by_role("link", name="7 days left to submit your application").click()
    expect(page.locator("#message-body")).to_contain_text(
        "The application from Sheffield is saved as a draft and has not been submitted."
    )
    assert_accessible(page)
    link = re.search(r"http://testserver(/apply/\d+/)", page.locator("#message-body").inner_text())
    sign_out(page)

    # The applicant follows the link in the reminder and submits.
    sign_in(page, live_server.url, applicant.email)
    page.goto(live_server.url + link.group(1))
    assert_accessible(page)
    page.get_by_role("link", name="Check answers and submit").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Check your answers before submitting your application"
    )
    page.get_by_role("button", name="Submit application").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Application submitted")
    assert_accessible(page)
    sign_out(page)

    # The 1-day reminder time passes: nothing more for this team, apart from the
    # confirmation of the submission.
    scheduler.run_all(deadlines.reminder_time(closes_at, 24) + dt.timedelta(seconds=1))
    assert OutboxMessage.objects.filter(kind="deadline_reminder").count() == 1
    sign_in(page, live_server.url, staff_user.email)
    menu.get_by_role("link", name="Cohorts").click()
    page.get_by_role("navigation", name="Cohorts pages").get_by_role("link", name="Outbox").click()
    page.get_by_label("Recipient's email address").fill("applicant@council.gov.uk")
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_role("row").filter(has_text="left to submit")).to_have_count(1)
    expect(page.get_by_role("row").filter(has_text="LP2-0001 submitted")).to_have_count(1)
    assert_accessible(page)
