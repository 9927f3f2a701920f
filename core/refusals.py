"""One exception for "this change is refused, and here is why, for the user".

Every domain function that owns a state change raises `Refused` (or a subclass that adds
meaning, e.g. `applications.bids.ActionRefused`) when the change is not allowed. Views turn
it into a GOV.UK error summary in one way: `refusal_to_form(form, refusal)` puts the message
beside the named field (or at the top of the form when there is no field), and
`refusal_message(request, refusal)` shows it as a message on the next page.
"""

from django.contrib import messages


class Refused(Exception):
    """The change is not allowed now; `message` says why, in words for the user.

    `field` names the form field the message belongs beside, when there is one.
    """

    def __init__(self, message, field=None):
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self):
        return self.message


def refusal_to_form(form, refusal):
    """Show a refusal on `form` beside its field (or as a form-wide error); returns the form."""
    field = refusal.field if refusal.field in getattr(form, "fields", {}) else None
    form.add_error(field, refusal.message)
    return form


def refusal_message(request, refusal):
    """Show a refusal at the top of the next page (for actions without a form)."""
    messages.error(request, refusal.message)


def posted(request):
    """The form data of a POST (even an empty one), else None for an unbound form."""
    return request.POST if request.method == "POST" else None


def submit(request, form, action):
    """Run `action(cleaned_data)` for a valid POST; a refusal goes beside its field (the
    page is then shown again with its error summary, 200, like every form). Returns the
    action's result (True if it returns nothing), or None when nothing was changed."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        return action(form.cleaned_data) or True
    except Refused as refusal:
        refusal_to_form(form, refusal)
        return None
