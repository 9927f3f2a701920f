"""Shared helpers for the applicant journey tests."""

import datetime as dt

from django.urls import reverse

from applications import bids
from applications.models import BidSection, Organisation


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


def plan_fields(round_, dates=None):
    start = round_.programme_starts_on
    dates = dates or [start + dt.timedelta(days=30), start + dt.timedelta(days=120)]
    fields = {"rows": str(max(len(dates), 1)), "support": ["facilitation"], "risks": "Diaries."}
    for index, date in enumerate(dates):
        fields[f"m{index}_date"] = date.isoformat() if hasattr(date, "isoformat") else date
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


def start(round_, user):
    return bids.start_bid(round_, user)
