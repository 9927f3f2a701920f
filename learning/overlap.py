"""A cohort's districts count as an earlier cohort for every later round's overlap checks.
The selection reads them live (scoring.select.data.earlier_district_codes), but each bid
keeps an `overlaps_earlier_cohort` flag for the staff list and its filter, worked out when
the bid is saved (applications.denormalise). When a cohort's districts change later — a
reserve joins after the next round opened, or a member leaves — the flags of the later
rounds' bids are worked out again here, in two UPDATEs."""

from django.db.models import Exists, OuterRef

from applications.models import Bid


def refresh_later_rounds(round_number):
    """Recompute the flag of every bid in rounds numbered above `round_number`."""
    from cohorts.models import CohortMember

    through = CohortMember.districts.through
    bids = Bid.objects.filter(round__number__gt=round_number)
    covered = Exists(
        through.objects.filter(
            district_id=OuterRef("district_id"),
            cohortmember__cohort__round__number__lt=OuterRef("bid__round__number"),
        )
    )
    overlaps = Exists(Bid.districts.through.objects.filter(covered, bid_id=OuterRef("pk")))
    changed = bids.filter(overlaps, overlaps_earlier_cohort=False).update(
        overlaps_earlier_cohort=True
    )
    changed += bids.filter(~overlaps, overlaps_earlier_cohort=True).update(
        overlaps_earlier_cohort=False
    )
    return changed


def districts_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if reverse:  # district.cohort_memberships.add(...): the members are in pk_set
        from cohorts.models import CohortMember

        numbers = CohortMember.objects.filter(pk__in=pk_set or []).values_list(
            "cohort__round__number", flat=True
        )
        lowest = min(numbers, default=None)
    else:
        lowest = instance.cohort.round.number
    if lowest is not None:
        refresh_later_rounds(lowest)


def member_removed(sender, instance, **kwargs):
    refresh_later_rounds(instance.cohort.round.number)
