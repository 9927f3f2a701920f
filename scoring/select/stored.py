"""The selection of a round worked out once per distinct input, and reused until one changes.

`selection(data, with_stability)` hashes every plain input that
`scoring.select.data.load` read (criteria and weights, scores, moderated scores, the settings,
pins, region overrides, decisions, the districts of earlier cohorts, the round's figures) with
the source of the pure rules, and looks the hash up in the `StoredSelection` table: a hit is
the ranking, proposal, explanations and stability check as they were worked out for exactly
these inputs; a miss works them out (`scoring.select.selection.compute`) and stores them. A
change anywhere changes the hash, so the next request works them out again: never stale.

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
PLAIN = (str, int, float, bool, type(None), Decimal, Fraction, dt.datetime, dt.date)


def canonical(value):
    """A value with every dict and set in a fixed order, so equal inputs print equally."""
    if isinstance(value, PLAIN):
        return value
    if isinstance(value, dict):
        return tuple(sorted(((repr(k), canonical(v)) for k, v in value.items())))
    if isinstance(value, set | frozenset):
        return tuple(sorted(repr(canonical(v)) for v in value))
    if isinstance(value, list | tuple):
        return tuple(canonical(v) for v in value)
    if dataclasses.is_dataclass(value):
        return (type(value).__name__,) + tuple(
            canonical(getattr(value, f.name)) for f in dataclasses.fields(value)
        )
    return (type(value).__name__, repr(value))


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
        result = pickle.loads(zlib.decompress(value))  # noqa: S301 (written only by us)
        result.data = data
        return result
    start = time.monotonic()
    result = compute(data)
    seconds = time.monotonic() - start
    result.data = None
    blob = zlib.compress(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL), 1)
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
