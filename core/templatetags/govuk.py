"""Template helpers for GOV.UK Design System markup; loaded as a builtin."""

import re
from functools import lru_cache

from django import template
from django.urls import get_script_prefix, reverse
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

from core import dates
from core.forms import date_parts, error_list, govuk_option, widget_attrs
from core.text import count_words

register = template.Library()

BID_PLACEHOLDER = "987654321987654321"


@lru_cache(maxsize=512)
def _url_pattern(name, kwargs, script_prefix):
    return reverse(name, kwargs=dict(kwargs, **{kwargs[-1][0]: int(BID_PLACEHOLDER)}))


def _fast_url(name, kwargs, pk):
    pattern = _url_pattern(name, kwargs, get_script_prefix())
    head, _, tail = pattern.rpartition(BID_PLACEHOLDER)
    return f"{head}{int(pk)}{tail}"


@register.filter
def page_numbers(page):
    """The page numbers a GOV.UK pagination shows: the first and last, and two either side of
    the current one, with None for each gap (an ellipsis), so a list of any length shows at
    most nine links."""
    paginator = page.paginator
    return [
        None if number == paginator.ELLIPSIS else number
        for number in paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    ]


@register.simple_tag
def bid_url(name, round_slug, bid_pk):
    """`{% url name round_slug=... bid_pk=... %}`, reversing each name once per round: a page
    of rows links every row to several pages, and reversing is the slow part of a URL."""
    return _fast_url(name, (("round_slug", round_slug), ("bid_pk", None)), bid_pk)


@register.simple_tag
def bid_pk_url(name, bid_pk):
    """`{% url name bid_pk=... %}`, reversed once (see `bid_url`)."""
    return _fast_url(name, (("bid_pk", None),), bid_pk)


@register.filter
def govuk_widget(bound_field, extra_classes=""):
    return bound_field.as_widget(attrs=widget_attrs(bound_field, extra_classes))


@register.filter
def govuk_date_parts(bound_field):
    return date_parts(bound_field)


@register.filter
def govuk_opt(bound_field, name):
    return govuk_option(bound_field, name)


@register.filter
def govuk_errors(form_or_forms):
    """Error summary items for one form or a list of forms."""
    forms = form_or_forms if isinstance(form_or_forms, list | tuple) else [form_or_forms]
    items = []
    for form in forms:
        if form is None:
            continue
        if hasattr(form, "non_form_errors"):  # a formset: its own errors, then each form's
            items.extend(("", message) for message in form.non_form_errors())
            for sub in form.forms:
                if sub.errors:
                    items.extend(error_list(sub))
        elif getattr(form, "errors", None):
            items.extend(error_list(form))
    return items


@register.filter
def gov_datetime(value):
    return dates.format_datetime(value) if value else ""


@register.filter
def gov_date(value):
    return dates.format_date(value) if value else ""


@register.filter
def gov_time(value):
    return dates.format_time(value) if value else ""


@register.filter
def word_count(value):
    return count_words(value)


@register.simple_tag
def status_tag(text, colour=""):
    classes = "govuk-tag" + (f" govuk-tag--{colour}" if colour else "")
    return format_html('<strong class="{}">{}</strong>', classes, text)


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


@register.filter(needs_autoescape=True)
def email_breaks(text, autoescape=True):
    """Text with each email address kept in one piece (a span moved whole onto the next
    line) unless it is wider than its column; then it wraps after its "@" first (<wbr>),
    and only if still too wide anywhere (the lp-email class, app.css)."""
    escape = conditional_escape if autoescape else str
    out, pos = [], 0
    text = str(text)
    for match in _EMAIL.finditer(text):
        local, domain = match.group().split("@", 1)
        out.append(escape(text[pos : match.start()]))
        out.append(f'<span class="lp-email">{escape(local)}@<wbr>{escape(domain)}</span>')
        pos = match.end()
    out.append(escape(text[pos:]))
    return mark_safe("".join(out))
