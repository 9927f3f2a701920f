"""Who may do what in the cohorts app. The one place these rules live."""

from django.utils import timezone

from accounts.permissions import is_programme_staff
from applications.models import BidCollaborator


def can_manage(user):
    """Release decisions, edit and send emails, build and publish cohorts."""
    return is_programme_staff(user)


def can_respond_to_offer(user, offer):
    """Anyone working on the bid (its lead or an invited colleague) answers for it."""
    return (
        user.is_authenticated
        and BidCollaborator.objects.filter(bid_id=offer.bid_id, user=user).exists()
    )


def is_published(cohort, now=None):
    now = now or timezone.now()
    return cohort.publish_at is not None and cohort.publish_at <= now


def can_view_cohort(user, cohort, now=None):
    """The public sees a cohort from its publication time; staff see it before, as a
    preview."""
    return is_published(cohort, now) or can_manage(user)
