from django.conf import settings

from accounts import permissions
from core.navigation import navigation


def service(request):
    user = getattr(request, "user", None)
    roles = permissions.roles_for(user) if user is not None else frozenset()
    areas, sub_links = [], []
    if roles:
        match = getattr(request, "resolver_match", None)
        areas, sub_links = navigation(roles, match.view_name if match else "")
    return {
        "service_name": "Leading Places",
        "programme_contact_email": settings.PROGRAMME_CONTACT_EMAIL,
        "roles": roles,
        "nav_areas": areas,
        "nav_sub_links": sub_links,
    }
