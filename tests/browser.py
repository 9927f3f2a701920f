"""Compatibility: import from tests.factories (tests.factories.browser). The Playwright
helpers live there; this module only re-exports them."""

from tests.factories.browser import (  # noqa: F401
    EVERY_IMPACT,
    SERIOUS,
    assert_accessible,
    sign_in,
)
