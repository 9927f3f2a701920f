"""Forms for scoring and moderation. The rules themselves live in scoring.assess.assessments and
scoring.assess.moderation; these forms only read the input and show the messages beside fields."""

from decimal import Decimal

from django import forms

from scoring.assess import assessments
from scoring.models import Assessment


def level_choices(criterion):
    descriptors = {
        int(level.get("score")): level.get("descriptor", "")
        for level in (criterion.levels or [])
        if isinstance(level, dict) and level.get("score") is not None
    }
    return [
        (score, f"{score} – {descriptors[score]}" if descriptors.get(score) else str(score))
        for score in range(criterion.scale_min, criterion.scale_max + 1)
    ]


class AssessmentForm(forms.Form):
    """One score and one justification per criterion, an overall recommendation, and the
    version of the assessment the page was loaded with (for stale saves)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)

    def __init__(self, criteria, *args, submitting=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        self.submitting = submitting
        for criterion in criteria:
            scale = assessments.scale_error(criterion, criterion.scale_max + 1)
            score = forms.TypedChoiceField(
                label=f"Score for {criterion.name}",
                choices=level_choices(criterion),
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect,
                error_messages={"invalid_choice": scale},
            )
            justification = forms.CharField(
                label=f"Justification for {criterion.name}",
                help_text=(
                    f"At least {assessments.MIN_WORDS} words. Refer to the evidence in the bid."
                ),
                required=False,
                widget=forms.Textarea(attrs={"rows": 6, "data-min-words": assessments.MIN_WORDS}),
            )
            justification.govuk = {"label_size": "s"}
            self.fields[f"score_{criterion.pk}"] = score
            self.fields[f"justification_{criterion.pk}"] = justification
        self.fields["recommendation"] = forms.ChoiceField(
            label="Overall recommendation",
            choices=Assessment.Recommendation.choices,
            required=False,
            widget=forms.RadioSelect,
            error_messages={"invalid_choice": "Select an overall recommendation"},
        )
        self.fields["recommendation"].govuk = {"legend_size": "m"}
        self.fields["overall_comment"] = forms.CharField(
            label="Overall comments (optional)",
            help_text="Anything the panel should know that does not fit one criterion.",
            required=False,
            widget=forms.Textarea(attrs={"rows": 4}),
        )

    def blocks(self):
        """(criterion, score field, justification field) for the template."""
        return [(c, self[f"score_{c.pk}"], self[f"justification_{c.pk}"]) for c in self.criteria]

    def clean(self):
        cleaned = super().clean()
        if self.submitting and not self.errors:
            problems = assessments.submission_errors(
                self.criteria, self.entries(), cleaned.get("recommendation") or ""
            )
            for name, message in problems.items():
                self.add_error(name, message)
        return cleaned

    def entries(self):
        data = self.cleaned_data
        return {
            c.pk: assessments.Entry(
                data.get(f"score_{c.pk}"), (data.get(f"justification_{c.pk}") or "").strip()
            )
            for c in self.criteria
        }


def initial_for(criteria, assessment, entries):
    initial = {"version": assessment.version if assessment else 0}
    if assessment:
        initial["recommendation"] = assessment.recommendation
        initial["overall_comment"] = assessment.overall_comment
    for criterion in criteria:
        entry = entries.get(criterion.pk)
        if entry:
            initial[f"score_{criterion.pk}"] = entry.score
            initial[f"justification_{criterion.pk}"] = entry.justification
    return initial


class ModeratedScoreForm(forms.Form):
    def __init__(self, criterion, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.criterion = criterion
        self.fields["score"] = forms.DecimalField(
            label=f"Moderated score for {criterion.name}",
            help_text=f"From {criterion.scale_min} to {criterion.scale_max}. You can use one "
            "decimal place, for example 3.5.",
            max_digits=4,
            decimal_places=1,
            min_value=Decimal(criterion.scale_min),
            max_value=Decimal(criterion.scale_max),
            error_messages={
                "required": f"Enter a moderated score for {criterion.name}",
                "invalid": f"Enter the moderated score as a number, like {criterion.scale_max - 1}",
                "min_value": f"Moderated score for {criterion.name} must be between "
                f"{criterion.scale_min} and {criterion.scale_max}",
                "max_value": f"Moderated score for {criterion.name} must be between "
                f"{criterion.scale_min} and {criterion.scale_max}",
                "max_decimal_places": "Enter the moderated score with one decimal place at most",
                "max_digits": f"Moderated score for {criterion.name} must be between "
                f"{criterion.scale_min} and {criterion.scale_max}",
                "max_whole_digits": f"Moderated score for {criterion.name} must be between "
                f"{criterion.scale_min} and {criterion.scale_max}",
            },
            widget=forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}),
        )
        self.fields["score"].govuk = {"width": 3}
        self.fields["rationale"] = forms.CharField(
            label="Rationale",
            help_text="Why the panel settled on this score. Assessors and programme staff "
            "may read it.",
            widget=forms.Textarea(attrs={"rows": 5}),
            error_messages={"required": "Enter a rationale for the moderated score"},
        )


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label="Comment for the assessor",
        help_text="Say what needs to change. We will email this to them, and show it on their "
        "score page.",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter a comment for the assessor"},
    )
