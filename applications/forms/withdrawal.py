"""The withdrawal page's form: why the lead applicant is withdrawing the application."""

from django import forms


class WithdrawForm(forms.Form):
    use_required_attribute = False
    reason = forms.CharField(
        label="Why are you withdrawing the application?",
        help_text="Programme staff will see your reason.",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": "Enter why you are withdrawing the application",
            "max_length": "The reason must be 2,000 characters or fewer",
        },
    )
