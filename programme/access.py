"""How programme views declare the permission they need: `@require("programme.x", load)`.

Equivalent to rules' `permission_required` decorator, with the answers this service gives:
someone not signed in goes to the sign-in page; a signed-in person without the permission
gets 404 for an object (nobody learns that another partnership's page exists) and 403 for a
page that is not about one object (the calendar, the overview).
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404


def require(perm, load=None, about=None):
    """`load(**url_kwargs)` returns the object the view works on (or raises Http404); the
    permission is about that object, or about `about(obj)` when given (a leadership group
    member's partnership, say). The view is called as view(request, obj) — or
    view(request, **url_kwargs) without a loader."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if load is None:
                if not request.user.has_perm(perm):
                    raise PermissionDenied
                return view(request, **kwargs)
            obj = load(**kwargs)
            if not request.user.has_perm(perm, about(obj) if about else obj):
                raise Http404
            return view(request, obj)

        wrapped.permission_required = perm
        return wrapped

    return decorator
