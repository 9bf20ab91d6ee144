"""Before workers start: put back in order what a killed worker or web server left behind."""

from django.core.management.base import BaseCommand

from archive.ingest.store import remove_stale_parts
from archive.redaction.tasks import requeue_interrupted_preparations
from archive.transcription.jobs import recover_stale_jobs


class Command(BaseCommand):
    help = (
        "Queue again the transcriptions and redaction renders whose worker stopped, and delete "
        "half-written staging files. Run it before starting workers."
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
        parts = remove_stale_parts(options["parts_older_than"])
        jobs = recover_stale_jobs()
        renders = requeue_interrupted_preparations()
        self.stdout.write(
            f"{jobs} stale transcription job(s) and {renders} interrupted render(s) queued "
            f"again; {parts} half-written file(s) removed."
        )
