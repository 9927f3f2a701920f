import datetime as dt

from django import forms

from core.dates import LONDON
from core.forms import GovUKDateField
from reminders import deadlines
from reminders.models import ReminderTemplate


class DeadlineForm(forms.Form):
    closes_on = GovUKDateField(
        label="Date",
        subject="The closing date",
        help_text="For example, 27 3 2027",
        error_messages={"required": "Enter the new closing date"},
    )
    closes_time = forms.TimeField(
        label="Time (UK time)",
        help_text="For example, 12:00",
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={
            "required": "Enter the new closing time",
            "invalid": "Enter a real time, like 12:00",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["closes_time"].govuk = {"width": "5"}

    def closes_at(self):
        return dt.datetime.combine(
            self.cleaned_data["closes_on"], self.cleaned_data["closes_time"], tzinfo=LONDON
        )


class ScheduleForm(forms.Form):
    days_before = forms.CharField(
        label="Send reminders this many days before the deadline",
        help_text="Whole numbers separated by commas. For example, 7, 1",
        max_length=60,
        error_messages={"required": "Enter when reminders are sent, like 7, 1"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["days_before"].govuk = {"width": "10"}

    def clean_days_before(self):
        parts = [p.strip() for p in self.cleaned_data["days_before"].split(",") if p.strip()]
        if not parts or not all(p.isdigit() and 0 < int(p) <= 90 for p in parts):
            raise forms.ValidationError(
                "Enter whole numbers of days from 1 to 90, separated by commas, like 7, 1"
            )
        return sorted({int(p) for p in parts}, reverse=True)


class ReminderTemplateForm(forms.ModelForm):
    class Meta:
        model = ReminderTemplate
        fields = ["subject", "body"]
        labels = {"subject": "Subject", "body": "Message"}
        error_messages = {
            "subject": {"required": "Enter the subject of the email"},
            "body": {"required": "Enter the message"},
        }
        widgets = {"body": forms.Textarea(attrs={"rows": 16})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        names = ", ".join("{" + n + "}" for n in deadlines.allowed(self.instance.kind))
        self.fields["subject"].help_text = f"You can use these placeholders: {names}"
        self.fields["body"].help_text = "Plain text. Placeholders are replaced for each team."

    def clean_subject(self):
        subject = self.cleaned_data["subject"]
        if "\n" in subject or "\r" in subject:
            raise forms.ValidationError("The subject must be on one line")
        deadlines.check_placeholders(subject, self.instance.kind)
        return subject

    def clean_body(self):
        body = self.cleaned_data["body"].replace("\r\n", "\n")
        deadlines.check_placeholders(body, self.instance.kind)
        return body
