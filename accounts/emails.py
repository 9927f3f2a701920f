from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse

from core.dates import format_datetime


def send_invitation(invitation):
    link = settings.SITE_URL + reverse("accounts:accept_invitation", args=[invitation.token])
    context = {
        "invitation": invitation,
        "link": link,
        "expires": format_datetime(invitation.expires_at),
        "inviter": invitation.invited_by.get_full_name(),
    }
    send_mail(
        subject=f"You have been invited to Leading Places as {invitation.role.lower()}",
        message=render_to_string("accounts/email/invitation.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[invitation.email],
    )
