"""The template side of scoring.rules.figures: `{{ value|percent }}` and `{{ value|score }}`
show a weighted total or a criterion score exactly as the rules, CSV, PDF and emails do
(rounded half up to one decimal)."""

from django import template

from scoring.rules import figures

register = template.Library()


@register.filter
def percent(value):
    """79.3% for a weighted total (Fraction, Decimal, int); "Not yet complete" for None."""
    return figures.format_percent(value)


@register.filter
def score(value):
    """3.7 for a criterion score; "no score" for None."""
    return figures.format_score(value)


@register.simple_tag
def figures_rule():
    """The rule of the figures in plain English, for the ranking page and the panel report."""
    return figures.RULE_TEXT
