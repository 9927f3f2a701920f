"""Issue 12, reproduction 1: a locked admin. Programme staff cannot make themselves (or
anyone) superuser, change people's access, decisions, scores or assessments, or delete
bids; audit records outlive what they describe."""

import pytest
from django.urls import reverse

from accounts import permissions
from accounts.models import User
from applications.models import AuditEvent, Bid
from tests.factories.accounts import make_user, sign_in_client
from tests.factories.selection import decide, small_round

pytestmark = pytest.mark.django_db


def user_change_form(user, **changes):
    data = {
        "email": user.email,
        "full_name": user.full_name,
        "job_title": user.job_title,
        "is_active": "on",
        "is_staff": "on",
        "is_superuser": "on",
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "09:00:00",
    }
    data.update(changes)
    return data


def test_staff_cannot_make_themselves_superuser(client, staff_user):
    sign_in_client(client, staff_user)
    change = reverse("admin:accounts_user_change", args=[staff_user.pk])
    assert client.get(reverse("admin:accounts_user_changelist")).status_code == 200  # view
    response = client.post(change, user_change_form(staff_user))
    assert response.status_code == 403
    staff_user.refresh_from_db()
    assert staff_user.is_superuser is False
    assert not staff_user.has_perm("accounts.change_user")
    assert not staff_user.has_perm("auth.change_group")


def test_even_with_change_user_only_a_superuser_changes_access(client, staff_user):
    """A staff member someone gave `change_user` still cannot touch flags or groups: the
    fields are not on their form, and a change to them is refused."""
    from django.contrib.auth.models import Group, Permission

    staff_user.user_permissions.add(Permission.objects.get(codename="change_user"))
    staff_user = User.objects.get(pk=staff_user.pk)
    sign_in_client(client, staff_user)
    change = reverse("admin:accounts_user_change", args=[staff_user.pk])
    page = client.get(change).content.decode()
    assert 'name="is_superuser"' not in page and 'name="groups"' not in page
    assert 'name="is_staff"' not in page and 'name="user_permissions"' not in page
    chair_group = Group.objects.get(name=permissions.PANEL_CHAIR)
    response = client.post(
        change, user_change_form(staff_user, full_name="Pat P", groups=[chair_group.pk])
    )
    assert response.status_code == 302  # the name saved, nothing else
    staff_user.refresh_from_db()
    assert staff_user.full_name == "Pat P"
    assert staff_user.is_superuser is False
    assert not staff_user.groups.filter(name=permissions.PANEL_CHAIR).exists()
    # A superuser's own page is closed to them.
    root = User.objects.create_superuser("root@local.gov.uk", "a-long-password-1")
    response = client.post(reverse("admin:accounts_user_change", args=[root.pk]), {})
    assert response.status_code == 403


def test_a_superuser_changes_groups_but_never_makes_superusers_in_the_admin(client):
    root = User.objects.create_superuser("root@local.gov.uk", "a-long-password-1")
    person = make_user("person@council.gov.uk", permissions.APPLICANT, "Per Son")
    from django.contrib.auth.models import Group

    sign_in_client(client, root)
    change = reverse("admin:accounts_user_change", args=[person.pk])
    page = client.get(change).content.decode()
    assert 'name="groups"' in page and 'name="is_superuser"' not in page
    staff_group = Group.objects.get(name=permissions.PROGRAMME_STAFF)
    response = client.post(change, user_change_form(person, groups=[staff_group.pk]))
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.is_superuser is False  # posted "on", not a field of the form
    assert person.is_staff is True
    assert list(person.groups.values_list("name", flat=True)) == [permissions.PROGRAMME_STAFF]


def test_scores_assessments_and_decisions_are_read_only_and_bids_not_deletable(
    client, open_round, applicant, chair, staff_user
):
    _, _, bids = small_round(open_round, applicant)
    decision = decide(chair, bids["Sheffield"], "accept")
    root = User.objects.create_superuser("root@local.gov.uk", "a-long-password-1")
    for person in (staff_user, root):
        sign_in_client(client, person)
        page = client.get(reverse("admin:scoring_decision_change", args=[decision.pk]))
        assert page.status_code == 200
        assert 'name="outcome"' not in page.content.decode()
        posted = client.post(
            reverse("admin:scoring_decision_change", args=[decision.pk]), {"outcome": "reject"}
        )
        assert posted.status_code == 403
        for name in ("scoring_assessment", "scoring_moderatedscore", "scoring_decision"):
            assert client.get(reverse(f"admin:{name}_add")).status_code == 403
    decision.refresh_from_db()
    assert decision.outcome == "accept"
    sign_in_client(client, staff_user)
    delete = reverse("admin:applications_bid_delete", args=[bids["Hull"].pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert Bid.objects.filter(pk=bids["Hull"].pk).exists()


def test_audit_records_outlive_the_bid_they_describe(open_round, applicant):
    _, _, bids = small_round(open_round, applicant)
    hull = bids["Hull"]
    count = AuditEvent.objects.filter(bid=hull).count()
    assert count > 0
    hull.delete()  # a superuser in the admin, say
    kept = AuditEvent.objects.filter(bid_reference="LP2-0006")
    assert kept.count() == count
    assert set(kept.values_list("bid", flat=True)) == {None}
    assert set(kept.values_list("round_slug", flat=True)) == {open_round.slug}
