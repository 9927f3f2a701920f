"""Copy what lists and filters need from a bid's answers onto the bid and its partners.

Called after a section is saved (and by the sample data), so the staff list, filters,
assessment and ranking read plain columns instead of JSON.
"""

from django.db import transaction

from applications.answers import derived_region_code
from applications.models import Bid, BidPartner, District, Organisation


def earlier_cohort_district_ids(round_):
    from cohorts.models import CohortMember

    return set(
        CohortMember.districts.through.objects.filter(
            cohortmember__cohort__round__number__lt=round_.number
        ).values_list("district_id", flat=True)
    )


@transaction.atomic
def refresh_from_answers(bid, answers=None):
    """Update the bid's denormalised fields, partners and districts from its answers."""
    if answers is None:
        answers = {s.step: s.data for s in bid.sections.all()}
    partners = (answers.get("partners") or {}).get("partners") or []
    geography = answers.get("geography") or {}
    challenge = answers.get("challenge") or {}

    org_ids = [p["organisation_id"] for p in partners if p.get("organisation_id")]
    organisations = Organisation.objects.select_related("merged_into").in_bulk(org_ids)
    BidPartner.objects.filter(bid=bid).delete()
    rows, seen, lead = [], set(), None
    for position, partner in enumerate(partners):
        organisation = organisations.get(partner.get("organisation_id"))
        if organisation is not None and organisation.merged_into_id:
            organisation = organisation.merged_into  # a duplicate staff have merged
        if organisation is None or organisation.pk in seen:
            continue
        seen.add(organisation.pk)
        rows.append(
            BidPartner(
                bid=bid,
                organisation=organisation,
                name=(partner.get("name") or organisation.name)[:200],
                position=position,
                is_lead=bool(partner.get("is_lead")),
                sponsor_name=partner.get("sponsor_name", ""),
                sponsor_role=partner.get("sponsor_role", ""),
                contact_email=partner.get("contact_email", ""),
            )
        )
        if partner.get("is_lead"):
            lead = organisation
    BidPartner.objects.bulk_create(rows)

    districts = list(
        District.objects.filter(code__in=geography.get("district_codes") or []).select_related(
            "region"
        )
    )
    bid.districts.set(districts)
    district_regions = {d.code: d.region.code for d in districts}
    lead_region_code = lead.region.code if lead is not None and lead.region_id else None
    region_code = derived_region_code(
        [d.code for d in districts], district_regions, lead_region_code
    )
    region = next((d.region for d in districts if d.region.code == region_code), None)
    if region is None and lead is not None:
        region = lead.region

    bid.place_name = (geography.get("place_name") or "")[:200]
    bid.title = (challenge.get("title") or "")[:200]
    bid.theme = challenge.get("theme") or ""
    bid.lead_organisation = lead
    bid.region = region
    earlier = earlier_cohort_district_ids(bid.round)
    bid.overlaps_earlier_cohort = any(d.pk in earlier for d in districts)
    Bid.objects.filter(pk=bid.pk).update(
        place_name=bid.place_name,
        title=bid.title,
        theme=bid.theme,
        lead_organisation=lead,
        region=region,
        overlaps_earlier_cohort=bid.overlaps_earlier_cohort,
    )
    # Partners, place, title, theme and region are inputs of the ranking (updated in bulk).
    from scoring.select.inputs import note_bid_change

    note_bid_change(bid, "applications.Bid answers")
    return bid
