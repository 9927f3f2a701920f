"""Who may do what in the cohorts app: `rules` predicates registered as its permissions
(accounts/rules.py says how views, templates and functions ask them)."""

import rules
from django.utils import timezone

from accounts.rules import is_programme_staff
from applications.models import BidCollaborator


def is_published(cohort, now=None):
    """The pure rule of the announcement: published from its publication time."""
    now = now or timezone.now()
    return cohort.publish_at is not None and cohort.publish_at <= now


@rules.predicate
def answers_for_bid(user, offer):
    """Anyone working on the bid (its lead or an invited colleague) answers its offer."""
    if not user.is_authenticated:
        return False
    if offer is None:
        return True
    return BidCollaborator.objects.filter(bid_id=offer.bid_id, user=user).exists()


@rules.predicate
def published(_user, cohort):
    return cohort is None or is_published(cohort)


# Release decisions, edit and send emails, build and publish cohorts; cohorts not yet
# published in the list.
rules.add_perm("cohorts.manage", is_programme_staff)
rules.add_perm("cohorts.respond_to_offer", answers_for_bid)
# The public sees a cohort from its publication time; staff see it before, as a preview.
rules.add_perm("cohorts.see_cohort", published | is_programme_staff)
# The list of published cohorts: everyone, signed in or not.
rules.add_perm("cohorts.see_published", rules.always_allow)
