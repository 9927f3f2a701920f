"""Sample bids with complete, valid answers: for tests, demo data and benchmarks.

`make_bid(round_, user, place="Sheffield")` creates a bid with every section complete; with
`submitted=True` it is also submitted (reference, submission copy), as the submit step
would do it, but without the email and PDF.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from applications.answers import STEP_NAMES
from applications.constants import Theme
from applications.denormalise import refresh_from_answers
from applications.models import Bid, BidCollaborator, BidSection, BidSubmission, Organisation, Round

# place: (district codes, council ONS codes, HEI UKPRNs, theme)
PLACES = {
    "Sheffield": (["E08000019"], ["E08000019"], ["10007157", "10005790"], Theme.ECONOMIC_GROWTH),
    "Leeds": (["E08000035"], ["E08000035"], ["10007795", "10003861"], Theme.PUBLIC_SERVICE_REFORM),
    "Liverpool": (
        ["E08000012"],
        ["E08000012"],
        ["10006842", "10003957"],
        Theme.HEALTH_AND_WELLBEING,
    ),
    "Nottingham": (
        ["E06000018"],
        ["E06000018"],
        ["10007154", "10004797"],
        Theme.CIVIC_PARTICIPATION,
    ),
    "Birmingham": (["E08000025"], ["E08000025"], ["10006840", "10007140"], Theme.ECONOMIC_GROWTH),
    "Plymouth": (["E06000026"], ["E06000026"], ["10007801"], Theme.HEALTH_AND_WELLBEING),
    "Kent": (["E07000106", "E07000110"], ["E10000016"], ["10007150"], Theme.PUBLIC_SERVICE_REFORM),
    "Lincoln": (["E07000138"], ["E10000019", "E07000138"], ["10007151"], Theme.ECONOMIC_GROWTH),
    "Hull": (["E06000010"], ["E06000010"], ["10007149"], Theme.CIVIC_PARTICIPATION),
    "Derby": (["E06000015"], ["E06000015"], ["10007851"], Theme.HEALTH_AND_WELLBEING),
    "Exeter": (["E07000041"], ["E10000008", "E07000041"], ["10007792"], Theme.ECONOMIC_GROWTH),
    "Sunderland": (["E08000024"], ["E08000024"], ["10007159"], Theme.PUBLIC_SERVICE_REFORM),
    # Overlaps round 1's Newcastle and Gateshead pilot.
    "Tyneside": (["E08000021", "E08000022"], ["E08000022"], ["10007799"], Theme.ECONOMIC_GROWTH),
}

WORDS = (
    "Our partnership brings the council and the universities together to work on one shared "
    "priority for the people of the place, building on several years of joint working, a "
    "senior leadership group that meets every quarter and a shared evidence base."
)


def sample_answers(place="Sheffield", round_=None):
    """Complete, valid answers for one of PLACES."""
    districts, councils, ukprns, theme = PLACES[place]
    orgs = {
        o.ons_code or o.ukprn: o
        for o in Organisation.objects.filter(ons_code__in=councils)
        | Organisation.objects.filter(ukprn__in=ukprns)
    }
    partners = []
    for index, key in enumerate(councils + ukprns):
        org = orgs[key]
        slug = org.name.lower().replace(" ", "").replace(",", "")[:20]
        partners.append(
            {
                "organisation_id": org.pk,
                "name": org.name,
                "kind": org.kind,
                "sponsor_name": f"Sponsor {index + 1} of {place}",
                "sponsor_role": "Chief executive" if org.is_council else "Vice-chancellor",
                "contact_email": f"partnerships@{slug}.example.org",
                "is_lead": index == 0,
            }
        )
    start = (
        round_.programme_starts_on if round_ and round_.programme_starts_on else dt.date(2027, 4, 1)
    )
    return {
        "eligibility": {"in_england": True, "has_council_and_hei": True, "leaders_agreed": True},
        "partners": {
            "lead_contact": {
                "name": f"Lead officer for {place}",
                "role": "Head of policy",
                "email": f"lead@{place.lower()}.example.gov.uk",
                "phone": "0114 000 0000",
            },
            "partners": partners,
        },
        "geography": {"place_name": place, "district_codes": districts},
        "strength": {
            "years_working_together": 6,
            "has_leadership_group": True,
            "leadership_group_since": 2021,
            "agreement": "mou",
            "joint_initiatives_count": 3,
            "joint_initiatives": "A civic university agreement, a joint skills board and a "
            "shared data observatory.",
            "resources": [
                {"partner": p["name"], "cash_pounds": 10000, "staff_days": 20} for p in partners
            ],
            "decision_making": "A joint senior leadership group decides by consensus; the "
            "challenge team reports to it every month.",
        },
        "challenge": {
            "theme": theme,
            "theme_other": "",
            "title": f"A shared priority challenge for {place}",
            "summary": WORDS,
            "approach": WORDS + " " + WORDS,
            "outcomes": WORDS,
            "measures": "Quarterly indicators agreed by the leadership group.",
        },
        "plan": {
            "milestones": [
                {
                    "date": (start + dt.timedelta(days=30)).isoformat(),
                    "description": "Leadership group agrees the challenge",
                },
                {
                    "date": (start + dt.timedelta(days=120)).isoformat(),
                    "description": "Immersion event",
                },
                {
                    "date": (start + dt.timedelta(days=300)).isoformat(),
                    "description": "Peer challenge and report",
                },
            ],
            "support": ["facilitation", "peer_challenge"],
            "support_other": "",
            "risks": "Diary pressures on senior leaders; changes in political leadership.",
        },
        "declarations": {"accurate": True, "authority": True, "data_protection": True},
    }


@transaction.atomic
def make_bid(round_, user, place="Sheffield", *, submitted=False, at=None, answers=None):
    """A bid whose sections are all complete; submitted (with a reference) if asked."""
    at = at or timezone.now()
    answers = answers if answers is not None else sample_answers(place, round_)
    bid = Bid.objects.create(round=round_, created_by=user, created_at=at, updated_at=at)
    BidCollaborator.objects.create(bid=bid, user=user, role=BidCollaborator.Role.LEAD)
    BidSection.objects.bulk_create(
        BidSection(
            bid=bid,
            step=step,
            data=answers.get(step, {}),
            is_complete=True,
            version=1,
            updated_by=user,
            updated_at=at,
        )
        for step in STEP_NAMES
    )
    refresh_from_answers(bid, answers)
    if submitted:
        locked = Round.objects.select_for_update().get(pk=round_.pk)
        number = locked.next_reference_number
        Round.objects.filter(pk=round_.pk).update(next_reference_number=number + 1)
        bid.reference = f"{round_.reference_prefix}-{number:04d}"
        bid.status = Bid.Status.SUBMITTED
        bid.first_submitted_at = bid.submitted_at = at
        bid.save(update_fields=["reference", "status", "first_submitted_at", "submitted_at"])
        BidSubmission.objects.create(
            bid=bid, version=1, submitted_at=at, submitted_by=user, answers=answers
        )
    bid.refresh_from_db()
    return bid
