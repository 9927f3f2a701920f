"""Section 4, partnership strength: how long and how closely the partners have worked
together, and the cash and staff days each partner commits (one row per partner named in
section 2)."""

import datetime as dt

from django import forms
from django.core.validators import MaxValueValidator

from applications.answers import AGREEMENT_CHOICES
from applications.forms.base import ROW_INITIAL, SectionForm
from applications.forms.fields import (
    WordLimitedField,
    whole_number,
    whole_number_messages,
    yes_no,
    yes_no_field,
)
from applications.forms.rows import RowForm, RowFormSet, rows_formset

MAX_CASH = 10_000_000
MAX_DAYS = 5000


class ResourceRowForm(RowForm):
    """What one partner commits."""

    cash = whole_number("Cash (£)", name="Cash", minimum=0, maximum=MAX_CASH, example=5000)
    days = whole_number(
        "Staff days in kind", name="Staff days", minimum=0, maximum=MAX_DAYS, example=20
    )

    def __init__(self, *args, partner, **kwargs):
        super().__init__(*args, **kwargs)
        self.partner = partner
        self.fields["cash"].error_messages.update(
            whole_number_messages(f"Cash committed by {partner}", 0, MAX_CASH, 5000, unit="£")
        )
        self.fields["days"].error_messages.update(
            whole_number_messages(f"Staff days committed by {partner}", 0, MAX_DAYS, 20)
        )


class ResourceFormSet(RowFormSet):
    """One row per partner (no "Add another": the partners come from section 2)."""

    def __init__(self, *args, partners=(), **kwargs):
        self.partners = list(partners)
        kwargs["rows"] = len(self.partners)
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "partner": self.partners[index]}


ResourceRows = rows_formset(
    ResourceRowForm, letter="r", min_rows=0, max_rows=10, addable=False, base=ResourceFormSet
)


class StrengthForm(SectionForm):
    step = "strength"
    rows_class = ResourceRows

    years_working_together = whole_number(
        "How many years have the partners worked together?",
        name="Years the partners have worked together",
        minimum=0,
        maximum=100,
        example=5,
        required_message="Enter how many years the partners have worked together",
    )
    has_leadership_group = yes_no_field(
        "Do the partners have a joint senior leadership group?",
        "Select yes if the partners have a joint senior leadership group",
    )
    leadership_group_since = whole_number(
        "If yes, in which year was it set up?",
        name="The year the leadership group was set up",
        minimum=1950,
        maximum=2100,
        example=2019,
    )
    agreement = forms.ChoiceField(
        label="What form of agreement do the partners have?",
        choices=AGREEMENT_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the form of agreement between the partners"},
    )
    joint_initiatives_count = whole_number(
        "How many joint initiatives have the partners run in the last five years?",
        name="The number of joint initiatives",
        minimum=0,
        maximum=100,
        example=3,
        required_message="Enter the number of joint initiatives in the last five years",
    )
    joint_initiatives = WordLimitedField(
        label="Describe the joint initiatives",
        help_text="What they were, who led them and what they achieved.",
        max_words=150,
        limit_name="Description of joint initiatives",
        required=False,
    )
    decision_making = WordLimitedField(
        label="How will the partnership make decisions about the challenge?",
        max_words=300,
        limit_name="How decisions will be made",
        required_message="Describe how decisions will be made",
    )

    def __init__(self, *args, partners=None, **kwargs):
        self.partners = list(partners or [])
        kwargs["row_kwargs"] = {"partners": self.partners}
        kwargs.pop("rows", None)
        super().__init__(*args, **kwargs)
        self.fields["has_leadership_group"].govuk = {"inline": True, "legend_size": "s"}
        self.fields["agreement"].govuk = {"legend_size": "s"}
        self.fields["leadership_group_since"].govuk = {"width": 4}
        year = dt.date.today().year
        since = self.fields["leadership_group_since"]
        since.max_value = year
        since.validators = [v for v in since.validators if not isinstance(v, MaxValueValidator)] + [
            MaxValueValidator(year)
        ]
        since.error_messages.update(
            {
                "invalid": "Enter the year the leadership group was set up as 4 digits, like 2019",
                "min_value": "The year the leadership group was set up must be 1950 or later",
                "max_value": f"The year the leadership group was set up must be {year} or earlier",
            }
        )

    def resource_rows(self):
        """(index, partner, cash field, days field) for the template."""
        return [(row.index, row.partner, row["cash"], row["days"]) for row in self.row_forms]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("has_leadership_group") and cleaned.get("leadership_group_since") is None:
            self.require("leadership_group_since", "Enter the year the leadership group was set up")
        count = cleaned.get("joint_initiatives_count") or 0
        if count > 0 and not cleaned.get("joint_initiatives"):
            self.require("joint_initiatives", "Describe the joint initiatives")
        if not self.partners:
            self.add_error(
                None,
                "Add your partner organisations before you record the resources each of "
                "them commits",
            )
        return cleaned

    @classmethod
    def initial_from_answers(cls, data, partners=()):
        data = dict(data or {})
        initial = {
            key: data.get(key)
            for key in (
                "years_working_together",
                "leadership_group_since",
                "agreement",
                "joint_initiatives_count",
                "joint_initiatives",
                "decision_making",
            )
        }
        initial["has_leadership_group"] = yes_no(data.get("has_leadership_group"))
        by_partner = {r.get("partner"): r for r in data.get("resources") or []}
        initial[ROW_INITIAL] = [
            {
                "cash": by_partner[partner].get("cash_pounds"),
                "days": by_partner[partner].get("staff_days"),
            }
            if partner in by_partner
            else {}
            for partner in partners
        ]
        return initial

    def to_answers(self):
        c = self.cleaned_data
        return {
            "years_working_together": c["years_working_together"],
            "has_leadership_group": c["has_leadership_group"],
            "leadership_group_since": c.get("leadership_group_since")
            if c["has_leadership_group"]
            else None,
            "agreement": c["agreement"],
            "joint_initiatives_count": c["joint_initiatives_count"],
            "joint_initiatives": c.get("joint_initiatives") or "",
            "resources": [
                {
                    "partner": row.partner,
                    "cash_pounds": row.cleaned_data.get("cash") or 0,
                    "staff_days": row.cleaned_data.get("days") or 0,
                }
                for row in self.row_forms
            ],
            "decision_making": c["decision_making"],
        }
