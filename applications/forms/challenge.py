"""Section 5, the priority challenge: its theme, title, summary, approach, outcomes and
measures (word-limited)."""

from django import forms

from applications.constants import Theme
from applications.forms.base import SectionForm
from applications.forms.fields import WordLimitedField


class ChallengeForm(SectionForm):
    step = "challenge"

    theme = forms.ChoiceField(
        label="Which theme does your priority challenge fit best?",
        choices=Theme.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the theme of the priority challenge"},
    )
    theme_other = forms.CharField(
        label="If you chose other, what is the theme?",
        required=False,
        max_length=100,
        error_messages={"max_length": "The theme must be 100 characters or fewer"},
    )
    title = forms.CharField(
        label="Title of the priority challenge",
        max_length=150,
        error_messages={
            "required": "Enter a title for the priority challenge",
            "max_length": "Title must be 150 characters or fewer",
        },
    )
    summary = WordLimitedField(
        label="Summary of the challenge",
        help_text="What the challenge is and why it matters to your place.",
        max_words=250,
        limit_name="Summary",
        required_message="Enter a summary of the priority challenge",
    )
    approach = WordLimitedField(
        label="Proposed approach",
        help_text="How the partners will work together on the challenge.",
        max_words=500,
        limit_name="Proposed approach",
        required_message="Describe your proposed approach",
        widget=forms.Textarea(attrs={"rows": 10}),
    )
    outcomes = WordLimitedField(
        label="Expected outcomes by the end of the programme",
        max_words=300,
        limit_name="Expected outcomes",
        required_message="Describe the outcomes you expect by the end of the programme",
    )
    measures = WordLimitedField(
        label="How will you measure success?",
        max_words=200,
        limit_name="How success will be measured",
        required_message="Describe how you will measure success",
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].govuk = {"legend_size": "s"}
        self.fields["theme_other"].govuk = {"width": 30}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("theme") == Theme.OTHER and not cleaned.get("theme_other"):
            self.require("theme_other", "Enter the theme of the priority challenge")
        return cleaned

    def to_answers(self):
        answers = dict(self.cleaned_data)
        if answers["theme"] != Theme.OTHER:
            answers["theme_other"] = ""
        return answers
