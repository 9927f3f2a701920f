"""Issue 12: a staff member is invited, sets up two-factor sign-in with the QR code page,
signs out, signs in with a code, and uses a recovery code once (a second use is refused);
axe-core on each of those pages."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from accounts import permissions
from tests.factories.accounts import PASSWORD, current_code, next_code
from tests.factories.browser import assert_accessible, emailed_link, sign_in, typed_key_hex

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEW = "nia.newstaff@local.gov.uk"


def heading(page):
    return page.get_by_role("heading", level=1)


def password_step(page, base):
    page.goto(base + "/account/sign-in/")
    page.get_by_label("Email address").fill(NEW)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(heading(page)).to_have_text("Enter the code from your authenticator app")


def sign_out(page):
    page.get_by_role("button", name="Sign out").first.click()
    expect(heading(page)).to_have_text("Leading Places — Round 2")


def test_invited_staff_set_up_two_factor_and_sign_in_with_codes(
    page, live_server, open_round, make_user
):
    base = live_server.url
    make_user("staff@local.gov.uk", permissions.PROGRAMME_STAFF, "Pat Programme")
    sign_in(page, base, "staff@local.gov.uk")  # sets up Pat's own app on the way
    page.goto(base + "/account/invitations/")
    page.get_by_label("Email address").fill(NEW)
    page.get_by_label("Programme staff").check()
    page.get_by_role("button", name="Send invitation").click()
    expect(page.get_by_text(f"Invitation sent to {NEW}")).to_be_visible()
    sign_out(page)

    # The invitation: create the account, then set up two-factor sign-in first.
    page.goto(base + emailed_link(NEW, "/account/invitations/"))
    page.get_by_label("Full name").fill("Nia Newstaff")
    page.get_by_label("Create a password").fill(PASSWORD)
    page.get_by_label("Confirm your password").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(heading(page)).to_have_text("Set up two-factor sign-in")
    expect(
        page.get_by_role("img", name="QR code to scan with your authenticator app")
    ).to_be_visible()
    assert_accessible(page)
    # Nothing else opens yet.
    page.goto(base + "/apply/staff/bids/")
    expect(heading(page)).to_have_text("Set up two-factor sign-in")

    key = typed_key_hex(page)  # "I cannot scan the QR code": the key typed into the app
    page.get_by_label("Code", exact=True).fill("123456")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("alert")).to_contain_text("The code is not right")
    assert_accessible(page)
    page.get_by_label("Code", exact=True).fill(current_code(key))
    page.get_by_role("button", name="Continue").click()
    expect(heading(page)).to_have_text("Save your recovery codes")
    assert_accessible(page)
    codes = page.locator(".lp-recovery-codes li").all_inner_texts()
    assert len(codes) == 10
    page.get_by_role("link", name="I have saved my recovery codes").click()
    expect(heading(page)).to_have_text("Bids")  # where they were going
    sign_out(page)

    # Sign in with a code from the app.
    password_step(page, base)
    assert_accessible(page)
    device = TOTPDevice.objects.get(user__email=NEW)
    page.get_by_label("Code", exact=True).fill(next_code(device))
    page.get_by_role("button", name="Continue").click()
    expect(heading(page)).to_have_text("Your account")
    sign_out(page)

    # No phone: a recovery code, once.
    password_step(page, base)
    page.get_by_text("I do not have my phone").click()
    page.get_by_label("Code", exact=True).fill(codes[0])
    page.get_by_role("button", name="Continue").click()
    expect(heading(page)).to_have_text("Your account")
    expect(page.get_by_text("You used a recovery code. You have 9 left")).to_be_visible()
    expect(page.get_by_text("You have 9 recovery codes left.")).to_be_visible()
    assert_accessible(page)
    sign_out(page)

    password_step(page, base)
    page.get_by_label("Code", exact=True).fill(codes[0])
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Enter a recovery code that you have not used before"
    )
    expect(heading(page)).to_have_text("Enter the code from your authenticator app")
    assert_accessible(page)
