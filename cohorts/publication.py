"""What the public sees of a cohort: the page, the map, the PDF, the CSV and the JSON.
Every reader uses the same fixed number of queries, whatever the number of members."""

from django.db.models import Prefetch
from django.utils import timezone

from applications.constants import Theme
from applications.models import District, Organisation
from cohorts.models import Cohort, CohortMember
from core.hexmap import Category, hex_map_svg

THIS_COLOUR = "#1d70b8"
EARLIER_COLOUR = "#b1b4b6"
BOTH_COLOUR = "#003078"

CSV_HEADER = [
    "partnership",
    "place",
    "region",
    "region_code",
    "theme",
    "title",
    "organisations",
    "organisation_codes",
    "districts",
    "district_codes",
]


def published_cohorts(now=None):
    now = now or timezone.now()
    return (
        Cohort.objects.filter(publish_at__isnull=False, publish_at__lte=now)
        .select_related("round")
        .order_by("-round__number")
    )


def members_of(cohort):
    """Members with their region, organisations and districts: four queries."""
    return list(
        CohortMember.objects.filter(cohort=cohort)
        .select_related("region")
        .prefetch_related(
            Prefetch("organisations", queryset=Organisation.objects.order_by("name")),
            Prefetch("districts", queryset=District.objects.order_by("name")),
        )
        .order_by("position", "partnership_name")
    )


def earlier_districts(cohort, now=None):
    """District codes of earlier rounds' published cohorts: one query."""
    now = now or timezone.now()
    return set(
        District.objects.filter(
            cohort_memberships__cohort__round__number__lt=cohort.round.number,
            cohort_memberships__cohort__publish_at__lte=now,
        )
        .values_list("code", flat=True)
        .distinct()
    )


def map_for(cohort, members, earlier_codes):
    """The hex map and its table alternative rows."""
    this_codes = {d.code: m.partnership_name for m in members for d in m.districts.all()}
    categories = {}
    for code in earlier_codes:
        categories[code] = "earlier"
    for code in this_codes:
        categories[code] = "both" if code in earlier_codes else "this"
    legend = [
        Category("this", cohort.name, THIS_COLOUR),
        Category("earlier", "Earlier cohorts", EARLIER_COLOUR),
    ]
    if "both" in categories.values():
        legend.append(Category("both", "This and an earlier cohort", BOTH_COLOUR))
    svg = hex_map_svg(
        categories,
        legend=legend,
        title=f"Map of England: districts of {cohort.name} and of earlier cohorts",
        labels=this_codes,
        svg_id=f"cohort-map-{cohort.pk}",
    )
    return svg


def theme_label(member):
    return dict(Theme.choices).get(member.theme, member.theme)


def member_organisations(member):
    """Each organisation as the public sees it: the name the partnership writes, the
    registry's name and its code (ONS code or UKPRN)."""
    return [
        {"name": name, "organisation": o, "code": organisation_code(o)}
        for name, o in member.named_organisations()
    ]


def organisation_code(organisation):
    return organisation.identifier


def csv_rows(members):
    for m in members:
        organisations = member_organisations(m)
        districts = list(m.districts.all())
        yield [
            m.partnership_name,
            m.place_name,
            m.region.name if m.region else "",
            m.region.code if m.region else "",
            theme_label(m),
            m.challenge_title,
            "; ".join(o["name"] for o in organisations),
            "; ".join(o["code"] for o in organisations),
            "; ".join(d.name for d in districts),
            "; ".join(d.code for d in districts),
        ]


def json_data(cohort, members):
    return {
        "cohort": cohort.name,
        "round": cohort.round.number,
        "starts_on": cohort.starts_on.isoformat() if cohort.starts_on else None,
        "published_at": cohort.publish_at.isoformat() if cohort.publish_at else None,
        "partnerships": [
            {
                "partnership": m.partnership_name,
                "place": m.place_name,
                "region": {"name": m.region.name, "code": m.region.code} if m.region else None,
                "theme": theme_label(m),
                "theme_code": m.theme,
                "title": m.challenge_title,
                "summary": m.challenge_summary,
                "organisations": [
                    {
                        "name": name,
                        "registry_name": o.name,
                        "kind": o.kind,
                        "ons_code": o.ons_code,
                        "ukprn": o.ukprn,
                    }
                    for name, o in m.named_organisations()
                ],
                "districts": [{"name": d.name, "code": d.code} for d in m.districts.all()],
            }
            for m in members
        ],
    }
