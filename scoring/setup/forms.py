"""Forms for setting up assessment: criteria, screening, assignment, interests."""

from decimal import Decimal

from django import forms
from django.forms import BaseModelFormSet, modelformset_factory

from applications import organisations
from applications.models import Bid, Round
from scoring.models import Criterion
from scoring.setup import criteria as criteria_rules

MAX_SCALE = 10


def levels_to_text(levels):
    return "\n".join(level["descriptor"] for level in levels)


class CriterionForm(forms.ModelForm):
    levels_text = forms.CharField(
        label="What each score means",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="One description a line, from the lowest score to the highest.",
        error_messages={"required": "Enter what each score means"},
    )

    class Meta:
        model = Criterion
        fields = ["name", "guidance", "weight", "scale_min", "scale_max", "minimum"]
        labels = {
            "name": "Name",
            "guidance": "Guidance for assessors",
            "weight": "Weight (%)",
            "scale_min": "Lowest score",
            "scale_max": "Highest score",
            "minimum": "Minimum score (optional)",
        }
        help_texts = {
            "guidance": "What assessors should look for.",
            "weight": "The weights of all the criteria must total 100.",
            "scale_min": "",
            "scale_max": "",
            "minimum": "A bid scoring below this on this criterion cannot be selected.",
        }
        widgets = {"guidance": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["levels_text"].initial = levels_to_text(self.instance.levels)
        messages = {
            "name": {"required": "Enter a name for the criterion"},
            "weight": {
                "required": "Enter a weight",
                "invalid": "Weight must be a number, like 20",
            },
            "scale_min": {
                "required": "Enter the lowest score",
                "invalid": "Lowest score must be a whole number, like 0",
            },
            "scale_max": {
                "required": "Enter the highest score",
                "invalid": "Highest score must be a whole number, like 5",
            },
            "minimum": {
                "invalid": "Minimum score must be a number, like 3",
                "max_decimal_places": "Enter the minimum score with at most 1 decimal place, "
                "like 2.5",
                "max_digits": "Minimum score must be a number, like 3",
                "max_whole_digits": "Minimum score must be a number, like 3",
            },
        }
        for name, errors in messages.items():
            self.fields[name].error_messages.update(errors)
        self.fields["weight"].govuk = {"width": 3}
        self.fields["scale_min"].govuk = {"width": 2}
        self.fields["scale_max"].govuk = {"width": 2}
        self.fields["minimum"].govuk = {"width": 3}
        self.fields["weight"].widget.attrs["data-criteria-weight"] = "true"

    def clean_weight(self):
        weight = self.cleaned_data["weight"]
        if weight is not None and not (Decimal(0) < weight <= Decimal(100)):
            raise forms.ValidationError("Weight must be more than 0 and no more than 100")
        return weight

    def clean(self):
        data = super().clean()
        low, high = data.get("scale_min"), data.get("scale_max")
        if low is None or high is None:
            return data
        if high > MAX_SCALE:
            self.add_error("scale_max", f"Highest score must be {MAX_SCALE} or less")
            return data
        if high <= low:
            self.add_error("scale_max", "Highest score must be more than the lowest score")
            return data
        minimum = data.get("minimum")
        if minimum is not None and not (low <= minimum <= high):
            self.add_error("minimum", f"Minimum score must be between {low} and {high}")
        text = data.get("levels_text")
        if text is not None:
            lines = [line.strip() for line in text.splitlines() if line.strip()]
            count = high - low + 1
            if len(lines) != count:
                self.add_error(
                    "levels_text",
                    f"Enter one description for each score from {low} to {high} "
                    f"({count} lines); you entered {len(lines)}",
                )
            else:
                data["levels"] = [
                    {"score": low + i, "descriptor": line} for i, line in enumerate(lines)
                ]
        return data


class BaseCriterionFormSet(BaseModelFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "ORDER" in form.fields:
            form.fields["ORDER"].label = "Position"
            form.fields["ORDER"].help_text = "Criteria are shown to assessors in this order."
            form.fields["ORDER"].govuk = {"width": 2}
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = "Remove this criterion"

    def clean(self):
        super().clean()
        if any(form.errors for form in self.forms):
            return
        kept = self.kept_forms()
        if not kept:
            raise forms.ValidationError("Add at least one criterion")
        message = criteria_rules.weights_error(f.cleaned_data["weight"] for f in kept)
        if message:
            raise forms.ValidationError(message)
        names = [f.cleaned_data["name"].strip().lower() for f in kept]
        if len(set(names)) != len(names):
            raise forms.ValidationError("Each criterion must have a different name")

    def add_error(self, field, message):
        """A refusal of the whole set (core.refusals.refusal_to_form): above the forms."""
        self.non_form_errors().append(message)

    def kept_forms(self):
        return [
            form
            for form in self.forms
            if not (form.instance.pk is None and not form.has_changed())
            and not (self.can_delete and self._should_delete_form(form))
        ]

    def rows(self):
        """The set to save, in the chosen order."""
        rows = []
        for form in self.ordered_forms:
            row = {name: form.cleaned_data.get(name) for name in criteria_rules.FIELDS}
            row["guidance"] = row["guidance"] or ""
            row["id"] = form.instance.pk
            rows.append(row)
        return rows

    def total(self):
        """The running total of the weights on the page (saved or as typed)."""
        total = Decimal(0)
        for form in self.forms:
            if self.is_bound:
                if form.instance.pk is None and not form.has_changed():
                    continue
                if form.data.get(form.add_prefix("DELETE")):
                    continue
                raw = form.data.get(form.add_prefix("weight"), "")
                try:
                    total += Decimal(raw)
                except ArithmeticError:
                    continue
            elif form.instance.pk:
                total += form.instance.weight
        return criteria_rules.percent(total)


CriterionFormSet = modelformset_factory(
    Criterion,
    form=CriterionForm,
    formset=BaseCriterionFormSet,
    extra=1,
    can_delete=True,
    can_order=True,
)


class CopyCriteriaForm(forms.Form):
    source = forms.ModelChoiceField(
        label="Round to copy from",
        queryset=Round.objects.none(),
        empty_label=None,
        error_messages={"required": "Select a round to copy from"},
    )

    def __init__(self, *args, round_, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = (
            Round.objects.exclude(pk=round_.pk).filter(criteria__isnull=False).distinct()
        )
        self.fields["source"].govuk = {"label_size": "m"}


class ResetScoresForm(forms.Form):
    scores = forms.IntegerField(widget=forms.HiddenInput)
    assessments = forms.IntegerField(widget=forms.HiddenInput)
    confirm = forms.BooleanField(
        error_messages={"required": "Confirm that you want to reset the scores"},
    )


class ScreeningForm(forms.Form):
    outcome = forms.ChoiceField(
        label="Is this bid eligible?",
        choices=[
            (Bid.Screening.ELIGIBLE, "Eligible: it goes forward to assessment"),
            (Bid.Screening.INELIGIBLE, "Ineligible: it leaves assessment"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the bid is eligible"},
    )
    reason = forms.CharField(
        label="Reason",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Required if the bid is ineligible. The applicant is told with the decisions.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].govuk = {"legend_size": "m"}

    def clean(self):
        data = super().clean()
        if data.get("outcome") == Bid.Screening.INELIGIBLE and not data.get("reason", "").strip():
            self.add_error("reason", "Enter the reason the bid is ineligible")
        return data


class AssignForm(forms.Form):
    assessor = forms.ChoiceField(
        label="Assessor",
        error_messages={"required": "Select an assessor"},
    )

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assessor"].choices = [("", "Select an assessor")] + choices


class AddOrganisationForm(forms.Form):
    organisation = forms.CharField(
        label="Add an organisation",
        max_length=200,
        help_text="Start typing its name and choose it from the list, for example "
        "University of Leeds or Leeds City Council.",
        error_messages={"required": "Enter the name of an organisation"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].widget.attrs.update(
            {"list": "registry-organisations", "autocomplete": "off", "spellcheck": "false"}
        )

    def clean_organisation(self):
        name = " ".join(self.cleaned_data["organisation"].split())
        # The same matching as the partners page: "Leeds City Council" is the council for
        # Leeds, "University of Sheffield" is The University of Sheffield.
        found = organisations.find(name)
        match = found[0] if found else None
        if match is None:
            options = organisations.search(name, limit=2)
            if len(options) == 1:
                match = options[0]
        if match is None:
            raise forms.ValidationError(
                "Enter the name of an organisation in the registry and choose it from the list"
            )
        return match


class OtherInterestsForm(forms.Form):
    other_interests = forms.CharField(
        label="Other interests",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For example a trustee or advisory role, or a close family member who "
        "works for a council or university. Programme staff take these into account.",
    )


class DeclareConflictForm(forms.Form):
    reason = forms.CharField(
        label="Why do you have a conflict of interest with this bid?",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter the reason for the conflict"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].govuk = {"label_size": "m"}
