from django.core.management.base import BaseCommand

from archive.transcription.jobs import recover_stale_jobs


class Command(BaseCommand):
    help = "Queue again the transcription jobs whose worker stopped (run before starting workers)."

    def handle(self, *args, **options):
        count = recover_stale_jobs()
        self.stdout.write(f"{count} stale transcription job(s) queued again.")
