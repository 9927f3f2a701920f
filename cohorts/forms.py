import datetime as dt

from django import forms

from cohorts import emails
from cohorts.models import EmailTemplate
from core.dates import LONDON
from core.forms import GovUKDateField


class ReleaseForm(forms.Form):
    reply_by = GovUKDateField(
        label="Offers must be accepted by",
        subject="The reply-by date",
        help_text="Offers lapse at 12pm (UK time) on this day. For example, 27 3 2027",
        error_messages={"required": "Enter the date offers must be accepted by"},
    )

    def reply_by_datetime(self):
        return dt.datetime.combine(self.cleaned_data["reply_by"], dt.time(12), tzinfo=LONDON)


class EmailTemplateForm(forms.ModelForm):
    class Meta:
        model = EmailTemplate
        fields = ["subject", "body"]
        labels = {"subject": "Subject", "body": "Message"}
        error_messages = {
            "subject": {"required": "Enter the subject of the email"},
            "body": {"required": "Enter the message"},
        }
        widgets = {"body": forms.Textarea(attrs={"rows": 18})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        names = ", ".join("{" + n + "}" for n in emails.allowed(self.instance.kind))
        self.fields["subject"].help_text = f"You can use these placeholders: {names}"
        self.fields["body"].help_text = (
            "Plain text. Placeholders are replaced for each partnership; anything applicants "
            "typed is shown exactly as typed."
        )

    def clean_subject(self):
        subject = self.cleaned_data["subject"]
        if "\n" in subject or "\r" in subject:
            raise forms.ValidationError("The subject must be on one line")
        emails.check_placeholders(subject, self.instance.kind)
        return subject

    def clean_body(self):
        body = self.cleaned_data["body"].replace("\r\n", "\n")
        emails.check_placeholders(body, self.instance.kind)
        return body


class OfferResponseForm(forms.Form):
    response = forms.ChoiceField(
        label="Do you accept the offer of a place?",
        choices=[("accept", "Yes, we accept the place"), ("decline", "No, we decline the place")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether you accept the offer"},
    )
    reason = forms.CharField(
        label="If you are declining, tell us why",
        help_text="The programme team reads every reason. Required if you decline.",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["response"].govuk = {"legend_size": "m"}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("response") == "decline" and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", "Enter why you are declining the offer")
        return cleaned


class CohortDetailsForm(forms.Form):
    name = forms.CharField(
        label="Name of the cohort",
        max_length=150,
        error_messages={"required": "Enter the name of the cohort"},
    )
    starts_on = GovUKDateField(
        label="Programme start date (optional)",
        subject="The programme start date",
        help_text="For example, 1 6 2027",
        required=False,
    )
    introduction = forms.CharField(
        label="Introduction",
        help_text="Shown at the top of the public announcement and the PDF.",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class NoteForm(forms.Form):
    note = forms.CharField(
        label="Note",
        help_text="For programme staff only: never shown publicly.",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
    )


class ScheduleForm(forms.Form):
    publish_on = GovUKDateField(
        label="Date",
        subject="The date of publication",
        help_text="For example, 27 3 2027",
        error_messages={"required": "Enter the date of publication"},
    )
    publish_time = forms.TimeField(
        label="Time (UK time)",
        help_text="For example, 10:00",
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={
            "required": "Enter the time of publication",
            "invalid": "Enter a real time, like 10:00",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["publish_time"].govuk = {"width": "5"}

    def publish_at(self):
        return dt.datetime.combine(
            self.cleaned_data["publish_on"], self.cleaned_data["publish_time"], tzinfo=LONDON
        )
