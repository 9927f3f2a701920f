"""Whether any input of the selection has changed, without reading the inputs.

Every input of the ranking, the proposal and the stability check (what
`scoring.select.data.load` reads: bids in assessment and their districts, partners and
regions, criteria and weights, assignments, assessments, scores, moderated scores,
conflicts, assessors' names and organisations, the selection settings, pins, region
overrides, earlier cohorts and their districts, regions and districts) is a model below.
Saving or deleting any of them through the ORM (every state change function does) writes one
`SelectionInputChange` row in the same transaction (`post_save`, `post_delete`,
`m2m_changed`). The few product functions that change an input in bulk
(`QuerySet.update`, `bulk_create`: applications.denormalise, organisation merges,
assignment) call `note_change` themselves.

`fingerprint()` is one query: the number of change rows (rows are only added, so any
committed change makes it larger, in whatever order transactions commit), and the largest
id of the input tables that `bulk_create` writes (the bulk test and bench factories,
reference data, round 1's pilots), which catches inserts that send no signal. The round's
own fields are read with the round.

Decisions are not inputs: they change none of the ranking, proposal or stability, and every
page reads them as they are now.
"""

from django.apps import apps
from django.conf import settings
from django.db import connection
from django.db.models.signals import m2m_changed, post_delete, post_save

# (app label, model name) of every input; the through tables of many-to-many inputs below.
INPUT_MODELS = (
    ("applications", "Bid"),
    ("applications", "BidPartner"),
    ("applications", "Region"),
    ("applications", "District"),
    ("scoring", "Criterion"),
    ("scoring", "AssessorProfile"),
    ("scoring", "ConflictDeclaration"),
    ("scoring", "Assignment"),
    ("scoring", "Assessment"),
    ("scoring", "Score"),
    ("scoring", "ModeratedScore"),
    ("scoring", "SelectionSettings"),
    ("scoring", "SelectionPin"),
    ("scoring", "BidRegionOverride"),
    ("cohorts", "Cohort"),
    ("cohorts", "CohortMember"),
)
MANY_TO_MANY = (
    ("applications", "Bid", "districts"),
    ("scoring", "AssessorProfile", "organisations"),
    ("cohorts", "CohortMember", "districts"),
)
# Tables bulk_create fills (factories, the bench, reference data and round 1's pilots):
# their largest id is in the fingerprint too (an index lookup each).
BULK_FILLED = (
    ("applications", "Bid"),
    ("applications", "BidPartner"),
    ("applications", "Region"),
    ("applications", "District"),
    ("scoring", "Assignment"),
    ("scoring", "Assessment"),
    ("scoring", "Score"),
    ("scoring", "ModeratedScore"),
    ("cohorts", "CohortMember"),
)
BULK_FILLED_MANY_TO_MANY = (
    ("applications", "Bid", "districts"),
    ("cohorts", "CohortMember", "districts"),
)
# A user's save that changes none of what the selection shows (signing in).
USER_FIELDS_IGNORED = frozenset({"last_login", "password"})


def note_change(what):
    """Record that an input changed (in the caller's transaction)."""
    from scoring.models import SelectionInputChange

    SelectionInputChange.objects.create(what=what[:100])


def _changed(sender, instance=None, **kwargs):
    if kwargs.get("raw"):  # loading fixtures
        return
    if _draft(instance):
        return  # an applicant's draft is no input until it is first submitted
    note_change(sender._meta.label)


def _draft(instance):
    from applications.models import Bid

    return isinstance(instance, Bid) and instance.first_submitted_at is None


def _user_changed(sender, update_fields=None, **kwargs):
    if update_fields is not None and set(update_fields) <= USER_FIELDS_IGNORED:
        return
    _changed(sender, **kwargs)


def note_bid_change(bid, what):
    """`note_change` for a bulk change to one bid, unless it is a draft never submitted."""
    if not _draft(bid):
        note_change(what)


def _m2m_changed(sender, action, **kwargs):
    if action.startswith("post_"):
        note_change(sender._meta.label)


def connect():
    """Connect the receivers (scoring.apps.ScoringConfig.ready)."""
    for app_label, name in INPUT_MODELS:
        model = apps.get_model(app_label, name)
        post_save.connect(_changed, sender=model, dispatch_uid=f"selection-input-{model}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"selection-input-d-{model}")
    user = apps.get_model(settings.AUTH_USER_MODEL)
    post_save.connect(_user_changed, sender=user, dispatch_uid="selection-input-user")
    post_delete.connect(_changed, sender=user, dispatch_uid="selection-input-user-d")
    for app_label, name, field in MANY_TO_MANY:
        through = getattr(apps.get_model(app_label, name), field).through
        m2m_changed.connect(_m2m_changed, sender=through, dispatch_uid=f"selection-m2m-{through}")


def fingerprint():
    """What changes whenever an input changes (see the module docstring): one query."""
    from scoring.models import SelectionInputChange

    quote = connection.ops.quote_name
    # Only our own table names go into the SQL (quoted), never a value.
    parts = [f"(SELECT COUNT(*) FROM {quote(SelectionInputChange._meta.db_table)})"]  # noqa: S608
    tables = [apps.get_model(app_label, name)._meta.db_table for app_label, name in BULK_FILLED]
    tables += [
        getattr(apps.get_model(app_label, name), field).through._meta.db_table
        for app_label, name, field in BULK_FILLED_MANY_TO_MANY
    ]
    for table in tables:
        parts.append(f"(SELECT MAX(id) FROM {quote(table)})")  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts))
        return tuple(cursor.fetchone())
