import os

import pytest
from django.core.management import call_command

from accounts import permissions
from applications import reference
from applications.models import District
from cohorts.pilots import load_round_one
from tests.factories.accounts import PASSWORD  # noqa: F401 (tests import it from here)
from tests.factories.accounts import make_user as _make_user
from tests.factories.applications import open_round as factory_round

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"),
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(autouse=True)
def _test_settings(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.SITE_URL = "http://testserver"


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="session")
def django_db_modify_db_settings(request, tmp_path_factory):
    """SQLite tests use a database file, as the service does (WAL, IMMEDIATE transactions,
    a busy timeout: config/env.py), not the in-memory database that Django shares between
    the live server's threads: the concurrency tests need real, separate connections."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3" and not database.get("TEST", {}).get(
        "NAME"
    ):
        folder = tmp_path_factory.getbasetemp()
        database.setdefault("TEST", {})["NAME"] = str(folder / "test-leading-places.sqlite3")
    request.getfixturevalue("django_db_modify_db_settings_parallel_suffix")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the registry once into the test database (tests roll back on top of it)."""
    with django_db_blocker.unblock():
        reference.load()
        load_round_one()
    yield
    # A live-server thread may still hold a persistent connection (CONN_MAX_AGE) while the
    # browser closes: end it, so PostgreSQL can drop the test database.
    from django.db import connection

    if connection.vendor == "postgresql":
        with django_db_blocker.unblock(), connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )


@pytest.fixture
def ref(db):
    """Reference data, also in transactional tests (which flush the database)."""
    if District.objects.count() != 296:
        reference.load()
        load_round_one()


@pytest.fixture(autouse=True)
def _reference_data(request):
    """Every database test starts with the registry and round 1, also after a browser test
    on the same xdist worker flushed the database (xdist does not run those last)."""
    if "db" in request.fixturenames or request.node.get_closest_marker("django_db"):
        request.getfixturevalue("ref")


@pytest.fixture
def open_round(ref):
    return factory_round()


@pytest.fixture
def make_user(db):
    """tests.factories.accounts.make_user, for tests that take it as a fixture."""
    return _make_user


@pytest.fixture
def applicant(make_user):
    return make_user("applicant@council.gov.uk", permissions.APPLICANT, "Alex Applicant")


@pytest.fixture
def staff_user(make_user):
    return make_user("staff@local.gov.uk", permissions.PROGRAMME_STAFF, "Pat Programme")


@pytest.fixture
def assessor(make_user):
    return make_user("assessor@uni.ac.uk", permissions.ASSESSOR, "Sam Assessor")


@pytest.fixture
def chair(make_user):
    return make_user("chair@local.gov.uk", permissions.PANEL_CHAIR, "Chris Chair")


@pytest.fixture
def call(db):
    def run(*args, **kwargs):
        return call_command(*args, **kwargs)

    return run
