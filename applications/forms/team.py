"""The team page's form: invite a colleague to work on the application."""

from django import forms

from core.forms import email_field


class InviteForm(forms.Form):
    use_required_attribute = False
    email = email_field(
        required="Enter your colleague's email address",
        help_text="We will email them a link to join this application. The link works for 14 days.",
    )
