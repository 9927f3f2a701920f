import datetime as dt
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts import permissions
from accounts.models import Invitation, User
from tests.conftest import PASSWORD
from tests.factories.accounts import sign_in_client

pytestmark = pytest.mark.django_db


def test_sign_up_creates_an_applicant_and_signs_in(client):
    response = client.post(
        reverse("accounts:sign_up"),
        {
            "full_name": "Jo Officer",
            "email": "Jo.Officer@Council.gov.uk",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert response.status_code == 302
    user = User.objects.get()
    assert user.email == "jo.officer@council.gov.uk"
    assert permissions.roles_for(user) == {permissions.APPLICANT}
    assert client.get(reverse("accounts:home")).status_code == 200


def test_sign_up_errors_are_shown_beside_fields_and_input_kept(client, applicant):
    response = client.post(
        reverse("accounts:sign_up"),
        {"full_name": "Jo", "email": applicant.email, "password1": "short", "password2": "other"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert (
        "An account already exists for this email address. Sign in or reset your password." in html
    )
    assert "The passwords do not match" in html
    assert 'value="Jo"' in html
    assert User.objects.count() == 1


def test_wrong_password_and_unknown_email_get_the_same_message(client, applicant):
    wrong = client.post(reverse("accounts:login"), {"email": applicant.email, "password": "not-it"})
    unknown = client.post(
        reverse("accounts:login"), {"email": "nobody@example.com", "password": "not-it"}
    )
    message = "Enter a correct email address and password"
    assert message in wrong.content.decode()
    assert message in unknown.content.decode()
    assert "nobody@example.com" in unknown.content.decode()  # the typed email is kept


def test_sign_in_then_sign_out(client, applicant):
    response = client.post(
        reverse("accounts:login"), {"email": applicant.email.upper(), "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response.url == reverse("applications:dashboard")
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert client.get(reverse("accounts:home")).status_code == 302


def test_sign_in_is_throttled_after_five_failures(client, applicant, settings):
    settings.LOGIN_THROTTLE_LIMIT = 5
    for _ in range(5):
        client.post(reverse("accounts:login"), {"email": applicant.email, "password": "wrong"})
    response = client.post(
        reverse("accounts:login"), {"email": applicant.email, "password": PASSWORD}
    )
    assert response.status_code == 429
    assert "too many attempts to sign in" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_next_parameter_must_be_on_this_site(client, applicant):
    response = client.post(
        reverse("accounts:login") + "?next=https://evil.example.com/",
        {"email": applicant.email, "password": PASSWORD},
    )
    assert response.url == reverse("applications:dashboard")


def test_password_reset_sends_a_link_that_works(client, applicant):
    response = client.post(reverse("accounts:password_reset"), {"email": applicant.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/account/password-reset/\S+/\S+/)", mail.outbox[0].body)[1]
    response = client.get(link, follow=True)
    assert "Choose a new password" in response.content.decode()
    new_password = "a-much-better-passphrase"
    response = client.post(
        response.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
    )
    assert response.status_code == 302
    applicant.refresh_from_db()
    assert applicant.check_password(new_password)


def test_password_reset_for_unknown_email_says_the_same_and_sends_nothing(client):
    response = client.post(
        reverse("accounts:password_reset"), {"email": "nobody@example.com"}, follow=True
    )
    assert "If the address you entered has an account" in response.content.decode()
    assert mail.outbox == []


def test_change_password(client, applicant):
    sign_in_client(client, applicant)
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "fresh-passphrase-2027",
            "new_password2": "fresh-passphrase-2027",
        },
    )
    assert response.status_code == 302
    applicant.refresh_from_db()
    assert applicant.check_password("fresh-passphrase-2027")


def test_only_programme_staff_can_invite(client, applicant, assessor, chair):
    for user in (applicant, assessor, chair):
        sign_in_client(client, user)
        assert client.get(reverse("accounts:invitations")).status_code == 403
    client.logout()
    assert client.get(reverse("accounts:invitations")).status_code == 302


def test_staff_invite_an_assessor_who_signs_up_with_the_role(
    client, staff_user, django_capture_on_commit_callbacks
):
    sign_in_client(client, staff_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accounts:invitations"),
            {"email": "New.Assessor@Uni.ac.uk", "role": permissions.ASSESSOR},
        )
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.email == "new.assessor@uni.ac.uk"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["new.assessor@uni.ac.uk"]
    link = f"http://testserver/account/invitations/{invitation.token}/"
    assert link in mail.outbox[0].body
    client.logout()
    response = client.post(
        link, {"full_name": "Nia Assessor", "password1": PASSWORD, "password2": PASSWORD}
    )
    assert response.status_code == 302
    user = User.objects.get(email="new.assessor@uni.ac.uk")
    assert permissions.roles_for(user) == {permissions.APPLICANT, permissions.ASSESSOR}
    invitation.refresh_from_db()
    assert invitation.accepted_by == user
    assert client.get(link).status_code == 410  # used once only


def test_existing_user_accepts_an_invitation_to_add_a_role(client, staff_user, applicant):
    invitation = Invitation.objects.create(
        email=applicant.email, role=permissions.PANEL_CHAIR, invited_by=staff_user
    )
    link = reverse("accounts:accept_invitation", args=[invitation.token])
    assert client.get(link).url == f"{reverse('accounts:login')}?next={link}"
    sign_in_client(client, applicant)
    assert client.post(link).status_code == 302
    applicant = User.objects.get(pk=applicant.pk)
    assert permissions.roles_for(applicant) == {permissions.APPLICANT, permissions.PANEL_CHAIR}


def test_invitation_for_someone_else_is_refused(client, staff_user, applicant):
    invitation = Invitation.objects.create(
        email="other@example.com", role=permissions.ASSESSOR, invited_by=staff_user
    )
    sign_in_client(client, applicant)
    link = reverse("accounts:accept_invitation", args=[invitation.token])
    assert client.post(link).status_code == 403
    assert permissions.roles_for(User.objects.get(pk=applicant.pk)) == {permissions.APPLICANT}


def test_invitation_expires(client, staff_user, settings):
    invitation = Invitation.objects.create(
        email="late@example.com", role=permissions.ASSESSOR, invited_by=staff_user
    )
    assert invitation.expires_at - invitation.created_at == dt.timedelta(
        days=settings.INVITATION_VALID_DAYS
    )
    assert invitation.is_usable(invitation.expires_at - dt.timedelta(seconds=1))
    assert not invitation.is_usable(invitation.expires_at)
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - dt.timedelta(seconds=1)
    )
    response = client.get(reverse("accounts:accept_invitation", args=[invitation.token]))
    assert response.status_code == 410
    assert "This invitation link has expired" in response.content.decode()
    assert not User.objects.filter(email="late@example.com").exists()


def test_unknown_invitation_token_is_404(client):
    assert client.get("/account/invitations/not-a-token/").status_code == 404


def test_role_permissions():
    user = User(email="x@example.com")
    user._role_names = frozenset({permissions.ASSESSOR})
    user.is_active = True
    assert user.has_perm("scoring.assess")
    assert not user.has_perm("scoring.decide")
    assert not user.has_perm("scoring.set_up_round")
    assert not user.has_perm("accounts.invite_people")
    user._role_names = frozenset({permissions.PROGRAMME_STAFF})
    assert user.has_perm("accounts.invite_people")
