from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from archive.consent.models import Part
from archive.testimonies.exports import FORMATS, NothingToExport, render_export
from archive.testimonies.models import TestimonyPage


class Command(BaseCommand):
    help = "Print a published testimony's redacted transcript in an open format."

    def add_arguments(self, parser):
        parser.add_argument("page_id", type=int)
        parser.add_argument("--format", choices=FORMATS, default="vtt", dest="fmt")

    def handle(self, *args, **options):
        page = TestimonyPage.objects.live().public().filter(pk=options["page_id"]).first()
        if page is None or Part.TRANSCRIPT not in page.public_parts():
            raise CommandError(
                f"No published testimony {options['page_id']} with a published transcript."
            )
        try:
            self.stdout.write(render_export(page, options["fmt"], settings.WAGTAILADMIN_BASE_URL))
        except NothingToExport as error:
            raise CommandError(str(error)) from None
