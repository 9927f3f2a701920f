"""Playwright helpers: accessibility checks with axe-core and signing in as a person would."""

from axe_playwright_python.sync_playwright import Axe

from tests.factories.accounts import PASSWORD

_axe = Axe()

SERIOUS = ("serious", "critical")
EVERY_IMPACT = ("minor", "moderate", "serious", "critical")


def assert_accessible(page, impacts=SERIOUS):
    """No axe-core violations of these impacts (by default serious or critical) on the page
    as it is now."""
    results = _axe.run(page)
    violations = [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(node["target"][0] if node["target"] else "" for node in v["nodes"][:3])
        for v in results.response["violations"]
        if v["impact"] in impacts
    ]
    assert violations == [], f"{page.url}: " + "\n".join(violations)


def sign_in(page, base_url, email, password=PASSWORD):
    page.goto(base_url + "/account/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def fill_date(scope, legend, date):
    """Type a date into the day, month and year boxes of the date question `legend`, as a
    person would; `date` is a date or "day month year" text (like "31 2 2027")."""
    parts = [date.day, date.month, date.year] if hasattr(date, "day") else str(date).split()
    group = scope.get_by_role("group", name=legend, exact=True)
    for label, value in zip(("Day", "Month", "Year"), parts, strict=True):
        group.get_by_label(label, exact=True).fill(str(value))
