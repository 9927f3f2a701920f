"""Decision email templates: placeholders, defaults, checking and rendering.

A placeholder is a name in curly brackets, like {partnership}. Emails are plain text, so
nothing a user typed can become markup; line breaks in values are removed from subjects
(an email header cannot hold them). Anything else in curly brackets is an unknown
placeholder, caught when the template is saved.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from applications import audit
from cohorts.models import EmailKind, EmailTemplate
from core.dates import format_datetime
from notifications import templating

fill = templating.fill

COMMON = [
    ("name", "the recipient's name"),
    ("partnership", "the partnership's name (its place)"),
    ("reference", "the application reference, like LP2-0001"),
    ("round", "the round's name"),
    ("place", "the local authority areas the partnership covers"),
    ("decision", "the decision, like 'Offer of a place'"),
    ("feedback", "the panel's feedback"),
    ("contact_email", "the programme team's email address"),
]
PLACEHOLDERS = {
    EmailKind.OFFER: COMMON
    + [
        ("reply_by", "the time and date to reply by"),
        ("accept_url", "the link to accept or decline the offer"),
    ],
    EmailKind.RESERVE: COMMON + [("reserve_position", "the place on the reserve list")],
    EmailKind.UNSUCCESSFUL: COMMON,
}

SIGN_OFF = "Leading Places programme team\nLocal Government Association"

DEFAULTS = {
    EmailKind.OFFER: (
        "Leading Places: offer of a place for {partnership} ({reference})",
        "Dear {name},\n\n"
        "We are delighted to offer the {partnership} partnership a place in {round}.\n\n"
        "Application reference: {reference}\n"
        "Decision: {decision}\n\n"
        "Feedback from the panel:\n{feedback}\n\n"
        "Accept or decline the offer by {reply_by}:\n{accept_url}\n\n"
        "If we do not hear from you by then, the offer will lapse and the place will be "
        "offered to the next partnership on the reserve list.\n\n"
        "If you have any questions, email {contact_email}.\n\n" + SIGN_OFF,
    ),
    EmailKind.RESERVE: (
        "Leading Places: {partnership} ({reference}) is on the reserve list",
        "Dear {name},\n\n"
        "Thank you for applying to {round}. The panel has placed the {partnership} "
        "partnership on the reserve list, at position {reserve_position}.\n\n"
        "Application reference: {reference}\n"
        "Decision: {decision}\n\n"
        "Feedback from the panel:\n{feedback}\n\n"
        "If a place becomes available, we will email you with an offer and a date to reply "
        "by. You do not need to do anything now.\n\n"
        "If you have any questions, email {contact_email}.\n\n" + SIGN_OFF,
    ),
    EmailKind.UNSUCCESSFUL: (
        "Leading Places: decision on the application from {partnership} ({reference})",
        "Dear {name},\n\n"
        "Thank you for applying to {round}. We are sorry to tell you that the application "
        "from the {partnership} partnership has not been successful.\n\n"
        "Application reference: {reference}\n"
        "Decision: {decision}\n\n"
        "Feedback from the panel:\n{feedback}\n\n"
        "If you would like to talk about the feedback, email {contact_email}.\n\n" + SIGN_OFF,
    ),
}
OUTCOME_KIND = {
    "accept": EmailKind.OFFER,
    "reserve": EmailKind.RESERVE,
    "reject": EmailKind.UNSUCCESSFUL,
}
NO_FEEDBACK = "The panel did not give written feedback."


TEMPLATES = templating.TemplateSet(EmailTemplate, EmailKind.values, DEFAULTS, PLACEHOLDERS)
allowed = TEMPLATES.allowed
check_placeholders = TEMPLATES.check_placeholders
template_for = TEMPLATES.template_for
templates_for = TEMPLATES.templates_for


@dataclass
class Rendered:
    subject: str
    body: str


def absolute(path):
    return settings.SITE_URL + path


def values_for(bid, kind, *, name="", decision=None, offer=None, district_names=None):
    """The placeholder values for one recipient of one bid's email."""
    if district_names is None:
        district_names = sorted(d.name for d in bid.districts.all())
    values = {
        "name": name or "colleague",
        "partnership": bid.display_name,
        "reference": bid.reference or "",
        "round": bid.round.name,
        "place": ", ".join(district_names) or bid.place_name,
        "feedback": (decision.feedback.strip() if decision and decision.feedback else "")
        or NO_FEEDBACK,
        "contact_email": settings.PROGRAMME_CONTACT_EMAIL,
    }
    if kind == EmailKind.OFFER:
        values["decision"] = "Offer of a place"
        values["reply_by"] = format_datetime(offer.reply_by) if offer else ""
        values["accept_url"] = (
            absolute(reverse("cohorts:offer", args=[offer.pk]))
            if offer
            else absolute(reverse("accounts:home"))
        )
    elif kind == EmailKind.RESERVE:
        position = decision.reserve_position if decision else None
        values["decision"] = "Reserve list" + (f" (position {position})" if position else "")
        values["reserve_position"] = position or ""
    else:
        values["decision"] = "Unsuccessful"
    return values


def render(template, values):
    return Rendered(
        subject=fill(template.subject, values, single_line=True)[:300],
        body=fill(template.body, values),
    )


def save_template(template, actor, *, subject, body):
    """Change a template (already checked by the form), audited."""
    if not actor.has_perm("cohorts.manage"):
        raise PermissionDenied
    return TEMPLATES.save(
        template,
        actor,
        subject=subject,
        body=body,
        audit=lambda old, new: audit.record(
            "email_template.changed",
            actor,
            round=template.round,
            subject=template.get_kind_display(),
            old=old,
            new=new,
        ),
    )
