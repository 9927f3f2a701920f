from django.core.management.base import BaseCommand

from cohorts.offers import lapse_due


class Command(BaseCommand):
    help = (
        "Lapse offers past their reply-by date and offer each freed place to the next bid on "
        "the reserve list (safe to run as often as you like; `make run` runs it every five "
        "minutes)."
    )

    def handle(self, *args, **options):
        lapsed = lapse_due()
        for offer in lapsed:
            self.stdout.write(f"Lapsed: {offer.bid}")
        self.stdout.write(f"{len(lapsed)} offer{'s' if len(lapsed) != 1 else ''} lapsed")
