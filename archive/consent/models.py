"""What a narrator agreed to, as data every published part is checked against.

A record is never deleted: each change is a revision, a withdrawal is a change like any other,
and only `manage.py erase` (on the narrator's request) clears the personal data in it.
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import RevisionMixin

from archive.ingest.fields import EncryptedFileField
from archive.ingest.models import Interview

from .signals import consent_withdrawn


class ConsentMethod(models.TextChoices):
    SIGNED = "signed", _("Signed form")
    VERBAL = "verbal", _("Verbal, in the recording")


class NameShown(models.TextChoices):
    LEGAL = "legal", _("Legal name")
    PSEUDONYM = "pseudonym", _("Pseudonym")
    ANONYMOUS = "anonymous", _("Anonymous")


class Part(models.TextChoices):
    """The parts of a testimony that can be published, each under its own scope."""

    TRANSCRIPT = "transcript", _("transcript")
    AUDIO = "audio", _("audio")
    PHOTOS = "photos", _("photos")


WITHDRAWAL_IS_FINAL = _(
    "A withdrawal cannot be undone. Publishing again needs the narrator's new consent and a new "
    "review by an editor."
)


def signed_form_path(instance, filename):
    """A random name: the narrator's name, often in a scan's file name, never reaches the disk."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"consent/{uuid.uuid4().hex}.{extension[:8]}"


class ConsentRecord(RevisionMixin, models.Model):
    interview = models.OneToOneField(
        Interview, on_delete=models.PROTECT, related_name="consent", verbose_name=_("interview")
    )
    method = models.CharField(_("how consent was given"), max_length=8, choices=ConsentMethod)
    signed_form = EncryptedFileField(
        _("signed form"),
        upload_to=signed_form_path,
        blank=True,
        max_length=255,
        help_text=_("A scan or photo of the signed form. Kept private."),
    )
    verbal_at_seconds = models.FloatField(
        _("verbal consent at (seconds)"),
        null=True,
        blank=True,
        help_text=_("Where in the recording the narrator gives consent."),
    )
    given_on = models.DateField(_("date given"))
    witness = models.CharField(_("witness"), max_length=255, blank=True)
    form_language = models.CharField(_("language of the form"), max_length=16, blank=True)

    publish_transcript = models.BooleanField(_("publish the transcript"), default=False)
    publish_audio = models.BooleanField(_("publish the audio"), default=False)
    publish_photos = models.BooleanField(_("publish the photos"), default=False)
    name_shown = models.CharField(
        _("name shown"), max_length=10, choices=NameShown, default=NameShown.ANONYMOUS
    )
    voice_alteration_required = models.BooleanField(_("voice must be altered"), default=False)
    translation_allowed = models.BooleanField(_("translation may be published"), default=False)
    embargo_until = models.DateField(
        _("embargoed until"), null=True, blank=True, help_text=_("Nothing is public before it.")
    )
    expires_on = models.DateField(
        _("expires on"), null=True, blank=True, help_text=_("Nothing is public from this day.")
    )
    restrictions = models.TextField(_("restrictions"), blank=True)

    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    withdrawn_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("withdrawal recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    withdrawal_reason = models.TextField(_("reason for withdrawal"), blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")
        ordering = ["-updated_at"]
        permissions = [("change_consent_scope", _("Can change what a consent record allows"))]

    def __str__(self):
        return _("Consent for %(interview)s") % {"interview": self.interview}

    def save(self, *args, **kwargs):
        if self._undoes_withdrawal():
            raise ValidationError(WITHDRAWAL_IS_FINAL)
        newly_withdrawn = self.is_withdrawn and not (
            self.pk
            and ConsentRecord.objects.filter(pk=self.pk, withdrawn_on__isnull=False).exists()
        )
        new_form = bool(self.signed_form) and not self.signed_form._committed
        try:
            super().save(*args, **kwargs)
        except BaseException:
            # The form is written to disk just before the row; a row that is not saved must not
            # leave a file that no record names.
            if new_form and self.signed_form._committed:
                self.signed_form.storage.delete(self.signed_form.name)
            raise
        if newly_withdrawn:
            # Sent inside the saving transaction: the takedown stands or falls with the record.
            consent_withdrawn.send(
                sender=ConsentRecord, consent=self, user=self.withdrawn_recorded_by
            )

    def delete(self, *args, **kwargs):
        raise ValidationError(_("Consent records are never deleted. Record a withdrawal instead."))

    def _undoes_withdrawal(self):
        return bool(
            self.pk
            and not self.is_withdrawn
            and ConsentRecord.objects.filter(pk=self.pk, withdrawn_on__isnull=False).exists()
        )

    def clean(self):
        super().clean()
        if self.method == ConsentMethod.SIGNED and not self.signed_form:
            raise ValidationError({"signed_form": _("Upload the signed form.")})
        if self.method == ConsentMethod.VERBAL and self.verbal_at_seconds is None:
            raise ValidationError(
                {"verbal_at_seconds": _("Say where in the recording consent is given.")}
            )
        if self.embargo_until and self.expires_on and self.expires_on <= self.embargo_until:
            raise ValidationError(
                {"expires_on": _("Consent would expire before the embargo ends.")}
            )
        if self._undoes_withdrawal():
            raise ValidationError({"withdrawn_on": WITHDRAWAL_IS_FINAL})
        if self.withdrawn_on and not self.withdrawal_reason.strip():
            raise ValidationError({"withdrawal_reason": _("Record why consent was withdrawn.")})

    @property
    def is_withdrawn(self):
        return self.withdrawn_on is not None

    def allows(self, part):
        return {
            Part.TRANSCRIPT: self.publish_transcript,
            Part.AUDIO: self.publish_audio,
            Part.PHOTOS: self.publish_photos,
        }[part]

    def problems(self, today=None):
        """Why nothing may be public under this record today; empty when it is in force."""
        today = today or timezone.localdate()
        found = []
        if self.is_withdrawn:
            found.append(_("Consent was withdrawn on %(date)s.") % {"date": self.withdrawn_on})
        if self.embargo_until and today < self.embargo_until:
            found.append(_("Embargoed until %(date)s.") % {"date": self.embargo_until})
        if self.expires_on and today >= self.expires_on:
            found.append(_("Consent expired on %(date)s.") % {"date": self.expires_on})
        if not any(self.allows(part) for part in Part):
            found.append(_("The narrator consented to publishing no part of the testimony."))
        return found

    @property
    def allowed_parts(self):
        return [part for part in Part if self.allows(part)]
