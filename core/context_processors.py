from django.conf import settings

from accounts import permissions


def service(request):
    user = getattr(request, "user", None)
    return {
        "service_name": "Leading Places",
        "programme_contact_email": settings.PROGRAMME_CONTACT_EMAIL,
        "roles": permissions.roles_for(user) if user is not None else frozenset(),
    }
