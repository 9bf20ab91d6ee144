"""The private record of an interview: who was interviewed, and the original files.

Nothing here is ever shown to the public. Public pages link to an Interview but render only
what the publication gate allows (see archive.testimonies).
"""

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import RevisionMixin
from wagtail.search import index

from .dates import DatePrecision, format_partial_date


def private_storage():
    """The storage for originals: outside MEDIA_ROOT and with no base URL, so no URL exists."""
    return storages["private"]


def initials(name):
    parts = [part for part in name.replace("-", " ").split() if part[:1].isalpha()]
    return "".join(f"{part[0].upper()}." for part in parts) or "—"


class Interview(RevisionMixin, index.Indexed, models.Model):
    title = models.CharField(_("working title"), max_length=255)
    narrator_legal_name = models.CharField(
        _("narrator's legal name"),
        max_length=255,
        help_text=_("Private. Never shown to the public unless the narrator's consent allows."),
    )
    narrator_display_name = models.CharField(
        _("narrator's public name"),
        max_length=255,
        blank=True,
        help_text=_("A pseudonym or first name. Defaults to the legal name's initials."),
    )
    narrator_contact = models.TextField(_("narrator's contact details"), blank=True)
    other_names = models.JSONField(
        _("other names mentioned"),
        default=list,
        blank=True,
        help_text=_(
            "Family members and other people the narrator names, one per line. "
            "Used to suggest redactions."
        ),
    )
    places = models.JSONField(
        _("places mentioned"),
        default=list,
        blank=True,
        help_text=_("Towns, streets, workplaces the narrator names, one per line."),
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="interviews",
    )
    interview_place = models.CharField(_("interview place"), max_length=255, blank=True)
    interview_date = models.DateField(_("interview date"), null=True, blank=True)
    interview_date_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    languages = models.JSONField(
        _("languages"),
        default=list,
        blank=True,
        help_text=_("Language codes spoken in the interview, such as es or en."),
    )
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    search_fields = [
        index.SearchField("title"),
        index.AutocompleteField("title"),
        index.SearchField("narrator_display_name"),
        index.FilterField("reporter"),
    ]

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("interview")
        verbose_name_plural = _("interviews")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.narrator_display_name:
            self.narrator_display_name = initials(self.narrator_legal_name)
        super().save(*args, **kwargs)

    @property
    def interview_date_display(self):
        return format_partial_date(self.interview_date, self.interview_date_precision)


def original_path(instance, filename):
    """Stored under the content hash: the file name a person gave never reaches the disk."""
    digest = instance.sha256
    return f"{instance.ORIGINALS_DIR}/{digest[:2]}/{digest}.{instance.extension}"


class OriginalFile(models.Model):
    """A file kept byte for byte, with the hash that proves it is unchanged."""

    file = models.FileField(storage=private_storage, upload_to=original_path, max_length=255)
    original_filename = models.CharField(max_length=255, blank=True)
    extension = models.CharField(max_length=10)
    sha256 = models.CharField(max_length=64, unique=True, editable=False)
    size_bytes = models.BigIntegerField(editable=False)
    ingested_at = models.DateTimeField(auto_now_add=True)
    ingested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        abstract = True


class Recording(OriginalFile):
    ORIGINALS_DIR = "recordings"

    interview = models.ForeignKey(Interview, on_delete=models.PROTECT, related_name="recordings")
    duration_seconds = models.FloatField()
    container_format = models.CharField(max_length=64)
    codec = models.CharField(max_length=64)
    sample_rate = models.PositiveIntegerField()
    channels = models.PositiveSmallIntegerField()
    has_video = models.BooleanField(default=False)

    class Meta:
        ordering = ["ingested_at", "pk"]

    def __str__(self):
        return f"{self.interview} — recording {self.pk}"


class Photo(OriginalFile):
    ORIGINALS_DIR = "photos"

    interview = models.ForeignKey(Interview, on_delete=models.PROTECT, related_name="photos")
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    format = models.CharField(max_length=16)
    caption = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["ingested_at", "pk"]

    def __str__(self):
        return f"{self.interview} — photo {self.pk}"
