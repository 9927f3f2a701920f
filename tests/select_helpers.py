"""Compatibility: import from tests.factories (tests.factories.selection and .bulk). The
ranking and selection tests' helpers live there; this module only re-exports them."""

from tests.factories.bulk import bulk_round  # noqa: F401
from tests.factories.selection import FIVES, FOURS, small_round  # noqa: F401
