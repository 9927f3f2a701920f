"""After submitting: reopen, invite a colleague and withdraw, in a browser."""

import pytest
from playwright.sync_api import expect

from applications.models import Bid, BidInvitation
from tests.browser import assert_accessible, sign_in
from tests.factories.applications import make_bid

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reopen_invite_and_withdraw(page, live_server, open_round, applicant):
    make_bid(open_round, applicant, place="Leeds", submitted=True)
    sign_in(page, live_server.url, applicant.email)
    page.get_by_role("navigation", name="Menu").get_by_role(
        "link", name="Your applications"
    ).click()
    expect(page.get_by_role("cell", name="LP2-0001")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="View, change or withdraw").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Leeds: your application")
    assert_accessible(page)

    page.get_by_role("button", name="Reopen to make changes").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Reopen your application?")
    assert_accessible(page)
    page.get_by_role("button", name="Reopen application").click()
    expect(page.get_by_text("You reopened this application")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Invite a colleague").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("People working on this application")
    page.get_by_label("Email address").fill("not an email")
    page.get_by_role("button", name="Send invitation").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter an email address in the correct")
    assert_accessible(page)
    page.get_by_label("Email address").fill("colleague@leeds.ac.uk")
    page.get_by_role("button", name="Send invitation").click()
    expect(page.get_by_text("We have sent an invitation to colleague@leeds.ac.uk")).to_be_visible()
    assert BidInvitation.objects.get().email == "colleague@leeds.ac.uk"
    page.get_by_role("link", name="Back to your application").click()

    page.get_by_role("button", name="Withdraw application").click()
    page.get_by_role("button", name="Withdraw application").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Enter why you are withdrawing the application"
    )
    assert_accessible(page)
    page.get_by_label("Why are you withdrawing the application?").fill("Timing is wrong")
    page.get_by_role("button", name="Withdraw application").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Application withdrawn")
    assert_accessible(page)
    assert Bid.objects.get().status == Bid.Status.WITHDRAWN
