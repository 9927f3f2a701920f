"""Round 1 (the 2016–17 pilot): six partnerships, from the LGA board paper (2016) and the
Leadership Foundation's peer review conference report (December 2016)."""

import datetime as dt

from django.db import transaction

from applications.constants import Theme
from applications.models import District, Organisation, Round
from cohorts.models import Cohort, CohortMember
from core.dates import LONDON


def _at(year, month, day, hour=12):
    return dt.datetime(year, month, day, hour, tzinfo=LONDON)


ROUND_1 = {
    "number": 1,
    "name": "Leading Places — Round 1 (2016–17 pilot)",
    "slug": "round-1",
    "reference_prefix": "LP1",
    "summary": (
        "The pilot round, run with the Higher Education Funding Council for England and "
        "Universities UK, facilitated by the Leadership Foundation for Higher Education."
    ),
    "opens_at": _at(2016, 1, 11),
    "closes_at": _at(2016, 3, 18),
    "assessment_starts_at": _at(2016, 3, 21),
    "decisions_at": _at(2016, 4, 22),
    "announced_at": _at(2016, 5, 9),
    "programme_starts_on": dt.date(2016, 5, 9),
    "programme_ends_on": dt.date(2017, 3, 31),
    "cohort_size": 6,
}

# (partnership, place, theme, title, summary, organisations by ONS code / UKPRN / typed name,
#  district ONS codes)
PILOTS = [
    (
        "Newcastle and Gateshead",
        "Newcastle and Gateshead",
        Theme.HEALTH_AND_WELLBEING,
        "Building a community research and innovation infrastructure: healthy eating and "
        "food takeaways",
        "Urban living and the use of technologies for social purposes, focused on healthy "
        "eating and food takeaways.",
        ["E08000021", "E08000037", "10007799", "10001282"],
        ["E08000021", "E08000037"],
    ),
    (
        "Manchester",
        "Greater Manchester",
        Theme.ECONOMIC_GROWTH,
        "Health innovation linked to the Science and Innovation Audit",
        "Health innovation, with collaborative activity linked to the inter-institutional "
        "Science and Innovation Audit; a map of science and innovation capabilities.",
        ["Greater Manchester Combined Authority", "New Economy Manchester"],
        ["E08000003"],
    ),
    (
        "Coventry and Warwickshire",
        "Coventry and Warwickshire",
        Theme.HEALTH_AND_WELLBEING,
        "Reducing health and wellbeing inequalities: a healthy, age-friendly city",
        "Reducing health and wellbeing inequalities, developing a healthy, age-friendly city "
        "and the place of sport in improving health for all.",
        ["E08000026", "10007163", "10001726"],
        ["E08000026", "E07000222"],
    ),
    (
        "Gloucestershire",
        "Gloucestershire",
        Theme.ECONOMIC_GROWTH,
        "A 2050 vision and strategic economic initiatives to transform Gloucestershire",
        "Development of a 2050 and beyond vision and agreement on a range of strategic, "
        "economic initiatives to transform Gloucestershire.",
        ["E10000013", "10007145", "10005545"],
        ["E07000078", "E07000079", "E07000080", "E07000081", "E07000082", "E07000083"],
    ),
    (
        "Bristol",
        "Bristol",
        Theme.CIVIC_PARTICIPATION,
        "The Mayor's office as a collaborative space for partners across the city",
        "Developing the new Mayor's office as a truly collaborative space for partner "
        "organisations across the city; possibly an innovation hub with both universities.",
        ["E06000023", "10007164", "10007786"],
        ["E06000023"],
    ),
    (
        "Brighton",
        "Brighton and Hove",
        Theme.PUBLIC_SERVICE_REFORM,
        "Self-managed care for older people in Leach Court",
        "Strategies to increase self-managed care amongst older people living in Leach Court, "
        "to reduce, delay or prevent escalation in the cost of care.",
        ["E06000043", "10000886", "10007806"],
        ["E06000043"],
    ),
]


def _organisation(key):
    if key.startswith("E"):
        return Organisation.objects.get(ons_code=key)
    if key.isdigit():
        return Organisation.objects.get(ukprn=key)
    org = Organisation.objects.filter(name=key, kind="other").first()
    if org is None:
        org = Organisation.objects.create(name=key, kind="other", reviewed=True)
    return org


@transaction.atomic
def load_round_one():
    """Create or update round 1 and its cohort of six pilots. Returns the cohort."""
    values = {k: v for k, v in ROUND_1.items() if k != "number"}
    round_one, _ = Round.objects.update_or_create(number=1, defaults=values)
    cohort, _ = Cohort.objects.update_or_create(
        round=round_one,
        defaults={
            "name": "Leading Places pilot partnerships 2016–17",
            "starts_on": ROUND_1["programme_starts_on"],
            "introduction": (
                "Six pilot partnerships of councils, universities and other anchor "
                "institutions, supported through action learning from May 2016 to March 2017."
            ),
            "publish_at": ROUND_1["announced_at"],
        },
    )
    for position, (name, place, theme, title, summary, orgs, districts) in enumerate(PILOTS):
        organisations = [_organisation(key) for key in orgs]
        district_objs = list(District.objects.filter(code__in=districts).select_related("region"))
        if len(district_objs) != len(districts):
            raise ValueError(f"Unknown district code among {districts}")
        member, _ = CohortMember.objects.update_or_create(
            cohort=cohort,
            partnership_name=name,
            defaults={
                "place_name": place,
                "theme": theme,
                "challenge_title": title,
                "challenge_summary": summary,
                "region": district_objs[0].region,
                "position": position,
            },
        )
        member.organisations.set(organisations)
        member.districts.set(district_objs)
    return cohort
