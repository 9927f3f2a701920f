"""Compatibility: import from tests.factories (tests.factories.cohorts, .accounts and
.applications). The cohort tests' helpers live there; this module only re-exports them."""

from tests.factories.accounts import applicant_for  # noqa: F401
from tests.factories.applications import add_colleague  # noqa: F401
from tests.factories.cohorts import (  # noqa: F401
    PLACES,
    STANDARD,
    FlakyBackend,
    WorkerStopped,
    decided_bids,
    in_days,
)
