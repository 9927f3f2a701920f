"""core/ is the lowest layer: it imports nothing from the feature apps above it."""

import ast
import importlib
from pathlib import Path

import pytest

CORE = Path(__file__).resolve().parent.parent / "core"
FEATURE_APPS = {"accounts", "applications", "scoring", "cohorts"}


def feature_imports(source):
    """The feature apps a module's source imports, anywhere in it (module level or not)."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        found |= {name.split(".")[0] for name in names} & FEATURE_APPS
    return found


def feature_names(source):
    """Feature apps a module names in a string ("applications", "cohorts.models",
    "scoring/data"): a path into an app's folder or a dotted import done by name."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            head = node.value.replace("/", ".").split(".")[0]
            if head in FEATURE_APPS:
                found.add(head)
    return found


def core_modules():
    return sorted(CORE.rglob("*.py"))


def module_name(path):
    parts = path.relative_to(CORE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def test_the_check_finds_an_upward_import():
    assert feature_imports("from applications.rounds import current_round") == {"applications"}
    assert feature_imports("def f():\n    import cohorts.models\n") == {"cohorts"}
    assert feature_imports("from accounts import permissions as p\nimport scoring") == {
        "accounts",
        "scoring",
    }
    assert feature_imports("from core import dates\nfrom django import forms") == set()
    assert feature_names('DATA = BASE / "applications" / "data"') == {"applications"}
    assert feature_names('import_string("cohorts.models.Cohort")') == {"cohorts"}
    assert feature_names('"applications are open"') == set()


def test_core_has_the_modules_checked():
    names = {module_name(path) for path in core_modules()}
    assert {"core.hexmap", "core.views", "core.context_processors", "core.refusals"} <= names
    assert "core.templatetags.govuk" in names


@pytest.mark.parametrize("path", core_modules(), ids=module_name)
def test_core_module_imports_no_feature_app(path):
    importlib.import_module(module_name(path))
    source = path.read_text(encoding="utf-8")
    assert feature_imports(source) == set()
    assert feature_names(source) == set()


def test_every_refusal_is_a_core_refusal():
    from applications.bids import ActionRefused
    from applications.organisation_review import MergeRefused
    from cohorts.building import CohortError
    from cohorts.offers import OfferError
    from cohorts.release import ReleaseError
    from core.refusals import Refused

    for refusal in (ActionRefused, MergeRefused, CohortError, OfferError, ReleaseError):
        assert issubclass(refusal, Refused), refusal
    refused = ReleaseError("The reply-by date must be in the future", field="reply_by")
    assert (refused.message, refused.field, refused.missing) == (
        "The reply-by date must be in the future",
        "reply_by",
        [],
    )
