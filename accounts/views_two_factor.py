"""Two-factor sign-in pages: set up (QR code and typed key), enter a code, the recovery
codes (shown once), turn on or off from Your account, and reset by programme staff.
The rules and changes are in accounts.two_factor."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from accounts import forms, permissions, two_factor
from accounts.middleware import HAS_APP_SESSION_KEY
from core.access import require
from core.refusals import refusal_message, refusal_to_form

PENDING_KEY = "two_factor_pending_key"
NEW_CODES = "two_factor_new_codes"
AFTER_CODES = "two_factor_after_codes"


def _next(request):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse(permissions.home_url_name(request.user))


@require("accounts.use_two_factor")
def setup(request):
    user = request.user
    if two_factor.is_set_up(user):
        if not user.is_verified():
            return redirect(f"{reverse('accounts:two_factor_verify')}?{request.GET.urlencode()}")
        messages.info(request, "Two-factor sign-in is already set up")
        return redirect("accounts:home")
    key = request.session.get(PENDING_KEY) or two_factor.new_key()
    request.session[PENDING_KEY] = key
    form = forms.CodeForm(request.POST or None, setting_up=True)
    if request.method == "POST" and form.is_valid():
        try:
            codes = two_factor.confirm_app(request, user, key, form.cleaned_data["code"])
        except two_factor.TwoFactorRefused as refusal:
            refusal_to_form(form, refusal)
        else:
            del request.session[PENDING_KEY]
            request.session[HAS_APP_SESSION_KEY] = True
            request.session[NEW_CODES] = codes
            request.session[AFTER_CODES] = _next(request)
            messages.success(request, "Two-factor sign-in is set up")
            return redirect("accounts:two_factor_recovery_codes")
    app = two_factor.unsaved_app(user, key)
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "qr_svg": two_factor.qr_svg(app),
            "typed_key": two_factor.typed_key(app),
            "required": two_factor.required_for(user),
            "next": _next(request),
        },
    )


@require("accounts.use_two_factor")
def verify(request):
    user = request.user
    if user.is_verified():
        return redirect(_next(request))
    if not two_factor.is_set_up(user):
        return redirect(f"{reverse('accounts:two_factor_setup')}?{request.GET.urlencode()}")
    form = forms.CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = two_factor.verify(request, user, form.cleaned_data["code"])
        except two_factor.TwoFactorRefused as refusal:
            refusal_to_form(form, refusal)
        else:
            if device.name == two_factor.RECOVERY_NAME:
                left = two_factor.recovery_codes_left(user)
                messages.warning(
                    request,
                    f"You used a recovery code. You have {left} left: get new ones from "
                    "Your account.",
                )
            return redirect(_next(request))
    return render(
        request, "accounts/two_factor_verify.html", {"form": form, "next": _next(request)}
    )


@require("accounts.use_two_factor")
def recovery_codes(request):
    """The new recovery codes, once: reloading the page does not show them again."""
    codes = request.session.pop(NEW_CODES, None)
    after = request.session.pop(AFTER_CODES, None) or reverse("accounts:home")
    if not codes:
        return redirect(after)
    return render(
        request, "accounts/two_factor_recovery_codes.html", {"codes": codes, "after": after}
    )


@require("accounts.use_two_factor")
@require_POST
def new_recovery_codes(request):
    try:
        codes = two_factor.new_recovery_codes(request.user)
    except two_factor.TwoFactorRefused as refusal:
        refusal_message(request, refusal)
        return redirect("accounts:home")
    request.session[NEW_CODES] = codes
    request.session[AFTER_CODES] = reverse("accounts:home")
    return redirect("accounts:two_factor_recovery_codes")


@require("accounts.use_two_factor")
@require_POST
def turn_off(request):
    try:
        two_factor.turn_off(request.user)
    except two_factor.TwoFactorRefused as refusal:
        refusal_message(request, refusal)
    else:
        request.session.pop(HAS_APP_SESSION_KEY, None)
        messages.success(request, "Two-factor sign-in is turned off")
    return redirect("accounts:home")


@require("accounts.reset_two_factor")
def reset(request):
    form = forms.ResetTwoFactorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            two_factor.reset(form.user, request.user)
        except two_factor.TwoFactorRefused as refusal:
            refusal_to_form(form, refusal)
        else:
            messages.success(
                request,
                f"Two-factor sign-in for {form.user.email} has been reset. They set it up "
                "again at their next sign-in.",
            )
            return redirect("accounts:two_factor_reset")
    return render(request, "accounts/two_factor_reset.html", {"form": form})
