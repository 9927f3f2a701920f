import pytest
from playwright.sync_api import expect

from accounts import permissions
from accounts.models import User
from tests.browser import assert_accessible
from tests.factories.browser import confirm_sign_up

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_start_page_and_sign_up(page, live_server, open_round):
    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Leading Places — Round 2")
    expect(page.get_by_text("Applications close at")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Start now").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Create an account")
    assert_accessible(page)

    # A mistake first: passwords that do not match.
    page.get_by_label("Full name").fill("Jo Officer")
    page.get_by_label("Email address").fill("jo.officer@council.gov.uk")
    page.get_by_label("Create a password").fill("a-good-long-passphrase")
    page.get_by_label("Confirm your password").fill("a-different-passphrase")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("alert")).to_contain_text("The passwords do not match")
    expect(page.get_by_label("Full name")).to_have_value("Jo Officer")
    assert_accessible(page)

    page.get_by_label("Create a password").fill("a-good-long-passphrase")
    page.get_by_label("Confirm your password").fill("a-good-long-passphrase")
    page.get_by_role("button", name="Create account").click()
    assert_accessible(page)  # "Check your email"
    assert not User.objects.filter(email="jo.officer@council.gov.uk").exists()
    confirm_sign_up(page, live_server.url, "jo.officer@council.gov.uk")
    # "Start now" leads, after creating an account, to the applicant's dashboard.
    expect(page.get_by_role("heading", level=1)).to_have_text("Your applications")
    expect(page.get_by_text("Your account has been created")).to_be_visible()
    assert_accessible(page)
    user = User.objects.get(email="jo.officer@council.gov.uk")
    assert permissions.roles_for(user) == {permissions.APPLICANT}

    page.get_by_role("button", name="Sign out").click()
    nav = page.get_by_role("navigation", name="Menu")
    expect(nav.get_by_role("link", name="Sign in")).to_be_visible()
    nav.get_by_role("link", name="Sign in").click()
    page.get_by_label("Email address").fill("jo.officer@council.gov.uk")
    page.get_by_label("Password").fill("wrong-password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter a correct email address and password")
    assert_accessible(page)
    page.get_by_label("Password").fill("a-good-long-passphrase")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your applications")
