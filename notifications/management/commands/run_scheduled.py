from django.core.management.base import BaseCommand, CommandError

from notifications import scheduler


class Command(BaseCommand):
    help = (
        "Run every time-based job once (lapse offers, deadline reminders, the outbox sweep). "
        "Idempotent and safe to run twice at once; run it every minute."
    )

    def add_arguments(self, parser):
        parser.add_argument("--only", nargs="*", help="Run only these jobs")
        parser.add_argument("--list", action="store_true", help="List the jobs and stop")

    def handle(self, *args, only=None, list=False, **options):
        if list:
            for job in scheduler.jobs():
                self.stdout.write(f"{job.name}: {job.description}")
            return
        outcomes = scheduler.run_all(only=set(only) if only else None)
        for outcome in outcomes:
            detail = outcome.error if outcome.status == "failed" else outcome.summary
            self.stdout.write(f"{outcome.name}: {outcome.status} {detail or ''}".rstrip())
        failed = [o.name for o in outcomes if o.status == "failed"]
        if failed:
            raise CommandError(f"Scheduled jobs failed: {', '.join(failed)}")
