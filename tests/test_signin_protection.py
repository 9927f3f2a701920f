"""Issue 12, reproduction 5: sign-in protection (django-axes, per account *and* address, in
the database, reset on success), limits on account emails, and the same answer for sign-up
and password reset whether or not an account exists."""

import re

import pytest
from axes.models import AccessAttempt
from django.core import mail
from django.urls import reverse

from accounts.models import AccountEmailRequest, PendingSignUp, User
from accounts.signin import client_ip
from notifications.models import OutboxMessage
from tests.factories.accounts import PASSWORD

pytestmark = pytest.mark.django_db

SIGN_IN = "/account/sign-in/"
WAIT = (
    "There have been too many attempts to sign in to this account from here. "
    "Wait 15 minutes, then try again or reset your password."
)


def attempt(client, email, password="wrong-password", ip="203.0.113.7"):
    return client.post(SIGN_IN, {"email": email, "password": password}, REMOTE_ADDR=ip)


def test_five_wrong_passwords_lock_that_account_from_that_address_only(client, applicant):
    for _ in range(4):
        assert attempt(client, applicant.email).status_code == 200
    assert attempt(client, applicant.email).status_code == 429  # the fifth locks
    locked = attempt(client, applicant.email, PASSWORD)
    assert locked.status_code == 429
    assert WAIT in locked.content.decode()
    assert "_auth_user_id" not in client.session
    # The real owner, from another address, signs in.
    owner = attempt(client, applicant.email, PASSWORD, ip="198.51.100.20")
    assert owner.status_code == 302
    assert owner.url == reverse("applications:dashboard")


def test_the_wait_shown_is_the_setting(client, applicant, settings):
    import datetime as dt

    settings.AXES_COOLOFF_TIME = dt.timedelta(minutes=30)
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(3):
        attempt(client, applicant.email)
    page = attempt(client, applicant.email, PASSWORD).content.decode()
    assert "Wait 30 minutes, then try again" in page


def test_wrong_emails_from_one_address_do_not_lock_its_colleagues(client, applicant):
    for n in range(5):
        assert attempt(client, f"guess{n}@council.gov.uk").status_code == 200
    colleague = attempt(client, applicant.email, PASSWORD)
    assert colleague.status_code == 302


def test_one_address_failing_on_many_accounts_waits_at_the_higher_limit(
    client, applicant, settings
):
    """Credential stuffing: the account-and-address lock lets one address try each account
    four times; across accounts the address is stopped at SIGN_IN_ADDRESS_FAILURE_LIMIT."""
    from django.conf import settings as defaults

    assert defaults.SIGN_IN_ADDRESS_FAILURE_LIMIT == 50
    settings.SIGN_IN_ADDRESS_FAILURE_LIMIT = 12
    for n in range(3):
        for _ in range(4):  # under each account's limit of 5
            assert attempt(client, f"guess{n}@council.gov.uk").status_code == 200
    assert AccessAttempt.objects.count() == 3
    stopped = attempt(client, applicant.email, PASSWORD)
    assert stopped.status_code == 429
    assert (
        "There have been too many failed attempts to sign in from here, to several accounts. "
        "Wait 15 minutes, then try again."
    ) in stopped.content.decode()
    assert "_auth_user_id" not in client.session
    # Another address is not held back; and at 11 failures this address was still open.
    assert attempt(client, applicant.email, PASSWORD, ip="198.51.100.20").status_code == 302
    client.post(reverse("accounts:logout"))
    AccessAttempt.objects.filter(username="guess0@council.gov.uk").update(failures_since_start=3)
    assert attempt(client, applicant.email, PASSWORD).status_code == 302


def test_a_success_resets_the_count(client, applicant):
    for _ in range(4):
        attempt(client, applicant.email)
    assert AccessAttempt.objects.get().failures_since_start == 4
    assert attempt(client, applicant.email, PASSWORD).status_code == 302
    assert not AccessAttempt.objects.exists()
    client.post(reverse("accounts:logout"))
    for _ in range(4):
        attempt(client, applicant.email)
    assert attempt(client, applicant.email, PASSWORD).status_code == 302  # not locked


def test_the_email_counts_however_it_is_typed(client, applicant):
    for typed in [
        "Applicant@Council.gov.uk",
        " applicant@council.gov.uk",
        "APPLICANT@council.gov.uk",
    ]:
        attempt(client, typed)
    attempt(client, applicant.email)
    attempt(client, applicant.email)
    assert attempt(client, applicant.email, PASSWORD).status_code == 429
    assert AccessAttempt.objects.get().username == "applicant@council.gov.uk"


def test_attempts_are_stored_in_the_database_by_account_and_address(client, applicant):
    attempt(client, applicant.email, ip="203.0.113.7")
    attempt(client, applicant.email, ip="198.51.100.20")
    rows = sorted(
        AccessAttempt.objects.values_list("username", "ip_address", "failures_since_start")
    )
    assert rows == [
        ("applicant@council.gov.uk", "198.51.100.20", 1),
        ("applicant@council.gov.uk", "203.0.113.7", 1),
    ]


class FakeRequest:
    def __init__(self, **meta):
        self.META = meta


def test_client_address_without_a_proxy_is_remote_addr(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    request = FakeRequest(REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert client_ip(request) == "10.0.0.5"  # a header a client wrote is not believed


def test_client_address_behind_trusted_proxies(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    # The client forged the first entry; the proxy appended the address it saw.
    request = FakeRequest(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9")
    assert client_ip(request) == "203.0.113.9"
    settings.TRUSTED_PROXY_COUNT = 2
    request = FakeRequest(
        REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9, 10.0.0.2"
    )
    assert client_ip(request) == "203.0.113.9"
    # Missing or malformed header: REMOTE_ADDR.
    assert client_ip(FakeRequest(REMOTE_ADDR="10.0.0.1")) == "10.0.0.1"
    bad = FakeRequest(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="x, not-an-ip, 10.0.0.2")
    assert client_ip(bad) == "10.0.0.1"


def test_behind_a_proxy_each_client_is_counted_apart(client, applicant, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    for _ in range(5):
        client.post(
            SIGN_IN,
            {"email": applicant.email, "password": "wrong"},
            HTTP_X_FORWARDED_FOR="203.0.113.7",
            **proxy,
        )
    other = client.post(
        SIGN_IN,
        {"email": applicant.email, "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="198.51.100.20",
        **proxy,
    )
    assert other.status_code == 302  # not the whole site behind the proxy


# --- Password reset and sign-up: one answer, limited emails ------------------------------


def reset(client, email, ip="203.0.113.7"):
    return client.post(reverse("accounts:password_reset"), {"email": email}, REMOTE_ADDR=ip)


def test_password_reset_answers_the_same_for_known_and_unknown_addresses(client, applicant):
    known = reset(client, applicant.email)
    unknown = reset(client, "nobody@council.gov.uk")
    assert (known.status_code, known.url) == (unknown.status_code, unknown.url)
    assert known.url == reverse("accounts:password_reset_done")
    messages = OutboxMessage.objects.filter(kind="password_reset")
    assert list(messages.values_list("to_email", flat=True)) == ["applicant@council.gov.uk"]


def test_password_reset_emails_are_limited_per_account(
    client, applicant, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(5):
            response = reset(client, applicant.email, ip=f"203.0.113.{n}")
            assert response.url == reverse("accounts:password_reset_done")  # the same page
    assert len(mail.outbox) == 3
    assert AccountEmailRequest.objects.count() == 5


def test_password_reset_requests_are_limited_per_client_address(client, settings):
    settings.ACCOUNT_EMAIL_REQUESTS_PER_CLIENT_PER_HOUR = 10
    for n in range(10):
        assert reset(client, f"person{n}@council.gov.uk").status_code == 302
    refused = reset(client, "person10@council.gov.uk")
    assert refused.status_code == 429
    assert "You have asked for too many emails from this device" in refused.content.decode()
    # Another client address is not affected.
    assert reset(client, "person11@council.gov.uk", ip="198.51.100.1").status_code == 302


def sign_up(client, email, ip="203.0.113.7", name="Jo Officer"):
    return client.post(
        reverse("accounts:sign_up"),
        {"full_name": name, "email": email, "password1": PASSWORD, "password2": PASSWORD},
        REMOTE_ADDR=ip,
    )


def test_sign_up_with_a_known_address_looks_the_same_and_emails_the_owner(
    client, applicant, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        known = sign_up(client, applicant.email.upper())
        known_page = client.get(known.url).content.decode()
        new = sign_up(client, "new.person@council.gov.uk")
        new_page = client.get(new.url).content.decode()
    assert known.url == new.url == reverse("accounts:sign_up_done")

    def same(page, email):
        return re.sub(r'nonce="[^"]+"', "", page.replace(email, "X"))

    assert same(known_page, "applicant@council.gov.uk") == same(
        new_page, "new.person@council.gov.uk"
    )
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["applicant@council.gov.uk"], "You already have a Leading Places account"),
        (["new.person@council.gov.uk"], "Confirm your email address for Leading Places"),
    ]
    assert "http://testserver/account/password-reset/" in mail.outbox[0].body
    # The known address's account is unchanged; no second account, nothing pending for it.
    assert User.objects.filter(email__iexact=applicant.email).count() == 1
    assert applicant.check_password(PASSWORD)
    assert list(PendingSignUp.objects.values_list("email", flat=True)) == [
        "new.person@council.gov.uk"
    ]


def test_nobody_can_hold_an_address_they_cannot_read(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client, "target@council.gov.uk", name="Squatter")
        sign_up(client, "target@council.gov.uk", name="Real Owner", ip="198.51.100.20")
    links = [re.search(r"http://testserver(/account/sign-up/\S+/)", m.body)[1] for m in mail.outbox]
    assert not User.objects.exists()
    client.post(links[1])  # the owner opens the link they received
    assert User.objects.get().full_name == "Real Owner"
    assert client.post(links[0]).status_code == 410  # the other link no longer works


def test_sign_up_emails_are_limited_per_address(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(5):
            assert sign_up(client, "flood@council.gov.uk", ip=f"203.0.113.{n}").status_code == 302
    assert len(mail.outbox) == 3


def test_an_expired_sign_up_link_is_refused(client, settings, django_capture_on_commit_callbacks):
    import datetime as dt

    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client, "late@council.gov.uk")
    link = re.search(r"http://testserver(/account/sign-up/\S+/)", mail.outbox[0].body)[1]
    PendingSignUp.objects.update(
        created_at=PendingSignUp.objects.get().created_at - dt.timedelta(hours=25)
    )
    assert client.get(link).status_code == 410
    assert client.post(link).status_code == 410
    assert not User.objects.exists()
