"""Staff-editable plain-text email templates: placeholders like {partnership}.

Emails are plain text, so nothing a user typed can become markup; line breaks in values
are removed from subjects (an email header cannot hold them). Anything else in curly
brackets is an unknown placeholder, refused when the template is saved.
"""

import re

from django.core.exceptions import ValidationError

PLACEHOLDER_RE = re.compile(r"\{([^{}\n]{0,60})\}")


def check_placeholders(text, names):
    """Raise ValidationError naming the first placeholder not in `names`."""
    for match in PLACEHOLDER_RE.finditer(text):
        if match.group(1) not in names:
            choices = ", ".join("{" + name + "}" for name in names)
            raise ValidationError(
                f"Unknown placeholder {{{match.group(1)}}}: use one of {choices}",
                code="unknown_placeholder",
            )


def fill(text, values, *, single_line=False):
    """Replace each {name} with its value; values are plain text."""

    def replace(match):
        value = str(values.get(match.group(1), match.group(0)))
        if single_line:
            value = " ".join(value.split())
        return value

    return PLACEHOLDER_RE.sub(replace, text)
