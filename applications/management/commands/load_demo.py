"""`manage.py load_demo`: the demo round (open now), one demo user per role, and each
area's demo data, in order. Every step is imported here, so a missing one is an error."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from applications import demo, demo_bids
from cohorts import demo as cohort_demo
from core.dates import format_datetime
from learning import demo as learning_demo
from programme import demo as programme_demo
from scoring import demo as setup_demo
from scoring import demo_scores, demo_selection

# Each step is a `load(round_, stdout)` function; later steps build on earlier ones.
DEMO_STEPS = [
    demo_bids.load,  # twelve submitted bids and a draft
    setup_demo.load,  # criteria, assessors, screening and assignment
    demo_scores.load,  # assessments for about half the assigned bids
    demo_selection.load,  # the round's selection settings
    cohort_demo.load,  # round 1's published cohort and the decision email templates
    programme_demo.load_step,  # round 1's action-learning programme
    learning_demo.load_step,  # round 1's lessons, key challenges and report; a peer review
]


class Command(BaseCommand):
    help = "Load the demo round (open now) and one demo user per role, printing their passwords."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "load_demo makes demo users with known passwords, so it only runs with "
                "DEBUG=1 (a development or demo machine), never in production."
            )
        round_two = demo.load_demo_round()
        credentials = demo.load_demo_users()
        for step in DEMO_STEPS:
            step(round_two, self.stdout)
        self.stdout.write(
            f"Demo round: {round_two.name}, open until {format_datetime(round_two.closes_at)}"
        )
        width = max(len(email) for email, _, _ in credentials)
        self.stdout.write("")
        self.stdout.write("Demo users (new passwords each time this runs):")
        for email, password, role in credentials:
            self.stdout.write(f"  {role:<16} {email:<{width}}  password: {password}")
        others = demo.passwords_for_people_with_work()
        if others:
            width = max(len(email) for email, _, _, _ in others)
            self.stdout.write("")
            self.stdout.write("Other demo people who hold work (new passwords each time too):")
            for email, password, role, work in others:
                self.stdout.write(f"  {role:<16} {email:<{width}}  password: {password}  ({work})")
        self.stdout.write("")
