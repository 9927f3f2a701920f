"""Compatibility: import from tests.factories (tests.factories.applications). The programme
staff pages' data lives there; this module re-exports it and keeps the `round_bids` fixture
(a pytest fixture over tests.factories.applications.bids_in_every_state)."""

import pytest

from tests.factories.applications import BID_ROW, bids_in_every_state, references  # noqa: F401
from tests.factories.applications import STAFF_SUBMITTED as SUBMITTED  # noqa: F401


@pytest.fixture(name="round_bids")
def round_bids_fixture(open_round, make_user):
    """Five submitted bids (LP2-0001 Sheffield ... LP2-0005 Plymouth, one hour apart), of
    which LP2-0005 (Plymouth) is then withdrawn, plus a draft for Leeds: see
    tests.factories.applications.bids_in_every_state."""
    return bids_in_every_state(open_round, make_user("lead@council.gov.uk", name="Lee Lead"))
