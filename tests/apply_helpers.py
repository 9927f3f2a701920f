"""Compatibility: import from tests.factories (tests.factories.applications). The applicant
journey's helpers live there; this module only re-exports them."""

from tests.factories.applications import (  # noqa: F401
    CHALLENGE,
    DECLARATIONS,
    ELIGIBLE,
    fill_all,
    partner_fields,
    plan_fields,
    post_step,
    section,
    sheffield_partners,
    start,
    step_url,
    strength_fields,
    version_of,
)
