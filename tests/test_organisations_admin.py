import pytest
from django.urls import reverse

from applications.constants import OrganisationKind
from applications.models import AuditEvent, BidPartner, Organisation
from applications.organisations import find_or_create_other, merge_organisations, search
from tests.factories.accounts import sign_in_client
from tests.factories.applications import make_bid

pytestmark = pytest.mark.django_db


def test_search_matches_names_synonyms_and_codes():
    assert [o.name for o in search("UWE")] == ["University of the West of England, Bristol"]
    assert [o.name for o in search("E08000021")] == ["Newcastle upon Tyne"]
    assert [o.name for o in search("10007799")] == ["Newcastle University"]
    assert [o.name for o in search("gateshead", kinds=[OrganisationKind.COUNCIL])] == ["Gateshead"]


def test_typed_in_organisation_is_reused_by_name(applicant):
    first = find_or_create_other("  North  East NHS Trust ", applicant)
    second = find_or_create_other("north east nhs trust", applicant)
    assert first.pk == second.pk
    assert (first.name, first.kind, first.reviewed) == (
        "North East NHS Trust",
        OrganisationKind.OTHER,
        False,
    )


def test_merging_a_duplicate_moves_bid_partners_and_is_audited(open_round, applicant, staff_user):
    bid = make_bid(open_round, applicant, "Sheffield")
    keep = find_or_create_other("Sheffield Teaching Hospitals", applicant)
    duplicate = Organisation.objects.create(name="Sheffield Teaching Hosp.", kind="other")
    BidPartner.objects.create(bid=bid, organisation=duplicate, position=9)
    merge_organisations(duplicate, keep, actor=staff_user)
    duplicate.refresh_from_db()
    assert duplicate.merged_into == keep
    assert list(bid.partners.filter(position=9).values_list("organisation__name", flat=True)) == [
        "Sheffield Teaching Hospitals"
    ]
    event = AuditEvent.objects.get(action="organisation.merged")
    assert event.actor == staff_user
    assert event.old == {"id": duplicate.pk, "name": "Sheffield Teaching Hosp."}
    assert event.new == {
        "id": keep.pk,
        "name": "Sheffield Teaching Hospitals",
        "moved": {"bid partners": 1},
    }
    assert search("Sheffield Teaching") == [keep]


def test_admin_merge_action(client, staff_user):
    sign_in_client(client, staff_user)
    a = Organisation.objects.create(name="Tyne College", kind="other", reviewed=True)
    b = Organisation.objects.create(name="Tyne Coll", kind="other")
    response = client.post(
        reverse("admin:applications_organisation_changelist"),
        {"action": "merge_selected", "_selected_action": [a.pk, b.pk]},
        follow=True,
    )
    assert "Merged 1 into Tyne College" in response.content.decode()
    b.refresh_from_db()
    assert b.merged_into == a


@pytest.mark.parametrize(
    "name",
    [
        "applications_round",
        "applications_organisation",
        "applications_district",
        "applications_bid",
        "applications_auditevent",
        "accounts_user",
        "accounts_invitation",
        "cohorts_cohort",
        "scoring_criterion",
        "scoring_decision",
    ],
)
def test_admin_pages_load(client, staff_user, applicant, name):
    assert staff_user.is_staff
    sign_in_client(client, applicant)
    assert client.get(reverse(f"admin:{name}_changelist")).status_code == 302
    sign_in_client(client, staff_user)
    assert client.get(reverse(f"admin:{name}_changelist")).status_code == 200
    assert client.get(reverse(f"admin:{name}_changelist") + "?q=a").status_code == 200
