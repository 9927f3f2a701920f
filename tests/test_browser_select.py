"""The panel chair ranks the bids, sets constraints, sees the proposal and records decisions."""

import pytest
from playwright.sync_api import expect

from scoring.models import Decision
from tests.browser import assert_accessible, sign_in
from tests.select_helpers import small_round

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_chair_ranks_proposes_decides_and_downloads(
    page, live_server, open_round, applicant, chair
):
    small_round(open_round, applicant)
    sign_in(page, live_server.url, chair.email)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Selection").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ranking")
    ranking = page.locator("#ranking")
    expect(ranking).to_contain_text("Rank 1: 100.0%; no other bid has the same total")
    expect(page.locator("#excluded")).to_contain_text("2 of 3 assessments submitted")
    # Issue 11: the rule of the figures, in plain English, and the tie on the shown figure.
    expect(page.get_by_text("The figure shown is the figure used")).to_be_visible()
    expect(ranking).to_contain_text("Rank 2: 80.0%, tied with LP2-0003 on 80.0%")
    assert_accessible(page)

    page.get_by_role("link", name="Constraints").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cohort constraints")
    assert_accessible(page)
    page.get_by_label("Cohort size", exact=True).fill("3")
    page.get_by_label("Most bids from one region").fill("1")
    page.get_by_label("Quality threshold (%)").fill("120")
    page.get_by_role("button", name="Save and propose a cohort").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Enter a quality threshold between 0% and 100%"
    )
    assert_accessible(page)
    page.get_by_label("Quality threshold (%)").fill("59.95")
    page.get_by_role("button", name="Save and propose a cohort").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Enter the quality threshold with at most 1 decimal place, like 62.5"
    )
    page.get_by_label("Quality threshold (%)").fill("60")
    page.get_by_role("button", name="Save and propose a cohort").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Proposed cohort and decisions")
    expect(page.get_by_text("The constraints have been saved")).to_be_visible()
    explanations = page.locator("#explanations")
    expect(explanations).to_contain_text(
        "Proposed: rank 1; first of 1 place in Yorkshire and The Humber"
    )
    expect(explanations).to_contain_text(
        "Not proposed: Yorkshire and The Humber already has 1 proposed bid with a higher score "
        "(100.0%); this bid scores 80.0%"
    )
    assert_accessible(page)

    page.get_by_role("link", name="Record decision on LP2-0001").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Decision on LP2-0001")
    assert_accessible(page)
    page.get_by_role("radio", name="Accept").check()
    page.get_by_role("button", name="Save decision").click()
    expect(page.get_by_text("Decision on LP2-0001 recorded: accept")).to_be_visible()

    page.get_by_role("link", name="Record decision on LP2-0002").first.click()
    page.get_by_role("radio", name="Reserve list").check()
    page.get_by_label("Feedback for the applicant").fill(
        "A strong bid: the panel would offer a place if one comes free."
    )
    page.get_by_role("button", name="Save decision").click()
    expect(
        page.get_by_text("Decision on LP2-0002 recorded: reserve list, position 1")
    ).to_be_visible()

    page.get_by_role("link", name="Record decision on LP2-0005").first.click()
    page.get_by_role("radio", name="Reject").check()
    page.get_by_role("button", name="Save decision").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter feedback for the applicant")
    assert_accessible(page)
    page.get_by_label("Feedback for the applicant").fill(
        "The partnership needs more evidence of joint working."
    )
    page.get_by_role("button", name="Save decision").click()
    decisions = page.locator("#decisions")
    expect(decisions).to_contain_text("Accept (1)")
    expect(decisions).to_contain_text("Reserve list, in order (1)")
    expect(decisions).to_contain_text("Reject (1)")
    assert_accessible(page)
    assert sorted(
        Decision.objects.values_list("bid__reference", "outcome", "reserve_position")
    ) == [
        ("LP2-0001", "accept", None),
        ("LP2-0002", "reserve", 1),
        ("LP2-0005", "reject", None),
    ]

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the panel report (PDF)").click()
    download = download_info.value
    assert download.suggested_filename == f"panel-report-{open_round.slug}.pdf"
    with open(download.path(), "rb") as handle:
        assert handle.read(4) == b"%PDF"
