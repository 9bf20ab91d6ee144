"""The private record of an interview: who was interviewed, and the original files.

Nothing here is ever shown to the public. Public pages link to an Interview but render only
what the publication gate allows (see archive.testimonies).
"""

import uuid

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.utils.functional import LazyObject
from django.utils.translation import gettext_lazy as _
from wagtail.models import RevisionMixin
from wagtail.search import index

from . import encryption
from .dates import DatePrecision, format_partial_date


class PrivateStorage(LazyObject):
    """STORAGES["private"]: a local folder outside MEDIA_ROOT with no base URL, or a private
    bucket (objects.py); no URL to it is ever given out. Looked up when first used, and again
    after the setting changes (signal_handlers.py), since a FileField keeps its storage object
    for as long as the process runs."""

    def _setup(self):
        self._wrapped = storages["private"]


PRIVATE_STORAGE = PrivateStorage()


def private_storage():
    return PRIVATE_STORAGE


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
        verbose_name=_("reporter"),
    )
    interview_place = models.CharField(_("interview place"), max_length=255, blank=True)
    interview_date = models.DateField(_("interview date"), null=True, blank=True)
    interview_date_precision = models.CharField(
        _("interview date precision"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    languages = models.JSONField(
        _("languages"),
        default=list,
        blank=True,
        help_text=_("Language codes spoken in the interview, such as es or en."),
    )
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

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


class DataKey(models.Model):
    """An interview's own key for its originals and signed consent form, kept only wrapped by
    the master key (see encryption.py). Deleting it makes every copy of those files unreadable."""

    interview = models.OneToOneField(Interview, on_delete=models.CASCADE, related_name="data_key")
    wrapped = models.BinaryField(editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"data key of interview {self.interview_id}"

    @classmethod
    def new(cls, interview):
        key, wrapped = encryption.new_data_key()
        data_key = cls(interview=interview, wrapped=wrapped)
        data_key._key = key
        return data_key

    def key(self):
        if not hasattr(self, "_key"):
            self._key = encryption.unwrap(self.wrapped)
        return self._key


def data_key_for(interview):
    """The interview's key; a new, unsaved one if it has none yet (saved with its first file)."""
    existing = DataKey.objects.filter(interview=interview).first() if interview.pk else None
    return existing or DataKey.new(interview)


def open_decrypted(field_file, interview):
    """A seekable reader of a private file's plaintext."""
    try:
        data_key = DataKey.objects.get(interview=interview)
    except DataKey.DoesNotExist as error:
        raise encryption.EncryptionError(
            "This interview has no data key (it was erased), so its files cannot be read."
        ) from error
    from .objects import open_stored

    return encryption.DecryptingReader(
        open_stored(field_file.name), data_key.key(), field_file.name
    )


def original_path(instance, filename):
    """A random name: neither the name a person gave nor the content's hash (which would let
    anyone holding a copy confirm it is here) reaches the disk."""
    token = uuid.uuid4().hex
    return f"{instance.ORIGINALS_DIR}/{token[:2]}/{token}.enc"


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

    def open_decrypted(self):
        return open_decrypted(self.file, self.interview)


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
        verbose_name = _("recording")
        verbose_name_plural = _("recordings")

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
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self):
        return f"{self.interview} — photo {self.pk}"
