from django import template

register = template.Library()


@register.filter
def kind_label(kind):
    """'deadline_reminder' -> 'Deadline reminder'."""
    return str(kind).replace("_", " ").capitalize()
