"""Filters and sorting of the ranking page (django-filter). Everything is worked out from
the ranking, so the filter set only reads the choices; `filter_rows` applies them in the
database to the stored rows (scoring.models.StoredSelectionRow), `keep` and `sorted_rows`
to the rows of scoring.select.selection (the same rules)."""

import django_filters
from django.db.models import F

from applications.constants import Theme
from applications.models import Bid, Region
from scoring.select import selection

YES_NO = [("yes", "Yes"), ("no", "No")]
SORTS = [
    ("rank", "Rank"),
    ("reference", "Reference"),
    ("region", "Region"),
    ("total_asc", "Total, lowest first"),
]


class RankingFilter(django_filters.FilterSet):
    region = django_filters.ChoiceFilter(
        label="Region", choices=[], empty_label="All regions", method="computed"
    )
    theme = django_filters.ChoiceFilter(
        label="Theme", choices=Theme.choices, empty_label="All themes", method="computed"
    )
    status = django_filters.ChoiceFilter(
        label="Status",
        choices=list(selection.STATUS_LABELS.items()),
        empty_label="All statuses",
        method="computed",
    )
    flagged = django_filters.ChoiceFilter(
        label="Flagged in moderation", choices=YES_NO, empty_label="Either", method="computed"
    )
    proposed = django_filters.ChoiceFilter(
        label="Proposed", choices=YES_NO, empty_label="Either", method="computed"
    )
    sort = django_filters.ChoiceFilter(
        label="Sort by", choices=SORTS, empty_label="Rank", method="computed"
    )

    class Meta:
        model = Bid
        fields = []

    def __init__(self, *args, regions=(), **kwargs):
        super().__init__(*args, **kwargs)
        names = sorted(set(regions) | set(Region.objects.values_list("name", flat=True)))
        self.filters["region"].extra["choices"] = [(n, n) for n in names]
        self.form.fields["region"].choices = [("", "All regions")] + [(n, n) for n in names]

    def computed(self, queryset, name, value):
        return queryset

    @property
    def values(self):
        return self.form.cleaned_data if self.form.is_valid() else {}

    def keep(self, row):
        data = self.values
        if data.get("region") and row.info.region != data["region"]:
            return False
        if data.get("theme") and row.info.theme != data["theme"]:
            return False
        if data.get("status") and row.status != data["status"]:
            return False
        if data.get("flagged") and row.info.flagged != (data["flagged"] == "yes"):
            return False
        return not (data.get("proposed") and row.proposed != (data["proposed"] == "yes"))

    def filter_rows(self, rows, sort=True):
        """The stored rows (a StoredSelectionRow queryset) kept by the filters, sorted as
        `sorted_rows` sorts (with `sort`; else in the order worked out)."""
        data = self.values
        for name in ("region", "theme", "status"):
            if data.get(name):
                rows = rows.filter(**{name: data[name]})
        for name in ("flagged", "proposed"):
            if data.get(name):
                rows = rows.filter(**{name: data[name] == "yes"})
        order = self.values.get("sort") if sort else None
        if order == "reference":
            return rows.order_by("reference")
        if order == "region":
            return rows.order_by("region", F("rank").asc(nulls_last=True), "position")
        if order == "total_asc":
            return rows.order_by(F("total").asc(nulls_last=True), "reference")
        return rows.order_by("position")

    def sorted_rows(self, rows):
        order = self.values.get("sort")
        if order == "reference":
            return sorted(rows, key=lambda row: row.reference)
        if order == "region":
            return sorted(rows, key=lambda row: (row.info.region, row.rank or 10**9))
        if order == "total_asc":
            return sorted(rows, key=lambda row: (row.total is None, row.total or 0, row.reference))
        return rows
