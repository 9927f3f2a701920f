"""Issue 12, reproduction 10: two-factor sign-in (django-otp) for Programme staff, Panel
chairs and Assessors; applicants may turn it on."""

import io
import re

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import two_factor
from applications.models import AuditEvent
from tests.factories.accounts import (
    PASSWORD,
    current_code,
    next_code,
    set_up_two_factor,
    sign_in_client,
)

pytestmark = pytest.mark.django_db

SET_UP = "/account/two-factor/set-up/"
CODE = "/account/two-factor/code/"


def password_sign_in(client, user, next_url=""):
    query = f"?next={next_url}" if next_url else ""
    return client.post(
        reverse("accounts:login") + query, {"email": user.email, "password": PASSWORD}
    )


@pytest.mark.parametrize("who", ["staff_user", "chair", "assessor"])
def test_no_page_opens_before_the_two_factor_set_up(client, request, who):
    user = request.getfixturevalue(who)
    response = password_sign_in(client, user)
    assert response.url == SET_UP + "?next=%2Faccount%2F"
    for path in ["/account/", "/apply/staff/bids/", "/assess/", "/admin/", "/"]:
        blocked = client.get(path)
        assert blocked.status_code == 302, path
        assert blocked.url.startswith(SET_UP), path
    # Still open: the set-up page, signing out, the health check and static files.
    assert client.get(SET_UP).status_code == 200
    assert client.get("/healthz").status_code == 200
    assert client.get("/static/css/app.css").status_code in (200, 404)  # never a redirect
    assert client.post(reverse("accounts:logout")).url == "/"
    assert "_auth_user_id" not in client.session


def test_a_password_alone_cannot_get_new_recovery_codes_or_reset_anyone(
    client, staff_user, assessor
):
    set_up_two_factor(staff_user)
    _, codes = set_up_two_factor(assessor)
    password_sign_in(client, staff_user)  # the password, but no code yet
    response = client.post(reverse("accounts:two_factor_new_recovery_codes"))
    assert response.url.startswith(CODE)
    response = client.post(reverse("accounts:two_factor_reset"), {"email": assessor.email})
    assert response.url.startswith(CODE)
    response = client.post(reverse("accounts:two_factor_turn_off"))
    assert response.url.startswith(CODE)
    assert two_factor.is_set_up(assessor) and two_factor.is_set_up(staff_user)
    assert StaticToken.objects.filter(device__user=staff_user).count() == 10


def test_an_applicant_needs_no_code(client, applicant):
    response = password_sign_in(client, applicant)
    assert response.url == reverse("applications:dashboard")
    assert client.get(response.url).status_code == 200


def test_set_up_with_the_typed_key_then_recovery_codes_shown_once(client, staff_user):
    password_sign_in(client, staff_user, "/apply/staff/bids/")
    page = client.get(SET_UP + "?next=/apply/staff/bids/").content.decode()
    assert '<svg role="img" aria-label="QR code to scan with your authenticator app"' in page
    typed = re.search(r'id="typed-key">([A-Z2-7 ]+)<', page)[1]
    key = two_factor.unsaved_app(staff_user, client.session["two_factor_pending_key"])
    assert typed == two_factor.typed_key(key)
    assert len(typed.replace(" ", "")) == 32  # 20 random bytes in base 32
    assert not TOTPDevice.objects.exists()  # nothing stored before the first code

    wrong = client.post(SET_UP, {"code": "000000", "next": "/apply/staff/bids/"})
    assert wrong.status_code == 200
    assert "The code is not right" in wrong.content.decode()

    code = current_code(client.session["two_factor_pending_key"])
    done = client.post(SET_UP, {"code": code, "next": "/apply/staff/bids/"})
    assert done.url == reverse("accounts:two_factor_recovery_codes")
    codes_page = client.get(done.url).content.decode()
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", codes_page)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert 'href="/apply/staff/bids/"' in codes_page
    assert client.get(done.url).url == reverse("accounts:home")  # not shown again
    assert client.get("/account/").status_code == 200  # verified now
    device = TOTPDevice.objects.get(user=staff_user)
    assert device.confirmed and device.key == key.key
    assert AuditEvent.objects.filter(action="two_factor.set_up", actor=staff_user).count() == 1


def test_sign_in_with_a_code_and_each_code_works_once(client, chair):
    device, _ = set_up_two_factor(chair)
    response = password_sign_in(client, chair, "/selection/")
    assert response.url == CODE + "?next=%2Fselection%2F"
    assert client.get("/account/").url.startswith(CODE)
    code = next_code(device)
    assert client.post(CODE, {"code": code, "next": "/selection/"}).url == "/selection/"
    assert client.get("/account/").status_code == 200
    # The same code again, in a new session: refused.
    client.post(reverse("accounts:logout"))
    password_sign_in(client, chair)
    replay = client.post(CODE, {"code": code})
    assert replay.status_code == 200
    assert "The code is not right" in replay.content.decode()
    assert client.get("/account/").url.startswith(CODE)


def test_wrong_codes_are_throttled(client, assessor):
    set_up_two_factor(assessor)
    password_sign_in(client, assessor)
    client.post(CODE, {"code": "000000"})
    second = client.post(CODE, {"code": "111111"}).content.decode()
    assert "You have entered too many wrong codes. Wait" in second


def test_a_recovery_code_works_once(client, staff_user):
    _, codes = set_up_two_factor(staff_user)
    password_sign_in(client, staff_user)
    used = client.post(CODE, {"code": codes[0].upper()}, follow=True)
    assert "You used a recovery code. You have 9 left" in used.content.decode()
    assert client.get("/account/").status_code == 200
    client.post(reverse("accounts:logout"))
    password_sign_in(client, staff_user)
    again = client.post(CODE, {"code": codes[0]})
    assert "Enter a recovery code that you have not used before" in again.content.decode()
    assert StaticToken.objects.filter(device__user=staff_user).count() == 9
    event = AuditEvent.objects.get(action="two_factor.recovery_code_used")
    assert (event.actor, event.new) == (staff_user, {"left": 9})


def test_new_recovery_codes_replace_the_old(client, assessor):
    _, old = set_up_two_factor(assessor)
    sign_in_client(client, assessor)
    response = client.post(reverse("accounts:two_factor_new_recovery_codes"))
    page = client.get(response.url).content.decode()
    new = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", page)
    assert len(new) == 10
    tokens = set(StaticToken.objects.filter(device__user=assessor).values_list("token", flat=True))
    assert tokens == set(new) and not tokens & set(old)


def test_staff_reset_someone_elses_two_factor_with_an_audit_record_and_email(
    client, staff_user, make_user, assessor, django_capture_on_commit_callbacks
):
    from accounts import permissions

    colleague = make_user("colleague@local.gov.uk", permissions.PROGRAMME_STAFF, "Cam Colleague")
    set_up_two_factor(assessor)
    sign_in_client(client, staff_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:two_factor_reset"), {"email": assessor.email})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=assessor).exists()
    event = AuditEvent.objects.get(action="two_factor.reset")
    assert (event.actor, event.subject, event.old, event.new) == (
        staff_user,
        "assessor@uni.ac.uk",
        {"set_up": True},
        {"set_up": False},
    )
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["assessor@uni.ac.uk"], "Your two-factor sign-in for Leading Places has been reset")
    ]
    # Their next sign-in sets it up again.
    other = client.__class__()
    assert password_sign_in(other, assessor).url.startswith(SET_UP)
    # Nobody resets their own; other roles may not reset at all.
    own = client.post(reverse("accounts:two_factor_reset"), {"email": staff_user.email})
    assert "You cannot reset your own two-factor sign-in" in own.content.decode()
    assert TOTPDevice.objects.filter(user=staff_user).exists()
    sign_in_client(client, assessor)
    assert client.get(reverse("accounts:two_factor_reset")).status_code == 403
    sign_in_client(client, colleague)
    assert client.get(reverse("accounts:two_factor_reset")).status_code == 200


def test_a_reset_ends_a_session_verified_with_the_old_app(client, staff_user, make_user):
    from accounts import permissions

    other_staff = make_user("other.staff@local.gov.uk", permissions.PROGRAMME_STAFF, "Other")
    sign_in_client(client, staff_user)
    assert client.get("/account/").status_code == 200
    two_factor.reset(staff_user, other_staff)
    assert client.get("/account/").url.startswith(SET_UP)


def test_an_applicant_turns_it_on_and_off(client, applicant):
    sign_in_client(client, applicant)
    home = client.get("/account/").content.decode()
    assert "Turn on two-factor sign-in" in home
    client.get(SET_UP)
    code = current_code(client.session["two_factor_pending_key"])
    assert client.post(SET_UP, {"code": code}).url == reverse("accounts:two_factor_recovery_codes")
    client.post(reverse("accounts:logout"))
    # From now on, their sign-in asks for a code too.
    assert password_sign_in(client, applicant).url.startswith(CODE)
    assert client.get("/apply/").url.startswith(CODE)
    device = two_factor.app_of(applicant)
    client.post(CODE, {"code": next_code(device)})
    assert client.get("/apply/").status_code == 200
    client.post(reverse("accounts:two_factor_turn_off"))
    assert not two_factor.is_set_up(applicant)
    client.post(reverse("accounts:logout"))
    assert password_sign_in(client, applicant).url == reverse("applications:dashboard")


def test_staff_cannot_turn_it_off(client, staff_user):
    sign_in_client(client, staff_user)
    assert "Turn off two-factor sign-in" not in client.get("/account/").content.decode()
    client.post(reverse("accounts:two_factor_turn_off"))
    assert two_factor.is_set_up(staff_user)


def demo_app():
    return TOTPDevice.objects.get(user__email="staff@example.com", confirmed=True)


def test_demo_users_get_a_fixed_key_and_a_way_to_get_the_code(settings, ref):
    settings.DEBUG = True
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    printed = out.getvalue()
    key = two_factor.typed_key(demo_app())
    assert f"staff@example.com  key: {key}  recovery code: " in printed
    assert "applicant@example.com  key:" not in printed
    assert "The code now: .venv/bin/python manage.py two_factor_code EMAIL" in printed
    code = io.StringIO()
    call_command("two_factor_code", "staff@example.com", stdout=code)
    device = demo_app()
    assert code.getvalue().strip() == next_code(device)
    # The same key on every run, so an app set up once keeps working.
    call_command("load_demo", stdout=io.StringIO())
    assert two_factor.typed_key(demo_app()) == key
    with pytest.raises(CommandError, match="is not a demo user with a demo authenticator app"):
        call_command("two_factor_code", "someone@example.com")
    settings.DEBUG = False
    with pytest.raises(CommandError, match="refuses to run with DEBUG=0"):
        call_command("two_factor_code", "staff@example.com")
