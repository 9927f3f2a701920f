"""Compatibility: import from tests.factories (tests.factories.scoring and .accounts). The
scoring and moderation tests' helpers live there; this module only re-exports them."""

from tests.factories.accounts import make_person  # noqa: F401
from tests.factories.scoring import (  # noqa: F401
    JUSTIFICATION,
    SHORT,
    assign,
    eligible_bid,
    form_data,
    make_criteria,
    submitted_assessment,
)
