"""Compatibility: import from tests.factories (tests.factories.browser). The Playwright
helpers live there; this module only re-exports them."""

from tests.factories.browser import assert_accessible, sign_in  # noqa: F401
