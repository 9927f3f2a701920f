"""Issue 15's remaining walks, as people do them: an applicant types councils and
universities the way they write them; programme staff screen a bid (its lead contact,
partners and areas on the page), see the release page's warning while applications are
open, mistype the reply-by date, release, send, and watch the sending progress update by
itself. axe-core finds no violation of any impact on the pages visited."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from applications.samples import make_bid
from core.dates import format_datetime
from notifications import sender
from tests.browser import EVERY_IMPACT, assert_accessible, sign_in
from tests.cohort_helpers import decided_bids
from tests.factories.browser import fill_date

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def heading(page):
    return page.get_by_role("heading", level=1)


def test_partners_typed_as_applicants_write_them(page, live_server, open_round, applicant):
    make_bid(open_round, applicant, "Sheffield")  # a complete draft
    sign_in(page, live_server.url, applicant.email)
    expect(heading(page)).to_have_text("Your applications")
    page.get_by_role("link", name="Sheffield", exact=True).click()
    page.get_by_role("link", name="Partners", exact=True).click()
    expect(heading(page)).to_have_text("Partners")
    assert_accessible(page, EVERY_IMPACT)

    # The draft has Sheffield and its two universities; this partnership is different.
    page.get_by_role("button", name="Remove partner 3").click()
    third = page.get_by_role("group", name="Partner 3", exact=True)
    expect(third.get_by_label("Organisation name")).to_have_value("")
    lead = page.get_by_role("group", name="Partner 1 (lead organisation)")
    expect(lead.get_by_label("Organisation name")).to_have_value("Sheffield")
    lead.get_by_label("Organisation name").fill("Sheffield City Council")
    uni = page.get_by_role("group", name="Partner 2", exact=True)
    expect(uni.get_by_label("Organisation name")).to_have_value("The University of Sheffield")
    uni.get_by_label("Organisation name").fill("Rotherham Council")
    page.get_by_role("button", name="Save and continue").click()

    # Two councils: the partnership's error is beside the list, and the summary links to it.
    summary = page.get_by_role("alert")
    message = "Add at least one higher education institution to the partnership"
    expect(summary.get_by_role("link", name=message)).to_be_visible()
    assert_accessible(page, EVERY_IMPACT)
    summary.get_by_role("link", name=message).click()
    expect(page.locator("#partner-organisations")).to_be_focused()
    expect(page.locator("#partner-organisations-error")).to_have_text(f"Error: {message}")

    uni.get_by_label("Organisation name").fill("University of Sheffield")
    page.get_by_role("button", name="Save and continue").click()
    expect(heading(page)).to_have_text("Geography")
    page.get_by_role("link", name="Back to your application").click()
    page.get_by_role("link", name="Check answers and submit").click()
    assert_accessible(page, EVERY_IMPACT)
    expect(page.get_by_text("Sheffield City Council (Council)")).to_be_visible()
    expect(
        page.get_by_text("The University of Sheffield (Higher education institution)")
    ).to_be_visible()


def test_screening_page_shows_who_and_where(page, live_server, open_round, staff_user):
    bid = make_bid(open_round, staff_user, "Leeds", submitted=True)
    sign_in(page, live_server.url, staff_user.email)
    page.get_by_role("navigation", name="Menu").get_by_role(
        "link", name="Set up assessment"
    ).click()
    page.get_by_role("link", name="Eligibility screening").click()
    page.get_by_role("link", name=f"Screen {bid.reference}").click()
    expect(heading(page)).to_have_text(f"Screen {bid.reference}")
    assert_accessible(page, EVERY_IMPACT)

    def row(label):
        return (
            page.locator(".govuk-summary-list__row")
            .filter(has=page.get_by_role("term").filter(has_text=label))
            .locator("dd")
        )

    expect(row("Lead contact")).to_have_text(
        "Lead officer for LeedsHead of policylead@leeds.example.gov.uk0114 000 0000"
    )
    expect(row("Partner 1")).to_have_text(
        "Leeds (Council)Senior sponsor: Sponsor 1 of Leeds, Chief executive"
        "Contact: partnerships@leeds.example.org"
    )
    expect(row("Local authority areas")).to_have_text("Leeds")


def test_release_warns_refuses_a_wrong_date_and_progress_updates_itself(
    page, live_server, open_round, staff_user, chair, settings
):
    # A task queue that holds the sending, so the page can be watched while it waits.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    decided_bids(
        open_round,
        chair,
        [
            ("Sheffield", "accept", None, "A strong partnership."),
            ("Leeds", "reserve", 1, "Close to the line."),
            ("Birmingham", "reject", None, "The challenge is too broad."),
        ],
    )
    sender.send_queued()  # the submission confirmations of the set-up
    sign_in(page, live_server.url, staff_user.email)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Cohorts").click()
    page.get_by_role("link", name="Leading Places — Round 2").click()
    expect(heading(page)).to_have_text("Decisions and offers")
    expect(page.locator("#round-open-warning")).to_have_text(
        "! WarningApplications are still open until "
        f"{format_datetime(open_round.closes_at)}. Partnerships can still submit, change or "
        "withdraw their bids, and a bid submitted after you release has no decision. "
        "Release the decisions after applications close."
    )
    expect(page.get_by_text("For example, 27 3 2027")).to_be_visible()
    assert_accessible(page, EVERY_IMPACT)

    fill_date(page, "Offers must be accepted by", "31 2 2027")
    page.get_by_role("button", name="Release decisions").click()
    summary = page.get_by_role("alert")
    expect(
        summary.get_by_role("link", name="The reply-by date must be a real date")
    ).to_be_visible()
    assert_accessible(page, EVERY_IMPACT)
    summary.get_by_role("link", name="The reply-by date must be a real date").click()
    expect(page.get_by_label("Day", exact=True)).to_be_focused()

    fill_date(page, "Offers must be accepted by", timezone.localdate() + dt.timedelta(days=21))
    page.get_by_role("button", name="Release decisions").click()
    expect(page.get_by_text("3 decisions released")).to_be_visible()
    page.get_by_role("button", name="Send 3 decision emails").click()
    expect(page.locator('[data-count="queued"]')).to_have_text("3")
    expect(page.locator('[data-count="sent"]')).to_have_text("0")
    assert_accessible(page, EVERY_IMPACT)
    # The worker sends them; the page shows it without anyone clicking anything.
    assert sender.send_queued() == {"sent": 3, "failed": 0}
    expect(page.locator('[data-count="sent"]')).to_have_text("3", timeout=10_000)
    expect(page.locator('[data-count="queued"]')).to_have_text("0")
    expect(page.get_by_text("All emails have been handed to the email server.")).to_be_visible()
