"""The service navigation by area, where signing in lands, and the applicant's rough edges:
an empty draft's actions, its name before the geography section, an invited colleague's
sign-up form and email addresses on check answers."""

import pytest
from django.template import Context, Template
from django.urls import reverse

from accounts import permissions
from accounts.navigation import navigation
from applications import bids
from applications.models import Bid
from tests.conftest import PASSWORD
from tests.factories.accounts import make_user, sign_in_client

pytestmark = pytest.mark.django_db

EVERY_ROLE = set(permissions.ROLES)


def person(roles):
    """A saved person with these roles (the navigation asks their permissions)."""
    return make_user(
        f"{'-'.join(sorted(r.split()[0].lower() for r in roles))}@example.com", list(roles)
    )


def labels(items):
    return [item["label"] for item in items]


def test_every_role_sees_one_link_per_area():
    areas, sub_links = navigation(person(EVERY_ROLE), "scoring:moderation")
    assert labels(areas) == [
        "Your applications",
        "Bids",
        "Set up assessment",
        "Assessment",
        "Selection",
        "Cohorts",
        "Programme",
    ]
    assert [a["label"] for a in areas if a["current"]] == ["Assessment"]
    assert [(s["label"], s["current"]) for s in sub_links] == [
        ("Your assessments", False),
        ("Moderation", True),
        ("Your interests", False),
    ]
    assert areas[3]["url"] == reverse("scoring:queue")


@pytest.mark.parametrize(
    ("roles", "expected", "assessment_url"),
    [
        ({permissions.APPLICANT}, ["Your applications"], None),
        ({permissions.ASSESSOR}, ["Assessment"], "/assess/"),
        ({permissions.PANEL_CHAIR}, ["Assessment", "Selection"], "/assess/moderation/"),
        (
            {permissions.PROGRAMME_STAFF},
            ["Bids", "Set up assessment", "Assessment", "Selection", "Cohorts", "Programme"],
            "/assess/moderation/",
        ),
    ],
)
def test_each_role_sees_its_own_areas(roles, expected, assessment_url):
    areas, _ = navigation(person(roles), "core:start")
    assert labels(areas) == expected
    urls = {a["label"]: a["url"] for a in areas}
    assert urls.get("Assessment") == assessment_url


@pytest.mark.parametrize(
    ("view_name", "area", "current_link"),
    [
        ("applications:staff_bid", "Bids", "Bids"),
        ("applications:staff_organisation_merge", "Bids", "Organisations to review"),
        ("scoring:setup_screen_bid", "Set up assessment", "Set up assessment"),
        ("accounts:invitations", "Set up assessment", "Invite assessors and staff"),
        ("scoring:score", "Assessment", "Your assessments"),
        ("scoring:declare_conflict", "Assessment", "Your interests"),
        ("scoring:select_proposal", "Selection", None),
        ("cohorts:edit_template", "Cohorts", "Decisions and cohort"),
        ("cohorts:cohort", "Cohorts", "Published cohorts"),
        ("applications:bid_check", "Your applications", None),
    ],
)
def test_the_page_finds_its_area(view_name, area, current_link):
    areas, sub_links = navigation(person(EVERY_ROLE), view_name)
    assert [a["label"] for a in areas if a["current"]] == [area]
    assert [s["label"] for s in sub_links if s["current"]] == (
        [current_link] if current_link else []
    )


def test_an_applicant_lands_on_their_applications_others_on_their_account(
    client, applicant, staff_user
):
    response = client.post(
        reverse("accounts:login"), {"email": applicant.email, "password": PASSWORD}
    )
    assert response.url == reverse("applications:dashboard")
    client.post(reverse("accounts:logout"))
    response = client.post(
        reverse("accounts:login"), {"email": staff_user.email, "password": PASSWORD}
    )
    assert response.url == reverse("accounts:home")


def test_the_header_has_the_areas_and_the_account_links(client, staff_user):
    sign_in_client(client, staff_user)
    html = client.get(reverse("applications:staff_bids_current"), follow=True).content.decode()
    assert '<nav aria-label="Your account" class="lp-account-nav">' in html
    assert (
        '<li class="govuk-service-navigation__item govuk-service-navigation__item--active">'
        '<a class="govuk-service-navigation__link" href="/apply/staff/bids/" aria-current="true">'
        '<strong class="govuk-service-navigation__active-fallback">Bids</strong></a></li>'
    ) in html
    assert '<nav class="lp-area-nav" aria-label="Bids pages">' in html
    # The phase banner is in the header; the back link (where there is one) is in main.
    assert html.index("govuk-phase-banner") < html.index("</header>")


def test_an_empty_draft_offers_no_withdraw_and_is_named_after_the_round(
    client, open_round, applicant
):
    bid = bids.start_bid(open_round, applicant)
    sign_in_client(client, applicant)
    html = client.get(reverse("applications:bid_overview", args=[bid.pk])).content.decode()
    assert "Withdraw" not in html
    assert "Untitled" not in html
    assert f"<title>Your application to {open_round.name} – Leading Places" in html
    step = client.get(reverse("applications:bid_step", args=[bid.pk, "eligibility"]))
    assert f'<span class="govuk-caption-l">Application to {open_round.name}</span>' in (
        step.content.decode()
    )

    bids.save_section(bid, applicant, "eligibility", draft={"in_england": ["yes"]})
    html = client.get(reverse("applications:bid_overview", args=[bid.pk])).content.decode()
    assert "govuk-button--warning" not in html
    assert (
        f'<a class="govuk-link" href="/apply/{bid.pk}/withdraw/">Withdraw this application' in html
    )
    assert Bid.objects.get(pk=bid.pk).display_name == "Draft application"


def test_an_invited_colleague_signs_up_with_the_invited_address(client, open_round, applicant):
    bid = bids.start_bid(open_round, applicant)
    invitation = bids.invite(bid, applicant, "colleague@leeds.ac.uk")
    page = client.get(reverse("applications:bid_invitation", args=[invitation.token]))
    link = (
        f"/account/sign-up/?next=/apply/invitations/{invitation.token}/"
        "&amp;email=colleague%40leeds.ac.uk"
    )
    assert f'href="{link}"' in page.content.decode()
    form = client.get(link.replace("&amp;", "&")).content.decode()
    assert 'value="colleague@leeds.ac.uk"' in form


def test_email_addresses_wrap_whole_or_after_the_at_sign():
    html = Template("{{ text|email_breaks }}").render(
        Context({"text": "Contact: partnerships@uni.example.ac.uk <b>"})
    )
    assert html == (
        'Contact: <span class="lp-email">partnerships@<wbr>uni.example.ac.uk</span> &lt;b&gt;'
    )
