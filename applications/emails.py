"""Emails to applicants: the submission confirmation (with the PDF attached) and the
invitation to join a bid. Sent after the transaction that made the change commits."""

from django.conf import settings
from django.core.mail import EmailMessage, send_mail
from django.template.loader import render_to_string
from django.urls import reverse

from applications.models import BidInvitation, BidSubmission
from applications.pdf import bid_pdf, pdf_filename
from core.dates import format_datetime


def send_submission_confirmation(submission_id):
    submission = BidSubmission.objects.select_related("bid__round", "submitted_by").get(
        pk=submission_id
    )
    bid = submission.bid
    recipients = sorted(set(bid.collaborators.values_list("user__email", flat=True)))
    context = {
        "bid": bid,
        "round": bid.round,
        "submission": submission,
        "submitted_at": format_datetime(submission.submitted_at),
        "closes_at": format_datetime(bid.round.closes_at),
        "link": settings.SITE_URL + reverse("applications:bid_overview", args=[bid.pk]),
        "contact": settings.PROGRAMME_CONTACT_EMAIL,
    }
    message = EmailMessage(
        subject=f"Leading Places: application {bid.reference} submitted",
        body=render_to_string("applications/email/submitted.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=recipients,
    )
    message.attach(pdf_filename(submission), bid_pdf(submission), "application/pdf")
    message.send()


def send_bid_invitation(invitation_id):
    invitation = BidInvitation.objects.select_related("bid", "invited_by").get(pk=invitation_id)
    context = {
        "invitation": invitation,
        "bid": invitation.bid,
        "inviter": invitation.invited_by.get_full_name(),
        "link": settings.SITE_URL + reverse("applications:bid_invitation", args=[invitation.token]),
        "expires": format_datetime(invitation.expires_at),
    }
    send_mail(
        subject="You have been invited to help with a Leading Places application",
        message=render_to_string("applications/email/invitation.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[invitation.email],
    )
