"""Section 3, geography: the place's name and the local authority districts it covers,
grouped by region, with a note of districts an earlier cohort covered."""

from django import forms

from applications.forms.base import SectionForm
from applications.models import District


class GeographyForm(SectionForm):
    step = "geography"

    place_name = forms.CharField(
        label="What name does your partnership use for its place?",
        help_text="For example, Greater Lincolnshire or Sheffield",
        max_length=200,
        error_messages={
            "required": "Enter the name of the place",
            "max_length": "The name of the place must be 200 characters or fewer",
        },
    )
    districts = forms.MultipleChoiceField(
        label="Which local authority areas will the work cover?",
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Select at least one local authority area",
            "invalid_choice": "Select local authority areas from the list",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place_name"].govuk = {"width": 30}
        districts = list(District.objects.select_related("region").order_by("name"))
        self.fields["districts"].choices = [(d.code, d.name) for d in districts]
        self.district_regions = {d.code: d.region.name for d in districts}
        self.earlier_codes = set()
        if self.bid is not None:
            from applications.denormalise import earlier_cohort_district_ids

            earlier = earlier_cohort_district_ids(self.bid.round)
            self.earlier_codes = {d.code for d in districts if d.pk in earlier}

    def grouped_districts(self):
        """[(region, [checkbox subwidgets], selected count)] in region order."""
        groups = {}
        for option in self["districts"]:
            region = self.district_regions[option.data["value"]]
            groups.setdefault(region, []).append(option)
        return [
            (region, options, sum(1 for o in options if o.data["selected"]))
            for region, options in sorted(groups.items())
        ]

    @classmethod
    def initial_from_answers(cls, data):
        data = data or {}
        return {
            "place_name": data.get("place_name", ""),
            "districts": data.get("district_codes", []),
        }

    def to_answers(self):
        return {
            "place_name": self.cleaned_data["place_name"],
            "district_codes": sorted(self.cleaned_data["districts"]),
        }
