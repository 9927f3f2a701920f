import pytest
from playwright.sync_api import expect

from applications.models import Bid
from scoring.models import AssessorProfile, Assignment, Criterion
from tests.browser import assert_accessible, sign_in
from tests.setup_helpers import make_assessors, submitted_bids

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_set_up_assessment_and_an_assessor_records_their_organisations(
    page, live_server, open_round, staff_user, applicant, assessor, make_user
):
    first, second = submitted_bids(open_round, applicant, 2)
    make_assessors(make_user, 3, prefix="panel")

    sign_in(page, live_server.url, staff_user.email)
    page.get_by_role("navigation", name="Menu").get_by_role(
        "link", name="Set up assessment"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up assessment")
    expect(page.get_by_text("Applications are still open")).to_be_visible()
    assert_accessible(page)

    # Criteria, with a weights error on the way.
    page.get_by_role("link", name="Criteria and weights").click()
    expect(page.get_by_text("This round has no criteria yet.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Add criteria").click()
    new = page.get_by_role("group", name="Add a criterion")
    new.get_by_label("Name", exact=True).fill("Strength of partnership")
    new.get_by_label("Guidance for assessors").fill("Evidence of joint working")
    new.get_by_label("Weight (%)").fill("70")
    new.get_by_label("Minimum score (optional)").fill("3")
    expect(page.locator("[data-weights-total]")).to_have_text("70%")
    assert_accessible(page)
    page.get_by_role("button", name="Save the criteria").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "The weights must total 100%. They total 70%."
    )
    assert_accessible(page)
    page.get_by_role("group", name="Add a criterion").get_by_label("Weight (%)").fill("100")
    page.get_by_role("button", name="Save the criteria").click()
    expect(page.get_by_text("The criteria have been saved")).to_be_visible()
    page.get_by_role("link", name="Change the criteria").click()
    page.get_by_role("group", name="Criterion 1").get_by_label("Weight (%)").fill("70")
    another = page.get_by_role("group", name="Add a criterion")
    another.get_by_label("Name", exact=True).fill("Place and geography")
    another.get_by_label("Weight (%)").fill("30")
    expect(page.locator("[data-weights-total]")).to_have_text("100%")
    page.get_by_role("button", name="Save the criteria").click()
    expect(page.get_by_role("table")).to_contain_text("Place and geography")
    expect(page.get_by_role("table")).to_contain_text("100%")
    assert_accessible(page)
    assert [(c.name, int(c.weight)) for c in Criterion.objects.filter(round=open_round)] == [
        ("Strength of partnership", 70),
        ("Place and geography", 30),
    ]

    # Screening: one eligible, one ineligible with a reason.
    page.get_by_role("link", name="Set up assessment").first.click()
    page.get_by_role("link", name="Eligibility screening").click()
    expect(page.get_by_text("Not screened: 2")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name=f"Screen {first.reference}").click()
    assert_accessible(page)
    page.get_by_label("Eligible: it goes forward to assessment").check()
    page.get_by_role("button", name="Save screening decision").click()
    expect(page.get_by_text(f"{first.reference} screened as eligible")).to_be_visible()
    page.get_by_role("link", name=f"Screen {second.reference}").click()
    page.get_by_label("Ineligible: it leaves assessment").check()
    page.get_by_role("button", name="Save screening decision").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter the reason the bid is ineligible")
    assert_accessible(page)
    page.get_by_label("Reason").fill("The partnership has no higher education institution")
    page.get_by_role("button", name="Save screening decision").click()
    expect(page.get_by_text(f"{second.reference} screened as ineligible")).to_be_visible()
    expect(page.get_by_role("link", name="Eligible: 1", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Ineligible: 1", exact=True)).to_be_visible()
    assert_accessible(page)

    # Automatic assignment.
    page.get_by_role("link", name="Set up assessment").first.click()
    page.get_by_role("link", name="Assign assessors").click()
    expect(page.get_by_text("Assigning automatically will make 3 new assignments")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Assign automatically").click()
    expect(page.get_by_text("3 assignments made; 3 assessors emailed")).to_be_visible()
    bids_table = page.get_by_role("table", name="Eligible bids (1)")
    expect(bids_table.get_by_role("row", name=first.reference)).to_contain_text("3 of 3")
    assert_accessible(page)
    assert Assignment.objects.filter(bid=first).count() == 3
    bids_table.get_by_role("link", name=first.reference).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Assessors of {first.reference}")
    expect(page.get_by_role("table", name="Assigned")).to_contain_text("Assessor panel 00")
    expect(page.get_by_text("Assessor panel 00 assigned automatically")).to_be_visible()
    assert_accessible(page)
    assert Bid.objects.get(pk=second.pk).screening == "ineligible"

    # An assessor records their organisations.
    page.get_by_role("button", name="Sign out").click()
    sign_in(page, live_server.url, assessor.email)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Assessment").click()
    page.get_by_role("navigation", name="Assessment pages").get_by_role(
        "link", name="Your interests"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your interests")
    assert_accessible(page)
    page.get_by_label("Add an organisation").fill("Nowhere University of Nothing")
    page.get_by_role("button", name="Add organisation").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Enter the name of an organisation in the registry"
    )
    assert_accessible(page)
    page.get_by_label("Add an organisation").fill("The University of Sheffield")
    page.get_by_role("button", name="Add organisation").click()
    expect(
        page.get_by_text("The University of Sheffield added to your organisations")
    ).to_be_visible()
    expect(page.get_by_role("button", name="Remove The University of Sheffield")).to_be_visible()
    page.get_by_label("Other interests").fill("Trustee of a housing charity in Leeds")
    page.get_by_role("button", name="Save other interests").click()
    expect(page.get_by_text("Your other interests have been saved")).to_be_visible()
    assert_accessible(page)
    profile = AssessorProfile.objects.get(user=assessor)
    assert [o.name for o in profile.organisations.all()] == ["The University of Sheffield"]
    assert profile.other_interests == "Trustee of a housing charity in Leeds"
