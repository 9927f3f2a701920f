"""How every view declares the permission it needs: `@require("app.permission", load)`.

The permissions are `rules` predicates registered by each app (accounts/rules.py says how).
First the permission is asked without an object ("may this person ever do this?"):
someone not signed in then goes to the sign-in page, a signed-in person gets 403. With
`load`, `load(**url_kwargs)` returns the object the permission is about (or raises
Http404), and a person who may not do this to that object (someone else's bid, a bid they
are in conflict with, a cohort not yet published) gets 404, as if it did not exist. A
public page declares a permission that anyone passes (e.g. cohorts.see_cohort). The view
is then called with the object in place of the URL arguments `load` takes:
view(request, obj, **the other URL arguments).

`check(user, perm, obj)` is the same refusal for the product's functions: PermissionDenied
for someone who may never do this, Http404 for an object that does not exist for them.
"""

import inspect
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404


def _load_parameters(load):
    return set(inspect.signature(load).parameters)


def require(perm, load=None):
    def decorator(view):
        taken = _load_parameters(load) if load is not None else set()

        @wraps(view)
        def wrapped(request, *args, **kwargs):
            user = request.user
            if not user.has_perm(perm):
                if not user.is_authenticated:
                    return redirect_to_login(request.get_full_path())
                raise PermissionDenied
            if load is None:
                return view(request, *args, **kwargs)
            obj = load(**{name: value for name, value in kwargs.items() if name in taken})
            if not user.has_perm(perm, obj):
                raise Http404
            rest = {name: value for name, value in kwargs.items() if name not in taken}
            return view(request, obj, **rest)

        wrapped.permission_required = perm
        return wrapped

    return decorator


def check(user, perm, obj=None):
    """Refuse someone without the permission the way the views do (see the module)."""
    if user is None or not user.has_perm(perm):
        raise PermissionDenied
    if obj is not None and not user.has_perm(perm, obj):
        raise Http404
