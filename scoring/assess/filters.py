"""Filters of the moderation dashboard (django-filter). Region filters the bids in the
database; flag and status are computed from the scores, so `keep` applies them after."""

import django_filters

from applications.models import Bid, Region
from scoring.assess import moderation

FLAG_CHOICES = [("any", "Any flag"), *moderation.FLAG_KINDS, ("none", "No flags")]


class ModerationFilter(django_filters.FilterSet):
    flag = django_filters.ChoiceFilter(
        label="Flag", choices=FLAG_CHOICES, empty_label="All bids", method="computed"
    )
    region = django_filters.ModelChoiceFilter(
        label="Region", queryset=Region.objects.all(), empty_label="All regions"
    )
    status = django_filters.ChoiceFilter(
        label="Status", choices=moderation.STATUSES, empty_label="All statuses", method="computed"
    )

    class Meta:
        model = Bid
        fields = ["flag", "region", "status"]

    def computed(self, queryset, name, value):
        return queryset

    def keep(self, row):
        """Whether a BidModeration row passes the flag and status filters."""
        data = self.form.cleaned_data if self.form.is_valid() else {}
        flag = data.get("flag")
        if flag:
            kinds = row.flag_kinds if not row.hidden else set()
            if flag == "any" and not kinds:
                return False
            if flag == "none" and kinds:
                return False
            if flag not in ("any", "none") and flag not in kinds:
                return False
        status = data.get("status")
        return not (status and row.status != status)
