"""Rounds and bids: drafts with every section complete, submissions through the submit
step, withdrawals, colleagues, and the question pages' POST data."""

import datetime as dt
import re

from django.urls import reverse

from accounts import permissions
from applications import bids
from applications.demo import load_demo_round
from applications.models import BidCollaborator, BidSection, Organisation, Round
from applications.samples import PLACES, sample_answers
from applications.samples import make_bid as complete_draft
from tests.factories.accounts import make_user

PLACE_NAMES = list(PLACES)


def open_round(today=None):
    """The demo round 2, open today."""
    return load_demo_round(today or dt.date.today())


def make_round(number, slug, *, opens_at, closes_at, name=None, prefix=None, **extra):
    """The round with this number, made or set to these values (benchmarks' own rounds)."""
    round_, _ = Round.objects.update_or_create(
        number=number,
        defaults={
            "name": name or f"Bench round {number}",
            "slug": slug,
            "reference_prefix": prefix or f"B{number}",
            "opens_at": opens_at,
            "closes_at": closes_at,
            **extra,
        },
    )
    return round_


def make_bid(round_, user, place="Sheffield", *, submitted=False, at=None, answers=None):
    """A bid of `place` (one of applications.samples.PLACES) whose sections are all complete
    (applications.samples); with `submitted=True` it is submitted by `user` through
    applications.bids.submit at `at` (default now), which the round must allow."""
    bid = complete_draft(round_, user, place, at=at, answers=answers)
    if submitted:
        bids.submit(bid, user, now=at)
        bid.refresh_from_db()
    return bid


def submitted_bids(round_, user, count):
    """`count` submitted bids, places taken in turn from applications.samples.PLACES."""
    return [
        make_bid(round_, user, PLACE_NAMES[i % len(PLACE_NAMES)], submitted=True)
        for i in range(count)
    ]


def withdrawn(bid, user, reason, at=None):
    """Withdraw the bid through applications.bids.withdraw (the lead applicant, in time)."""
    bids.withdraw(bid, user, reason, now=at)
    bid.refresh_from_db()
    return bid


def add_colleague(bid, email, name="Colleague", *, at=None):
    """A new applicant who has accepted the lead's invitation to edit the bid, invited and
    accepting at `at` (default now), when the round must still be open."""
    user = make_user(email, permissions.APPLICANT, name)
    lead = bid.collaborators.get(role=BidCollaborator.Role.LEAD).user
    invitation = bids.invite(bid, lead, email, now=at)
    bids.accept_invitation(invitation, user, now=at)
    return user


def start(round_, user):
    return bids.start_bid(round_, user)


# --- The question pages, as a browser posts them ----------------------------------------


def step_url(bid, step, query=""):
    return reverse("applications:bid_step", args=[bid.pk, step]) + query


def section(bid, step):
    return BidSection.objects.filter(bid=bid, step=step).first()


def version_of(bid, step):
    found = section(bid, step)
    return found.version if found else 0


def post_step(client, bid, step, fields, action="continue", version=None, query=""):
    """POST a question page as the browser would: fields without the step prefix."""
    data = {f"{step}-{name}": value for name, value in fields.items()}
    data["action"] = action
    data["section_version"] = version_of(bid, step) if version is None else version
    return client.post(step_url(bid, step, query), data)


ELIGIBLE = {"in_england": "yes", "has_council_and_hei": "yes", "leaders_agreed": "yes"}


def partner_fields(rows):
    """Fields for the partners page: rows are (name, kind, sponsor, role, email)."""
    fields = {
        "lead_name": "Jo Officer",
        "lead_role": "Head of policy",
        "lead_email": "Jo.Officer@Sheffield.gov.uk",
        "lead_phone": "0114 273 4567",
        "rows": str(max(len(rows), 2)),
    }
    for index, (name, kind, sponsor, role, email) in enumerate(rows):
        fields.update(
            {
                f"p{index}_name": name,
                f"p{index}_kind": kind,
                f"p{index}_sponsor_name": sponsor,
                f"p{index}_sponsor_role": role,
                f"p{index}_email": email,
            }
        )
    return fields


def sheffield_partners():
    council = Organisation.objects.get(ons_code="E08000019")
    university = Organisation.objects.get(ukprn="10007157")
    return partner_fields(
        [
            (council.name, "", "Kate Josephs", "Chief executive", "ceo@sheffield.gov.uk"),
            (university.name, "", "Koen Lamberts", "Vice-chancellor", "vc@sheffield.ac.uk"),
        ]
    )


def strength_fields(partner_count=2):
    fields = {
        "years_working_together": "6",
        "has_leadership_group": "yes",
        "leadership_group_since": "2021",
        "agreement": "mou",
        "joint_initiatives_count": "3",
        "joint_initiatives": "A civic university agreement and a skills board.",
        "decision_making": "The joint leadership group decides by consensus.",
    }
    for index in range(partner_count):
        fields[f"r{index}_cash"] = "£10,000"
        fields[f"r{index}_days"] = "20"
    return fields


CHALLENGE = {
    "theme": "economic_growth",
    "theme_other": "",
    "title": "Good jobs for Sheffield",
    "summary": "We will work together on good jobs.",
    "approach": "Action learning with a joint team.",
    "outcomes": "More people in good work.",
    "measures": "Quarterly indicators.",
}


def date_fields(name, value):
    """What a person types into a date's day, month and year boxes (core.forms.GovUKDateField):
    a date, or "day month year" text (like "31 2 2027", which is not a real date)."""
    if hasattr(value, "isoformat"):
        parts = [str(value.day), str(value.month), str(value.year)]
    else:
        parts = (str(value).split() + ["", "", ""])[:3]
    return dict(zip((f"{name}_day", f"{name}_month", f"{name}_year"), parts, strict=True))


def plan_fields(round_, dates=None):
    start = round_.programme_starts_on
    dates = dates or [start + dt.timedelta(days=30), start + dt.timedelta(days=120)]
    fields = {"rows": str(max(len(dates), 1)), "support": ["facilitation"], "risks": "Diaries."}
    for index, date in enumerate(dates):
        fields.update(date_fields(f"m{index}_date", date))
        fields[f"m{index}_description"] = f"Milestone {index + 1}"
    return fields


DECLARATIONS = {"accurate": "on", "authority": "on", "data_protection": "on"}


def fill_all(client, bid, round_):
    """Complete every section through the question pages."""
    for step, fields in [
        ("eligibility", ELIGIBLE),
        ("partners", sheffield_partners()),
        ("geography", {"place_name": "Sheffield", "districts": ["E08000019"]}),
        ("strength", strength_fields()),
        ("challenge", CHALLENGE),
        ("plan", plan_fields(round_)),
        ("declarations", DECLARATIONS),
    ]:
        response = post_step(client, bid, step, fields)
        assert response.status_code == 302, (step, response.content.decode()[:3000])


# --- A round with bids in every state (the programme staff pages) -----------------------

# Submitted in this order, one hour apart, so they get LP2-0001... in this order.
STAFF_SUBMITTED = ["Sheffield", "Liverpool", "Tyneside", "Kent", "Plymouth"]


def bids_in_every_state(round_, lead):
    """Five submitted bids (LP2-0001 Sheffield ... LP2-0005 Plymouth, one hour apart), of
    which LP2-0005 (Plymouth) is then withdrawn by its lead, plus a draft for Leeds.

    Liverpool has an extra partner typed in by the applicant (an "other" organisation) and
    Kent's summary starts with "=cmd" (a formula a spreadsheet must not run).
    """
    from applications.organisations import find_or_create_other

    start = round_.opens_at + dt.timedelta(days=1)
    made = {}
    for index, place in enumerate(STAFF_SUBMITTED):
        answers = sample_answers(place, round_)
        if place == "Liverpool":
            other = find_or_create_other("Liverpool City Region Health Trust", lead)
            answers["partners"]["partners"].append(
                {
                    "organisation_id": other.pk,
                    "name": other.name,
                    "kind": "other",
                    "sponsor_name": "Dana Director",
                    "sponsor_role": "Director of strategy",
                    "contact_email": "dana@trust.example.org",
                    "is_lead": False,
                }
            )
        if place == "Kent":
            answers["challenge"]["summary"] = "=cmd|' /C calc'!A0"
        made[place] = make_bid(
            round_,
            lead,
            place,
            submitted=True,
            at=start + dt.timedelta(hours=index),
            answers=answers,
        )
    withdrawn(
        made["Plymouth"], lead, "The council's leadership changed.", at=start + dt.timedelta(days=2)
    )
    made["Leeds"] = make_bid(round_, lead, "Leeds")
    return made


BID_ROW = re.compile(r'href="/apply/staff/bids/(\d+)/">(LP2-\d{4}|Draft)')


def references(response):
    """The references (or "Draft") of the bids listed on a staff list page, in order."""
    return [ref for _, ref in BID_ROW.findall(response.content.decode())]


def _lead(bid):
    return bid.collaborators.get(role=BidCollaborator.Role.LEAD).user


def redrafted(bid, step, **changes):
    """The lead reopens the bid (if submitted) and saves `changes` into one section, as the
    question page would (applications.bids.reopen and save_section). Leaves it a draft."""
    lead = _lead(bid)
    bid.refresh_from_db()
    if bid.status == bid.Status.SUBMITTED:
        bids.reopen(bid, lead)
    answers = {**section(bid, step).data, **changes}
    bids.save_section(bid, lead, step, answers=answers, complete=True)
    bid.refresh_from_db()
    return bid


def resubmitted(bid, step, **changes):
    """`redrafted`, then submitted again (a new submitted version)."""
    redrafted(bid, step, **changes)
    bids.submit(bid, _lead(bid))
    bid.refresh_from_db()
    return bid
