"""Emails to applicants, queued in the outbox inside the transaction of the change: the
submission confirmation (its PDF attached by the worker, from the stored submission) and
the invitation to join a bid."""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from applications.pdf import bid_pdf, pdf_filename
from core.dates import format_datetime
from notifications.outbox import queue_email

SUBMITTED = "submission_confirmation"
BID_INVITATION = "bid_invitation"
BID_PDF = "bid_pdf"


def render_bid_pdf(submission_id):
    """The attachment renderer (registered in ApplicationsConfig.ready): the PDF of one
    stored submission."""
    from applications.models import BidSubmission

    submission = BidSubmission.objects.select_related("bid__round").get(pk=submission_id)
    return pdf_filename(submission), bid_pdf(submission), "application/pdf"


def queue_submission_confirmation(submission):
    """One email to the whole team, with the PDF of what was submitted."""
    bid = submission.bid
    recipients = sorted(set(bid.collaborators.values_list("user__email", flat=True)))
    if not recipients:
        return None
    context = {
        "bid": bid,
        "round": bid.round,
        "submission": submission,
        "submitted_at": format_datetime(submission.submitted_at),
        "closes_at": format_datetime(bid.round.closes_at),
        "link": settings.SITE_URL + reverse("applications:bid_overview", args=[bid.pk]),
        "contact": settings.PROGRAMME_CONTACT_EMAIL,
    }
    return queue_email(
        key=f"submitted:{submission.pk}",
        kind=SUBMITTED,
        to_email=recipients[0],
        more_to=recipients[1:],
        subject=f"Leading Places: application {bid.reference} submitted",
        body=render_to_string("applications/email/submitted.txt", context),
        recipient=submission.submitted_by,
        bid=bid,
        attachment=BID_PDF,
        attachment_args={"submission_id": submission.pk},
    )


def queue_bid_invitation(invitation):
    context = {
        "invitation": invitation,
        "bid": invitation.bid,
        "inviter": invitation.invited_by.get_full_name(),
        "link": settings.SITE_URL + reverse("applications:bid_invitation", args=[invitation.token]),
        "expires": format_datetime(invitation.expires_at),
    }
    return queue_email(
        key=f"bid-invitation:{invitation.pk}",
        kind=BID_INVITATION,
        to_email=invitation.email,
        subject="You have been invited to help with a Leading Places application",
        body=render_to_string("applications/email/invitation.txt", context),
        bid=invitation.bid,
    )
