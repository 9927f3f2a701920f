"""Section 7, declarations: three confirmations before the application can be submitted."""

from django import forms

from applications.forms.base import SectionForm


class DeclarationsForm(SectionForm):
    step = "declarations"

    accurate = forms.BooleanField(
        label="I confirm that the information in this application is accurate",
        error_messages={"required": "Confirm that the information is accurate"},
    )
    authority = forms.BooleanField(
        label="I have the authority to apply on behalf of all the partners",
        error_messages={
            "required": "Confirm that you have the authority to apply on behalf of all the partners"
        },
    )
    data_protection = forms.BooleanField(
        label="I have read the data protection notice",
        help_text="The privacy notice explains how the LGA uses the information you give.",
        error_messages={"required": "Confirm that you have read the data protection notice"},
    )
