"""Round 1 (the 2016–17 pilot) as programme data: each pilot's outline theme from the LGA
board paper (paragraph 13) and its theme at the peer review conference of 21 November 2016
(the Leadership Foundation's report, December 2016), both kept as the challenge's history;
the peer review conference and the national learning event on the calendar.

Run after cohorts.pilots.load_round_one. Idempotent: running it again changes nothing."""

import datetime as dt

from django.db import transaction

from applications.constants import Theme
from cohorts.models import Cohort
from core.dates import LONDON
from programme.models import Attendee, ChallengeVersion, Event, EventKind, Invitation

BOARD_PAPER = "LGA board paper 'Leading Places project update' (summer 2016), paragraph 13"
CONFERENCE_REPORT = (
    "Leading Places peer review conference report, Leadership Foundation for Higher "
    "Education, December 2016"
)
CONFERENCE_DAY = dt.date(2016, 11, 21)
RESHAPE_REASON = (
    "The six partnerships arrived at a single priority theme through action learning; some "
    "reshaped their themes as a result of reflection and peer challenge at the peer review "
    "conference."
)

# partnership: (outline theme, outline title), (conference theme, conference title)
THEMES = {
    "Newcastle and Gateshead": (
        (Theme.OTHER, "Urban living or the use of technologies for social purposes"),
        (
            Theme.HEALTH_AND_WELLBEING,
            "Building a community research and innovation infrastructure: healthy eating and "
            "food takeaways",
        ),
    ),
    "Manchester": (
        (
            Theme.ECONOMIC_GROWTH,
            "Developing a science and innovation capabilities map for Manchester",
        ),
        (
            Theme.HEALTH_AND_WELLBEING,
            "Health innovation, with collaborative activity linked to the inter-institutional "
            "Science and Innovation Audit",
        ),
    ),
    "Coventry and Warwickshire": (
        (
            Theme.HEALTH_AND_WELLBEING,
            "Healthy communities (town and gown) within Coventry and Warwick",
        ),
        (
            Theme.HEALTH_AND_WELLBEING,
            "Reducing health and wellbeing inequalities: a healthy, age-friendly city and the "
            "place of sport in improving health for all",
        ),
    ),
    "Gloucestershire": (
        (
            Theme.ECONOMIC_GROWTH,
            "Development of a 2050 and beyond vision and agreement on a range of strategic, "
            "economic initiatives to transform Gloucestershire",
        ),
        (
            Theme.ECONOMIC_GROWTH,
            "Development of a 2050 and beyond vision and agreement on a range of strategic, "
            "economic initiatives to transform Gloucestershire",
        ),
    ),
    "Bristol": (
        (
            Theme.CIVIC_PARTICIPATION,
            "Engaging communities through the office of the newly elected Mayor",
        ),
        (
            Theme.CIVIC_PARTICIPATION,
            "Developing the new Mayor's office as a truly collaborative space for partner "
            "organisations across the city",
        ),
    ),
    "Brighton": (
        (Theme.HEALTH_AND_WELLBEING, "Improving health and wellbeing in communities"),
        (
            Theme.PUBLIC_SERVICE_REFORM,
            "Developing strategies to increase self-managed care amongst older people living "
            "in Leach Court to reduce, delay or prevent escalation in the cost of care",
        ),
    ),
}

EVENTS = [
    {
        "kind": EventKind.PEER_CHALLENGE,
        "title": "Peer review conference",
        "starts_at": dt.datetime(2016, 11, 21, 10, tzinfo=LONDON),
        "ends_at": dt.datetime(2016, 11, 21, 16, tzinfo=LONDON),
        "place": "Venue not recorded in the conference report",
        "description": (
            "Cross-peer review, friendly critique and challenge facilitated by the Leadership "
            "Foundation; keynote by Professor Markku Sotarauta. Each partnership gave an "
            "elevator pitch and an illustrative timeline to March 2017. The report gives the "
            "date only: the times shown are illustrative."
        ),
        "places_each": 6,
    },
    {
        "kind": EventKind.NATIONAL,
        "title": "National learning event",
        "starts_at": dt.datetime(2017, 3, 28, 10, tzinfo=LONDON),
        "ends_at": dt.datetime(2017, 3, 28, 16, tzinfo=LONDON),
        "place": "Venue not recorded in the conference report",
        "description": (
            "A platform to showcase the outcomes of the projects and future intentions. The "
            "report gives the date only: the times shown are illustrative."
        ),
        "places_each": 6,
    },
]
REPRESENTATIVES = "Representatives of the partnership (names not recorded)"


@transaction.atomic
def load_round_one_programme():
    cohort = Cohort.objects.select_related("round").get(round__number=1)
    events = {}
    for values in EVENTS:
        event, _ = Event.objects.update_or_create(
            cohort=cohort, title=values["title"], defaults=values
        )
        events[event.kind] = event
    conference = events[EventKind.PEER_CHALLENGE]
    for member in cohort.members.all():
        (outline_theme, outline), (later_theme, later) = THEMES[member.partnership_name]
        ChallengeVersion.objects.update_or_create(
            member=member,
            number=1,
            defaults={
                "change": ChallengeVersion.Change.OUTLINE,
                "theme": outline_theme,
                "title": outline,
                "summary": "",
                "reason": "",
                "changed_on": None,
                "after_event": None,
                "source": BOARD_PAPER,
            },
        )
        same = (outline_theme, outline) == (later_theme, later)
        ChallengeVersion.objects.update_or_create(
            member=member,
            number=2,
            defaults={
                "change": ChallengeVersion.Change.CONFIRMED
                if same
                else ChallengeVersion.Change.RESHAPED,
                "theme": later_theme,
                "title": later,
                "summary": member.challenge_summary,
                "reason": "Confirmed at the peer review conference." if same else RESHAPE_REASON,
                "changed_on": CONFERENCE_DAY,
                "after_event": conference,
                "source": CONFERENCE_REPORT,
            },
        )
        for event in events.values():
            Invitation.objects.get_or_create(event=event, member=member)
        invitation = Invitation.objects.get(event=conference, member=member)
        if invitation.reply != Invitation.Reply.ATTENDING:
            invitation.reply = Invitation.Reply.ATTENDING
            invitation.save(update_fields=["reply"])
        Attendee.objects.get_or_create(
            invitation=invitation, name=REPRESENTATIVES, defaults={"attended": True}
        )
    return cohort
