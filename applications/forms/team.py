"""The team page's form: invite a colleague to work on the application."""

from django import forms

from applications.forms.fields import EMAIL_FORMAT


class InviteForm(forms.Form):
    use_required_attribute = False
    email = forms.EmailField(
        label="Email address",
        help_text="We will email them a link to join this application. The link works for 14 days.",
        error_messages={
            "required": "Enter your colleague's email address",
            "invalid": f"Enter an email address {EMAIL_FORMAT}",
        },
    )
