"""The test data makers: the old helper modules are only re-exports, and the bulk seeder
writes only states the product's own functions accept."""

import importlib

import pytest

from applications.models import Bid
from scoring.assess.assessments import Entry, submission_errors
from scoring.models import Assessment, Criterion
from tests.factories import bulk

COMPATIBILITY = [
    "tests.apply_helpers",
    "tests.assess_helpers",
    "tests.cohort_helpers",
    "tests.select_helpers",
    "tests.setup_helpers",
    "tests.staff_helpers",
    "tests.browser",
]


@pytest.mark.parametrize("name", COMPATIBILITY)
def test_old_helper_modules_only_re_export_the_factories(name):
    module = importlib.import_module(name)
    assert "compatibility: import from tests.factories" in module.__doc__.lower()
    own = [
        key
        for key, value in vars(module).items()
        if callable(value)
        and getattr(value, "__module__", "").startswith("tests.")
        and not value.__module__.startswith("tests.factories")
        and key != "round_bids_fixture"  # a pytest fixture over bids_in_every_state
    ]
    assert own == []


@pytest.mark.django_db
def test_bulk_round_is_a_state_the_product_accepts(open_round):
    bids = bulk.bulk_round(open_round, 4)
    assert Bid.objects.in_assessment().filter(pk__in=[b.pk for b in bids]).count() == 4
    criteria = list(Criterion.objects.filter(round=open_round))
    assessments = Assessment.objects.filter(assignment__bid__in=bids).prefetch_related("scores")
    assert assessments.count() == 12
    for assessment in assessments:
        assert assessment.status == Assessment.Status.SUBMITTED
        entries = {s.criterion_id: Entry(s.score, s.justification) for s in assessment.scores.all()}
        assert submission_errors(criteria, entries, assessment.recommendation) == {}
