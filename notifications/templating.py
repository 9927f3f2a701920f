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


class TemplateSet:
    """A round's staff-editable templates of one family (decision emails, reminders): one
    row per kind, made from its default the first time it is asked for; placeholders
    checked against the kind's list; changes saved by `save`, which the family's own
    function calls after its permission check, passing how to audit the change."""

    def __init__(self, model, kinds, defaults, placeholders):
        self.model, self.kinds = model, list(kinds)
        self.defaults, self.placeholders = defaults, placeholders

    def allowed(self, kind):
        return [name for name, _ in self.placeholders[kind]]

    def check_placeholders(self, text, kind):
        """Raise ValidationError naming the first unknown placeholder."""
        check_placeholders(text, self.allowed(kind))

    def template_for(self, round_, kind):
        """The round's template of this kind, created from the default the first time."""
        subject, body = self.defaults[kind]
        template, _ = self.model.objects.get_or_create(
            round=round_, kind=kind, defaults={"subject": subject, "body": body}
        )
        return template

    def templates_for(self, round_):
        existing = {t.kind: t for t in self.model.objects.filter(round=round_)}
        return [existing.get(k) or self.template_for(round_, k) for k in self.kinds]

    def save(self, template, actor, *, subject, body, audit):
        """Check both texts' placeholders, then save and audit in one transaction;
        `audit(old, new)` writes the audit record."""
        from django.db import transaction
        from django.utils import timezone

        self.check_placeholders(subject, template.kind)
        self.check_placeholders(body, template.kind)
        with transaction.atomic():
            old = {"subject": template.subject, "body": template.body}
            template.subject, template.body = subject, body
            template.updated_by, template.updated_at = actor, timezone.now()
            template.save()
            audit(old, {"subject": subject, "body": body})
        return template
