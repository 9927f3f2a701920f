import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from tests.factories.accounts import sign_in_client

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent


def test_start_page_shows_the_round_and_its_closing_time(client, open_round):
    html = client.get("/").content.decode()
    assert '<h1 class="govuk-heading-xl">Leading Places — Round 2</h1>' in html
    from core.dates import format_datetime

    assert f"Applications close at {format_datetime(open_round.closes_at)}." in html
    assert "at least one higher education institution" in html
    assert "Start now" in html
    assert "Newcastle and Gateshead" in html


def test_start_page_without_an_open_round_has_no_start_button(client):
    html = client.get("/").content.decode()
    assert "Start now" not in html
    assert "Applications closed at 12pm on Friday 18 March 2016." in html


def test_error_pages_use_the_service_layout(client, applicant):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert "Leading Places" in response.content.decode()
    sign_in_client(client, applicant)
    response = client.get(reverse("accounts:invitations"))
    assert response.status_code == 403
    assert "You do not have permission to see this page" in response.content.decode()


def test_no_crown_or_gov_uk_branding(client):
    html = client.get("/").content.decode()
    assert "govuk-header__logotype" not in html
    assert "GOV.UK" not in html
    assert "Local Government Association" in html
    assert 'class="govuk-skip-link"' in html
    assert "govuk-phase-banner" in html


def test_security_headers(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Frame-Options"] == "DENY"


def _manage(args, env_overrides):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )


def test_missing_secret_key_with_debug_off_stops_with_one_line():
    result = _manage(["check"], {"DEBUG": "0", "SECRET_KEY": ""})
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "Configuration error: SECRET_KEY must be set when DEBUG=0 (a long random string)."
    )


def test_unknown_database_scheme_stops_with_one_line():
    result = _manage(["check"], {"DATABASE_URL": "mysql://user@localhost/app"})
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "Configuration error: DATABASE_URL scheme 'mysql' is not supported: use "
        "sqlite:///path/to/db.sqlite3 or postgres://user:password@host:port/name."
    )


def test_deploy_checks_pass_with_real_values():
    result = _manage(
        ["check", "--deploy", "--fail-level", "WARNING"],
        {
            "DEBUG": "0",
            "SECRET_KEY": "x7#kP9!qR2$mV5@wL8^nB3&cT6*zH1%dF4(jG0)sA-yE_uI+oY=eW",
            "ALLOWED_HOSTS": "leadingplaces.example.org",
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."


def test_start_page_links_to_the_cohorts(client):
    html = client.get("/").content.decode()
    assert '<a class="govuk-link" href="/cohorts/">See the Leading Places cohorts</a>' in html
