"""Forms of the partnership space and the calendar. Each only reads and tidies what was
typed; the domain functions decide what is allowed (and say why, beside the field)."""

import datetime as dt

from django import forms

from applications.constants import Theme
from core.dates import LONDON
from core.forms import GovUKDateField
from programme.models import EventKind, MilestoneStatus


def _date(label, required_message, subject=None, **kwargs):
    """GOV.UK's day, month and year boxes (core.forms.GovUKDateField)."""
    kwargs.setdefault("help_text", "For example, 27 3 2027")
    return GovUKDateField(
        label=label,
        subject=subject or label,
        error_messages={"required": required_message},
        **kwargs,
    )


class TimeInput(forms.TimeInput):
    input_type = "time"

    def format_value(self, value):
        return value.strftime("%H:%M") if hasattr(value, "strftime") else value


def _time(label, required_message):
    return forms.TimeField(
        label=label,
        widget=TimeInput,
        input_formats=["%H:%M", "%H:%M:%S", "%H.%M"],
        error_messages={"required": required_message, "invalid": f"{label} must be a real time"},
    )


class LeaderForm(forms.Form):
    name = forms.CharField(
        label="Name", max_length=150, error_messages={"required": "Enter their name"}
    )
    role = forms.CharField(
        label="Role",
        max_length=150,
        help_text="For example, Leader of the council, Chief executive or Vice-chancellor",
        error_messages={"required": "Enter their role"},
    )
    organisation = forms.ChoiceField(
        label="Organisation",
        error_messages={"required": "Select their organisation"},
    )
    organisation_other = forms.CharField(
        label="If another organisation, which one?", max_length=200, required=False
    )

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.organisations = {str(o.pk): o for o in organisations}
        self.fields["organisation"].choices = (
            [("", "Select an organisation")]
            + [(key, o.name) for key, o in self.organisations.items()]
            + [("other", "Another organisation")]
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("organisation") == "other" and not cleaned.get("organisation_other"):
            self.add_error("organisation_other", "Enter the name of the organisation")
        return cleaned

    def organisation_object(self):
        return self.organisations.get(self.cleaned_data["organisation"])


class MeetingForm(forms.Form):
    held_on = _date(
        "Date of the meeting",
        "Enter the date the meeting was held",
        subject="The date of the meeting",
        help_text="A meeting that was held: today or earlier. For example, 27 3 2027",
    )
    agreed = forms.CharField(
        label="What was agreed",
        help_text="A short note, for example the priority challenge or who leads the team",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=3000,
        error_messages={"required": "Enter a short note of what was agreed"},
    )
    shared = forms.BooleanField(
        label="Share this note with the other partnerships in the cohort", required=False
    )


class TeamMemberForm(forms.Form):
    name = forms.CharField(
        label="Name", max_length=150, error_messages={"required": "Enter their name"}
    )
    role = forms.CharField(
        label="Role in the challenge team",
        max_length=150,
        error_messages={"required": "Enter their role in the challenge team"},
    )
    organisation_name = forms.CharField(label="Organisation", max_length=200, required=False)
    email = forms.EmailField(
        label="Email address",
        required=False,
        error_messages={"invalid": "Enter an email address like name@example.gov.uk"},
    )
    lead_contact = forms.BooleanField(label="This person is the lead contact", required=False)


class ReshapeForm(forms.Form):
    theme = forms.ChoiceField(
        label="Theme",
        choices=Theme.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the theme"},
    )
    title = forms.CharField(
        label="Title of the priority challenge",
        max_length=300,
        error_messages={"required": "Enter the title of the reshaped challenge"},
    )
    summary = forms.CharField(
        label="Summary", widget=forms.Textarea(attrs={"rows": 5}), max_length=5000, required=False
    )
    reason = forms.CharField(
        label="Why did the partnership reshape its challenge?",
        help_text="For example, what the peer challenge showed",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=3000,
        error_messages={"required": "Enter why the partnership reshaped its challenge"},
    )
    after_event = forms.ChoiceField(label="After which event, if any?", required=False)

    def __init__(self, *args, events=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.events = {str(e.pk): e for e in events}
        self.fields["after_event"].choices = [("", "Not after an event")] + [
            (key, e.title) for key, e in self.events.items()
        ]

    def event_object(self):
        return self.events.get(self.cleaned_data.get("after_event") or "")


class MilestoneUpdateForm(forms.Form):
    status = forms.ChoiceField(
        label="Status",
        choices=MilestoneStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the status of the milestone"},
    )
    on = _date("Date of the update", "Enter the date of the update", "The date of the update")
    note = forms.CharField(
        label="Progress update",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=3000,
        required=False,
    )
    shared = forms.BooleanField(
        label="Share this update with the other partnerships in the cohort", required=False
    )


class MilestoneForm(forms.Form):
    due_on = _date("Date", "Enter the date of the milestone", "The date of the milestone")
    description = forms.CharField(
        label="What will happen",
        max_length=200,
        error_messages={"required": "Describe what will happen"},
    )


class EventForm(forms.Form):
    kind = forms.ChoiceField(
        label="Kind of event",
        choices=EventKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the kind of event"},
    )
    title = forms.CharField(
        label="Name of the event",
        max_length=200,
        error_messages={"required": "Enter the name of the event"},
    )
    starts_on = _date("Start date", "Enter the date the event starts", "The start date")
    starts_time = _time("Start time", "Enter the time the event starts")
    ends_on = _date("End date", "Enter the date the event ends", "The end date")
    ends_time = _time("End time", "Enter the time the event ends")
    place = forms.CharField(
        label="Place", max_length=300, required=False, help_text="The venue and its address"
    )
    online_link = forms.URLField(
        label="Online link",
        max_length=500,
        required=False,
        assume_scheme="https",
        error_messages={"invalid": "Enter a web address like https://meet.example.org/room"},
    )
    description = forms.CharField(
        label="Description", widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    places_each = forms.IntegerField(
        label="Places for each partnership",
        min_value=1,
        max_value=50,
        error_messages={
            "required": "Enter how many places each partnership has",
            "invalid": "Enter the number of places as a whole number, like 2",
            "min_value": "Give each partnership at least 1 place",
            "max_value": "Give each partnership at most 50 places",
        },
    )
    members = forms.MultipleChoiceField(
        label="Invite these partnerships",
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Select at least one partnership to invite",
            "invalid_choice": "Select partnerships from the list",
        },
    )

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.cohort_members = {str(m.pk): m for m in members}
        self.fields["members"].choices = [
            (key, m.partnership_name) for key, m in self.cohort_members.items()
        ]
        self.fields["kind"].govuk = {"legend_size": "m"}
        self.fields["members"].govuk = {"legend_size": "m"}
        self.fields["places_each"].govuk = {"width": 3}
        for name in ("starts_time", "ends_time"):
            self.fields[name].help_text = "UK time, for example 09:30 or 14:00"

    @staticmethod
    def _at(day, time):
        return dt.datetime.combine(day, time).replace(tzinfo=LONDON)

    def details(self):
        from programme.events import EventDetails

        data = self.cleaned_data
        return EventDetails(
            kind=data["kind"],
            title=data["title"],
            starts_at=self._at(data["starts_on"], data["starts_time"]),
            ends_at=self._at(data["ends_on"], data["ends_time"]),
            place=data["place"],
            online_link=data["online_link"],
            description=data["description"],
            places_each=data["places_each"],
        )

    def chosen_members(self):
        return [self.cohort_members[key] for key in self.cleaned_data["members"]]


class CancelForm(forms.Form):
    reason = forms.CharField(
        label="Why is the event cancelled?",
        help_text="Everyone invited gets this in the email",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
    )


class ReplyForm(forms.Form):
    attending = forms.ChoiceField(
        label="Will your partnership attend?",
        choices=[("yes", "Yes, we will attend"), ("no", "No, we will not attend")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether your partnership will attend"},
    )
    names = forms.CharField(
        label="Who will attend?",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=2000,
    )

    def __init__(self, *args, places=1, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attending"].govuk = {"legend_size": "m"}
        self.fields["names"].help_text = (
            f"One name on each line. Your partnership has {places} "
            f"place{'s' if places != 1 else ''}."
        )

    def name_list(self):
        return [line for line in self.cleaned_data.get("names", "").splitlines() if line.strip()]


class AttendanceForm(forms.Form):
    attended = forms.MultipleChoiceField(
        label="Who attended?", widget=forms.CheckboxSelectMultiple, required=False
    )

    def __init__(self, *args, attendees=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attended"].choices = [
            (str(a.pk), f"{a.name} ({a.invitation.member.partnership_name})") for a in attendees
        ]
        self.fields["attended"].govuk = {"legend_size": "m"}
