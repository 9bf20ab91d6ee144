"""Transcripts, versioned, and the background jobs that make them.

A recording can have many transcripts: each machine run makes a new version, each editor save
makes a revision of that version. Nothing a person typed is ever overwritten by a machine.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import RevisionMixin

from archive.ingest.models import Recording

from .engines import engine_choices

TASK_CHOICES = [("transcribe", _("Transcribe")), ("translate", _("Translate to English"))]
LOW_CONFIDENCE = 0.5


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")
    CANCELLED = "cancelled", _("Cancelled")


ACTIVE_STATUSES = (JobStatus.QUEUED, JobStatus.RUNNING)


class TranscriptionJob(models.Model):
    recording = models.ForeignKey(
        Recording, on_delete=models.PROTECT, related_name="transcription_jobs"
    )
    engine = models.CharField(max_length=32, choices=engine_choices)
    model = models.CharField(max_length=255)
    language = models.CharField(max_length=16, blank=True, help_text=_("Empty: detect"))
    task = models.CharField(max_length=16, choices=TASK_CHOICES, default="transcribe")
    translation_of = models.ForeignKey(
        "Transcript", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    then_translate = models.BooleanField(default=False)
    diarize = models.BooleanField(
        _("find who speaks when"),
        default=False,
        help_text=_("Split the transcript at speaker turns and label each speaker."),
    )
    speakers = models.PositiveSmallIntegerField(
        _("number of speakers"),
        null=True,
        blank=True,
        help_text=_("Empty: estimate it from the voices."),
    )
    status = models.CharField(max_length=16, choices=JobStatus.choices, default=JobStatus.QUEUED)
    processed_seconds = models.FloatField(default=0)
    duration_seconds = models.FloatField(default=0)
    error = models.TextField(blank=True)
    notice = models.TextField(
        blank=True, help_text=_("Something to know about a finished job, such as a skipped step.")
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    # The registered worker that holds the job while it runs (archive/workers/registry.py).
    worker = models.CharField(max_length=64, blank=True, editable=False)
    # The task backend's id for the job's task; empty until the queue has accepted it.
    task_id = models.CharField(max_length=64, blank=True, editable=False)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "heartbeat_at"])]
        verbose_name = _("transcription job")
        verbose_name_plural = _("transcription jobs")

    def __str__(self):
        return f"{self.get_task_display()} recording {self.recording_id} ({self.status})"

    @property
    def progress(self):
        if self.status == JobStatus.DONE:
            return 1.0
        if not self.duration_seconds:
            return 0.0
        return max(0.0, min(1.0, self.processed_seconds / self.duration_seconds))

    @property
    def is_active(self):
        return self.status in ACTIVE_STATUSES


class Transcript(RevisionMixin, ClusterableModel):
    recording = models.ForeignKey(Recording, on_delete=models.PROTECT, related_name="transcripts")
    version = models.PositiveIntegerField()
    job = models.ForeignKey(
        TranscriptionJob,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="transcripts",
    )
    engine = models.CharField(max_length=32, choices=engine_choices)
    model = models.CharField(max_length=255)
    language = models.CharField(max_length=16, blank=True)
    task = models.CharField(max_length=16, choices=TASK_CHOICES, default="transcribe")
    translation_of = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="translations"
    )
    is_complete = models.BooleanField(
        default=False, help_text=_("False while the machine is still writing it.")
    )
    corrected = models.BooleanField(
        default=False, help_text=_("An editor has checked it against the audio.")
    )
    speech = models.JSONField(
        default=list,
        blank=True,
        help_text=_(
            "Where a voice detector heard speech, as [start, end] seconds: speech with no words "
            "under it is suggested for a listen before publication."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["recording", "-version"]
        verbose_name = _("transcript")
        verbose_name_plural = _("transcripts")
        constraints = [
            models.UniqueConstraint(fields=["recording", "version"], name="one_version_number")
        ]

    def __str__(self):
        kind = _("translation") if self.task == "translate" else _("transcript")
        return f"{self.recording.interview} — {kind} v{self.version} ({self.language or '?'})"

    @property
    def text(self):
        return " ".join(segment.text for segment in self.segments.all())


class Segment(models.Model):
    """A stretch of speech. Words are [start, end, text, probability] lists: a two-hour
    interview is ~1,500 segments and ~20,000 words, saved and loaded as 1,500 rows."""

    transcript = ParentalKey(Transcript, on_delete=models.CASCADE, related_name="segments")
    position = models.PositiveIntegerField()
    start = models.FloatField()
    end = models.FloatField()
    speaker = models.CharField(max_length=64, blank=True)
    text = models.TextField()
    words = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["position"]
        indexes = [models.Index(fields=["transcript", "position"])]

    def __str__(self):
        return f"{self.start:.1f}–{self.end:.1f} {self.text[:40]}"
