from django.db import transaction
from django.dispatch import receiver

from archive.transcription.models import Transcript
from archive.transcription.signals import transcript_revised

from .spans import store_suggestions


@receiver(transcript_revised, sender=Transcript)
def suggest_on_every_revision(sender, transcript, revision, **kwargs):
    """The detectors run on every new transcript version and every editor save, so no review
    starts from a transcript nobody looked for names in. Translations are redacted from their
    original's spans, and checked as text by the review."""
    if transcript.task == "transcribe":
        with transaction.atomic():
            store_suggestions(transcript, revision)
