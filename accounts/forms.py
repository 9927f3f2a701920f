"""Sign-up, sign-in, staff invitation and password forms, with GOV.UK messages."""

from django import forms
from django.contrib.auth import authenticate, password_validation
from django.contrib.auth import forms as auth_forms

from accounts import permissions
from accounts.models import Invitation, User
from core.forms import email_field


class SignUpForm(forms.Form):
    full_name = forms.CharField(label="Full name", max_length=150)
    job_title = forms.CharField(
        label="Job title", max_length=150, required=False, help_text="Optional"
    )
    email = email_field(
        required="Enter your email address",
        help_text="Use your work email address. You will use it to sign in.",
    )
    password1 = forms.CharField(
        label="Create a password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 10 characters; not a common password.",
        error_messages={"required": "Create a password"},
    )
    password2 = forms.CharField(
        label="Confirm your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "Confirm your password"},
    )

    def __init__(self, *args, fixed_email=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["full_name"].error_messages["required"] = "Enter your full name"
        self.fields["full_name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs.update({"autocomplete": "email", "spellcheck": "false"})
        self.fixed_email = fixed_email
        if fixed_email:
            self.fields["email"].initial = fixed_email
            self.fields["email"].disabled = True
            self.fields["email"].help_text = "This is the address your invitation was sent to."

    def clean_email(self):
        # Whether the address has an account is never said here (the owner is emailed).
        return self.cleaned_data["email"].strip().lower()

    def clean(self):
        cleaned = super().clean()
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", "The passwords do not match")
        if p1:
            candidate = User(email=cleaned.get("email", ""), full_name=cleaned.get("full_name", ""))
            try:
                password_validation.validate_password(p1, candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned

    def save(self):
        user = User.objects.create_user(
            email=self.cleaned_data["email"],
            password=self.cleaned_data["password1"],
            full_name=self.cleaned_data["full_name"],
            job_title=self.cleaned_data.get("job_title", ""),
        )
        permissions.add_role(user, permissions.APPLICANT)
        return user


class SignInForm(forms.Form):
    email = email_field(required="Enter your email address")
    password = forms.CharField(
        label="Password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Enter your password"},
    )

    error_message = "Enter a correct email address and password"

    def __init__(self, request=None, *args, **kwargs):
        self.request = request
        self.user = None
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs.update({"autocomplete": "email", "spellcheck": "false"})

    def clean(self):
        cleaned = super().clean()
        email, password = cleaned.get("email"), cleaned.get("password")
        if email and password:
            self.user = authenticate(self.request, email=email.lower(), password=password)
            if self.user is None or not self.user.is_active:
                self.user = None
                raise forms.ValidationError(self.error_message)
        return cleaned


class InvitationForm(forms.Form):
    email = email_field(required="Enter the email address to send the invitation to")
    role = forms.ChoiceField(
        label="Role",
        choices=[(role, role) for role in permissions.INVITABLE_ROLES],
        widget=forms.RadioSelect,
        error_messages={"required": "Select the role to invite them to"},
    )

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def save(self, invited_by):
        return Invitation.objects.create(
            email=self.cleaned_data["email"], role=self.cleaned_data["role"], invited_by=invited_by
        )


class PasswordResetForm(forms.Form):
    email = email_field(required="Enter your email address", max_length=254)


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code",
        max_length=20,
        help_text=(
            "The 6-digit code your authenticator app shows now, or one of your recovery codes."
        ),
        error_messages={"required": "Enter the code from your authenticator app"},
    )

    def __init__(self, *args, setting_up=False, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["code"]
        field.widget.attrs.update(
            {"autocomplete": "one-time-code", "spellcheck": "false", "autocapitalize": "off"}
        )
        field.govuk = {"width": 10}
        if setting_up:
            field.help_text = "The 6-digit code your authenticator app shows for Leading Places."
            field.widget.attrs["inputmode"] = "numeric"


class ResetTwoFactorForm(forms.Form):
    email = email_field(
        required="Enter the email address of the person whose two-factor sign-in to reset",
        help_text="They set it up again at their next sign-in, and we email them to say so.",
    )

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            raise forms.ValidationError("There is no account with this email address")
        self.user = user
        return email


class SetPasswordForm(auth_forms.SetPasswordForm):
    pass


class PasswordChangeForm(auth_forms.PasswordChangeForm):
    pass
