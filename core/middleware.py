"""Request hygiene for every page.

InputHygieneMiddleware removes the characters PostgreSQL's text and jsonb types refuse
(U+0000, NUL) from every submitted value and name, in GET and POST, before any form,
formset, filter or raw draft sees them. This is the one place: every form of every app
(ours, the admin's, django-filter's, formtools', the applicant wizard's raw draft that is
stored in jsonb) reads its data from request.GET or request.POST, so nothing downstream
can store a NUL or send one to the database (a 500 on PostgreSQL). A NUL is invisible and
never meaningful in text a person typed, so it is removed rather than refused: the rest of
what they typed is kept. Django's CharField also refuses a NUL with a message, for forms
bound to data from elsewhere.

PrivatePagesMiddleware marks every response to a signed-in person `Cache-Control: private,
no-store`, so no shared cache or browser history keeps a page with someone's data.
"""

from django.utils.cache import patch_cache_control

from core.text import clean_text


def clean_data(data):
    """A cleaned copy of a QueryDict, or the QueryDict itself when it is already clean."""
    if not any(
        "\x00" in key or any("\x00" in value for value in values if isinstance(value, str))
        for key, values in data.lists()
    ):
        return data
    cleaned = data.copy()
    for key in list(cleaned.keys()):
        values = [clean_text(value) for value in cleaned.getlist(key)]
        del cleaned[key]
        cleaned.setlist(clean_text(key), values)
    cleaned._mutable = False
    return cleaned


class InputHygieneMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.GET = clean_data(request.GET)
        if request.method == "POST":
            request.POST = clean_data(request.POST)
        return self.get_response(request)


class PrivatePagesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            # patch_cache_control drops "public" when "private" is set.
            patch_cache_control(response, private=True, no_store=True)
        return response
