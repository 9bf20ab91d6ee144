"""Put back in order what a killed worker or web server left behind."""

from django.core.management.base import BaseCommand
from wagtail import hooks


class Command(BaseCommand):
    help = (
        "Queue again the work of workers that are gone (transcriptions, renders) and delete "
        "half-written staging files. `make run` runs it before starting its worker; with "
        "several workers, any machine may run it at any time."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--parts-older-than",
            type=int,
            default=3600,
            metavar="SECONDS",
            help="delete staging files untouched this long (0 when nothing else is running)",
        )

    def handle(self, *args, **options):
        done = [
            recover(parts_older_than=options["parts_older_than"])
            for recover in hooks.get_hooks("recover_interrupted_work")
        ]
        self.stdout.write("; ".join(done) + ".")
