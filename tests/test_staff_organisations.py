import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from applications import organisation_review
from applications.models import AuditEvent, Bid, BidPartner, Organisation
from applications.organisations import find_or_create_other
from tests.factories.accounts import sign_in_client
from tests.staff_helpers import round_bids_fixture  # noqa: F401

pytestmark = pytest.mark.django_db

LIST = "/apply/staff/organisations/"


@pytest.fixture
def staff_client(client, staff_user):
    sign_in_client(client, staff_user)
    return client


@pytest.fixture
def typed_in(applicant):
    return [
        find_or_create_other("Tyne Valley Hospitals", applicant),
        find_or_create_other("Sheffield Hallam Univ", applicant),
    ]


def test_list_shows_unreviewed_typed_in_organisations(staff_client, typed_in, round_bids):
    page = staff_client.get(LIST).content.decode()
    assert "3 organisations to review" in page
    # Oldest first: the typed_in fixture runs before round_bids.
    names = ["Tyne Valley Hospitals", "Sheffield Hallam Univ", "Liverpool City Region Health Trust"]
    positions = [page.index(f'<td class="govuk-table__cell">{name}</td>') for name in names]
    assert positions == sorted(positions)
    # Liverpool's trust is a partner in one bid.
    assert '<td class="govuk-table__cell lp-numeric">1</td>' in page


@pytest.mark.parametrize("size", [3, 30])
def test_list_uses_a_fixed_number_of_queries(
    staff_client, applicant, size, django_assert_max_num_queries
):
    for index in range(size):
        find_or_create_other(f"Anchor institution {index}", applicant)
    staff_client.get(LIST)
    with django_assert_max_num_queries(4):
        response = staff_client.get(LIST)
    assert f"{size} organisations to review" in response.content.decode()


def test_mark_reviewed_is_audited(staff_client, staff_user, typed_in):
    hospitals = typed_in[0]
    response = staff_client.post(
        reverse("applications:staff_organisation_reviewed", kwargs={"pk": hospitals.pk})
    )
    assert response.status_code == 302
    assert response["Location"] == LIST
    hospitals.refresh_from_db()
    assert hospitals.reviewed is True
    event = AuditEvent.objects.get(action="organisation.reviewed")
    assert (event.actor, event.subject, event.old, event.new) == (
        staff_user,
        f"Organisation {hospitals.pk}: Tyne Valley Hospitals",
        {"reviewed": False},
        {"reviewed": True},
    )
    page = staff_client.get(LIST).content.decode()
    assert "Tyne Valley Hospitals marked as reviewed" in page
    assert '<td class="govuk-table__cell">Tyne Valley Hospitals</td>' not in page
    # A second click changes nothing and records nothing.
    staff_client.post(
        reverse("applications:staff_organisation_reviewed", kwargs={"pk": hospitals.pk})
    )
    assert AuditEvent.objects.filter(action="organisation.reviewed").count() == 1


def test_mark_reviewed_needs_post(staff_client, typed_in):
    url = reverse("applications:staff_organisation_reviewed", kwargs={"pk": typed_in[0].pk})
    assert staff_client.get(url).status_code == 405


def test_merge_a_duplicate_into_the_registry_record(
    staff_client, staff_user, open_round, round_bids
):
    trust = Organisation.objects.get(name="Liverpool City Region Health Trust")
    keep = Organisation.objects.get(ukprn="10007150")  # University of Kent, for the test
    url = reverse("applications:staff_organisation_merge", kwargs={"pk": trust.pk})

    page = staff_client.get(url).content.decode()
    assert "is a partner in 1 bid." in page
    found = staff_client.get(url, {"q": "University of Kent"}).content.decode()
    assert f'value="{keep.pk}"' in found
    assert "University of Kent (Higher education institution, UKPRN 10007150)" in found

    missing = staff_client.post(url, {"q": "University of Kent"})
    assert missing.status_code == 200
    assert '<a href="#id_keep_0">Select the organisation to keep</a>' in missing.content.decode()
    assert Organisation.objects.get(pk=trust.pk).merged_into is None

    response = staff_client.post(url, {"q": "University of Kent", "keep": keep.pk})
    assert response.status_code == 302
    trust.refresh_from_db()
    assert trust.merged_into == keep
    liverpool = round_bids["Liverpool"]
    assert BidPartner.objects.filter(bid=liverpool, organisation=keep).exists()
    assert not BidPartner.objects.filter(organisation=trust).exists()
    event = AuditEvent.objects.get(action="organisation.merged")
    assert (event.actor, event.old, event.new) == (
        staff_user,
        {"id": trust.pk, "name": "Liverpool City Region Health Trust"},
        {"id": keep.pk, "name": "University of Kent", "moved": {"bid partners": 1}},
    )
    assert staff_client.get(url).status_code == 404  # already merged
    assert Bid.objects.count() == 6


def test_merge_into_itself_is_refused(staff_client, typed_in):
    hospitals = typed_in[0]
    url = reverse("applications:staff_organisation_merge", kwargs={"pk": hospitals.pk})
    response = staff_client.post(url, {"q": "Tyne Valley", "keep": hospitals.pk})
    assert response.status_code == 200
    assert "Select the organisation to keep" in response.content.decode()


def test_search_with_no_results(staff_client, typed_in):
    url = reverse("applications:staff_organisation_merge", kwargs={"pk": typed_in[0].pk})
    page = staff_client.get(url, {"q": "Zzzz"}).content.decode()
    assert "No organisations match ‘Zzzz’." in page


def test_only_staff_may_review(applicant, typed_in):
    with pytest.raises(PermissionDenied):
        organisation_review.mark_reviewed(typed_in[0], applicant)
    with pytest.raises(PermissionDenied):
        organisation_review.merge(typed_in[0], typed_in[1], applicant)
    assert Organisation.objects.get(pk=typed_in[0].pk).reviewed is False


def test_applicant_cannot_post_review(client, applicant, typed_in):
    sign_in_client(client, applicant)
    url = reverse("applications:staff_organisation_reviewed", kwargs={"pk": typed_in[0].pk})
    assert client.post(url).status_code == 403
    merge = reverse("applications:staff_organisation_merge", kwargs={"pk": typed_in[0].pk})
    assert client.post(merge, {"keep": typed_in[1].pk}).status_code == 403
    assert Organisation.objects.get(pk=typed_in[0].pk).merged_into is None


def test_admin_actions_are_audited(client, make_user, typed_in):
    from accounts import permissions

    admin_user = make_user(
        "admin@local.gov.uk", permissions.PROGRAMME_STAFF, is_staff=True, is_superuser=True
    )
    sign_in_client(client, admin_user)
    url = reverse("admin:applications_organisation_changelist")
    response = client.post(
        url,
        {"action": "mark_reviewed", "_selected_action": [o.pk for o in typed_in]},
    )
    assert response.status_code == 302
    assert AuditEvent.objects.filter(action="organisation.reviewed").count() == 2
    response = client.post(
        url,
        {"action": "merge_selected", "_selected_action": [o.pk for o in typed_in]},
    )
    assert response.status_code == 302
    assert Organisation.objects.get(pk=typed_in[1].pk).merged_into_id == typed_in[0].pk
    assert AuditEvent.objects.filter(action="organisation.merged").count() == 1
    assert client.get(url).status_code == 200
    bids = client.get(reverse("admin:applications_bid_changelist"))
    assert bids.status_code == 200


def test_merging_an_organisation_already_merged_is_refused_with_a_reason(staff_user, typed_in):
    organisation_review.merge(typed_in[0], typed_in[1], staff_user)
    with pytest.raises(organisation_review.MergeRefused) as refused:
        organisation_review.merge(typed_in[0], typed_in[1], staff_user)
    assert refused.value.message == "One of these organisations has already been merged"
    assert refused.value.field == "keep"
    with pytest.raises(organisation_review.MergeRefused) as refused:
        organisation_review.merge(typed_in[1], typed_in[1], staff_user)
    assert refused.value.message == "Cannot merge an organisation into itself"
    assert AuditEvent.objects.filter(action="organisation.merged").count() == 1
