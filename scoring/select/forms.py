"""Forms of the selection pages. They read the input; the rules live in
scoring.select.selection and scoring.select.decisions, whose ConstraintError /
ValidationError messages the views put beside the fields."""

from django import forms

from applications.models import Region
from scoring.models import Decision, SelectionPin
from scoring.rules.inputs import CRITERION_DESC, FIRST_SUBMITTED_ASC, REFERENCE_ASC, SPREAD_ASC
from scoring.select.selection import CONSTRAINT_FIELDS

NONE = ""


def whole_number(label, noun, required=False, missing=""):
    field = forms.IntegerField(
        label=label,
        required=required,
        min_value=0,
        max_value=999,
        error_messages={
            "required": missing,
            "invalid": f"Enter {noun} as a whole number",
            "min_value": f"Enter {noun} as a whole number, 0 or more",
            "max_value": f"Enter {noun} of 999 or less",
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
    )
    field.govuk = {"width": 3}
    return field


def tie_break_choices(criteria):
    choices = [(NONE, "No further rule")]
    choices += [(f"{CRITERION_DESC}:{c.pk}", f"Higher {c.name} score") for c in criteria]
    choices += [
        (SPREAD_ASC, "Smaller spread between assessors' totals"),
        (FIRST_SUBMITTED_ASC, "Earlier first submission"),
    ]
    return choices


def encode_rule(rule):
    return f"{rule[0]}:{rule[1]}" if rule[0] == CRITERION_DESC else rule[0]


def decode_rule(value):
    if value.startswith(CRITERION_DESC + ":"):
        return [CRITERION_DESC, int(value.split(":", 1)[1])]
    return [value]


class ConstraintsForm(forms.Form):
    size_min = whole_number(
        "Cohort size",
        "the cohort size",
        required=True,
        missing="Enter the number of bids in the cohort",
    )
    size_max = whole_number("Largest cohort size", "the largest cohort size")
    max_per_region = whole_number("Most bids from one region", "the most bids from one region")
    min_regions = whole_number("Fewest regions in the cohort", "the fewest regions")
    max_overlap = whole_number(
        "Most bids overlapping an earlier cohort", "the most bids overlapping an earlier cohort"
    )
    quality_threshold = forms.DecimalField(
        label="Quality threshold (%)",
        help_text="Bids whose weighted total is below this are listed separately and cannot "
        "be proposed",
        decimal_places=1,
        error_messages={
            "required": "Enter a quality threshold",
            "invalid": "Enter the quality threshold as a number, like 60 or 62.5",
            "max_decimal_places": "Enter the quality threshold with at most 1 decimal place, "
            "like 62.5",
            "max_digits": "Enter a quality threshold between 0% and 100%",
            "max_whole_digits": "Enter a quality threshold between 0% and 100%",
        },
        widget=forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}),
    )
    calibrate = forms.TypedChoiceField(
        label="Calibrate assessors' totals?",
        help_text="Each assessor's totals are moved onto the panel's overall scale (only for "
        "assessors with at least 5 bids). The ranking then shows the raw and the calibrated rank.",
        choices=[("no", "No, use the raw totals"), ("yes", "Yes, use calibrated totals")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether to calibrate assessors' totals"},
    )

    def __init__(self, criteria, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["size_min"].help_text = "For a range, the smallest number of bids"
        self.fields["size_max"].help_text = "Optional. Leave blank for exactly the size above"
        self.fields["max_per_region"].help_text = "Optional. Leave blank for no limit"
        self.fields["min_regions"].help_text = "Optional. Leave blank for no minimum"
        self.fields[
            "max_overlap"
        ].help_text = (
            "Optional. Bids sharing a district with an earlier cohort. Leave blank for no limit"
        )
        self.fields["quality_threshold"].govuk = {"width": 4}
        choices = tie_break_choices(criteria)
        for number, word in enumerate(("First", "Second", "Third"), start=1):
            field = forms.ChoiceField(
                label=f"{word} tie-break rule",
                choices=choices,
                required=False,
                error_messages={"invalid_choice": f"Select the {word.lower()} tie-break rule"},
            )
            self.fields[f"tie_break_{number}"] = field
        self.fields[
            "tie_break_1"
        ].help_text = "When two bids have the same total. The bid reference is always the last rule"

    @staticmethod
    def initial_from(settings, rules):
        initial = {name: getattr(settings, name) for name in CONSTRAINT_FIELDS}
        initial["calibrate"] = "yes" if settings.calibrate else "no"
        breaks = [rule for rule in rules.effective_tie_breaks() if rule[0] != REFERENCE_ASC]
        for number, rule in enumerate(breaks[:3], start=1):
            initial[f"tie_break_{number}"] = encode_rule(rule)
        return initial

    def clean(self):
        data = super().clean()
        chosen = [data.get(f"tie_break_{n}") for n in (1, 2, 3)]
        seen = []
        for number, value in enumerate(chosen, start=1):
            if not value:
                continue
            if value in seen:
                self.add_error(f"tie_break_{number}", "Choose each tie-break rule only once")
            seen.append(value)
        data["tie_breaks"] = [decode_rule(value) for value in seen]
        return data

    def values(self):
        data = self.cleaned_data
        keys = ("size_min", "size_max", "max_per_region", "min_regions", "max_overlap")
        values = {key: data.get(key) for key in keys}
        values["quality_threshold"] = data["quality_threshold"]
        values["calibrate"] = data["calibrate"]
        values["tie_breaks"] = data["tie_breaks"]
        return values


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label="Decision",
        choices=Decision.Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select a decision", "invalid_choice": "Select a decision"},
    )
    reserve_position = forms.IntegerField(
        label="Position on the reserve list",
        help_text="Only for the reserve list. 1 is offered a place first. Leave blank to add "
        "the bid at the end",
        required=False,
        min_value=1,
        error_messages={
            "invalid": "Enter the reserve position as a whole number",
            "min_value": "Enter a reserve position of 1 or more",
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
    )
    feedback = forms.CharField(
        label="Feedback for the applicant",
        help_text="Required for the reserve list and reject. The applicant sees this when "
        "programme staff release the decisions",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].govuk = {"legend_size": "m"}
        self.fields["reserve_position"].govuk = {"width": 3}
        self.fields["feedback"].govuk = {"label_size": "m"}


class PinForm(forms.Form):
    pinned = forms.ChoiceField(
        label="Pin this bid?",
        choices=[
            (SelectionPin.Pinned.IN, "Pin in: always propose it"),
            (SelectionPin.Pinned.OUT, "Pin out: never propose it"),
            ("none", "No pin: let the constraints decide"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether to pin the bid"},
    )
    reason = forms.CharField(
        label="Reason",
        help_text="Required when pinning. Shown to the panel and kept in the audit trail",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pinned"].govuk = {"legend_size": "m"}


class RegionForm(forms.Form):
    region = forms.ModelChoiceField(
        label="Region for selection",
        queryset=Region.objects.order_by("name"),
        required=False,
        empty_label="The region worked out from its districts",
        error_messages={"invalid_choice": "Select a region"},
    )
    reason = forms.CharField(
        label="Reason for changing the region",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label="Why are you reopening this decision?",
        help_text="Kept in the audit trail",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter a reason for reopening the decision"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].govuk = {"label_size": "m"}
