"""How scoring pages show a rule's ValidationError on a form, in one way: each message
beside the field it names, or at the top of the form when the form has no such field.
(Refusals are shown with core.refusals.refusal_to_form.)"""


def validation_error_to_form(form, error):
    """Add every message of `error` (a django ValidationError) to `form`; returns the form."""
    if hasattr(error, "error_dict"):
        for name, messages in error.message_dict.items():
            for message in messages:
                form.add_error(name if name in form.fields else None, message)
    else:
        for message in error.messages:
            form.add_error(None, message)
    return form
