from django.core.management.base import BaseCommand, CommandError

from archive.ingest.models import Interview
from archive.preservation.bags import BagError, write_bag


class Command(BaseCommand):
    help = "Write a BagIt bag of an interview (originals, record, transcripts, consent)."

    def add_arguments(self, parser):
        parser.add_argument("interview_id", type=int)
        parser.add_argument("destination", help="an empty or new directory")

    def handle(self, *args, **options):
        interview = Interview.objects.filter(pk=options["interview_id"]).first()
        if interview is None:
            raise CommandError(f"No interview {options['interview_id']}.")
        try:
            bag = write_bag(interview, options["destination"])
        except BagError as error:
            raise CommandError(str(error)) from None
        files = sum(1 for _ in bag.payload_files())
        self.stdout.write(f"Bag written and validated: {options['destination']} ({files} files).")
