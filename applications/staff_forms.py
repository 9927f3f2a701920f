from django import forms

from applications.constants import OrganisationKind

KINDS = dict(OrganisationKind.choices)


class OrganisationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        details = [KINDS.get(obj.kind, "Organisation")]
        if obj.identifier:
            details.append(obj.identifier)
        return f"{obj.name} ({', '.join(details)})"


class OrganisationSearchForm(forms.Form):
    q = forms.CharField(
        label="Search for the organisation to keep",
        help_text="Name, ONS code or UKPRN",
        max_length=100,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].govuk = {"label_size": "m", "width": "20"}


class MergeForm(forms.Form):
    keep = OrganisationChoiceField(
        label="Which organisation should this be merged into?",
        queryset=None,
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": "Select the organisation to keep",
            "invalid_choice": "Select the organisation to keep",
        },
    )
    q = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, candidates, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["keep"].queryset = candidates
        # The radios show the search results; validation accepts any candidate.
        self.fields["keep"].widget.choices = [
            (organisation.pk, self.fields["keep"].label_from_instance(organisation))
            for organisation in choices
        ]
        self.fields["keep"].govuk = {"legend_size": "m"}
