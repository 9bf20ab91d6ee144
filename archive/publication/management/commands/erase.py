"""Erase an interview's originals and personal data, on the narrator's request.

What stays: the interview row as a tombstone ("Erased interview N"), the consent record's dates
and scopes (proof of what was agreed and when it was withdrawn), and audit entries, stripped of
names. Everything else that could identify the narrator goes: the data key that decrypts the
original files (and the files), transcripts and their revisions, redactions and derivatives,
testimony pages and their revisions.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry, PageLogEntry, Revision
from wagtail.search.index import insert_or_update_object

from archive.consent.models import ConsentRecord
from archive.ingest.models import DataKey, Interview
from archive.publication.models import EndReason, NotIdentifying, Publication
from archive.publication.withdrawal import delete_derivatives, take_down
from archive.redaction.models import DetectorRun, PhotoRedaction, RedactionSpan
from archive.transcription.models import Segment, Transcript, TranscriptionJob


def _revisions_of(instance):
    return Revision.objects.filter(
        base_content_type=instance.get_base_content_type(), object_id=str(instance.pk)
    )


def _log_entries_of(instances):
    """Audit entries about exactly these objects: by content type and id, since ids repeat
    across models."""
    entries = ModelLogEntry.objects.none()
    for instance in instances:
        entries |= ModelLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(instance, for_concrete_model=False),
            object_id=str(instance.pk),
        )
    return entries


@transaction.atomic
def erase(interview, user=None):
    label = f"Erased interview {interview.pk}"
    take_down(interview, user, reason=EndReason.ERASED)
    delete_derivatives(interview)
    Publication.objects.filter(interview=interview).delete()
    NotIdentifying.objects.filter(interview=interview).delete()
    for page in interview.testimony_pages.all():
        PageLogEntry.objects.filter(page=page).update(label=label, data={})
        page.delete()
    transcripts = Transcript.objects.filter(recording__interview=interview)
    consent = ConsentRecord.objects.filter(interview=interview).first()
    _log_entries_of([interview, *transcripts, *([consent] if consent else [])]).update(
        label=label, data={}
    )
    RedactionSpan.objects.filter(transcript__in=transcripts).delete()
    DetectorRun.objects.filter(transcript__in=transcripts).delete()
    PhotoRedaction.objects.filter(photo__interview=interview).delete()
    for transcript in transcripts:
        _revisions_of(transcript).delete()
    Segment.objects.filter(transcript__in=transcripts).delete()
    transcripts.filter(translation_of__isnull=False).delete()
    transcripts.delete()
    TranscriptionJob.objects.filter(recording__interview=interview).delete()
    files = [*interview.recordings.all(), *interview.photos.all()]
    interview.recordings.all().delete()
    interview.photos.all().delete()
    # Without its key no copy of these files can be read again, backups of media/ included.
    DataKey.objects.filter(interview=interview).delete()
    if consent is not None:
        signed_form = consent.signed_form
        ConsentRecord.objects.filter(pk=consent.pk).update(
            signed_form="", witness="", restrictions="", withdrawal_reason=""
        )
        _revisions_of(consent).delete()
    _revisions_of(interview).delete()
    Interview.objects.filter(pk=interview.pk).update(
        title=label,
        narrator_legal_name="",
        narrator_display_name="",
        narrator_contact="",
        other_names=[],
        places=[],
        interview_place="",
        notes="",
        latest_revision=None,
    )
    erased = Interview.objects.get(pk=interview.pk)
    insert_or_update_object(erased)  # the update above bypassed the admin's search index
    log(instance=erased, action="testimonio.erased", user=user)

    def remove_files():
        for original in files:
            original.file.delete(save=False)
        if consent is not None and signed_form:
            signed_form.delete(save=False)

    transaction.on_commit(remove_files)
    return len(files)


class Command(BaseCommand):
    help = "Erase an interview's originals and personal data (on the narrator's request)."

    def add_arguments(self, parser):
        parser.add_argument("interview_id", type=int)
        parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    def handle(self, *args, **options):
        interview = Interview.objects.filter(pk=options["interview_id"]).first()
        if interview is None:
            raise CommandError(f"No interview {options['interview_id']}.")
        if not options["yes"]:
            answer = input(
                f"Erase interview {interview.pk}: its originals, transcripts, pages and personal "
                f"data, for good? Type the interview number to confirm: "
            )
            if answer.strip() != str(interview.pk):
                raise CommandError("Nothing erased.")
        count = erase(interview)
        self.stdout.write(f"Erased interview {interview.pk}: {count} original file(s) deleted.")
