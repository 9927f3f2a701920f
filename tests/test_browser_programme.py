"""The action-learning programme in a browser, as people use it: staff create the immersion
event and invite the cohort; a partnership records its leadership group's first meeting,
adds, corrects and removes a member of the group and a meeting recorded by mistake, replies
for two places, reshapes its challenge with a reason and marks a milestone at risk; staff
record attendance and open the overview, which shows all of it. axe-core on every page."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from core.dates import LONDON
from tests.browser import assert_accessible, sign_in
from tests.factories.browser import fill_date
from tests.programme_helpers import announced_cohort

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_text("You have signed out")).to_be_visible()


def event_start():
    """Later today (London), so replies are still open and attendance can be recorded."""
    now = timezone.localtime(timezone.now(), LONDON).replace(second=0, microsecond=0)
    latest = now.replace(hour=23, minute=0)
    return min(now + dt.timedelta(minutes=60), max(latest, now + dt.timedelta(minutes=10)))


def test_programme_walk(page, live_server, open_round, staff_user, chair):
    announced_cohort(open_round, chair, staff_user, places=["Sheffield", "Leeds"])
    menu = page.get_by_role("navigation", name="Menu")
    starts = event_start()
    ends = starts + dt.timedelta(minutes=50)

    # Staff create the immersion event and invite the cohort.
    sign_in(page, live_server.url, staff_user.email)
    menu.get_by_role("link", name="Programme", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Action-learning programme")
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("^Calendar .*round 2")).click()
    assert_accessible(page)
    page.get_by_role("link", name="Add an event").click()
    page.get_by_label("Immersion event", exact=True).check()
    page.get_by_label("Name of the event").fill("Immersion event")
    fill_date(page, "Start date", starts.date())
    page.get_by_label("Start time").fill(starts.strftime("%H:%M"))
    fill_date(page, "End date", starts.date())
    page.get_by_label("End time").fill((starts - dt.timedelta(minutes=5)).strftime("%H:%M"))
    page.get_by_label("Place", exact=True).fill("Local Government House, London")
    page.get_by_label("Places for each partnership").fill("2")
    expect(page.get_by_label("Sheffield")).to_be_checked()
    expect(page.get_by_label("Leeds")).to_be_checked()
    page.get_by_role("button", name="Add event and invite").click()
    expect(page.get_by_role("alert")).to_contain_text("The event must end after it starts")
    assert_accessible(page)
    fill_date(page, "End date", ends.date())
    page.get_by_label("End time").fill(ends.strftime("%H:%M"))
    page.get_by_role("button", name="Add event and invite").click()
    expect(page.get_by_text("Immersion event added; 2 partnerships invited")).to_be_visible()
    assert_accessible(page)
    sign_out(page)

    # The Sheffield partnership records its leadership group's first meeting.
    sign_in(page, live_server.url, "lead@sheffield.example.gov.uk")
    menu.get_by_role("link", name="Your programme").click()
    assert_accessible(page)
    page.get_by_role("link", name="Sheffield", exact=True).click()
    expect(page.locator("#leadership-met")).to_have_text("Senior leadership group: not yet met")
    assert_accessible(page)
    page.get_by_role("link", name="Record a meeting of the leadership group").click()
    today = timezone.localdate()
    fill_date(page, "Date of the meeting", today + dt.timedelta(days=2))
    page.get_by_label("What was agreed").fill("Agreed the priority challenge and the team")
    page.get_by_role("button", name="Record meeting").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "The date of a meeting that was held must be today or in the past"
    )
    assert_accessible(page)
    fill_date(page, "Date of the meeting", today)
    page.get_by_role("button", name="Record meeting").click()
    first_met = f"{today.day} {today:%B %Y}"
    expect(page.locator("#leadership-met")).to_have_text(
        f"Senior leadership group: first met on {first_met}"
    )
    assert_accessible(page)

    # It adds a member of its leadership group, corrects a typo and removes them.
    page.get_by_role("link", name="Add a member of the leadership group").click()
    page.get_by_label("Name").fill("Jon Smtih")
    page.get_by_label("Role").fill("Leader of the council")
    page.get_by_label("Organisation", exact=True).select_option(index=1)
    page.get_by_role("button", name="Add member").click()
    expect(page.get_by_text("Jon Smtih added to the leadership group")).to_be_visible()
    page.get_by_role("link", name="Change Jon Smtih").click()
    expect(page.get_by_label("Name")).to_have_value("Jon Smtih")
    assert_accessible(page)
    page.get_by_label("Name").fill("")
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter their name")
    assert_accessible(page)
    page.get_by_label("Name").fill("Jon Smith")
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_text("Jon Smith's details changed")).to_be_visible()
    leaders = page.get_by_role("table", name="Members of the senior leadership group")
    expect(leaders).to_contain_text("Jon Smith")
    expect(leaders).not_to_contain_text("Jon Smtih")
    page.get_by_role("link", name="Remove Jon Smith").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Are you sure you want to remove Jon Smith from the senior leadership group?"
    )
    assert_accessible(page)
    page.get_by_role("button", name="Remove Jon Smith").click()
    expect(page.get_by_text("Jon Smith removed from the leadership group")).to_be_visible()
    expect(page.get_by_text("No members recorded yet.")).to_be_visible()

    # It records a meeting by mistake, changes it, then removes it.
    yesterday = today - dt.timedelta(days=1)
    page.get_by_role("link", name="Record a meeting of the leadership group").click()
    fill_date(page, "Date of the meeting", yesterday)
    page.get_by_label("What was agreed").fill("Recorded for the wrong partnership")
    page.get_by_role("button", name="Record meeting").click()
    on_yesterday = f"{yesterday.day} {yesterday:%B %Y}"
    expect(page.locator("#leadership-met")).to_have_text(
        f"Senior leadership group: first met on {on_yesterday}"
    )
    page.get_by_role("link", name=f"Change the meeting on {yesterday:%A} {on_yesterday}").click()
    expect(page.get_by_label("What was agreed")).to_have_value("Recorded for the wrong partnership")
    assert_accessible(page)
    page.get_by_label("What was agreed").fill("A mistake: to be removed")
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_text("Leadership group meeting changed")).to_be_visible()
    expect(page.get_by_text("A mistake: to be removed")).to_be_visible()
    page.get_by_role("link", name=f"Remove the meeting on {yesterday:%A} {on_yesterday}").click()
    assert_accessible(page)
    page.get_by_role("button", name=f"Remove the meeting on {on_yesterday}").click()
    expect(page.get_by_text(f"The meeting on {on_yesterday} removed")).to_be_visible()
    expect(page.locator("#leadership-met")).to_have_text(
        f"Senior leadership group: first met on {first_met}"
    )
    assert_accessible(page)

    # It replies for two places.
    page.get_by_role("link", name="Immersion event", exact=True).click()
    assert_accessible(page)
    page.get_by_role("link", name="Reply for Sheffield").click()
    page.get_by_label("Yes, we will attend").check()
    page.get_by_label("Who will attend?").fill("Ann Example\nBob Example\nCat Example")
    page.get_by_role("button", name="Send reply").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "You entered 3 names but your partnership has 2 places"
    )
    assert_accessible(page)
    page.get_by_label("Who will attend?").fill("Ann Example\nBob Example")
    page.get_by_role("button", name="Send reply").click()
    expect(page.get_by_text("Reply sent for Sheffield")).to_be_visible()
    assert_accessible(page)

    # It reshapes its challenge with a reason.
    menu.get_by_role("link", name="Your programme").click()
    page.get_by_role("link", name="Sheffield", exact=True).click()
    page.get_by_role("link", name="Reshape the priority challenge").click()
    page.get_by_label("Health and wellbeing").check()
    page.get_by_label("Title of the priority challenge").fill("A healthier Sheffield by 2030")
    page.get_by_role("button", name="Save the reshaped challenge").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Enter why the partnership reshaped its challenge"
    )
    assert_accessible(page)
    page.get_by_label("Why did the partnership reshape its challenge?").fill(
        "The peer challenge showed health is where every partner can act"
    )
    page.get_by_label("After which event, if any?").select_option(label="Immersion event")
    page.get_by_role("button", name="Save the reshaped challenge").click()
    expect(page.get_by_text("Priority challenge reshaped")).to_be_visible()
    history = page.locator(".lp-history")
    expect(history).to_contain_text(f"Reshaped after the Immersion event, {first_met}")
    expect(history).to_contain_text("A shared priority challenge for Sheffield")
    assert_accessible(page)

    # It updates a milestone to "at risk".
    page.get_by_role("link", name="Update Leadership group agrees the challenge").click()
    assert_accessible(page)
    page.get_by_label("At risk").check()
    page.get_by_label("Progress update").fill("Diaries of senior leaders are full")
    page.get_by_role("button", name="Save update").click()
    expect(page.get_by_text("Milestone updated: at risk")).to_be_visible()
    assert_accessible(page)
    sign_out(page)

    # Staff record attendance and open the overview.
    sign_in(page, live_server.url, staff_user.email)
    menu.get_by_role("link", name="Programme", exact=True).click()
    page.get_by_role("link", name=re.compile("^Calendar .*round 2")).click()
    page.get_by_role("link", name="Immersion event", exact=True).click()
    expect(page.get_by_text("Ann Example")).to_be_visible()
    page.get_by_role("link", name="Record attendance").click()
    assert_accessible(page)
    page.get_by_label("Ann Example (Sheffield)").check()
    page.get_by_role("button", name="Save attendance").click()
    expect(page.get_by_text("Attendance recorded")).to_be_visible()
    assert_accessible(page)
    menu.get_by_role("link", name="Programme", exact=True).click()
    page.get_by_role("link", name=re.compile("^Overview .*round 2")).click()
    assert_accessible(page)
    sheffield = page.get_by_role("row").filter(has_text="Sheffield")
    expect(sheffield).to_contain_text(first_met)
    expect(sheffield).to_contain_text("Reshaped")
    expect(sheffield).to_contain_text("A healthier Sheffield by 2030")
    expect(sheffield).to_contain_text("1 at risk")
    expect(sheffield).to_contain_text("1 of 1")
    leeds = page.get_by_role("row").filter(has_text="Leeds")
    expect(leeds).to_contain_text("Leadership group not yet met")
    expect(leeds).to_contain_text("0 of 1")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download this overview as a PDF").click()
    assert download.value.suggested_filename.endswith(f"{timezone.localdate().isoformat()}.pdf")
