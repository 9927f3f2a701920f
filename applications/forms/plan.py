"""Section 6, the plan: 1 to 12 dated milestones (rows) inside the programme's dates and in
date order, the support wanted, and the main risks."""

from django import forms

from applications.answers import SUPPORT_CHOICES
from applications.forms.base import ROW_INITIAL, SectionForm
from applications.forms.fields import WordLimitedField
from applications.forms.rows import RowForm, rows_formset
from core.dates import format_date
from core.forms import GovUKDateField


class MilestoneRowForm(RowForm):
    """One milestone: when, and what will happen."""

    date = GovUKDateField(label="Date", required=False, help_text="For example, 27 3 2027")
    description = forms.CharField(label="What will happen", required=False, max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        number = self.number
        self.fields["date"].subject = f"The date of milestone {number}"
        self.fields["description"].error_messages["max_length"] = (
            f"The description of milestone {number} must be 200 characters or fewer"
        )
        self.fields["description"].govuk = {"width": 30}


MilestoneRows = rows_formset(MilestoneRowForm, letter="m", min_rows=1, max_rows=12, default_rows=3)


class PlanForm(SectionForm):
    step = "plan"
    rows_class = MilestoneRows

    rows = forms.IntegerField(widget=forms.HiddenInput, required=False)
    support = forms.MultipleChoiceField(
        label="What support does the partnership want from the programme?",
        help_text="Select all that apply.",
        choices=SUPPORT_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Select the support you want",
            "invalid_choice": "Select the support you want from the list",
        },
    )
    support_other = forms.CharField(
        label="If you chose other support, what is it?",
        required=False,
        max_length=200,
        error_messages={"max_length": "Other support must be 200 characters or fewer"},
    )
    risks = WordLimitedField(
        label="What are the main risks, and how will you manage them?",
        max_words=300,
        limit_name="Main risks",
        required_message="Describe the main risks",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["support"].govuk = {"legend_size": "m"}
        self.fields["support_other"].govuk = {"width": 30}
        self.initial["rows"] = self.formset.row_count

    @property
    def programme_dates(self):
        round_ = self.bid.round if self.bid is not None else None
        if round_ is None:
            return None, None
        return round_.programme_starts_on, round_.programme_ends_on

    @classmethod
    def initial_from_answers(cls, data):
        data = data or {}
        return {
            "support": data.get("support", []),
            "support_other": data.get("support_other", ""),
            "risks": data.get("risks", ""),
            ROW_INITIAL: [
                {"date": m.get("date", ""), "description": m.get("description", "")}
                for m in data.get("milestones") or []
            ],
        }

    def clean(self):
        cleaned = super().clean()
        starts, ends = self.programme_dates
        self.milestones = []
        previous = None
        filled = [row for row in self.row_forms if not row.is_blank()]
        for row in filled:
            number = row.number
            date = row.cleaned_data.get("date")
            text = row.cleaned_data.get("description")
            if date is None:
                row.require("date", f"Enter the date of milestone {number}")
            if not text:
                row.require("description", f"Enter a description of milestone {number}")
            if date is None:
                continue
            if starts and date < starts:
                row.add_error(
                    "date",
                    f"Milestone {number} must be on or after {format_date(starts, False)}, "
                    "when the programme starts",
                )
            elif ends and date > ends:
                row.add_error(
                    "date",
                    f"Milestone {number} must be on or before {format_date(ends, False)}, "
                    "when the programme ends",
                )
            elif previous is not None and date < previous[1]:
                row.add_error(
                    "date",
                    f"The date of milestone {number} must be the same as or after the date "
                    f"of milestone {previous[0]}",
                )
            previous = (number, date)
            self.milestones.append({"date": date.isoformat(), "description": text or ""})
        if not filled:
            self.row_forms[0].add_error("date", "Add at least one milestone")
        if "other" in (cleaned.get("support") or []) and not cleaned.get("support_other"):
            self.require("support_other", "Describe the other support you want")
        return cleaned

    def to_answers(self):
        chosen = set(self.cleaned_data["support"])
        support = [value for value, _ in SUPPORT_CHOICES if value in chosen]
        return {
            "milestones": self.milestones,
            "support": support,
            "support_other": self.cleaned_data.get("support_other", "")
            if "other" in chosen
            else "",
            "risks": self.cleaned_data["risks"],
        }
