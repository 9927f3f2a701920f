"""What the next round learns: creating a round from another one.

`plan(source, values)` works out exactly what will be copied (nothing is written) and
`items(plan)` lists it as plain data; the page shows that list as the preview.
`create(source, actor, values, expected=...)` makes the round from the same plan in one
transaction (nothing half-created on error), records the list it copied (RoundCopy) and
audits it. What is copied: the round's settings (cohort size, assessors per bid, the
thresholds, the summary), its dates shifted by a year (staff may change them), its
criteria and weights, the selection settings with their tie-break rules, the decision
email templates, and the reminder templates and schedule. Bids, assessors, scores and the
cohort are never copied.

The new round is numbered after every existing round, so every earlier cohort (this one
included) counts as an earlier cohort for its overlap checks: applications' districts flag
(applications.denormalise.earlier_cohort_district_ids) and the selection's limit
(scoring.select.data.earlier_district_codes) both take the cohorts of rounds with a lower
number."""

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from applications.models import Round
from cohorts.models import EmailTemplate
from core.dates import LONDON, format_date
from core.refusals import Refused
from learning.domain import check, record, text
from learning.models import RoundCopy
from reminders.models import ReminderSchedule, ReminderTemplate
from scoring.models import Criterion, SelectionSettings
from scoring.rules.inputs import CRITERION_DESC, FIRST_SUBMITTED_ASC, SPREAD_ASC

DATE_FIELDS = (
    ("opens_at", "opens_on", "Applications open"),
    ("closes_at", "closes_on", "Applications close"),
    ("assessment_starts_at", "assessment_starts_on", "Assessment starts"),
    ("decisions_at", "decisions_on", "Decisions"),
    ("announced_at", "announced_on", "Announcement"),
    ("programme_starts_on", "programme_starts_on", "The programme starts"),
    ("programme_ends_on", "programme_ends_on", "The programme ends"),
)
SETTINGS = ("summary", "cohort_size", "assessors_per_bid", "spread_threshold", "quality_threshold")
CRITERION_FIELDS = ("name", "guidance", "weight", "scale_min", "scale_max", "levels", "minimum")
SELECTION_FIELDS = (
    "size_min",
    "size_max",
    "max_per_region",
    "min_regions",
    "max_overlap",
    "quality_threshold",
    "calibrate",
)


def a_year_later(day):
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def _day(value):
    return (
        None
        if value is None
        else (value.astimezone(LONDON).date() if isinstance(value, dt.datetime) else value)
    )


def defaults(source):
    """The form's starting values: the next number, its name and dates a year on."""
    number = (Round.objects.aggregate(n=Max("number"))["n"] or 0) + 1
    values = {
        "name": f"Leading Places — Round {number}",
        "slug": f"round-{number}",
        "reference_prefix": f"LP{number}",
    }
    for model_field, form_field, _ in DATE_FIELDS:
        day = _day(getattr(source, model_field))
        values[form_field] = a_year_later(day) if day else None
    return values


def _moment(source, model_field, day):
    """The new date at the source's time of day (London) for the datetime fields."""
    old = getattr(source, model_field)
    if day is None or not isinstance(old, dt.datetime):
        return day
    return dt.datetime.combine(day, old.astimezone(LONDON).time(), tzinfo=LONDON)


def _number(value):
    return None if value is None else float(value)


def tie_break_label(rule, names):
    if rule[0] == CRITERION_DESC:
        return f"Higher {names.get(rule[1], 'unknown criterion')} score"
    if rule[0] == SPREAD_ASC:
        return "Smaller spread between assessors' totals"
    if rule[0] == FIRST_SUBMITTED_ASC:
        return "Earlier first submission"
    return "Reference, in alphabetical order"


@dataclass
class Plan:
    source: Round
    number: int
    round_values: dict
    criteria: list = field(default_factory=list)  # [{CRITERION_FIELDS...}]
    selection: dict | None = None  # SELECTION_FIELDS, tie_breaks naming criteria by name
    decision_emails: list = field(default_factory=list)  # [{kind, subject, body}]
    reminder_emails: list = field(default_factory=list)
    reminder_hours: list | None = None


def plan(source, values):
    """What creating a round from `source` with the form's `values` would copy."""
    number = (Round.objects.aggregate(n=Max("number"))["n"] or 0) + 1
    round_values = {
        "number": number,
        "name": text(values.get("name")),
        "slug": text(values.get("slug")),
        "reference_prefix": text(values.get("reference_prefix")),
        **{name: getattr(source, name) for name in SETTINGS},
    }
    for model_field, form_field, _ in DATE_FIELDS:
        round_values[model_field] = _moment(source, model_field, values.get(form_field))
    criteria = list(Criterion.objects.filter(round=source).order_by("position", "pk"))
    names = {c.pk: c.name for c in criteria}
    selection = SelectionSettings.objects.filter(round=source).first()
    selection_values = None
    if selection is not None:
        selection_values = {name: getattr(selection, name) for name in SELECTION_FIELDS}
        selection_values["tie_breaks"] = [
            [rule[0], names[rule[1]]] if rule[0] == CRITERION_DESC else list(rule)
            for rule in selection.tie_breaks or []
            if rule[0] != CRITERION_DESC or rule[1] in names
        ]
    schedule = ReminderSchedule.objects.filter(round=source).first()
    return Plan(
        source=source,
        number=number,
        round_values=round_values,
        criteria=[{name: getattr(c, name) for name in CRITERION_FIELDS} for c in criteria],
        selection=selection_values,
        decision_emails=[
            {"kind": t.kind, "subject": t.subject, "body": t.body}
            for t in EmailTemplate.objects.filter(round=source).order_by("kind")
        ],
        reminder_emails=[
            {"kind": t.kind, "subject": t.subject, "body": t.body}
            for t in ReminderTemplate.objects.filter(round=source).order_by("kind")
        ],
        reminder_hours=list(schedule.hours_before) if schedule else None,
    )


def items(p):
    """The preview: every value that is copied, as plain data (also stored on RoundCopy)."""
    r = p.round_values
    dates = [
        {"what": label, "from": _iso(getattr(p.source, model_field)), "to": _iso(r[model_field])}
        for model_field, _, label in DATE_FIELDS
    ]
    return {
        "round": {
            "number": p.number,
            "name": r["name"],
            "slug": r["slug"],
            "reference_prefix": r["reference_prefix"],
            "summary": r["summary"],
            "cohort_size": r["cohort_size"],
            "assessors_per_bid": r["assessors_per_bid"],
            "spread_threshold": _number(r["spread_threshold"]),
            "quality_threshold": _number(r["quality_threshold"]),
        },
        "dates": dates,
        "criteria": [
            {
                "name": c["name"],
                "weight": _number(c["weight"]),
                "scale": f"{c['scale_min']}-{c['scale_max']}",
                "minimum": _number(c["minimum"]),
                "guidance": c["guidance"],
                "levels": c["levels"],
            }
            for c in p.criteria
        ],
        "selection": None
        if p.selection is None
        else {
            **{
                k: _number(v) if k == "quality_threshold" else v
                for k, v in p.selection.items()
                if k != "tie_breaks"
            },
            "tie_breaks": [
                tie_break_label(rule, {c["name"]: c["name"] for c in p.criteria})
                for rule in p.selection["tie_breaks"]
            ],
        },
        "decision_emails": [dict(e) for e in p.decision_emails],
        "reminder_emails": [dict(e) for e in p.reminder_emails],
        "reminder_hours": p.reminder_hours,
    }


def _iso(value):
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.astimezone(LONDON).isoformat()
    return value.isoformat()


def fingerprint(p):
    """A short hash of the preview, so creating refuses a plan that changed after it was
    shown."""
    return hashlib.sha256(json.dumps(items(p), sort_keys=True, default=str).encode()).hexdigest()[
        :16
    ]


FORM_FIELD = {model_field: form_field for model_field, form_field, _ in DATE_FIELDS}


def _validate(p):
    r = p.round_values
    for name, message in (
        ("name", "Enter the name of the new round"),
        ("slug", "Enter the web address name of the new round"),
        ("reference_prefix", "Enter the reference prefix, for example LP3"),
    ):
        if not r[name]:
            raise Refused(message, field=name)
    for model_field, form_field, label in DATE_FIELDS[:2]:
        if r[model_field] is None:
            raise Refused(f"Enter the date: {label.lower()}", field=form_field)
    overlapping = (
        Round.objects.filter(opens_at__lt=r["closes_at"], closes_at__gt=r["opens_at"])
        .order_by("opens_at")
        .first()
    )
    if overlapping is not None:
        raise Refused(
            f"The new round's dates overlap {overlapping.name}, open from "
            f"{format_date(overlapping.opens_at, weekday=False)} to "
            f"{format_date(overlapping.closes_at, weekday=False)}: only one round can be open "
            "at a time, so choose dates after it closes",
            field="opens_on",
        )
    candidate = Round(**r)
    try:
        candidate.full_clean(exclude=["next_reference_number"])
    except ValidationError as error:
        name, messages = next(iter(error.message_dict.items()))
        raise Refused(messages[0], field=FORM_FIELD.get(name, name)) from None


def create(source, actor, values, *, expected=None):
    """Create the round from `source`. `expected` is the fingerprint of the preview staff
    saw: if what would be copied changed since, nothing is made and they check again."""
    check(actor, "learning.manage")
    with transaction.atomic():
        Round.objects.select_for_update().filter(pk=source.pk).first()
        p = plan(source, values)
        if expected is not None and expected != fingerprint(p):
            raise Refused(
                "What would be copied has changed since the preview was shown: check the "
                "preview again, then create the round"
            )
        _validate(p)
        new = Round.objects.create(**p.round_values)
        created = Criterion.objects.bulk_create(
            Criterion(round=new, position=index, **values)
            for index, values in enumerate(p.criteria, 1)
        )
        by_name = {c.name: c.pk for c in created}
        if p.selection is not None:
            SelectionSettings.objects.create(
                round=new,
                updated_by=actor,
                **{k: v for k, v in p.selection.items() if k != "tie_breaks"},
                tie_breaks=[
                    [rule[0], by_name[rule[1]]] if rule[0] == CRITERION_DESC else rule
                    for rule in p.selection["tie_breaks"]
                ],
            )
        EmailTemplate.objects.bulk_create(
            EmailTemplate(round=new, updated_by=actor, **e) for e in p.decision_emails
        )
        ReminderTemplate.objects.bulk_create(
            ReminderTemplate(round=new, updated_by=actor, **e) for e in p.reminder_emails
        )
        if p.reminder_hours is not None:
            ReminderSchedule.objects.create(
                round=new, hours_before=p.reminder_hours, updated_by=actor
            )
        copied = items(p)
        RoundCopy.objects.create(round=new, source=source, copied=copied, created_by=actor)
        record(
            "round_created_from",
            actor,
            round=new,
            subject=new.name,
            new={"from": source.name, "copied": copied},
        )
    return new


def copied(round_):
    """What a round holds of what can be copied, in the same shape as `items` — used to
    show (and test) that the round has exactly what the preview listed."""
    criteria = list(Criterion.objects.filter(round=round_).order_by("position", "pk"))
    names = {c.pk: c.name for c in criteria}
    selection = SelectionSettings.objects.filter(round=round_).first()
    schedule = ReminderSchedule.objects.filter(round=round_).first()
    origin = RoundCopy.objects.filter(round=round_).select_related("source").first()
    source = origin.source if origin else round_
    p = Plan(
        source=source,
        number=round_.number,
        round_values={
            **{
                name: getattr(round_, name)
                for name in ("name", "slug", "reference_prefix", *SETTINGS)
            },
            **{m: getattr(round_, m) for m, _, _ in DATE_FIELDS},
        },
        criteria=[{name: getattr(c, name) for name in CRITERION_FIELDS} for c in criteria],
        selection=None
        if selection is None
        else {
            **{name: getattr(selection, name) for name in SELECTION_FIELDS},
            "tie_breaks": [
                [rule[0], names[rule[1]]] if rule[0] == CRITERION_DESC else list(rule)
                for rule in selection.tie_breaks or []
            ],
        },
        decision_emails=[
            {"kind": t.kind, "subject": t.subject, "body": t.body}
            for t in EmailTemplate.objects.filter(round=round_).order_by("kind")
        ],
        reminder_emails=[
            {"kind": t.kind, "subject": t.subject, "body": t.body}
            for t in ReminderTemplate.objects.filter(round=round_).order_by("kind")
        ],
        reminder_hours=list(schedule.hours_before) if schedule else None,
    )
    return items(p)
