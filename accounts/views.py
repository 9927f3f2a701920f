from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from accounts import forms, permissions, throttle
from accounts.emails import queue_invitation
from accounts.models import Invitation, User
from core.access import require


def _safe_next(request, default):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def sign_up(request):
    if request.user.is_authenticated:
        return redirect("accounts:home")
    # A link can suggest the address (a colleague's invitation to a bid does): only a
    # starting value, which the person can change.
    form = forms.SignUpForm(request.POST or None, initial={"email": request.GET.get("email", "")})
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, "Your account has been created")
        return redirect(_safe_next(request, reverse(permissions.home_url_name(user))))
    return render(request, "accounts/sign_up.html", {"form": form})


def sign_in(request):
    if request.user.is_authenticated and request.method == "GET":
        return redirect(_safe_next(request, reverse(permissions.home_url_name(request.user))))
    form = forms.SignInForm(request, request.POST or None)
    locked = False
    if request.method == "POST":
        email = request.POST.get("email", "")
        ip = throttle.client_ip(request)
        if throttle.is_locked(email, ip):
            locked = True
            form.is_valid()
            form.errors.clear()
            form.add_error(
                None,
                "There have been too many attempts to sign in. Wait 15 minutes, then try again "
                "or reset your password.",
            )
        elif form.is_valid():
            throttle.clear(email, ip)
            login(request, form.user)
            return redirect(_safe_next(request, reverse(permissions.home_url_name(form.user))))
        else:
            if form.has_error("__all__"):
                throttle.record_failure(email, ip)
    status = 429 if locked else 200
    return render(
        request,
        "accounts/sign_in.html",
        {"form": form, "next": _safe_next(request, "")},
        status=status,
    )


@require_POST
def sign_out(request):
    logout(request)
    messages.success(request, "You have signed out")
    return redirect("core:start")


@require("accounts.see_account")
def home(request):
    return render(
        request, "accounts/home.html", {"role_names": permissions.roles_for(request.user)}
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


class PasswordResetView(auth_views.PasswordResetView):
    form_class = forms.PasswordResetForm
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


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
