"""What every page's template knows about the service: its name and contact address.
(The signed-in user's roles and navigation come from accounts.context_processors.)"""

from django.conf import settings


def service(request):
    return {
        "service_name": "Leading Places",
        "programme_contact_email": settings.PROGRAMME_CONTACT_EMAIL,
    }
