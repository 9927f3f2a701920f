from django import template

from scoring.assess.moderation import fmt

register = template.Library()


@register.filter
def number(value):
    """3, 3.5, 2.7: one decimal place at most; empty for None."""
    return fmt(value)


@register.filter
def index(sequence, position):
    try:
        return sequence[position]
    except (IndexError, KeyError, TypeError):
        return None
