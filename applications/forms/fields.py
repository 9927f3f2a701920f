"""Field helpers shared by the question pages: yes/no radios, word-limited text, whole
numbers (money and counts) and the messages they show."""

from django import forms

from core.text import count_words

YES_NO_CHOICES = [("yes", "Yes"), ("no", "No")]
WORD_COUNT_TEMPLATE = "applications/fields/word_count.html"


def yes_no(value):
    """A saved True/False answer as the radio value ("yes"/"no"), None when unanswered."""
    if value is None:
        return None
    return "yes" if value else "no"


def yes_no_field(label, required_message, hint="", legend_size="m"):
    field = forms.TypedChoiceField(
        label=label,
        choices=YES_NO_CHOICES,
        widget=forms.RadioSelect,
        coerce=lambda value: value == "yes",
        help_text=hint,
        error_messages={"required": required_message, "invalid_choice": required_message},
    )
    field.govuk = {"inline": True, "legend_size": legend_size}
    return field


class WordLimitedField(forms.CharField):
    """A textarea with a word limit checked on the server; the page shows the GOV.UK
    character count (in words) as a progressive enhancement."""

    def __init__(self, *, max_words, limit_name, required_message="", **kwargs):
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 6}))
        kwargs.setdefault("required", bool(required_message))
        super().__init__(
            template_name=WORD_COUNT_TEMPLATE,
            error_messages={"required": required_message} if required_message else None,
            **kwargs,
        )
        self.max_words = max_words
        self.limit_message = f"{limit_name} must be {max_words} words or fewer"
        self.govuk = {"max_words": max_words}

    def validate(self, value):
        super().validate(value)
        if value and count_words(value) > self.max_words:
            raise forms.ValidationError(self.limit_message, code="max_words")


class WholeNumberField(forms.IntegerField):
    """A whole number in a text input (GOV.UK advice: not type=number); tolerates "£",
    commas and spaces ("£12,000")."""

    widget = forms.TextInput

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "inputmode": "numeric", "spellcheck": "false"}

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace("£", "").replace(",", "").replace(" ", "")
        return super().to_python(value)


def whole_number(label, *, name, minimum, maximum, example, required_message="", unit=""):
    """A WholeNumberField with messages that name the field."""
    field = WholeNumberField(
        label=label,
        required=bool(required_message),
        min_value=minimum,
        max_value=maximum,
        error_messages=whole_number_messages(name, minimum, maximum, example, unit=unit),
    )
    if required_message:
        field.error_messages["required"] = required_message
    field.govuk = {"width": 5}
    return field


def whole_number_messages(name, minimum, maximum, example, *, unit=""):
    """The messages of a whole number field that name it ("Cash committed by X must be...")."""
    return {
        "invalid": f"{name} must be a whole number, like {example}",
        "min_value": f"{name} must be {unit}{minimum:,} or more",
        "max_value": f"{name} must be {unit}{maximum:,} or {'less' if unit else 'fewer'}",
    }
