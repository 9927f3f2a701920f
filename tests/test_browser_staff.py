import datetime as dt

import pytest
from playwright.sync_api import expect

from accounts import permissions
from applications.organisations import find_or_create_other
from tests.browser import assert_accessible, sign_in
from tests.factories.applications import make_bid

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_find_filter_sort_open_and_download_bids(
    page, live_server, ref, open_round, make_user
):
    lead = make_user("lead@council.gov.uk", name="Lee Lead")
    start = open_round.opens_at + dt.timedelta(days=1)
    for index, place in enumerate(["Sheffield", "Liverpool", "Tyneside", "Kent", "Plymouth"]):
        make_bid(open_round, lead, place, submitted=True, at=start + dt.timedelta(hours=index))
    find_or_create_other("Tyne Valley Hospitals", lead)
    find_or_create_other("Uni of Kent", lead)
    make_user("staff@local.gov.uk", permissions.PROGRAMME_STAFF, "Pat Programme")

    sign_in(page, live_server.url, "staff@local.gov.uk")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Bids").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bids")
    expect(page.locator("#result-count")).to_have_text("Showing 1 to 5 of 5 bids")
    assert_accessible(page)

    # Filter by region.
    page.get_by_role("group", name="Region").get_by_label("North East").check()
    page.get_by_role("button", name="Apply filters").click()
    expect(page.locator("#result-count")).to_have_text("Showing 1 to 1 of 1 bid")
    rows = page.locator("tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Tyneside")
    expect(rows.first).to_contain_text("Earlier cohort")
    expect(page.get_by_role("group", name="Region").get_by_label("North East")).to_be_checked()
    assert_accessible(page)

    # Search by reference.
    page.get_by_role("link", name="Clear filters").click()
    page.get_by_label("Search").fill("LP2-0002")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.locator("#result-count")).to_have_text("Showing 1 to 1 of 1 bid")
    expect(rows.first).to_contain_text("Liverpool")
    assert_accessible(page)

    # Sort by place, then the other way.
    page.get_by_role("link", name="Clear filters").click()
    page.get_by_role("link", name="Place (sort ascending)").click()
    place_header = page.get_by_role("columnheader", name="Place (sort descending)")
    expect(place_header).to_have_attribute("aria-sort", "ascending")
    expect(page.locator("tbody tr td:nth-child(2)")).to_have_text(
        ["Kent", "Liverpool", "Plymouth", "Sheffield", "TynesideEarlier cohort"]
    )
    assert_accessible(page)
    page.get_by_role("link", name="Place (sort descending)").click()
    expect(page.locator("tbody tr td:nth-child(1)").first).to_have_text("LP2-0003 Tyneside")

    # Open one bid.
    page.get_by_role("link", name="LP2-0004 Kent").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("LP2-0004: Kent")
    expect(page.get_by_role("cell", name="UKPRN 10007150")).to_be_visible()
    expect(page.get_by_role("img", name="Map of the districts in Kent")).to_be_visible()
    expect(page.get_by_role("cell", name="Canterbury E07000106")).to_be_visible()
    expect(page.get_by_role("heading", name="Priority challenge")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Back to bids").click()

    # Download the CSV of every answer.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download all 5 bids as a spreadsheet (CSV)").click()
    download = download_info.value
    assert download.suggested_filename.startswith("round-2-bids-")
    with open(download.path(), encoding="utf-8") as handle:
        first_line = handle.readline()
    assert first_line.startswith(
        "\ufeffReference,Status,Submitted version,First submitted,Last submitted,Withdrawn,"
    )

    # Review an organisation an applicant typed in.
    page.get_by_role("link", name="Review organisations typed in by applicants").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Review organisations typed in by applicants"
    )
    assert_accessible(page)

    # Merge a duplicate into the registry's record.
    page.get_by_role("link", name="Merge Uni of Kent into another organisation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Merge Uni of Kent into another organisation"
    )
    page.get_by_label("Search for the organisation to keep").fill("University of Kent")
    page.get_by_role("button", name="Search").click()
    assert_accessible(page)
    page.get_by_role("button", name="Merge").click()
    expect(page.get_by_role("alert")).to_contain_text("Select the organisation to keep")
    assert_accessible(page)
    page.get_by_label("University of Kent (Higher education institution, UKPRN 10007150)").check()
    page.get_by_role("button", name="Merge").click()
    expect(page.get_by_role("alert")).to_contain_text("Uni of Kent merged into University of Kent")

    page.get_by_role("button", name="Mark as reviewed Tyne Valley Hospitals").click()
    expect(page.get_by_role("alert")).to_contain_text("Tyne Valley Hospitals marked as reviewed")
    expect(page.get_by_text("There are no organisations to review.")).to_be_visible()
    assert_accessible(page)
