"""Two-factor sign-in before any page opens, for the people who need it.

After django_otp's OTPMiddleware (which makes `request.user.is_verified()` true once a
code was accepted in this session): a signed-in person whose role needs two-factor
sign-in (accounts.two_factor.required_for), or who turned it on, and who has not entered a
code in this session is sent to set it up (no app yet) or to enter a code, and then back
to the page they asked for. Signing out, the two-factor pages themselves, static files and
/healthz stay open.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from accounts import two_factor

# Set in the session at sign-in when the person has an app (so applicants without one
# cost no query per request).
HAS_APP_SESSION_KEY = "two_factor_has_app"


def _is_open(path):
    """Exactly these pages (not what starts with them: "new recovery codes" stays shut),
    and static files."""
    return path.startswith(settings.STATIC_URL) or path in {
        reverse("accounts:logout"),
        reverse("accounts:two_factor_setup"),
        reverse("accounts:two_factor_verify"),
        reverse("accounts:two_factor_recovery_codes"),
        reverse("healthz"),
    }


class TwoFactorRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and not user.is_verified()
            and not _is_open(request.path)
            and (request.session.get(HAS_APP_SESSION_KEY) or two_factor.required_for(user))
        ):
            return self.redirect(request, user)
        return self.get_response(request)

    def redirect(self, request, user):
        name = "two_factor_verify" if two_factor.is_set_up(user) else "two_factor_setup"
        target = reverse(f"accounts:{name}")
        if request.method == "GET" and request.path != reverse("accounts:login"):
            target += "?" + urlencode({"next": request.get_full_path()})
        return redirect(target)
