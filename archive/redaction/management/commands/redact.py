import json

from django.core.management.base import BaseCommand, CommandError

from archive.redaction.models import SpanStatus
from archive.redaction.spans import decide, store_suggestions
from archive.transcription.models import Transcript


class Command(BaseCommand):
    help = (
        "Suggest redactions for a transcript and list its spans. Accepting them does not publish "
        "anything: the Redaction review task of the workflow is still required."
    )

    def add_arguments(self, parser):
        parser.add_argument("transcript_id", type=int)
        parser.add_argument("--suggest", action="store_true", help="run the detectors first")
        parser.add_argument(
            "--accept-all", action="store_true", help="accept every pending suggestion"
        )
        parser.add_argument("--json", action="store_true", help="print the spans as JSON")

    def handle(self, *args, **options):
        transcript = (
            Transcript.objects.select_related("recording__interview")
            .filter(pk=options["transcript_id"])
            .first()
        )
        if transcript is None:
            raise CommandError(f"No transcript {options['transcript_id']}.")
        if not transcript.is_complete:
            raise CommandError(f"Transcript {transcript.pk} is still being written.")
        if options["suggest"]:
            created = store_suggestions(transcript)
            if not options["json"]:
                self.stdout.write(f"{len(created)} new suggestion(s).")
        if options["accept_all"]:
            accepted = decide(
                transcript.redactions.filter(status=SpanStatus.SUGGESTED), SpanStatus.ACCEPTED, None
            )
            if not options["json"]:
                self.stdout.write(
                    f"Accepted {accepted}. The Redaction review task must still be approved."
                )
        spans = [
            {
                "id": span.pk,
                "text": span.text,
                "category": span.category,
                "start": round(span.start, 3),
                "end": round(span.end, 3),
                "status": span.status,
                "replacement": span.label,
                "source": span.source,
                "reason": span.reason,
            }
            for span in transcript.redactions.all()
        ]
        if options["json"]:
            self.stdout.write(json.dumps(spans, ensure_ascii=False, indent=2))
            return
        for span in spans:
            self.stdout.write(
                f"{span['start']:>9.2f}–{span['end']:<9.2f} {span['status']:<9} "
                f"{span['category']:<13} {span['text']}  → {span['replacement']}"
            )
