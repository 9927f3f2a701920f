"""The whole applicant journey in a browser, as a council officer would do it."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from applications.models import Bid, BidSubmission
from tests.browser import assert_accessible, sign_in
from tests.factories.browser import fill_date

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EMAIL = "jo.officer@sheffield.gov.uk"
PASSWORD = "a-good-long-passphrase"


def heading(page):
    return page.get_by_role("heading", level=1)


def save_and_continue(page):
    page.get_by_role("button", name="Save and continue").click()


def test_apply_from_start_to_pdf(page, browser, live_server, open_round, mailoutbox):
    base = live_server.url
    page.goto(base + "/")
    assert_accessible(page)
    page.get_by_role("button", name="Start now").click()
    expect(heading(page)).to_have_text("Create an account")
    page.get_by_label("Full name").fill("Jo Officer")
    page.get_by_label("Email address").fill(EMAIL)
    page.get_by_label("Create a password").fill(PASSWORD)
    page.get_by_label("Confirm your password").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(heading(page)).to_have_text("Your applications")
    assert_accessible(page)

    page.get_by_role("button", name="Start a new application").click()
    expect(heading(page)).to_have_text("Your application")
    expect(page.get_by_text("Cannot start yet")).to_have_count(7)
    assert_accessible(page)

    # Eligibility
    page.get_by_role("link", name="Check your partnership is eligible").click()
    assert_accessible(page)
    for question in [
        "Is the partnership's area in England?",
        "Does the partnership include at least one council and at least one higher "
        "education institution?",
        "Have the senior leaders agreed to take part?",
    ]:
        page.get_by_role("group", name=question).get_by_label("Yes").check()
    save_and_continue(page)

    # Partners, with a mistake, then "come back later"
    expect(heading(page)).to_have_text("Partners")
    assert_accessible(page)
    contact = page.get_by_role("group", name="Lead contact")
    contact.get_by_label("Full name").fill("Jo Officer")
    contact.get_by_label("Job title").fill("Head of policy")
    contact.get_by_label("Email address").fill(EMAIL)
    lead = page.get_by_role("group", name="Partner 1 (lead organisation)")
    lead.get_by_label("Organisation name").fill("Sheffield")
    lead.get_by_label("Senior sponsor's full name").fill("Kate Josephs")
    lead.get_by_label("Senior sponsor's role").fill("Chief executive")
    lead.get_by_label("Contact email address").fill("ceo@sheffield.gov.uk")
    uni = page.get_by_role("group", name="Partner 2", exact=True)
    uni.get_by_label("Organisation name").fill("The University of Sheffield")
    uni.get_by_label("Senior sponsor's full name").fill("Koen Lamberts")
    uni.get_by_label("Senior sponsor's role").fill("Vice-chancellor")
    uni.get_by_label("Contact email address").fill("vc at sheffield")
    save_and_continue(page)
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text(
        "Enter a contact email address for partner 2 in the correct format"
    )
    expect(uni.get_by_label("Contact email address")).to_have_value("vc at sheffield")
    assert_accessible(page)
    page.get_by_role("button", name="Save and come back later").click()
    expect(page.get_by_text("some need correcting before ‘Partners’ is complete")).to_be_visible()
    page.get_by_role("button", name="Sign out").click()

    # Another device: a new browser context signs in and carries on.
    other = browser.new_context()
    page = other.new_page()
    sign_in(page, base, EMAIL, PASSWORD)
    page.get_by_role("navigation", name="Menu").get_by_role(
        "link", name="Your applications"
    ).click()
    page.get_by_role("link", name="Continue your application").click()
    expect(page.get_by_text("Last saved: ‘Partners’")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Partners", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("Enter a contact email address")
    uni = page.get_by_role("group", name="Partner 2", exact=True)
    expect(uni.get_by_label("Contact email address")).to_have_value("vc at sheffield")
    uni.get_by_label("Contact email address").fill("vc@sheffield.ac.uk")
    save_and_continue(page)

    # Geography: the filter box finds the district.
    expect(heading(page)).to_have_text("Geography")
    assert_accessible(page)
    page.get_by_label("What name does your partnership use for its place?").fill("Sheffield")
    page.get_by_label("Search local authority areas").fill("sheff")
    page.get_by_label("Sheffield", exact=True).check()
    save_and_continue(page)

    # Partnership strength
    expect(heading(page)).to_have_text("Partnership strength")
    assert_accessible(page)
    page.get_by_label("How many years have the partners worked together?").fill("6")
    page.get_by_role(
        "group", name="Do the partners have a joint senior leadership group?"
    ).get_by_label("Yes").check()
    page.get_by_label("If yes, in which year was it set up?").fill("2021")
    page.get_by_label("Memorandum of understanding").check()
    page.get_by_label("How many joint initiatives").fill("2")
    page.get_by_label("Describe the joint initiatives").fill("A civic university agreement.")
    sheffield = page.get_by_role("group", name="Sheffield", exact=True)
    sheffield.get_by_label("Cash (£)").fill("£20,000")
    sheffield.get_by_label("Staff days in kind").fill("30")
    page.get_by_label("How will the partnership make decisions").fill("By consensus.")
    save_and_continue(page)

    # Priority challenge, with the live word counter
    expect(heading(page)).to_have_text("Priority challenge")
    page.get_by_label("Economic growth").check()
    page.get_by_label("Title of the priority challenge").fill("Good jobs")
    page.get_by_label("Summary of the challenge").fill("Good jobs for everyone in the city.")
    expect(page.get_by_text("You have 243 words remaining")).to_be_visible()
    page.get_by_label("Proposed approach").fill("A joint team using action learning.")
    page.get_by_label("Expected outcomes by the end of the programme").fill("More good jobs.")
    page.get_by_label("How will you measure success?").fill("Quarterly indicators.")
    assert_accessible(page)
    save_and_continue(page)

    # Plan
    expect(heading(page)).to_have_text("Plan")
    start = open_round.programme_starts_on
    for number, days in [(1, 30), (2, 200)]:
        milestone = page.get_by_role("group", name=f"Milestone {number}", exact=True)
        fill_date(milestone, "Date", start + dt.timedelta(days=days))
        milestone.get_by_label("What will happen").fill(f"Milestone number {number}")
    page.get_by_label("Peer challenge").check()
    page.get_by_label("What are the main risks").fill("Diary pressures.")
    assert_accessible(page)
    save_and_continue(page)

    # Declarations
    expect(heading(page)).to_have_text("Declarations")
    page.get_by_label("I confirm that the information").check()
    page.get_by_label("I have the authority").check()
    page.get_by_label("I have read the data protection notice").check()
    assert_accessible(page)
    save_and_continue(page)

    # Check answers, change one via its Change link
    expect(heading(page)).to_have_text("Check your answers before submitting your application")
    assert_accessible(page)
    page.get_by_role("link", name="Change title", exact=True).click()
    page.get_by_label("Title of the priority challenge").fill("Good jobs for Sheffield")
    save_and_continue(page)
    expect(heading(page)).to_have_text("Check your answers before submitting your application")
    expect(page.get_by_text("Good jobs for Sheffield")).to_be_visible()
    page.get_by_role("button", name="Submit application").click()

    # Confirmation and PDF
    expect(heading(page)).to_have_text("Application submitted")
    expect(page.get_by_text("LP2-0001")).to_be_visible()
    assert_accessible(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download a PDF copy of your application").click()
    download = download_info.value
    assert download.suggested_filename == "LP2-0001-version-1.pdf"
    with open(download.path(), "rb") as handle:
        assert handle.read(4) == b"%PDF"
    other.close()

    bid = Bid.objects.get()
    assert bid.status == Bid.Status.SUBMITTED
    answers = BidSubmission.objects.get(bid=bid).answers
    assert answers["challenge"]["title"] == "Good jobs for Sheffield"
    assert answers["strength"]["resources"][0] == {
        "partner": "Sheffield",
        "cash_pounds": 20000,
        "staff_days": 30,
    }
    # The journey ends with one submission and one confirmation email carrying its PDF
    # (how long it takes is measured by `make bench`, not here).
    assert BidSubmission.objects.filter(bid=bid).count() == 1
    assert [(m.to, m.subject) for m in mailoutbox] == [
        ([EMAIL], "Leading Places: application LP2-0001 submitted")
    ]
    assert [a[0] for a in mailoutbox[0].attachments] == ["LP2-0001-version-1.pdf"]
