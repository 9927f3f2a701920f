"""Learning and evaluation in a browser, as people use it: staff open a peer review for the
cohort's peer challenge and the evaluation; Sheffield and Leeds post their pitches and
review each other; Leeds reads its reviews, records its lessons learnt and next steps and
completes its evaluation (a rating without evidence refused first); staff publish the
report (warned that Sheffield has no lessons) and an anonymous visitor opens it and its
PDF. axe-core on every page."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser import assert_accessible, sign_in
from tests.factories.browser import fill_date
from tests.programme_helpers import announced_cohort, make_event

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_text("You have signed out")).to_be_visible()


def open_peer_review(page):
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Your programme").click()
    assert_accessible(page)


def test_learning_walk(page, live_server, open_round, staff_user, chair):
    members = announced_cohort(open_round, chair, staff_user, places=["Sheffield", "Leeds"])
    cohort = members["Sheffield"].cohort
    make_event(
        cohort,
        staff_user,
        list(members.values()),
        kind="peer_challenge",
        title="Peer review conference",
    )
    menu = page.get_by_role("navigation", name="Menu")

    # Staff open the peer review and the evaluation.
    sign_in(page, live_server.url, staff_user.email)
    menu.get_by_role("link", name="Programme", exact=True).click()
    page.get_by_role("link", name=re.compile("^Learning and evaluation .*round 2")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Learning and evaluation")
    assert_accessible(page)
    page.get_by_role("link", name="Open a peer review").click()
    assert_accessible(page)
    page.get_by_label("How many peers review each partnership?").fill("0")
    page.get_by_role("button", name="Open the peer review").click()
    expect(page.get_by_role("alert")).to_contain_text("Select the event")
    assert_accessible(page)
    page.get_by_label(re.compile("^Peer review conference")).check()
    page.get_by_label("How many peers review each partnership?").fill("2")
    page.get_by_role("button", name="Open the peer review").click()
    expect(page.get_by_text("Peer review opened: 2 reviews assigned")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Back to learning and evaluation").click()
    page.get_by_role("button", name="Open the evaluation for the cohort").click()
    expect(page.get_by_text("Evaluation opened for 2 partnerships")).to_be_visible()
    sign_out(page)

    # Sheffield posts its pitch and reviews Leeds.
    sign_in(page, live_server.url, "lead@sheffield.example.gov.uk")
    open_peer_review(page)
    page.get_by_role("link", name="Sheffield", exact=True).click()
    page.get_by_role("link", name="Peer review: Peer review conference").click()
    assert_accessible(page)
    page.get_by_role("link", name="Post your pitch").click()
    assert_accessible(page)
    page.get_by_label("Your short pitch").fill("Good jobs for Sheffield, with both universities.")
    page.get_by_role("button", name="Save the pitch").click()
    expect(page.get_by_text("Your pitch is saved")).to_be_visible()
    page.get_by_role("list").get_by_role("link", name="Leeds", exact=True).first.click()
    expect(page.get_by_role("heading", name="Your review of Leeds")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("What is strong").fill("A leadership group that meets every month.")
    page.get_by_label("One challenge to the partnership").fill("Who owns the plan after March?")
    page.get_by_role("button", name="Submit the review").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter one offer of support")
    assert_accessible(page)
    page.get_by_label("One offer of support").fill("Our data observatory can help.")
    page.get_by_role("button", name="Submit the review").click()
    expect(page.get_by_text("Your review of Leeds is submitted")).to_be_visible()
    assert_accessible(page)
    sign_out(page)

    # Leeds reviews Sheffield, then reads its own reviews.
    sign_in(page, live_server.url, "lead@leeds.example.gov.uk")
    open_peer_review(page)
    page.get_by_role("link", name="Leeds", exact=True).click()
    assert_accessible(page)
    page.get_by_role("link", name="Peer review: Peer review conference").click()
    page.get_by_role("list").get_by_role("link", name="Sheffield", exact=True).first.click()
    expect(page.locator("#pitch")).to_have_text("Good jobs for Sheffield, with both universities.")
    page.get_by_label("What is strong").fill("Both universities are at the table.")
    page.get_by_label("One challenge to the partnership").fill("How will residents notice?")
    page.get_by_label("One offer of support").fill("Our health partners can join a session.")
    page.get_by_role("button", name="Submit the review").click()
    expect(page.get_by_text("Your review of Sheffield is submitted")).to_be_visible()
    page.get_by_role("link", name="Read the reviews of Leeds").click()
    expect(page.get_by_role("heading", name="From Sheffield")).to_be_visible()
    expect(page.get_by_text("A leadership group that meets every month.")).to_be_visible()
    assert_accessible(page)

    # It records its lessons learnt and next steps.
    page.get_by_role("link", name="Record your lessons learnt and next steps").click()
    assert_accessible(page)
    page.get_by_label("A. What the partnership learnt").fill("Trust between partners takes time.")
    page.get_by_label("B. What it needs to do next").fill(
        "Agree clearer objectives with all partners."
    )
    fill_date(page, "Date of the lessons", timezone.localdate())
    page.get_by_role("button", name="Save lessons and next steps").click()
    expect(page.get_by_text("Lessons learnt and next steps saved")).to_be_visible()
    expect(page.locator("#lessons-learnt")).to_have_text("Trust between partners takes time.")
    assert_accessible(page)

    # It completes its evaluation.
    page.get_by_role("link", name="Back to Leeds").click()
    page.get_by_role("link", name="End-of-programme evaluation").click()
    assert_accessible(page)
    first = page.get_by_role("group", name=re.compile(r"^1\. Expected outcome"))
    first.get_by_label("Achieved", exact=True).check()
    second = page.get_by_role("group", name=re.compile(r"^2\. Measure of success"))
    second.get_by_label("Partly achieved").check()
    page.get_by_label("Evidence for 1").fill("Forty people into good work.")
    page.get_by_label("Overall statement").fill("Good progress on the priority challenge.")
    page.get_by_label("What will your partnership do after the programme?").fill("Keep meeting.")
    page.get_by_role("button", name="Submit the evaluation").click()
    expect(page.get_by_role("alert")).to_contain_text("Give the evidence for the rating of")
    assert_accessible(page)
    page.get_by_label("Evidence for 2").fill("Two of four indicators agreed.")
    page.get_by_role("button", name="Submit the evaluation").click()
    expect(page.get_by_text("Evaluation submitted", exact=True)).to_be_visible()
    expect(page.get_by_role("cell", name="Achieved", exact=True)).to_be_visible()
    assert_accessible(page)
    sign_out(page)

    # Staff publish the report: warned that Sheffield has no lessons yet.
    sign_in(page, live_server.url, staff_user.email)
    menu.get_by_role("link", name="Programme", exact=True).click()
    page.get_by_role("link", name=re.compile("^Learning and evaluation .*round 2")).click()
    page.get_by_role("link", name="Write and publish the report").click()
    assert_accessible(page)
    page.get_by_role("button", name="Publish the report").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "1 partnership has no lessons learnt and next steps yet: Sheffield"
    )
    expect(page.locator("#missing-lessons")).to_have_text("Sheffield")
    assert_accessible(page)
    page.get_by_label("Publish without the lessons of the partnerships listed").check()
    page.get_by_role("button", name="Publish the report").click()
    expect(page.get_by_text("Report published")).to_be_visible()
    assert_accessible(page)
    sign_out(page)

    # An anonymous visitor opens the report and its PDF.
    page.goto(live_server.url + "/reports/")
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("programme report")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("programme report")
    expect(page.get_by_text("Trust between partners takes time.")).to_be_visible()
    expect(page.get_by_text("1 of 2 partnerships evaluated their progress")).to_be_visible()
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the report (PDF)").click()
    path = download.value.path()
    with open(path, "rb") as handle:
        assert handle.read(5) == b"%PDF-"
    assert (
        download.value.suggested_filename
        == f"leading-places-{open_round.slug}-programme-report.pdf"
    )


def test_the_other_learning_pages_are_accessible(page, live_server, staff_user):
    """The pages the walk does not reach, on round 1's data and its demo: key challenges,
    tagging, the report's preview, creating the next round and its set-up page."""
    import io

    from accounts.models import User
    from applications import demo
    from learning import demo as learning_demo
    from learning.models import Lessons, PeerReviewPair
    from programme import demo as programme_demo
    from tests.conftest import PASSWORD

    demo.load_demo_users()
    for user in User.objects.all():
        user.set_password(PASSWORD)
        user.save()
    programme_demo.load(io.StringIO())
    learning_demo.load(io.StringIO())
    lessons = Lessons.objects.get(member__partnership_name="Bristol")
    submitted = PeerReviewPair.objects.filter(submitted_at__isnull=False).first()
    sign_in(page, live_server.url, "staff@example.com")
    base = live_server.url
    for path in [
        "/programme/cohorts/round-1/learning/",
        "/programme/cohorts/round-1/key-challenges/add/",
        f"/programme/partnerships/{lessons.member_id}/lessons/tags/",
        f"/programme/peer-reviews/reviews/{submitted.pk}/tags/",
        f"/programme/peer-reviews/{submitted.review_id}/",
        f"/programme/peer-reviews/{submitted.review_id}/partnerships/{submitted.reviewed_id}/reviews/",
        "/programme/cohorts/round-1/report/",
        "/reports/round-1/",
        "/programme/cohorts/round-1/next-round/",
    ]:
        response = page.goto(base + path)
        assert response.status == 200, f"{path} answered {response.status}"
        assert_accessible(page)
    page.get_by_role("button", name="Create the round").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Set up the round: what the last round learnt"
    )
    expect(page.locator("#learnt-challenges")).to_contain_text("Clear objectives and scope: 5")
    assert_accessible(page)
