"""Programme staff's view of the bids of a round: filters, search, sorting and the data of
one bid's detail page. Views and the CSV export call these; nothing here writes."""

from dataclasses import dataclass

import django_filters
from django import forms
from django.db.models import Count, Exists, F, OuterRef, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone

from applications.answers import district_lookup, summarise
from applications.constants import OrganisationKind, Theme
from applications.denormalise import earlier_cohort_district_ids
from applications.models import (
    Bid,
    BidPartner,
    BidSection,
    District,
    Organisation,
    Region,
    Round,
)
from core.dates import LONDON, format_time
from core.hexmap import Category, hex_map_svg

PER_PAGE = 50
DEFAULT_STATUSES = (Bid.Status.SUBMITTED, Bid.Status.WITHDRAWN)
STATUS_COLOURS = {
    Bid.Status.DRAFT: "yellow",
    Bid.Status.SUBMITTED: "green",
    Bid.Status.WITHDRAWN: "grey",
}

# sort key -> (column heading, expression); every sort ends with the bid's id so pages are
# stable.
SORTS = {
    "reference": ("Reference", F("reference")),
    "place": ("Place", Lower("place_name")),
    "lead": ("Lead organisation", Lower("lead_organisation__name")),
    "region": ("Region", F("region__name")),
    "theme": ("Theme", F("theme")),
    "submitted": ("Submitted", F("submitted_at")),
}
DEFAULT_SORT = "reference"


def latest_opened_round(now=None):
    """The round staff most likely want: the latest that has opened, else the next one."""
    now = now or timezone.now()
    opened = Round.objects.filter(opens_at__lte=now).order_by("-opens_at").first()
    return opened or Round.objects.order_by("opens_at").first()


LIST_FIELDS = [
    "id",
    "round_id",
    "reference",
    "status",
    "place_name",
    "title",
    "theme",
    "submitted_at",
    "overlaps_earlier_cohort",
    "lead_organisation__name",
    "region__name",
]


def bids_of(round_):
    """A round's bids with what the list shows (lead organisation, region)."""
    return Bid.objects.for_round(round_).for_staff_table().only(*LIST_FIELDS)


def short_datetime(value):
    """'29 Jan 2027, 12pm' for tables, where space is short (Europe/London)."""
    if not value:
        return ""
    local = timezone.localtime(value, LONDON)
    return f"{local.day} {local:%b %Y}, {format_time(local)}"


def list_rows(bids):
    """One page of bids as plain rows for the table: everything formatted here, the
    number of partners in one more query, the detail link reversed once per page."""
    bids = list(bids)
    marker = 987654321
    url = reverse("applications:staff_bid", kwargs={"pk": marker}).replace(str(marker), "{}")
    counts = dict(
        BidPartner.objects.filter(bid__in=[bid.pk for bid in bids])
        .order_by()
        .values("bid")
        .annotate(count=Count("pk"))
        .values_list("bid", "count")
    )
    themes = dict(Theme.choices)
    statuses = dict(Bid.Status.choices)
    rows = []
    for bid in bids:
        partners = counts.get(bid.pk, 0)
        rows.append(
            {
                "url": url.format(bid.pk),
                "reference": bid.reference or "Draft",
                "name": bid.display_name,
                "place": bid.place_name or "Not provided",
                "overlap": bid.overlaps_earlier_cohort,
                "lead": bid.lead_organisation.name if bid.lead_organisation else "Not provided",
                "partners": f"{partners} partner{'s' if partners != 1 else ''}" if partners else "",
                "region": bid.region.name if bid.region else "",
                "theme": themes.get(bid.theme, ""),
                "submitted": short_datetime(bid.submitted_at),
                "status": statuses.get(bid.status, bid.status),
                "status_colour": STATUS_COLOURS.get(bid.status, "grey"),
            }
        )
    return rows


class BidFilter(django_filters.FilterSet):
    """The filter panel. With no status chosen, drafts are left out."""

    q = django_filters.CharFilter(
        label="Search",
        method="search",
        help_text="Reference, place or organisation name",
    )
    status = django_filters.MultipleChoiceFilter(
        label="Status",
        choices=Bid.Status.choices,
        widget=forms.CheckboxSelectMultiple,
        distinct=False,
        help_text="Drafts are shown only when you select them",
    )
    region = django_filters.ModelMultipleChoiceFilter(
        label="Region",
        queryset=Region.objects.order_by("name"),
        to_field_name="code",
        widget=forms.CheckboxSelectMultiple,
        method="filter_region",
    )
    theme = django_filters.MultipleChoiceFilter(
        label="Theme", choices=Theme.choices, widget=forms.CheckboxSelectMultiple, distinct=False
    )
    organisation_type = django_filters.MultipleChoiceFilter(
        label="Partner organisation type",
        choices=OrganisationKind.choices,
        widget=forms.CheckboxSelectMultiple,
        method="filter_organisation_type",
        help_text="Bids with at least one partner of a selected type",
    )
    overlap = django_filters.ChoiceFilter(
        label="Earlier cohorts",
        choices=[("yes", "Overlaps an earlier cohort"), ("no", "Does not overlap")],
        empty_label="Any",
        widget=forms.RadioSelect,
        method="filter_overlap",
    )

    class Meta:
        model = Bid
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        fields = self.form.fields
        fields["q"].govuk = {"label_size": "s"}
        fields["q"].max_length = 100
        for name in ("status", "region", "theme", "organisation_type", "overlap"):
            fields[name].govuk = {"legend_size": "s"}
        messages = {
            "status": "Select a status from the list",
            "region": "Select a region from the list",
            "theme": "Select a theme from the list",
            "organisation_type": "Select an organisation type from the list",
            "overlap": "Select whether the bid overlaps an earlier cohort",
        }
        for name, message in messages.items():
            fields[name].error_messages["invalid_choice"] = message
            fields[name].error_messages["invalid_pk_value"] = message
            fields[name].error_messages["invalid_list"] = message

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if not self.form.cleaned_data.get("status"):
            queryset = queryset.filter(status__in=DEFAULT_STATUSES)
        return queryset

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        partner = BidPartner.objects.filter(
            Q(organisation__name__icontains=value) | Q(name__icontains=value), bid=OuterRef("pk")
        )
        return queryset.filter(
            Q(reference__icontains=value)
            | Q(place_name__icontains=value)
            | Q(lead_organisation__name__icontains=value)
            | Exists(partner)
        )

    def filter_region(self, queryset, name, value):
        """The bid's main region or the region of any of its districts."""
        if not value:
            return queryset
        codes = [region.code for region in value]
        in_region = Bid.districts.through.objects.filter(
            bid=OuterRef("pk"), district__region__code__in=codes
        )
        return queryset.filter(Q(region__code__in=codes) | Exists(in_region))

    def filter_organisation_type(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(
            Exists(BidPartner.objects.filter(bid=OuterRef("pk"), organisation__kind__in=value))
        )

    def filter_overlap(self, queryset, name, value):
        return queryset.filter(overlaps_earlier_cohort=(value == "yes"))


def parse_sort(value):
    """('reference', False) for "reference", ('submitted', True) for "-submitted"."""
    value = value or ""
    descending = value.startswith("-")
    key = value.lstrip("-")
    if key not in SORTS:
        return DEFAULT_SORT, False
    return key, descending


def apply_sort(queryset, key, descending):
    expression = SORTS[key][1]
    ordered = expression.desc(nulls_last=True) if descending else expression.asc(nulls_last=True)
    return queryset.order_by(ordered, "pk")


def sort_headers(key, descending):
    """For each sortable column: its label, the sort value its link asks for and aria-sort."""
    headers = []
    for name, (label, _) in SORTS.items():
        current = name == key
        if current:
            aria = "descending" if descending else "ascending"
            next_value = name if descending else f"-{name}"
        else:
            aria = "none"
            next_value = name
        headers.append(
            {
                "key": name,
                "label": label,
                "aria_sort": aria,
                "sort": next_value,
                "next_direction": "descending" if next_value.startswith("-") else "ascending",
            }
        )
    return headers


def answers_of(bid):
    """(answers, latest submission or None): the latest submitted copy, or for a bid never
    submitted, its current sections."""
    submissions = list(bid.submissions.select_related("submitted_by").order_by("-version"))
    if submissions:
        return submissions[0].answers, submissions
    sections = BidSection.objects.filter(bid=bid)
    return {section.step: section.data for section in sections}, []


@dataclass
class PartnerRow:
    name: str
    kind: str
    identifier: str
    sponsor: str
    contact_email: str
    is_lead: bool


def partner_rows(answers):
    """The partners as answered, with the registry's ONS code or UKPRN where known."""
    partners = (answers.get("partners") or {}).get("partners") or []
    ids = [p.get("organisation_id") for p in partners if p.get("organisation_id")]
    organisations = Organisation.objects.in_bulk(ids)
    kinds = dict(OrganisationKind.choices)
    rows = []
    for partner in partners:
        organisation = organisations.get(partner.get("organisation_id"))
        sponsor = ", ".join(
            part for part in (partner.get("sponsor_name"), partner.get("sponsor_role")) if part
        )
        rows.append(
            PartnerRow(
                name=partner.get("name") or (organisation.name if organisation else ""),
                kind=kinds.get(partner.get("kind"), "Organisation"),
                identifier=organisation.identifier if organisation else "",
                sponsor=sponsor,
                contact_email=partner.get("contact_email") or "",
                is_lead=bool(partner.get("is_lead")),
            )
        )
    return rows


MAP_LEGEND = [
    Category("bid", "Districts in this bid", "#1d70b8"),
    Category("both", "In this bid and an earlier cohort", "#d4351c"),
    Category("earlier", "Earlier cohorts", "#b1b4b6"),
]


def district_map(bid, district_codes, lookup):
    """The hex map (SVG) and its table alternative: this bid's districts and earlier cohorts'."""
    earlier_codes = set(
        District.objects.filter(pk__in=earlier_cohort_district_ids(bid.round)).values_list(
            "code", flat=True
        )
    )
    categories = dict.fromkeys(earlier_codes, "earlier")
    for code in district_codes:
        categories[code] = "both" if code in earlier_codes else "bid"
    svg = hex_map_svg(
        categories,
        legend=MAP_LEGEND,
        title=f"Map of the districts in {bid.display_name}",
        labels={code: str(bid) for code in district_codes},
        size=7,
        svg_id=f"bid-{bid.pk}-map",
    )
    rows = sorted(
        (
            {
                "code": code,
                "name": lookup[code][0],
                "region": lookup[code][1],
                "earlier": code in earlier_codes,
            }
            for code in district_codes
            if code in lookup
        ),
        key=lambda row: row["name"],
    )
    return svg, rows


def audit_value(value):
    """An audit record's old or new value as one line of text."""
    if value is None or value == "" or value == {}:
        return ""
    if isinstance(value, dict):
        return ", ".join(f"{key.replace('_', ' ')}: {audit_value(v)}" for key, v in value.items())
    if isinstance(value, list):
        return ", ".join(audit_value(v) for v in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def audit_action_label(action):
    """'bid.submitted' -> 'Bid submitted'."""
    text = action.replace(".", " ").replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def detail(bid):
    """Everything the staff detail page shows about one bid."""
    answers, submissions = answers_of(bid)
    codes = (answers.get("geography") or {}).get("district_codes") or []
    lookup = district_lookup(codes)
    svg, district_rows = district_map(bid, codes, lookup)
    events = [
        {
            "at": event.at,
            "actor": event.actor,
            "action": audit_action_label(event.action),
            "old": audit_value(event.old),
            "new": audit_value(event.new),
            "note": event.note,
        }
        for event in bid.audit_events.select_related("actor").order_by("-at", "-id")
    ]
    return {
        "answers_from": submissions[0] if submissions else None,
        "submissions": submissions,
        "sections": summarise(answers, lookup),
        "partners": partner_rows(answers),
        "map_svg": svg,
        "district_rows": district_rows,
        "collaborators": list(bid.collaborators.select_related("user").order_by("added_at")),
        "events": events,
        "status_colour": STATUS_COLOURS.get(bid.status, "grey"),
    }
