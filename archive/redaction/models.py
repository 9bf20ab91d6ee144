"""What must not be heard, read or seen, and the derivatives made without it.

Spans are anchored to transcript words by time, so each covers a stretch of audio and the
words in it, and survives an editor correcting the words' spelling. Originals are never
touched: every redacted file is a derivative that records exactly which transcript revision and
redaction set produced it (its fingerprint) and is stale the moment either changes.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from archive.ingest.models import Photo, Recording, private_storage
from archive.transcription.models import Transcript


class Category(models.TextChoices):
    PERSON = "person", _("Person")
    PLACE = "place", _("Place")
    ORGANISATION = "organisation", _("Organisation")
    PHONE = "phone", _("Phone number")
    EMAIL = "email", _("Email address")
    ID_NUMBER = "id_number", _("ID number")
    DATE_OF_BIRTH = "date_of_birth", _("Date of birth")
    ADDRESS = "address", _("Address")
    OTHER = "other", _("Other")


CATEGORY_LABELS = {
    Category.PERSON: "[name]",
    Category.PLACE: "[place]",
    Category.ORGANISATION: "[organisation]",
    Category.PHONE: "[phone]",
    Category.EMAIL: "[email]",
    Category.ID_NUMBER: "[ID number]",
    Category.DATE_OF_BIRTH: "[date of birth]",
    Category.ADDRESS: "[address]",
    Category.OTHER: "[redacted]",
}


class SpanStatus(models.TextChoices):
    SUGGESTED = "suggested", _("Suggested")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")


class RedactionSpan(models.Model):
    transcript = models.ForeignKey(Transcript, on_delete=models.PROTECT, related_name="redactions")
    start = models.FloatField(
        help_text=_("Seconds: where the first covered word starts, or the speech just before it.")
    )
    end = models.FloatField(
        help_text=_("Seconds: where the last covered word ends, or the speech just after it.")
    )
    text = models.TextField(help_text=_("The words as the transcript had them."))
    category = models.CharField(max_length=16, choices=Category, default=Category.PERSON)
    replacement = models.CharField(
        max_length=80,
        blank=True,
        help_text=_(
            "Empty: the category label, such as [name]. A pseudonym applies to the entity."
        ),
    )
    entity = models.CharField(
        max_length=255,
        blank=True,
        help_text=_("Spans of one real person or place share this key, and their pseudonym."),
    )
    status = models.CharField(max_length=10, choices=SpanStatus, default=SpanStatus.SUGGESTED)
    source = models.CharField(max_length=16, default="editor")
    reason = models.CharField(max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["transcript", "start", "end", "pk"]
        verbose_name = _("redaction")
        verbose_name_plural = _("redactions")
        indexes = [models.Index(fields=["transcript", "status"])]

    def __str__(self):
        return f"{self.start:.2f}–{self.end:.2f} {self.get_category_display()} ({self.status})"

    @property
    def label(self):
        return self.replacement or CATEGORY_LABELS[self.category]

    def covers(self, word_start, word_end):
        """A word is covered when its middle falls inside the span."""
        middle = (word_start + word_end) / 2
        return self.start - 0.01 <= middle <= self.end + 0.01


class Fill(models.TextChoices):
    SOLID = "solid", _("Solid black")
    PIXELATE = "pixelate", _("Coarse pixels")


class PhotoRedaction(models.Model):
    """A rectangle on a photo, in fractions of its width and height (0–1, from the top left)."""

    photo = models.ForeignKey(Photo, on_delete=models.PROTECT, related_name="redactions")
    x = models.FloatField()
    y = models.FloatField()
    width = models.FloatField()
    height = models.FloatField()
    fill = models.CharField(max_length=10, choices=Fill, default=Fill.SOLID)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["photo", "pk"]

    def __str__(self):
        return f"Rectangle on photo {self.photo_id} ({self.get_fill_display()})"


def derivative_path(instance, filename):
    """Random names: nothing about the narrator or the original reaches a derivative's path."""
    return f"derivatives/{uuid.uuid4().hex}.{filename.rsplit('.', 1)[-1]}"


class Verification(models.TextChoices):
    PENDING = "pending", _("Not yet listened to")
    CLEAN = "clean", _("No redacted term heard")
    LEAKS = "leaks", _("Redacted terms still heard")
    FAILED = "failed", _("Could not be checked")


class Derivative(models.Model):
    """A redacted file made from an original, for the redaction set its fingerprint names."""

    fingerprint = models.CharField(max_length=64, db_index=True)
    file = models.FileField(storage=private_storage, upload_to=derivative_path, max_length=255)
    sha256 = models.CharField(max_length=64)
    size_bytes = models.BigIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["-created_at", "-pk"]

    def files(self):
        return [self.file]


class RedactedAudio(Derivative):
    recording = models.ForeignKey(
        Recording, on_delete=models.PROTECT, related_name="redacted_audio"
    )
    transcript = models.ForeignKey(Transcript, on_delete=models.PROTECT, related_name="+")
    duration_seconds = models.FloatField()
    redacted_ranges = models.JSONField(default=list)
    voice_altered = models.BooleanField(default=False)
    verification = models.CharField(
        max_length=10, choices=Verification, default=Verification.PENDING
    )
    leaks = models.JSONField(
        default=list, help_text=_("[{text, heard, start, end}] for each redacted term heard.")
    )
    heard_text = models.TextField(blank=True)
    error = models.TextField(blank=True)
    mp3_file = models.FileField(
        storage=private_storage,
        upload_to=derivative_path,
        max_length=255,
        blank=True,
        help_text=_("The same redacted audio as MP3, for players without Ogg Opus."),
    )
    mp3_sha256 = models.CharField(max_length=64, blank=True)
    mp3_size_bytes = models.BigIntegerField(default=0)

    def __str__(self):
        return f"Redacted audio of recording {self.recording_id} ({self.verification})"

    def files(self):
        return [f for f in (self.file, self.mp3_file) if f]


class RedactedPhoto(Derivative):
    photo = models.ForeignKey(Photo, on_delete=models.PROTECT, related_name="redacted_versions")
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()

    def __str__(self):
        return f"Redacted copy of photo {self.photo_id}"


class DetectorRun(models.Model):
    """The suggestion detectors ran on this revision of a transcript. The review's floor needs
    one for the current revision and detector version before anything can be approved."""

    transcript = models.ForeignKey(Transcript, on_delete=models.CASCADE, related_name="+")
    revision = models.ForeignKey(
        "wagtailcore.Revision", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    detector_version = models.PositiveSmallIntegerField()
    suggested = models.PositiveIntegerField(default=0)
    ran_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-ran_at", "-pk"]
        indexes = [models.Index(fields=["transcript", "revision"])]

    def __str__(self):
        return f"Detectors v{self.detector_version} on transcript {self.transcript_id}"
