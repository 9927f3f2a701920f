"""Sign-in protection with django-axes: who the client is, and the page a locked-out
person sees. Settings: AXES_* , TRUSTED_PROXY_COUNT and CLIENT_IP_HEADER (config/settings.py).

Failed sign-ins are counted by django-axes in its database table per combination of
email address and client address; a success resets that combination's count. One address
trying many accounts is stopped at a higher limit across accounts
(SIGN_IN_ADDRESS_FAILURE_LIMIT, `address_limit_reached`), read from the same table.
"""

import ipaddress
import math

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.shortcuts import render
from django.utils import timezone


def _valid_ip(value):
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request):
    """The client's address: REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT reverse proxies the
    address the outermost trusted proxy saw (the Nth from the right of CLIENT_IP_HEADER).
    A client can write anything into X-Forwarded-For, so addresses to the left of the
    trusted ones are never used; a malformed header falls back to REMOTE_ADDR."""
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote
    chain = request.META.get(settings.CLIENT_IP_HEADER, "").split(",")
    if len(chain) < proxies:
        return remote
    return _valid_ip(chain[-proxies]) or remote


def username_of(request, credentials=None):
    """The email address an attempt is for, as accounts store it (lower case, trimmed), so
    'Owner@Example.com' and 'owner@example.com ' count as the same account."""
    if credentials:
        value = credentials.get("email") or credentials.get("username") or ""
    else:
        value = request.POST.get("email", "")
    return str(value).strip().lower()[:254]


def lockout_minutes():
    """The wait after the last failed attempt, in whole minutes (AXES_COOLOFF_TIME)."""
    return max(1, math.ceil(get_cool_off().total_seconds() / 60))


def _wait():
    minutes = lockout_minutes()
    return f"Wait {minutes} {'minute' if minutes == 1 else 'minutes'}"


def lockout_message():
    return (
        "There have been too many attempts to sign in to this account from here. "
        f"{_wait()}, then try again or reset your password."
    )


def address_lockout_message():
    return (
        "There have been too many failed attempts to sign in from here, to several "
        f"accounts. {_wait()}, then try again."
    )


def _locked_out_page(request, message, email):
    """Our GOV.UK sign-in page with the wait, status 429; no password is checked."""
    from accounts.forms import SignInForm
    from accounts.views import safe_next

    form = SignInForm(request, initial={"email": email})
    return render(
        request,
        "accounts/sign_in.html",
        {"form": form, "locked_out": message, "next": safe_next(request, "")},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )


def lockout_response(request, original_response=None, credentials=None):
    """This account from this address waits (AXES_LOCKOUT_CALLABLE)."""
    return _locked_out_page(request, lockout_message(), username_of(request, credentials))


def address_failures(ip, now=None):
    """Failed sign-ins from this client address, across every account, within the wait
    (django-axes' rows, one per account and address)."""
    since = (now or timezone.now()) - get_cool_off()
    rows = AccessAttempt.objects.filter(ip_address=ip, attempt_time__gte=since)
    return rows.aggregate(n=Sum("failures_since_start"))["n"] or 0


def address_limit_reached(request):
    return address_failures(client_ip(request)) >= settings.SIGN_IN_ADDRESS_FAILURE_LIMIT


def address_lockout_response(request):
    """This address waits, whichever account it tries."""
    return _locked_out_page(request, address_lockout_message(), username_of(request))
