from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from core.dates import format_datetime
from notifications.outbox import queue_email

STAFF_INVITATION = "staff_invitation"


def queue_invitation(invitation):
    """Queue the invitation email; call it in the transaction that creates the invitation."""
    link = settings.SITE_URL + reverse("accounts:accept_invitation", args=[invitation.token])
    context = {
        "invitation": invitation,
        "link": link,
        "expires": format_datetime(invitation.expires_at),
        "inviter": invitation.invited_by.get_full_name(),
    }
    return queue_email(
        key=f"staff-invitation:{invitation.pk}",
        kind=STAFF_INVITATION,
        to_email=invitation.email,
        subject=f"You have been invited to Leading Places as {invitation.role.lower()}",
        body=render_to_string("accounts/email/invitation.txt", context),
    )
