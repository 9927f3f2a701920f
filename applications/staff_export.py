"""The CSV of every answer of a set of bids, one row per bid, for programme staff.

Column names are stable (spreadsheets and mail merges depend on them): one column per
question of the answers schema (applications/answers.py), partners flattened to "Partner 1
name" ... "Partner 10 ...", districts as names and ONS codes, regions derived. Each row uses
the bid's latest submitted copy; a bid never submitted uses its current sections. Cells are
made formula-safe by core.csvsafe.csv_response.
"""

from django.db.models import OuterRef, Subquery
from django.utils import timezone

from applications.answers import AGREEMENT_CHOICES, SUPPORT_CHOICES, regions_of
from applications.constants import OrganisationKind, Theme
from applications.models import Bid, BidSection, BidSubmission, District, Organisation
from core.dates import LONDON

MAX_PARTNERS = 10
CHUNK = 500
PARTNER_FIELDS = [
    "name",
    "type",
    "identifier",
    "senior sponsor",
    "senior sponsor role",
    "contact email",
    "cash committed (£)",
    "staff days committed",
]

BID_COLUMNS = [
    "Reference",
    "Status",
    "Submitted version",
    "First submitted",
    "Last submitted",
    "Withdrawn",
    "Withdrawal reason",
]
ANSWER_COLUMNS = [
    # eligibility
    "Area in England",
    "Includes a council and a higher education institution",
    "Senior leaders agreed",
    # partners
    "Lead contact name",
    "Lead contact role",
    "Lead contact email",
    "Lead contact phone",
    "Lead organisation",
    "Number of partners",
    *[
        f"Partner {index} {field}"
        for index in range(1, MAX_PARTNERS + 1)
        for field in PARTNER_FIELDS
    ],
    # geography
    "Place name",
    "Local authority districts",
    "District ONS codes",
    "Regions",
    "Overlaps an earlier cohort",
    # strength
    "Years working together",
    "Joint senior leadership group",
    "Leadership group since",
    "Form of agreement",
    "Joint initiatives in the last five years",
    "Description of joint initiatives",
    "Total cash committed (£)",
    "Total staff days committed",
    "How decisions will be made",
    # challenge
    "Theme",
    "Other theme",
    "Title",
    "Summary",
    "Proposed approach",
    "Expected outcomes",
    "How success will be measured",
    # plan
    "Milestones",
    "Support wanted",
    "Other support",
    "Main risks",
    # declarations
    "Information is accurate",
    "Authority to apply for all partners",
    "Data protection notice accepted",
]
HEADER = BID_COLUMNS + ANSWER_COLUMNS


def _yes_no(value):
    if value is None:
        return ""
    return "Yes" if value else "No"


def _moment(value):
    if value is None:
        return ""
    return timezone.localtime(value, LONDON).strftime("%Y-%m-%d %H:%M")


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def _partner_cells(partners, resources, organisations):
    kinds = dict(OrganisationKind.choices)
    by_name = {r.get("partner"): r for r in resources}
    cells = []
    for index in range(MAX_PARTNERS):
        if index >= len(partners):
            cells.extend([""] * len(PARTNER_FIELDS))
            continue
        partner = partners[index]
        organisation = organisations.get(partner.get("organisation_id"))
        resource = by_name.get(partner.get("name"))
        cells.extend(
            [
                partner.get("name", ""),
                kinds.get(partner.get("kind"), ""),
                organisation.identifier if organisation else "",
                partner.get("sponsor_name", ""),
                partner.get("sponsor_role", ""),
                partner.get("contact_email", ""),
                "" if resource is None else _int(resource.get("cash_pounds")),
                "" if resource is None else _int(resource.get("staff_days")),
            ]
        )
    return cells


def row(bid, version, answers, districts, organisations):
    """One bid's cells, in HEADER's order. `districts` maps ONS code -> (name, region)."""
    eligibility = answers.get("eligibility") or {}
    partners_section = answers.get("partners") or {}
    contact = partners_section.get("lead_contact") or {}
    partners = partners_section.get("partners") or []
    geography = answers.get("geography") or {}
    strength = answers.get("strength") or {}
    challenge = answers.get("challenge") or {}
    plan = answers.get("plan") or {}
    declarations = answers.get("declarations") or {}
    resources = strength.get("resources") or []
    codes = geography.get("district_codes") or []
    lead = next((p for p in partners if p.get("is_lead")), {})
    support = dict(SUPPORT_CHOICES)
    group = strength.get("has_leadership_group")
    return [
        bid.reference or "",
        bid.get_status_display(),
        version or "",
        _moment(bid.first_submitted_at),
        _moment(bid.submitted_at),
        _moment(bid.withdrawn_at),
        bid.withdrawal_reason,
        _yes_no(eligibility.get("in_england")),
        _yes_no(eligibility.get("has_council_and_hei")),
        _yes_no(eligibility.get("leaders_agreed")),
        contact.get("name", ""),
        contact.get("role", ""),
        contact.get("email", ""),
        contact.get("phone", ""),
        lead.get("name", ""),
        len(partners),
        *_partner_cells(partners, resources, organisations),
        geography.get("place_name", ""),
        "; ".join(districts[code][0] for code in codes if code in districts),
        "; ".join(codes),
        "; ".join(regions_of(codes, districts)),
        _yes_no(bid.overlaps_earlier_cohort),
        strength.get("years_working_together", ""),
        _yes_no(group),
        (strength.get("leadership_group_since") or "") if group else "",
        dict(AGREEMENT_CHOICES).get(strength.get("agreement"), ""),
        strength.get("joint_initiatives_count", ""),
        strength.get("joint_initiatives", ""),
        sum(_int(r.get("cash_pounds")) for r in resources) if resources else "",
        sum(_int(r.get("staff_days")) for r in resources) if resources else "",
        strength.get("decision_making", ""),
        dict(Theme.choices).get(challenge.get("theme"), ""),
        challenge.get("theme_other", "") if challenge.get("theme") == Theme.OTHER else "",
        challenge.get("title", ""),
        challenge.get("summary", ""),
        challenge.get("approach", ""),
        challenge.get("outcomes", ""),
        challenge.get("measures", ""),
        "; ".join(
            f"{m.get('date', '')}: {m.get('description', '')}" for m in plan.get("milestones") or []
        ),
        "; ".join(support.get(s, s) for s in plan.get("support") or []),
        plan.get("support_other", "") if "other" in (plan.get("support") or []) else "",
        plan.get("risks", ""),
        _yes_no(declarations.get("accurate")),
        _yes_no(declarations.get("authority")),
        _yes_no(declarations.get("data_protection")),
    ]


def rows(queryset):
    """Yield a row per bid of `queryset` (already filtered and ordered), reading the database
    in chunks of CHUNK bids: 1 + 4 queries per chunk, whatever the number of bids."""
    districts = {d.code: (d.name, d.region.name) for d in District.objects.select_related("region")}
    ids = list(queryset.values_list("pk", flat=True))
    latest = BidSubmission.objects.filter(bid=OuterRef("bid")).order_by("-version").values("pk")[:1]
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        bids = Bid.objects.in_bulk(chunk)
        submissions = {
            s.bid_id: s
            for s in BidSubmission.objects.filter(bid_id__in=chunk, pk=Subquery(latest)).only(
                "bid_id", "version", "answers"
            )
        }
        sections = {}
        for section in BidSection.objects.filter(bid_id__in=chunk).exclude(
            bid_id__in=list(submissions)
        ):
            sections.setdefault(section.bid_id, {})[section.step] = section.data
        answers_by_bid = {
            pk: submissions[pk].answers if pk in submissions else sections.get(pk, {})
            for pk in chunk
        }
        organisation_ids = {
            p.get("organisation_id")
            for answers in answers_by_bid.values()
            for p in (answers.get("partners") or {}).get("partners") or []
            if p.get("organisation_id")
        }
        organisations = Organisation.objects.in_bulk(organisation_ids)
        for pk in chunk:
            submission = submissions.get(pk)
            yield row(
                bids[pk],
                submission.version if submission else None,
                answers_by_bid[pk],
                districts,
                organisations,
            )
