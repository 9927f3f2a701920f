"""GOV.UK Design System rendering for Django forms.

`{{ form }}` renders every field as a GOV.UK form group (label, hint, error message,
input with the right classes); `{% include "govuk/error_summary.html" %}` renders the
error summary that links to each field. Views and forms need nothing special.
"""

import datetime as dt

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


DATE_PARTS = ("day", "month", "year")
MONTH_NAMES = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}


class GovUKDateWidget(forms.MultiWidget):
    """GOV.UK's date input: day, month and year boxes, posted as `<name>_day`,
    `<name>_month` and `<name>_year`. The field template (govuk/forms/field.html) renders
    it as GOV.UK's fieldset with a legend, hint and error message (`date_parts`)."""

    def __init__(self, attrs=None):
        number = {"inputmode": "numeric"}
        super().__init__({part: forms.TextInput(attrs=number) for part in DATE_PARTS}, attrs=attrs)

    def decompress(self, value):
        if isinstance(value, str):
            try:
                value = dt.date.fromisoformat(value)
            except ValueError:
                return [None, None, None]
        if isinstance(value, dt.date):
            return [str(value.day), str(value.month), str(value.year)]
        return [None, None, None]


class GovUKDateField(forms.MultiValueField):
    """A date typed in GOV.UK's day, month and year boxes, with GOV.UK's messages.

    `subject` names the date in messages ("The date of milestone 1"); its messages are
    "<subject> must include a month", "<subject> must be a real date" and "<subject>
    must include a year with 4 numbers, like 2027". `error_messages["required"]` (like
    "Enter the date offers must be accepted by") is shown when all three boxes are empty.
    Each error says which boxes it is about (`ValidationError.params["parts"]`), and only
    those are highlighted. Month names ("Feb", "February") are accepted, as GOV.UK advises.
    """

    widget = GovUKDateWidget

    def __init__(self, *, subject="The date", **kwargs):
        self.subject = subject
        fields = [forms.CharField(required=False) for _ in DATE_PARTS]
        super().__init__(fields, require_all_fields=False, **kwargs)

    def clean(self, value):
        if not isinstance(value, list | tuple):
            value = self.widget.decompress(value)
        return super().clean(value)

    def compress(self, data_list):
        parts = [str(v or "").strip() for v in (data_list or [])] + ["", "", ""]
        day, month, year = parts[:3]
        if not (day or month or year):
            return None
        typed = dict(zip(DATE_PARTS, (day, month, year), strict=True))
        missing = [name for name in DATE_PARTS if not typed[name]]
        if missing:
            raise self._error(f"must include a {' and '.join(missing)}", missing)
        month_number = MONTH_NAMES.get(month.lower()) or (int(month) if month.isdigit() else None)
        wrong = [
            name
            for name, ok in (
                ("day", day.isdigit() and 1 <= int(day) <= 31),
                ("month", month_number is not None and 1 <= month_number <= 12),
                ("year", year.isdigit()),
            )
            if not ok
        ]
        if wrong:
            raise self._error("must be a real date", wrong)
        if len(year) != 4:
            raise self._error("must include a year with 4 numbers, like 2027", ["year"])
        try:
            return dt.date(int(year), month_number, int(day))
        except ValueError:
            raise self._error("must be a real date", list(DATE_PARTS)) from None

    def _error(self, text, parts):
        return forms.ValidationError(
            f"{self.subject} {text}", code="invalid_date", params={"parts": parts}
        )


def date_parts(bound_field):
    """Each box of a date field, for the template: name, id, label, value, width, error."""
    value = bound_field.value()
    if not isinstance(value, list | tuple):
        value = bound_field.field.widget.decompress(value)
    highlighted = error_parts(bound_field)
    widths = {"day": 2, "month": 2, "year": 4}
    return [
        {
            "name": f"{bound_field.html_name}_{part}",
            "id": f"{bound_field.auto_id}_{part}",
            "label": part.capitalize(),
            "value": value[position] if position < len(value) and value[position] else "",
            "width": widths[part],
            "error": part in highlighted,
        }
        for position, part in enumerate(DATE_PARTS)
    ]


def error_parts(bound_field):
    """The date boxes an error is about: those named by its first error, or all three."""
    if not bound_field.errors:
        return []
    for error in bound_field.errors.as_data():
        parts = (error.params or {}).get("parts") if hasattr(error, "params") else None
        if parts:
            return list(parts)
    return list(DATE_PARTS)


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
        items.append((getattr(form, "non_field_errors_anchor", ""), message))
    for bound_field in form:
        for message in bound_field.errors:
            anchor = bound_field.auto_id
            if bound_field.widget_type in GROUPED_WIDGETS:
                anchor = f"{bound_field.auto_id}_0"
            elif isinstance(bound_field.field, GovUKDateField):
                anchor = f"{bound_field.auto_id}_{error_parts(bound_field)[0]}"
            items.append((anchor, message))
    return items
