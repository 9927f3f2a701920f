"""An assessor scores a bid (with one mistake on the way) and submits; the panel chair
sees the flag and records a moderated score."""

import pytest
from playwright.sync_api import expect

from scoring.models import Assessment, ModeratedScore
from tests.assess_helpers import (
    JUSTIFICATION,
    assign,
    eligible_bid,
    make_criteria,
    make_person,
    submitted_assessment,
)
from tests.browser import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHORT = "Good partnership with clear evidence of joint working over several years."


def test_assessor_scores_and_chair_moderates(
    page, live_server, ref, open_round, applicant, assessor, chair
):
    criteria = make_criteria(open_round)
    bid = eligible_bid(open_round, applicant, "Sheffield")
    others = [make_person(f"panel{i}@uni.ac.uk", name=f"Panel Member {i}") for i in (1, 2)]
    mine, first, second = assign(bid, assessor, *others)
    submitted_assessment(first, criteria, [1, 3, 3, 3, 3])
    submitted_assessment(second, criteria, [4, 3, 4, 3, 3])

    sign_in(page, live_server.url, assessor.email)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Assessment").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your assessments")
    expect(page.get_by_role("row", name="LP2-0001")).to_contain_text("Not started")
    assert_accessible(page)

    page.get_by_role("link", name="Score bid LP2-0001").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Score Sheffield")
    expect(page.get_by_text("A shared priority challenge for Sheffield")).to_be_visible()
    assert_accessible(page)
    for criterion in criteria:
        page.get_by_role("group", name=f"Score for {criterion.name}").get_by_label(
            "3 – Satisfactory"
        ).check()
        page.get_by_label(f"Justification for {criterion.name}").fill(JUSTIFICATION)
    page.get_by_label("Justification for Strength of partnership").fill(SHORT)
    page.get_by_role("group", name="Overall recommendation").get_by_label(
        "Fund", exact=True
    ).check()
    page.get_by_role("button", name="Submit assessment").click()

    message = "Justification for Strength of partnership must be at least 30 words (you have 11)"
    expect(page.get_by_role("alert")).to_contain_text(message)
    expect(page.get_by_label("Justification for Strength of partnership")).to_have_value(SHORT)
    expect(page.get_by_label("Justification for Place and geography")).to_have_value(JUSTIFICATION)
    assert_accessible(page)
    page.get_by_label("Justification for Strength of partnership").fill(JUSTIFICATION)
    page.get_by_role("button", name="Submit assessment").click()

    expect(page.get_by_text("Your assessment of LP2-0001 has been submitted")).to_be_visible()
    expect(page.get_by_role("table", name="Scores side by side")).to_contain_text("Panel Member 1")
    assert_accessible(page)
    mine.refresh_from_db()
    assert mine.assessment.status == Assessment.Status.SUBMITTED

    page.get_by_role("button", name="Sign out").click()
    sign_in(page, live_server.url, chair.email)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Assessment").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Moderation")
    row = page.get_by_role("row", name="LP2-0001")
    expect(row).to_contain_text("Scores far apart")
    expect(row).to_contain_text("Below a minimum")
    assert_accessible(page)

    row.get_by_role("link", name="LP2-0001").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sheffield")
    expect(page.get_by_text("Scores for Strength of partnership range from 1 to 4")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Record a moderated score for Strength of partnership").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Moderated score for Strength of partnership"
    )
    assert_accessible(page)
    page.get_by_label("Moderated score for Strength of partnership").fill("3")
    page.get_by_label("Rationale").fill("The panel agreed the partnership is satisfactory.")
    page.get_by_role("button", name="Save moderated score").click()

    expect(
        page.get_by_text("Moderated score for Strength of partnership recorded: 3")
    ).to_be_visible()
    expect(page.get_by_text("Strength of partnership has a mean score")).to_have_count(0)
    expect(page.get_by_text("Moderated score: 3", exact=True)).to_be_visible()
    assert_accessible(page)
    assert ModeratedScore.objects.get().rationale == (
        "The panel agreed the partnership is satisfactory."
    )
