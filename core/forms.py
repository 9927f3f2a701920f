"""GOV.UK Design System rendering for Django forms.

`{{ form }}` renders every field as a GOV.UK form group (label, hint, error message,
input with the right classes); `{% include "govuk/error_summary.html" %}` renders the
error summary that links to each field. Views and forms need nothing special.
"""

from django import forms
from django.forms.renderers import TemplatesSetting


class GovUKFormRenderer(TemplatesSetting):
    form_template_name = "govuk/forms/form.html"
    field_template_name = "govuk/forms/field.html"


WIDGET_CLASSES = {
    "textarea": "govuk-textarea",
    "select": "govuk-select",
    "selectmultiple": "govuk-select",
    "radioselect": "govuk-radios__input",
    "checkboxselectmultiple": "govuk-checkboxes__input",
    "checkbox": "govuk-checkboxes__input",
    "fileinput": "govuk-file-upload",
    "clearablefileinput": "govuk-file-upload",
}
ERROR_CLASSES = {
    "textarea": "govuk-textarea--error",
    "select": "govuk-select--error",
    "selectmultiple": "govuk-select--error",
    "fileinput": "govuk-file-upload--error",
}
GROUPED_WIDGETS = {"radioselect", "checkboxselectmultiple"}


def govuk_option(bound_field, name):
    """Presentation options a form sets on a field: `field.govuk = {"label_size": "l"}`.

    label_size / legend_size: s, m, l (l makes the label the page heading);
    inline: radios side by side; width: 2, 3, 4, 5, 10, 20 or 30 characters.
    """
    return getattr(bound_field.field, "govuk", {}).get(name)


def widget_attrs(bound_field, extra_classes=""):
    """The attributes a GOV.UK input needs: classes, error state, aria-describedby."""
    widget_type = bound_field.widget_type
    classes = [WIDGET_CLASSES.get(widget_type, "govuk-input")]
    if bound_field.errors and widget_type not in GROUPED_WIDGETS | {"checkbox"}:
        classes.append(ERROR_CLASSES.get(widget_type, "govuk-input--error"))
    width = govuk_option(bound_field, "width")
    if width:
        classes.append(f"govuk-input--width-{width}")
    if extra_classes:
        classes.append(extra_classes)
    existing = bound_field.field.widget.attrs.get("class")
    if existing:
        classes.append(existing)
    described = []
    if bound_field.help_text:
        described.append(f"{bound_field.auto_id}-hint")
    if bound_field.errors:
        described.append(f"{bound_field.auto_id}-error")
    attrs = {"class": " ".join(classes)}
    if described and widget_type not in GROUPED_WIDGETS:
        attrs["aria-describedby"] = " ".join(described)
    return attrs


class GovUKDateInput(forms.DateInput):
    """A native date input; simple, accessible and works without JavaScript."""

    input_type = "date"

    def format_value(self, value):
        if hasattr(value, "isoformat"):
            return value.isoformat()
        return value


EMAIL_FORMAT = "in the correct format, like name@example.gov.uk"


def email_field(*, required, label="Email address", invalid=None, **kwargs):
    """An email address field with GOV.UK messages: `required` when it is empty, `invalid`
    (by default "Enter an email address in the correct format, like ...") otherwise."""
    return forms.EmailField(
        label=label,
        error_messages={
            "required": required,
            "invalid": invalid or f"Enter an email address {EMAIL_FORMAT}",
        },
        **kwargs,
    )


def error_list(form):
    """(anchor id, message) pairs for the error summary, in field order."""
    items = []
    for message in form.non_field_errors():
        items.append(("", message))
    for bound_field in form:
        for message in bound_field.errors:
            anchor = bound_field.auto_id
            if bound_field.widget_type in GROUPED_WIDGETS:
                anchor = f"{bound_field.auto_id}_0"
            items.append((anchor, message))
    return items
