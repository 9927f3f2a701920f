"""Every staff and panel page on a phone (375 px) and a desktop (1,280 px), as a user with
every role, on the demo data: no page is wider than the window, the service navigation is
one row on the desktop, and axe-core finds no problem of any impact. Then an applicant's
walk from signing in to accepting an offer on the application's own page."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts import permissions
from applications.models import Bid
from applications.samples import make_bid
from cohorts import release
from cohorts.models import Offer
from scoring.models import Assessment, Assignment
from scoring.select import decisions
from scoring.setup import assignment, screening
from tests.assess_helpers import assign, make_criteria, make_person, submitted_assessment
from tests.browser import EVERY_IMPACT, assert_accessible, sign_in
from tests.cohort_helpers import applicant_for
from tests.select_helpers import FIVES, FOURS
from tests.test_browser_pages_a11y import _load_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AREAS = [
    "Your applications",
    "Bids",
    "Set up assessment",
    "Assessment",
    "Selection",
    "Cohorts",
    "Programme",
]


def _everyone(make_user, round_, scored):
    """A user with all four roles, with one demo bid (not `scored`, which they moderate)
    assigned to them by hand."""
    user = make_user("everyone@example.com", list(permissions.ROLES), "Eve Everyone")
    eligible = Bid.objects.filter(round=round_, screening=Bid.Screening.ELIGIBLE)
    bid = eligible.exclude(pk=scored.pk).order_by("pk")[0]
    assignment.assign_by_hand(bid, user, user, notify=False)
    return user, bid


def _staff_and_panel_paths(round_, bid, scored):
    slug = round_.slug
    criterion = round_.criteria.order_by("position").first()
    mine = Assignment.objects.get(bid=bid, assessor__email="everyone@example.com")
    returnable = Assessment.objects.filter(
        assignment__bid=scored, status=Assessment.Status.SUBMITTED
    ).first()
    return [
        "/apply/staff/bids/",
        f"/apply/staff/rounds/{slug}/bids/?status=draft&status=submitted",
        f"/apply/staff/bids/{scored.pk}/",
        "/apply/staff/organisations/",
        "/assess/setup/",
        f"/assess/setup/{slug}/criteria/",
        f"/assess/setup/{slug}/criteria/change/",
        f"/assess/setup/{slug}/criteria/copy/",
        f"/assess/setup/{slug}/criteria/reset/",
        f"/assess/setup/{slug}/screening/",
        f"/assess/setup/{slug}/screening/{scored.pk}/",
        f"/assess/setup/{slug}/assignment/",
        f"/assess/setup/{slug}/assignment/{bid.pk}/",
        f"/assess/setup/{slug}/assignment/{bid.pk}/unassign/{mine.pk}/",
        "/account/invitations/",
        "/assess/",
        f"/assess/bids/{bid.pk}/",
        "/assess/interests/",
        f"/assess/interests/conflict/{bid.pk}/",
        "/assess/moderation/",
        f"/assess/moderation/bids/{scored.pk}/",
        f"/assess/moderation/bids/{scored.pk}/criteria/{criterion.pk}/",
        f"/assess/moderation/bids/{scored.pk}/assessments/{returnable.pk}/return/",
        "/assess/selection/",
        f"/assess/selection/{slug}/",
        f"/assess/selection/{slug}/constraints/",
        f"/assess/selection/{slug}/proposal/",
        f"/assess/selection/{slug}/bids/{scored.pk}/decision/",
        f"/assess/selection/{slug}/bids/{scored.pk}/pin/",
        f"/assess/selection/{slug}/bids/{scored.pk}/region/",
        "/cohorts/manage/",
        f"/cohorts/manage/{slug}/",
        f"/cohorts/manage/{slug}/emails/offer/",
        f"/cohorts/manage/{slug}/emails/offer/preview/",
        f"/cohorts/manage/{slug}/cohort/",
        "/cohorts/",
        "/account/",
        "/account/password/",
    ]


def _menu_tops(page):
    items = page.get_by_role("navigation", name="Menu").locator(".govuk-service-navigation__item")
    return [round(items.nth(i).bounding_box()["y"]) for i in range(items.count())]


def test_every_staff_and_panel_page_fits_a_phone_and_a_desktop(
    page, live_server, open_round, make_user
):
    _load_demo(open_round)
    scored = (
        Bid.objects.filter(
            round=open_round, assignments__assessment__status=Assessment.Status.SUBMITTED
        )
        .distinct()
        .order_by("pk")[0]
    )
    user, bid = _everyone(make_user, open_round, scored)
    paths = _staff_and_panel_paths(open_round, bid, scored)
    sign_in(page, live_server.url, user.email)
    # Someone with several roles lands on their account page, which links to each area.
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account")

    for width in (375, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        for path in paths:
            response = page.goto(live_server.url + path)
            assert response.status == 200, f"{path} answered {response.status}"
            scroll_width = page.evaluate("document.documentElement.scrollWidth")
            assert scroll_width <= width, f"{path} is {scroll_width} px wide at {width} px"
            if width == 1280:
                menu = page.get_by_role("navigation", name="Menu")
                assert menu.get_by_role("listitem").all_inner_texts() == AREAS, path
                tops = _menu_tops(page)
                assert len(set(tops)) == 1, f"{path}: the menu wraps onto rows at {tops}"
            else:
                expect(page.get_by_role("button", name="Menu")).to_be_visible()
            assert_accessible(page, impacts=EVERY_IMPACT)

    # On a phone the menu opens from its toggle; the area's own pages are on the page.
    page.set_viewport_size({"width": 375, "height": 900})
    page.goto(live_server.url + "/assess/moderation/")
    expect(page.get_by_role("link", name="Selection")).to_be_hidden()
    page.get_by_role("button", name="Menu").click()
    expect(page.get_by_role("link", name="Selection")).to_be_visible()
    area_pages = page.get_by_role("navigation", name="Assessment pages")
    assert area_pages.get_by_role("link").all_inner_texts() == [
        "Your assessments",
        "Moderation",
        "Your interests",
    ]
    expect(area_pages.get_by_role("link", name="Moderation")).to_have_attribute(
        "aria-current", "page"
    )
    # A wide table scrolls in its own labelled, focusable region, with a hint.
    region = page.locator(".lp-table-scroll").first
    expect(region).to_have_attribute("tabindex", "0")
    expect(region).to_have_attribute("role", "region")
    expect(page.get_by_text("Scroll sideways to see the whole table").first).to_be_visible()


def _offered_bid(round_, staff, chair):
    """Two bids submitted, screened eligible, scored by three assessors, decided by the
    chair (Sheffield offered a place, Leeds not) and released: all through the product."""
    criteria = make_criteria(round_)
    assessors = [make_person(f"assessor{i}@uni.ac.uk", name=f"Assessor {i}") for i in (1, 2, 3)]
    made = {}
    for place, scores in (("Sheffield", FIVES), ("Leeds", FOURS)):
        bid = make_bid(round_, applicant_for(place), place, submitted=True)
        screening.screen(bid, Bid.Screening.ELIGIBLE, "", staff)
        for given in assign(bid, *assessors):
            submitted_assessment(given, criteria, scores)
        made[place] = bid
    decisions.record_decision(chair, made["Sheffield"], "accept", "A strong partnership.")
    decisions.record_decision(chair, made["Leeds"], "reject", "The challenge is too broad.")
    release.release_decisions(
        round_, staff, reply_by=timezone.now() + dt.timedelta(days=14), now=timezone.now()
    )
    return made["Sheffield"]


def test_applicant_sees_the_decision_and_accepts_on_the_application_page(
    page, live_server, open_round, staff_user, chair
):
    bid = _offered_bid(open_round, staff_user, chair)
    sign_in(page, live_server.url, "lead@sheffield.example.gov.uk")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your applications")
    decisions_card = page.locator(".govuk-summary-card", has_text="Sheffield (LP2-0001)")
    expect(decisions_card).to_contain_text("Offer of a place")
    expect(decisions_card).to_contain_text("A strong partnership.")
    assert_accessible(page, impacts=EVERY_IMPACT)

    page.get_by_role("link", name="Sheffield", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sheffield: your application")
    decision = page.locator("#decision")
    expect(decision).to_contain_text("Offer of a place")
    expect(decision).to_contain_text("Reply by")
    assert_accessible(page, impacts=EVERY_IMPACT)
    page.get_by_label("Yes, we accept the place").check()
    page.get_by_role("button", name="Send your reply").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Place accepted")
    assert_accessible(page, impacts=EVERY_IMPACT)
    assert Offer.objects.get(bid=bid).status == Offer.Status.ACCEPTED

    page.get_by_role("link", name="Back to your application").click()
    expect(page.locator("#decision")).to_contain_text("Place accepted")
    expect(page.get_by_role("button", name="Send your reply")).to_have_count(0)
