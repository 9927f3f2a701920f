"""The selection of a round worked out once per distinct input, and reused until one changes.

`key_for(round_, with_stability)` hashes the round's own fields, the source of the pure rules
and `scoring.select.inputs.fingerprint()`: one query that changes whenever any input of the
selection changes (criteria and weights, scores, moderated scores, assessments, conflicts,
the settings, pins, region overrides, earlier cohorts' districts, the bids and their regions;
see that module), without reading the inputs. The key is looked up in the `StoredSelection`
table: a hit is the ranking, proposal, explanations and stability check as they were worked
out for exactly these inputs (the decisions, which change none of them, are read as they are
now); a miss reads the inputs (`scoring.select.data.load`, after the fingerprint, so what is
stored is never older than its key), works them out (`scoring.select.selection.compute`)
and stores them. A change anywhere changes the key, so the next request works them out
again: never stale.

With the stability check (the ranking page's selection) each bid's row is also stored as a
`StoredSelectionRow` and what the page shows above its tables as a small summary, so the
ranking page reads one page of rows (`scoring.select.ranking_page`) rather than every bid.

A database table rather than a per-process cache, so several web hosts share one copy; the
last KEEP entries of a round are kept.
"""

import hashlib
import pickle
import time
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from django.db import IntegrityError, transaction

from scoring.models import Decision, StoredSelection, StoredSelectionRow
from scoring.rules.scores import score_distributions
from scoring.select import data as selection_data
from scoring.select import inputs

KEEP = 4
SELECT_DIR = Path(__file__).resolve().parent
RULES_DIR = SELECT_DIR.parent / "rules"
CODE_FILES = ("selection.py", "stored.py", "data.py", "ranking_page.py")


def _code_version():
    digest = hashlib.sha256()
    for path in sorted(RULES_DIR.glob("*.py")) + [SELECT_DIR / name for name in CODE_FILES]:
        digest.update(path.read_bytes())
    return digest.hexdigest()


CODE_VERSION = _code_version()
ROUND_FIELDS = (
    "pk",
    "number",
    "assessors_per_bid",
    "spread_threshold",
    "quality_threshold",
    "cohort_size",
)


def key_for(round_, with_stability):
    """The key of the round's selection as its inputs are now (see the module docstring)."""
    own = tuple(str(getattr(round_, name)) for name in ROUND_FIELDS)
    inputs_now = (CODE_VERSION, with_stability, own, inputs.fingerprint())
    return hashlib.sha256(repr(inputs_now).encode()).hexdigest()


def _dump(value):
    return zlib.compress(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), 1)


def load_value(blob):
    return pickle.loads(zlib.decompress(blob))  # noqa: S301 (written only by us)


@dataclass
class Summary:
    """What the ranking page shows beside its tables: small whatever the number of bids."""

    rules: object
    constraints: object
    error: object = None
    ranking: bool = False  # whether the ranking could be worked out
    proposal: object = None
    distributions: list = field(default_factory=list)
    regions: frozenset = frozenset()
    tie_break_rules: list = field(default_factory=list)
    hidden: frozenset = frozenset()


def summary_of(result):
    return Summary(
        rules=result.rules,
        constraints=result.constraints,
        error=result.error,
        ranking=result.ranking is not None,
        proposal=result.proposal,
        distributions=list(result.distributions),
        regions=frozenset(row.info.region for row in result.rows),
        tie_break_rules=result.tie_break_rules,
    )


def refresh_decisions(infos_by_pk, bid_filter):
    """Set each BidInfo's decision as it is now (decisions are not inputs): one query."""
    labels = dict(Decision.Outcome.choices)
    for info in infos_by_pk.values():
        info.decision, info.decision_label, info.reserve_position = "", "", None
        info.feedback, info.released = "", False
    for bid_id, outcome, position, feedback, released_at in Decision.objects.filter(
        **bid_filter
    ).values_list("bid_id", "outcome", "reserve_position", "feedback", "released_at"):
        info = infos_by_pk.get(bid_id)
        if info is not None:
            info.decision, info.decision_label = outcome, labels.get(outcome, "")
            info.reserve_position, info.feedback = position, feedback
            info.released = released_at is not None


def selection(round_, with_stability, compute):
    """The stored selection of the round for its inputs as they are now, or `compute(data)`
    on freshly loaded inputs, stored for next time."""
    key = key_for(round_, with_stability)
    value = (
        StoredSelection.objects.filter(round=round_, key=key)
        .values_list("value", flat=True)
        .first()
    )
    if value is not None:
        result = load_value(value)
        result.data.round = round_
        refresh_decisions(result.data.by_pk(), {"bid__round": round_})
        return result
    return _compute_and_store(round_, key, with_stability, compute)


def stored_for_page(round_, compute):
    """(pk, Summary) of the round's stored selection with the stability check and its rows,
    worked out first if its inputs changed."""
    key = key_for(round_, True)
    found = (
        StoredSelection.objects.filter(round=round_, key=key).values_list("pk", "summary").first()
    )
    if found is None or not found[1]:
        _compute_and_store(round_, key, True, compute)
        found = (
            StoredSelection.objects.filter(round=round_, key=key)
            .values_list("pk", "summary")
            .first()
        )
    return found[0], load_value(found[1])


def _compute_and_store(round_, key, with_stability, compute):
    start = time.monotonic()
    data = selection_data.load(round_, with_flags=False)  # after the key: never older
    data.fill_flags()
    result = compute(data)
    seconds = time.monotonic() - start
    blob = _dump(result)
    try:
        with transaction.atomic():
            stored = StoredSelection.objects.create(
                round=round_,
                key=key,
                value=blob,
                seconds=seconds,
                summary=_dump(summary_of(result)) if with_stability else b"",
            )
            if with_stability:
                StoredSelectionRow.objects.bulk_create(_rows(stored, result), batch_size=500)
    except IntegrityError:  # another request stored the same inputs first
        return result
    old = StoredSelection.objects.filter(round=round_).order_by("-computed_at", "-pk")
    stale = list(old.values_list("pk", flat=True)[KEEP:])
    if stale:
        StoredSelectionRow.objects.filter(stored_id__in=stale).delete()
        StoredSelection.objects.filter(pk__in=stale).delete()
    return result


def _rows(stored, result):
    """A StoredSelectionRow per row: the columns the page filters and sorts on, the row as the
    page shows it and the bid's plain scores (for the charts of a viewer in conflict)."""
    from scoring.select.ranking_page import ShownRow

    bids = {b.reference: b for b in result.data.bids}
    for position, row in enumerate(result.rows):
        kind = StoredSelectionRow.Kind.RANKED if row.ranked else StoredSelectionRow.Kind.EXCLUDED
        yield StoredSelectionRow(
            stored=stored,
            kind=kind,
            position=position,
            bid_id=row.info.pk,
            reference=row.reference,
            region=row.info.region,
            theme=row.info.theme or "",
            status=row.status,
            flagged=row.info.flagged,
            proposed=row.proposed,
            rank=row.rank,
            total=None if row.total is None else float(row.total),
            value=pickle.dumps(ShownRow.of(row), protocol=pickle.HIGHEST_PROTOCOL),
            scores=pickle.dumps(bids[row.reference], protocol=pickle.HIGHEST_PROTOCOL),
        )


def without(distributions, hidden_bids, rules):
    """The score charts with the assessments of `hidden_bids` taken out: the same as
    working them out on the other bids (a level between whole ones only while given)."""
    if not hidden_bids:
        return distributions
    taken = {d.criterion_id: dict(d.counts) for d in score_distributions(hidden_bids, rules)}
    result = []
    for d in distributions:
        minus = taken.get(d.criterion_id, {})
        counts = tuple(
            (level, count - minus.get(level, 0))
            for level, count in d.counts
            if float(level).is_integer() or count - minus.get(level, 0)
        )
        result.append(type(d)(d.criterion_id, d.name, counts))
    return result
