import datetime as dt
import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from cohorts.models import Cohort
from core.dates import LONDON
from tests.browser import assert_accessible, sign_in
from tests.cohort_helpers import decided_bids
from tests.factories.browser import fill_date

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_text("You have signed out")).to_be_visible()


def test_release_accept_publish_and_announce(page, live_server, open_round, staff_user, chair):
    decided_bids(
        open_round,
        chair,
        [
            ("Sheffield", "accept", None, "A strong partnership."),
            ("Leeds", "reserve", 1, "Close to the line."),
            ("Birmingham", "reject", None, "The challenge is too broad."),
        ],
    )
    # Submitting the bids (through the submit step) sent each lead its confirmation.
    assert sorted(m.subject for m in mail.outbox) == [
        f"Leading Places: application LP2-000{n} submitted" for n in (1, 2, 3)
    ]
    mail.outbox.clear()
    menu = page.get_by_role("navigation", name="Menu")

    # Programme staff release the decisions and send the emails.
    sign_in(page, live_server.url, staff_user.email)
    menu.get_by_role("link", name="Cohorts").click()
    assert_accessible(page)
    page.get_by_role("link", name="Leading Places — Round 2").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Decisions and offers")
    assert_accessible(page)
    reply_by = timezone.localdate() + dt.timedelta(days=21)
    fill_date(page, "Offers must be accepted by", reply_by)
    page.get_by_role("button", name="Release decisions").click()
    expect(page.get_by_text("3 decisions released")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Preview the offer of a place email").click()
    expect(page.locator("#preview-subject")).to_have_text(
        "Leading Places: offer of a place for Sheffield (LP2-0001)"
    )
    assert_accessible(page)
    page.get_by_role("link", name="Back to decisions and offers").click()
    page.get_by_role("button", name="Send 3 decision emails").click()
    expect(page.get_by_text("3 emails are being sent")).to_be_visible()
    progress = page.locator("#email-progress")
    expect(progress.locator('[data-count="sent"]')).to_have_text("3")
    expect(progress.locator('[data-count="failed"]')).to_have_text("0")
    assert_accessible(page)
    assert sorted(m.to[0] for m in mail.outbox) == [
        "lead@birmingham.example.gov.uk",
        "lead@leeds.example.gov.uk",
        "lead@sheffield.example.gov.uk",
    ]
    sign_out(page)

    # The offered applicant accepts on their account page.
    sign_in(page, live_server.url, "lead@sheffield.example.gov.uk")
    expect(page.get_by_text("Offer of a place")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Accept or decline the offer for Sheffield").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Offer of a place for Sheffield")
    assert_accessible(page)
    page.get_by_role("button", name="Send your reply").click()
    expect(page.get_by_role("alert")).to_contain_text("Select whether you accept the offer")
    assert_accessible(page)
    page.get_by_label("Yes, we accept the place").check()
    page.get_by_role("button", name="Send your reply").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Place accepted")
    assert_accessible(page)
    sign_out(page)

    # Staff build the cohort and schedule its announcement.
    sign_in(page, live_server.url, staff_user.email)
    menu.get_by_role("link", name="Cohorts").click()
    page.get_by_role("link", name="Leading Places — Round 2").click()
    page.get_by_role("link", name="Build the cohort and schedule its announcement").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cohort and announcement")
    assert_accessible(page)
    page.get_by_role("button", name="Add accepted partnerships to the cohort").click()
    expect(page.get_by_text("1 partnership added to the cohort")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Change the introduction").click()
    page.get_by_label("Introduction").fill("The second cohort of Leading Places.")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="Schedule publication").click()
    assert_accessible(page)
    soon = timezone.localtime(timezone.now() + dt.timedelta(minutes=2), LONDON)
    fill_date(page, "Date", soon.date())
    page.get_by_label("Time (UK time)").fill(soon.strftime("%H:%M"))
    page.get_by_role("button", name="Schedule publication").click()
    expect(page.get_by_text("Publication scheduled")).to_be_visible()
    page.get_by_role("link", name="Preview the announcement").click()
    expect(page.get_by_text(re.compile(r"Preview: not published until \d"))).to_be_visible()
    assert_accessible(page)
    sign_out(page)

    # Before the time, the public gets "Page not found"; at it, the cohort is public.
    response = page.goto(live_server.url + "/cohorts/round-2/")
    assert response.status == 404
    Cohort.objects.filter(round=open_round).update(
        publish_at=timezone.now() - dt.timedelta(seconds=1)
    )
    page.goto(live_server.url + "/cohorts/")
    assert_accessible(page)
    page.get_by_role("link", name="Leading Places round 2 partnerships").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Leading Places round 2 partnerships")
    expect(page.get_by_text("The second cohort of Leading Places.")).to_be_visible()
    expect(page.get_by_role("heading", name="Sheffield")).to_be_visible()
    expect(page.get_by_text("Preview")).to_have_count(0)
    assert_accessible(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Announcement (PDF)").click()
    download = download_info.value
    assert download.suggested_filename == "leading-places-round-2-cohort.pdf"
    with open(download.path(), "rb") as handle:
        assert handle.read(4) == b"%PDF"
