"""Compatibility: import from tests.factories (tests.factories.scoring and .applications).
The assessment set-up tests' helpers live there; this module only re-exports them."""

from tests.factories.applications import PLACE_NAMES, submitted_bids  # noqa: F401
from tests.factories.scoring import (  # noqa: F401
    add_criteria,
    give_organisations,
    make_assessors,
    mark_eligible,
    partner_organisation,
)
