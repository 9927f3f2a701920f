"""`make bench`: seed data at scale in a throwaway database and print one JSON object per line.

    {"scenario": "floor", "n": null, "queries": 3, "median_ms": 4.1, "ratio_to_floor": 1.0}

--sizes 10,1000 picks the sizes scenarios use (each has its defaults);
--only NAME runs the scenarios whose name starts with NAME (floor always runs).
Set BENCH_DATABASE_URL=postgres://... to measure on PostgreSQL (a database it may drop).
--rush runs only the deadline rush, `apply.rush` (bench/rush.py): gunicorn and the worker on
RUSH_DATABASE_URL (or --database-url), a PostgreSQL database it creates and drops.
"""

import argparse
import importlib
import os
import pkgutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="", help="comma-separated sizes, e.g. 10,1000")
    parser.add_argument("--only", default="", help="scenario name prefix")
    parser.add_argument("--rush", action="store_true", help="the deadline rush (apply.rush)")
    parser.add_argument("--database-url", default=os.environ.get("RUSH_DATABASE_URL", ""))
    parser.add_argument("--applicants", type=int, default=100, help="--rush: how many")
    parser.add_argument("--workers", type=int, default=2, help="--rush: gunicorn processes")
    parser.add_argument("--threads", type=int, default=4, help="--rush: threads in each")
    args = parser.parse_args()
    if args.rush:
        from bench import rush

        summary = rush.main(
            args.database_url, n=args.applicants, workers=args.workers, threads=args.threads
        )
        sys.exit(1 if summary["missed_targets"] else 0)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]

    workdir = tempfile.mkdtemp(prefix="lp-bench-")
    os.environ["DATABASE_URL"] = os.environ.get(
        "BENCH_DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3"
    )
    os.environ["DEBUG"] = "1"
    os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    os.environ["TASKS_BACKEND"] = "django_tasks.backends.immediate.ImmediateBackend"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

    import django

    django.setup()
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
    settings.DEBUG = False

    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    if "postgres" in os.environ["DATABASE_URL"]:
        call_command("flush", verbosity=0, interactive=False)
    from applications import reference
    from cohorts.pilots import load_round_one

    reference.load()
    load_round_one()

    import bench.scenarios as package
    from bench.lib import Reporter

    for module in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"bench.scenarios.{module.name}")
    reporter = Reporter(sys.stdout)
    for _, name, fn in sorted(package.REGISTRY, key=lambda item: item[0]):
        printed = name.replace("_", ".", 1)  # assess_queue prints "assess.queue"
        wanted = not args.only or printed.startswith(args.only) or name.startswith(args.only)
        if name != "floor" and not wanted:
            continue
        fn(reporter, sizes)


if __name__ == "__main__":
    main()
