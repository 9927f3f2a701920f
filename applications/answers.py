"""The answers of a bid: the JSON each section stores, and how they are read back.

This is the contract between the application form (which writes `BidSection.data`), the
check-answers page, the PDF and CSV copies, the assessors' view and the cohort. Each
section stores its *cleaned* answers as JSON with these keys (dates as ISO strings):

eligibility   {"in_england": bool, "has_council_and_hei": bool, "leaders_agreed": bool}
partners      {"lead_contact": {"name", "role", "email", "phone"},
               "partners": [{"organisation_id": int | None, "name": str,
                             "kind": "council" | "county_council" | "hei" | "other",
                             "sponsor_name", "sponsor_role", "contact_email",
                             "is_lead": bool}, ...]}          # 2 to 10, one is_lead
geography     {"place_name": str, "district_codes": [ONS code, ...]}  # regions derived
strength      {"years_working_together": int, "has_leadership_group": bool,
               "leadership_group_since": int | None (a year),
               "agreement": "none" | "mou" | "joint_committee" | "contract",
               "joint_initiatives_count": int, "joint_initiatives": str,
               "resources": [{"partner": name, "cash_pounds": int, "staff_days": int}],
               "decision_making": str}
challenge     {"theme": Theme value, "theme_other": str, "title": str, "summary": str,
               "approach": str, "outcomes": str, "measures": str}
plan          {"milestones": [{"date": "YYYY-MM-DD", "description": str}],   # 1 to 12
               "support": ["facilitation" | "peer_challenge" | "immersion" | "other"],
               "support_other": str, "risks": str}
declarations  {"accurate": bool, "authority": bool, "data_protection": bool}

Working keys. While a bid is a draft, `BidSection.data` may also hold keys starting with
an underscore, written by the question pages (applications/wizard.py):
  "_draft"        {form field name: [raw values]}: input saved with errors ("Save and
                  come back later", or "Save and continue" that failed validation), shown
                  back to the user with the error summary; the other keys keep the last
                  valid answers, and the section is not complete;
  "_show_errors"  bool: whether to show the draft's errors (False after "Add another").
They are never part of a submission: `applications.progress.clean_data` strips them, and
BidSubmission.answers (what staff, assessors and the PDF read) holds clean answers only.
"""

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from applications.constants import OrganisationKind, Theme

SECTIONS = [
    ("eligibility", "Check your partnership is eligible"),
    ("partners", "Partners"),
    ("geography", "Geography"),
    ("strength", "Partnership strength"),
    ("challenge", "Priority challenge"),
    ("plan", "Plan"),
    ("declarations", "Declarations"),
]
SECTION_TITLES = dict(SECTIONS)
STEP_NAMES = [name for name, _ in SECTIONS]

AGREEMENT_CHOICES = [
    ("none", "No formal agreement"),
    ("mou", "Memorandum of understanding"),
    ("joint_committee", "Joint committee"),
    ("contract", "Formal contract"),
]
SUPPORT_CHOICES = [
    ("facilitation", "Facilitation of action learning"),
    ("peer_challenge", "Peer challenge"),
    ("immersion", "Immersion events"),
    ("other", "Other support"),
]
YES_NO = {True: "Yes", False: "No"}
NOT_PROVIDED = "Not provided"


@dataclass
class Row:
    key: str  # the field, for "Change" links (#id on the question page)
    label: str
    value: str = ""
    lines: list = field(default_factory=list)  # multi-line values (lists, paragraphs)

    @property
    def text(self):
        return "\n".join(self.lines) if self.lines else self.value


@dataclass
class Section:
    step: str
    title: str
    rows: list


def _text(value):
    if value is None or value == "" or value == []:
        return NOT_PROVIDED
    if isinstance(value, bool):
        return YES_NO[value]
    return str(value)


def _money(pounds):
    return f"£{int(pounds):,}"


def _date(iso):
    try:
        value = dt.date.fromisoformat(iso)
    except (TypeError, ValueError):
        return _text(iso)
    return f"{value.day} {value:%B %Y}"


def district_lookup(codes):
    """{code: (district name, region name)} for the given ONS codes, in one query."""
    from applications.models import District

    return {
        d.code: (d.name, d.region.name)
        for d in District.objects.filter(code__in=set(codes)).select_related("region")
    }


def regions_of(district_codes, lookup):
    """Region names covered, most districts first (then alphabetical)."""
    counts = Counter(lookup[code][1] for code in district_codes if code in lookup)
    return [name for name, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]


def summarise(answers, lookup=None):
    """Every answer as labelled rows, section by section; 'Not provided' for gaps.

    `answers` is {step: data}. `lookup` is the result of district_lookup (fetched when not
    given). Returns a list of Section.
    """
    if lookup is None:
        lookup = district_lookup(answers.get("geography", {}).get("district_codes", []))
    builders = {
        "eligibility": _eligibility,
        "partners": _partners,
        "geography": lambda data: _geography(data, lookup),
        "strength": _strength,
        "challenge": _challenge,
        "plan": _plan,
        "declarations": _declarations,
    }
    return [
        Section(step, title, builders[step](answers.get(step) or {})) for step, title in SECTIONS
    ]


def _eligibility(data):
    return [
        Row("in_england", "Is the partnership's area in England?", _text(data.get("in_england"))),
        Row(
            "has_council_and_hei",
            "Does the partnership include at least one council and one higher education "
            "institution?",
            _text(data.get("has_council_and_hei")),
        ),
        Row(
            "leaders_agreed",
            "Have the senior leaders agreed to take part?",
            _text(data.get("leaders_agreed")),
        ),
    ]


def _partners(data):
    contact = data.get("lead_contact") or {}
    contact_lines = [
        line
        for line in (
            contact.get("name"),
            contact.get("role"),
            contact.get("email"),
            contact.get("phone"),
        )
        if line
    ]
    rows = [
        Row(
            "lead_contact", "Lead contact", NOT_PROVIDED if not contact_lines else "", contact_lines
        )
    ]
    partners = data.get("partners") or []
    lead = next((p for p in partners if p.get("is_lead")), None)
    rows.append(Row("lead_organisation", "Lead organisation", _text(lead and lead.get("name"))))
    if not partners:
        rows.append(Row("partners", "Partner organisations", NOT_PROVIDED))
    kinds = dict(OrganisationKind.choices)
    for index, partner in enumerate(partners, start=1):
        lines = [
            f"{partner.get('name', '')} ({kinds.get(partner.get('kind'), 'Organisation')})",
            f"Senior sponsor: {partner.get('sponsor_name') or NOT_PROVIDED}"
            + (f", {partner['sponsor_role']}" if partner.get("sponsor_role") else ""),
            f"Contact: {partner.get('contact_email') or NOT_PROVIDED}",
        ]
        rows.append(Row("partners", f"Partner {index}", "", lines))
    return rows


def _geography(data, lookup):
    codes = data.get("district_codes") or []
    names = sorted(lookup[code][0] for code in codes if code in lookup)
    return [
        Row("place_name", "Name of the place", _text(data.get("place_name"))),
        Row("district_codes", "Local authority areas", NOT_PROVIDED if not names else "", names),
        Row(
            "regions",
            "Regions",
            NOT_PROVIDED if not codes else ", ".join(regions_of(codes, lookup)),
        ),
    ]


def _strength(data):
    agreements = dict(AGREEMENT_CHOICES)
    group = data.get("has_leadership_group")
    if group is None:
        group_text = NOT_PROVIDED
    elif group:
        since = data.get("leadership_group_since")
        group_text = f"Yes, since {since}" if since else "Yes"
    else:
        group_text = "No"
    resources = data.get("resources") or []
    resource_lines = [
        f"{r.get('partner', '')}: {_money(r.get('cash_pounds') or 0)} cash, "
        f"{int(r.get('staff_days') or 0)} staff days in kind"
        for r in resources
    ]
    if resources:
        resource_lines.append(
            f"Total: {_money(sum(int(r.get('cash_pounds') or 0) for r in resources))} cash, "
            f"{sum(int(r.get('staff_days') or 0) for r in resources)} staff days in kind"
        )
    years = data.get("years_working_together")
    return [
        Row(
            "years_working_together",
            "Years the partners have worked together",
            NOT_PROVIDED if years is None else str(years),
        ),
        Row("has_leadership_group", "Joint senior leadership group", group_text),
        Row(
            "agreement",
            "Form of agreement",
            agreements.get(data.get("agreement"), NOT_PROVIDED),
        ),
        Row(
            "joint_initiatives_count",
            "Joint initiatives in the last five years",
            _text(data.get("joint_initiatives_count")),
        ),
        Row(
            "joint_initiatives",
            "Description of joint initiatives",
            _text(data.get("joint_initiatives")),
        ),
        Row(
            "resources",
            "Resources committed",
            NOT_PROVIDED if not resources else "",
            resource_lines,
        ),
        Row("decision_making", "How decisions will be made", _text(data.get("decision_making"))),
    ]


def theme_label(data):
    theme = data.get("theme")
    if not theme:
        return NOT_PROVIDED
    if theme == Theme.OTHER and data.get("theme_other"):
        return f"Other: {data['theme_other']}"
    return dict(Theme.choices).get(theme, theme)


def _challenge(data):
    return [
        Row("theme", "Theme", theme_label(data)),
        Row("title", "Title", _text(data.get("title"))),
        Row("summary", "Summary", _text(data.get("summary"))),
        Row("approach", "Proposed approach", _text(data.get("approach"))),
        Row(
            "outcomes", "Expected outcomes by the end of the programme", _text(data.get("outcomes"))
        ),
        Row("measures", "How success will be measured", _text(data.get("measures"))),
    ]


def _plan(data):
    milestones = data.get("milestones") or []
    support = dict(SUPPORT_CHOICES)
    chosen = [support.get(s, s) for s in data.get("support") or []]
    if "other" in (data.get("support") or []) and data.get("support_other"):
        chosen[-1] = f"Other: {data['support_other']}"
    return [
        Row(
            "milestones",
            "Milestones",
            NOT_PROVIDED if not milestones else "",
            [f"{_date(m.get('date'))}: {m.get('description', '')}" for m in milestones],
        ),
        Row("support", "Support wanted", NOT_PROVIDED if not chosen else "", chosen),
        Row("risks", "Main risks", _text(data.get("risks"))),
    ]


def _declarations(data):
    return [
        Row("accurate", "The information is accurate", _text(data.get("accurate"))),
        Row(
            "authority",
            "Authority to apply on behalf of all partners",
            _text(data.get("authority")),
        ),
        Row(
            "data_protection",
            "Data protection notice accepted",
            _text(data.get("data_protection")),
        ),
    ]


def derived_region_code(district_codes, district_regions, lead_region_code=None):
    """THE region rule of a bid (stored on the bid; the ranking, proposal and every page use
    it): the region holding most of the districts; a tie goes to the lead council's region,
    and if the lead council's region is not among the tied regions, to the first of them in
    ONS order (the lowest region code). No districts: the lead council's region. The panel
    chair can override it with a reason (scoring.select.selection.set_region).
    `district_regions` maps district code -> region code."""
    counts = Counter(district_regions[c] for c in district_codes if c in district_regions)
    if not counts:
        return lead_region_code
    best = max(counts.values())
    tied = sorted(code for code, count in counts.items() if count == best)
    if lead_region_code in tied:
        return lead_region_code
    return tied[0]
