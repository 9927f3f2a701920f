import importlib

from django.core.management.base import BaseCommand

from applications import demo
from core.dates import format_datetime
from programme.demo import load as load_programme_demo

# Each area adds its demo data in its own module with a `load(round_, stdout)` function.
DEMO_MODULES = [
    "applications.demo_bids",
    "scoring.demo",
    "scoring.demo_scores",
    "scoring.demo_selection",
    "cohorts.demo",
]


class Command(BaseCommand):
    help = "Load the demo round (open now) and one demo user per role, printing their passwords."

    def handle(self, *args, **options):
        round_two = demo.load_demo_round()
        credentials = demo.load_demo_users()
        for name in DEMO_MODULES:
            try:
                module = importlib.import_module(name)
            except ModuleNotFoundError as error:
                if error.name != name:
                    raise
                continue
            module.load(round_two, self.stdout)
        load_programme_demo(self.stdout)  # the action-learning programme (round 1's cohort)
        self.stdout.write(
            f"Demo round: {round_two.name}, open until {format_datetime(round_two.closes_at)}"
        )
        width = max(len(email) for email, _, _ in credentials)
        self.stdout.write("")
        self.stdout.write("Demo users (new passwords each time this runs):")
        for email, password, role in credentials:
            self.stdout.write(f"  {role:<16} {email:<{width}}  password: {password}")
        self.stdout.write("")
