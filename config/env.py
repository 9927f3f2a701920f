"""Read settings from the environment and stop with one clear line when a value is unusable."""

import os
import sys
from urllib.parse import urlparse

import dj_database_url

SUPPORTED_DATABASE_SCHEMES = ("sqlite", "postgres", "postgresql", "pgsql")


class ConfigurationError(SystemExit):
    """Raised at start-up; SystemExit so that manage.py prints one line and stops."""

    def __init__(self, message):
        print(f"Configuration error: {message}", file=sys.stderr)
        super().__init__(2)


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    lowered = value.strip().lower()
    if lowered in ("1", "true", "yes", "on"):
        return True
    if lowered in ("0", "false", "no", "off"):
        return False
    raise ConfigurationError(f"{name} must be 1 or 0 (true or false), not {value!r}.")


def env_list(name, default):
    value = os.environ.get(name)
    if not value:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


# The embedded SQLite database is shared by the web server, the worker and the scheduled
# jobs: write-ahead logging lets them read while one writes, IMMEDIATE transactions take
# the write lock up front (no "database is locked" half-way through), and a commit does
# not wait for the disk (synchronous=NORMAL is safe with WAL).
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
}


def database_config(url, base_dir):
    if not url:
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.path.join(base_dir, "db.sqlite3"),
            "OPTIONS": dict(SQLITE_OPTIONS),
        }
    scheme = urlparse(url).scheme
    if scheme not in SUPPORTED_DATABASE_SCHEMES:
        raise ConfigurationError(
            f"DATABASE_URL scheme {scheme!r} is not supported: use sqlite:///path/to/db.sqlite3 "
            "or postgres://user:password@host:port/name."
        )
    config = dj_database_url.parse(url, conn_max_age=60)
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["OPTIONS"] = {**SQLITE_OPTIONS, **config.get("OPTIONS", {})}
    return config
