from django.core.management.base import BaseCommand, CommandError

from applications import reference
from cohorts.pilots import load_round_one
from learning.pilots import load_round_one_learning
from programme.pilots import load_round_one_programme


class Command(BaseCommand):
    help = (
        "Load regions, districts, councils and higher education institutions, and round 1's "
        "pilot cohort. Safe to run again: nothing changes the second time."
    )

    def add_arguments(self, parser):
        parser.add_argument("--data-dir", default=str(reference.DATA_DIR))

    def handle(self, *args, **options):
        try:
            report = reference.load(options["data_dir"])
        except reference.ReferenceDataError as error:
            raise CommandError(str(error)) from error
        load_round_one()
        load_round_one_programme()
        load_round_one_learning()
        self.stdout.write(
            f"Reference data: {report.regions} regions, {report.districts} districts, "
            f"{report.county_councils} county councils, {report.institutions} institutions "
            f"({report.created} created, {report.updated} updated)"
        )
