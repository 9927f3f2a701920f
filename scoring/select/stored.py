"""The selection of a round worked out once per distinct input, and reused until one changes.

`selection(data, with_stability)` hashes every plain input that `scoring.select.data.load`
read (criteria and weights, scores, moderated scores, the settings, pins, region overrides,
the districts of earlier cohorts, the round's figures) with the source of the
pure rules, and looks the hash up in the `StoredSelection` table: a hit is the ranking,
proposal, explanations and stability check as they were worked out for exactly these inputs
(the decisions, which change none of them, are shown as they are now); a miss works them out
(`scoring.select.selection.compute`) and stores them. A change anywhere changes the hash, so
the next request works them out again: never stale.

A database table rather than a per-process cache, so several web hosts share one copy; the
last KEEP entries of a round are kept.
"""

import dataclasses
import datetime as dt
import hashlib
import pickle
import time
import zlib
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from django.db import IntegrityError, transaction

from scoring.models import StoredSelection

KEEP = 4
RULES_DIR = Path(__file__).resolve().parent.parent / "rules"


def _code_version():
    digest = hashlib.sha256()
    for path in sorted(RULES_DIR.glob("*.py")) + [Path(__file__).with_name("selection.py")]:
        digest.update(path.read_bytes())
    return digest.hexdigest()


CODE_VERSION = _code_version()
PLAIN = frozenset({str, int, float, bool, type(None), Decimal, Fraction, dt.datetime, dt.date})
FIELDS: dict = {}
# Decisions are shown beside the rows but change neither the ranking, the proposal nor the
# stability check: they are left out of the hash and always shown as they are now.
LEFT_OUT = {"BidInfo": {"decision", "decision_label", "reserve_position", "feedback", "released"}}


def _sorted(items, key=None):
    try:
        return sorted(items, key=key)
    except TypeError:  # keys of mixed types: order them by how they print
        return sorted(items, key=lambda item: repr(item if key is None else key(item)))


def canonical(value):
    """A value with every dict and set in a fixed order, so equal inputs print equally."""
    kind = type(value)
    if kind in PLAIN:
        return value
    if kind is dict:
        return tuple(_sorted(((k, canonical(v)) for k, v in value.items()), key=_first))
    if kind is set or kind is frozenset:
        return tuple(_sorted(canonical(v) for v in value))
    if kind is list or kind is tuple:
        return tuple(map(canonical, value))
    names = FIELDS.get(kind)
    if names is None:
        if not dataclasses.is_dataclass(value):
            return (kind.__name__, repr(value))
        left_out = LEFT_OUT.get(kind.__name__, set())
        names = FIELDS[kind] = tuple(
            f.name for f in dataclasses.fields(value) if f.name not in left_out
        )
    return (kind.__name__, *(canonical(getattr(value, name)) for name in names))


def _first(item):
    return item[0]


def inputs_key(data, with_stability):
    """The hash of every input of the selection pages (see the module docstring)."""
    round_ = data.round
    settings = data.settings
    inputs = (
        CODE_VERSION,
        with_stability,
        (round_.pk, round_.number, round_.assessors_per_bid, round_.spread_threshold),
        (str(round_.quality_threshold), round_.cohort_size),
        tuple(
            (name, str(getattr(settings, name)))
            for name in (
                "size_min",
                "size_max",
                "max_per_region",
                "min_regions",
                "max_overlap",
                "quality_threshold",
                "tie_breaks",
                "calibrate",
            )
        ),
        tuple(
            (c.pk, c.name, str(c.weight), str(c.minimum), c.scale_min, c.scale_max)
            for c in data.criteria
        ),
        canonical(data.bids),
        canonical(data.info),
        canonical(data.flag_inputs),
        canonical(data.earlier_districts),
        data.assessments_count,
    )
    return hashlib.sha256(repr(inputs).encode()).hexdigest()


def selection(data, with_stability, compute):
    """The stored selection for these inputs, or `compute(data)` stored for next time."""
    key = inputs_key(data, with_stability)
    value = (
        StoredSelection.objects.filter(round=data.round, key=key)
        .values_list("value", flat=True)
        .first()
    )
    if value is not None:
        result, info = pickle.loads(zlib.decompress(value))  # noqa: S301 (written only by us)
        for reference, fresh in data.info.items():  # decisions as they are now
            fresh.flags = info[reference].flags  # worked out when it was stored
        for row in result.rows:
            row.info = data.info[row.reference]
        result.data = data
        return result
    start = time.monotonic()
    data.fill_flags()
    result = compute(data)
    seconds = time.monotonic() - start
    result.data = None
    blob = zlib.compress(pickle.dumps((result, data.info), protocol=pickle.HIGHEST_PROTOCOL), 1)
    result.data = data
    try:
        with transaction.atomic():
            StoredSelection.objects.create(round=data.round, key=key, value=blob, seconds=seconds)
    except IntegrityError:  # another request stored the same inputs first
        return result
    old = StoredSelection.objects.filter(round=data.round).order_by("-computed_at", "-pk")
    stale = list(old.values_list("pk", flat=True)[KEEP:])
    if stale:
        StoredSelection.objects.filter(pk__in=stale).delete()
    return result
