"""Playwright helpers: accessibility checks with axe-core and signing in as a person would."""

import base64

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Error as PlaywrightError

from tests.factories.accounts import PASSWORD, current_code, next_code

_axe = Axe()

SERIOUS = ("serious", "critical")
EVERY_IMPACT = ("minor", "moderate", "serious", "critical")


def assert_accessible(page, impacts=SERIOUS):
    """No axe-core violations of these impacts (by default serious or critical) on the page
    as it is now (once the page a click started to open has loaded)."""
    results = _run_axe(page)
    violations = [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(node["target"][0] if node["target"] else "" for node in v["nodes"][:3])
        for v in results.response["violations"]
        if v["impact"] in impacts
    ]
    assert violations == [], f"{page.url}: " + "\n".join(violations)


def _run_axe(page, attempts=3):
    """axe-core on the loaded page. A click that opens a page returns before the new page
    replaces the old one; if that happens while axe runs (its document goes away), wait
    for the new page to load and run axe again on it."""
    for attempt in range(attempts):
        page.wait_for_load_state("load")
        try:
            return _axe.run(page)
        except PlaywrightError as error:
            navigated = "documentElement" in str(error) or "context was destroyed" in str(error)
            if not navigated or attempt == attempts - 1:
                raise
            page.wait_for_timeout(200)


def sign_in(page, base_url, email, password=PASSWORD):
    """Sign in as a person would: email and password, then for staff, chairs and assessors
    (and anyone who turned it on) the two-factor step: the code from their app, or on a
    first sign-in setting the app up with the typed key and saving the recovery codes."""
    page.goto(base_url + "/account/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    if "/account/two-factor/code/" in page.url:
        enter_code(page, email)
    elif "/account/two-factor/set-up/" in page.url:
        set_up_app(page)


def enter_code(page, email):
    """The code step: the code the person's app shows now (from their device's key)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.get(user__email=email, confirmed=True)
    page.get_by_label("Code", exact=True).fill(next_code(device))
    page.get_by_role("button", name="Continue").click()
    page.wait_for_load_state()


def typed_key_hex(page):
    """The key shown under "I cannot scan the QR code", as django-otp stores keys (hex)."""
    page.get_by_text("I cannot scan the QR code").click()
    typed = page.locator("#typed-key").inner_text()
    key = "".join(typed.split())
    key += "=" * (-len(key) % 8)
    return base64.b32decode(key).hex()


def set_up_app(page):
    """First sign-in: type the key into the 'app', enter its code, save the recovery codes.
    Returns the recovery codes shown."""
    key = typed_key_hex(page)
    page.get_by_label("Code", exact=True).fill(current_code(key))
    page.get_by_role("button", name="Continue").click()
    page.wait_for_load_state()
    codes = page.locator(".lp-recovery-codes li").all_inner_texts()
    page.get_by_role("link", name="I have saved my recovery codes").click()
    page.wait_for_load_state()
    return codes


def emailed_link(email, path_start):
    """The path of the link (starting with `path_start`) in the latest email to `email`
    (Django's locmem outbox: the live server's worker delivered it)."""
    import re

    from django.core import mail

    message = [m for m in mail.outbox if email in m.to][-1]
    return re.search(r"https?://[^/\s]+(" + re.escape(path_start) + r"\S*)", message.body)[1]


def confirm_sign_up(page, base_url, email):
    """After "Create account": open the link from the email and create the account."""
    from playwright.sync_api import expect

    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    page.goto(base_url + emailed_link(email, "/account/sign-up/"))
    page.get_by_role("button", name="Create my account").click()


def fill_date(scope, legend, date):
    """Type a date into the day, month and year boxes of the date question `legend`, as a
    person would; `date` is a date or "day month year" text (like "31 2 2027")."""
    parts = [date.day, date.month, date.year] if hasattr(date, "day") else str(date).split()
    group = scope.get_by_role("group", name=legend, exact=True)
    for label, value in zip(("Day", "Month", "Year"), parts, strict=True):
        group.get_by_label(label, exact=True).fill(str(value))
