from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from accounts import account_emails, forms, permissions, signin, two_factor
from accounts.emails import queue_invitation
from accounts.middleware import HAS_APP_SESSION_KEY
from accounts.models import Invitation, User
from core.access import require
from core.refusals import Refused


def safe_next(request, default):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def _too_many(request, refusal, template, form):
    form.add_error(None, refusal.message)
    return render(request, template, {"form": form}, status=429)


def sign_up(request):
    """The same answer for every address: "check your email". A new address gets a link
    that makes the account; an address with an account is told so by email."""
    if request.user.is_authenticated:
        return redirect("accounts:home")
    # A link can suggest the address (a colleague's invitation to a bid does): only a
    # starting value, which the person can change.
    form = forms.SignUpForm(request.POST or None, initial={"email": request.GET.get("email", "")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            account_emails.request_sign_up(
                email=data["email"],
                full_name=data["full_name"],
                job_title=data.get("job_title", ""),
                password=data["password1"],
                next_url=safe_next(request, ""),
                client_ip=signin.client_ip(request),
            )
        except account_emails.TooManyRequests as refusal:
            return _too_many(request, refusal, "accounts/sign_up.html", form)
        request.session["sign_up_email"] = data["email"]
        return redirect("accounts:sign_up_done")
    return render(request, "accounts/sign_up.html", {"form": form})


def sign_up_done(request):
    return render(
        request, "accounts/sign_up_done.html", {"email": request.session.get("sign_up_email")}
    )


def sign_up_confirm(request, token):
    """The link from the sign-up email: a button makes the account (no change on a GET)."""
    pending = account_emails.pending_sign_up(token)
    if pending is None:
        return render(request, "accounts/sign_up_unusable.html", status=410)
    if request.method == "POST":
        try:
            user, next_url = account_emails.confirm_sign_up(token)
        except Refused as refusal:
            return render(
                request,
                "accounts/sign_up_unusable.html",
                {"message": refusal.message},
                status=410,
            )
        if request.user.is_authenticated:
            logout(request)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, "Your account has been created")
        request.session.pop("sign_up_email", None)
        if next_url and url_has_allowed_host_and_scheme(next_url, {request.get_host()}):
            return redirect(next_url)
        return redirect(permissions.home_url_name(user))
    return render(request, "accounts/sign_up_confirm.html", {"pending": pending})


def sign_in(request):
    """Email and password (django-axes counts failures per account and client address and
    shows its lockout page; an address failing on many accounts waits too), then a code
    for anyone who uses two-factor sign-in."""
    if request.user.is_authenticated and request.method == "GET":
        return redirect(safe_next(request, reverse(permissions.home_url_name(request.user))))
    if request.method == "POST" and signin.address_limit_reached(request):
        return signin.address_lockout_response(request)
    form = forms.SignInForm(request, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.user
        login(request, user)
        target = safe_next(request, reverse(permissions.home_url_name(user)))
        if two_factor.is_set_up(user):
            request.session[HAS_APP_SESSION_KEY] = True
            return redirect(_with_next("accounts:two_factor_verify", target))
        if two_factor.required_for(user):
            return redirect(_with_next("accounts:two_factor_setup", target))
        return redirect(target)
    return render(request, "accounts/sign_in.html", {"form": form, "next": safe_next(request, "")})


def _with_next(name, target):
    return f"{reverse(name)}?{urlencode({'next': target})}"


@require_POST
def sign_out(request):
    logout(request)
    messages.success(request, "You have signed out")
    return redirect("core:start")


@require("accounts.see_account")
def home(request):
    user = request.user
    return render(
        request,
        "accounts/home.html",
        {
            "role_names": permissions.roles_for(user),
            "two_factor_on": two_factor.is_set_up(user),
            "two_factor_required": two_factor.required_for(user),
            "recovery_codes_left": two_factor.recovery_codes_left(user),
        },
    )


@require("accounts.invite_people")
def invitations(request):
    form = forms.InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            invitation = form.save(invited_by=request.user)
            queue_invitation(invitation)
        messages.success(request, f"Invitation sent to {invitation.email}")
        return redirect("accounts:invitations")
    recent = Invitation.objects.select_related("invited_by", "accepted_by")[:50]
    return render(
        request,
        "accounts/invitations.html",
        {"form": form, "invitations": recent, "now": timezone.now()},
    )


def accept_invitation(request, token):
    invitation = get_object_or_404(Invitation, token=token)
    if not invitation.is_usable():
        return render(
            request, "accounts/invitation_unusable.html", {"invitation": invitation}, status=410
        )
    if request.user.is_authenticated:
        if request.user.email.lower() != invitation.email.lower():
            return render(
                request,
                "accounts/invitation_wrong_user.html",
                {"invitation": invitation},
                status=403,
            )
        if request.method == "POST":
            _accept(invitation, request.user)
            messages.success(request, f"You now have the {invitation.role.lower()} role")
            return redirect("accounts:home")
        return render(request, "accounts/invitation_accept.html", {"invitation": invitation})
    if User.objects.filter(email__iexact=invitation.email).exists():
        return redirect(f"{reverse('accounts:login')}?next={request.path}")
    form = forms.SignUpForm(
        request.POST or None, fixed_email=invitation.email, initial={"email": invitation.email}
    )
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            user = form.save()
            _accept(invitation, user)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, f"Your account has been created with the {invitation.role} role")
        return redirect("accounts:home")
    return render(
        request, "accounts/invitation_sign_up.html", {"form": form, "invitation": invitation}
    )


def _accept(invitation, user):
    with transaction.atomic():
        locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if not locked.is_usable():
            return
        permissions.add_role(user, locked.role)
        locked.accepted_at = timezone.now()
        locked.accepted_by = user
        locked.save(update_fields=["accepted_at", "accepted_by"])


def password_reset(request):
    """The same answer whether or not the address has an account; limited per address and
    per client address (accounts.account_emails)."""
    form = forms.PasswordResetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            account_emails.request_password_reset(
                form.cleaned_data["email"], signin.client_ip(request)
            )
        except account_emails.TooManyRequests as refusal:
            return _too_many(request, refusal, "accounts/password_reset.html", form)
        return redirect("accounts:password_reset_done")
    return render(request, "accounts/password_reset.html", {"form": form})


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = forms.SetPasswordForm
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = forms.PasswordChangeForm
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:home")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, "Your password has been changed")
        return response
