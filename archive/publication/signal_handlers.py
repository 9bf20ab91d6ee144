"""Transitions that take something away from the public take effect in the same transaction."""

from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.log_actions import log

from archive.consent.signals import consent_withdrawn
from archive.redaction.models import PhotoRedaction, RedactionSpan, SpanStatus
from archive.redaction.signals import spans_accepted

from .models import EndReason, Publication
from .withdrawal import delete_derivatives, take_down, take_down_until_reviewed


@receiver(consent_withdrawn)
def on_consent_withdrawn(sender, consent, user=None, **kwargs):
    pages = take_down(consent.interview, user)
    removed = delete_derivatives(consent.interview)
    log(
        instance=consent,
        action="testimonio.consent_withdrawn",
        user=user,
        data={"pages_unpublished": pages, "derivatives_deleted": removed},
    )


def _newly_redacted(interview_id, user=None):
    take_down_until_reviewed(
        Publication.objects.filter(interview_id=interview_id), EndReason.REDACTION, user
    )


@receiver(spans_accepted)
def on_spans_accepted(sender, interview_id, **kwargs):
    _newly_redacted(interview_id)


@receiver(post_save, sender=RedactionSpan)
def on_span_saved(sender, instance, **kwargs):
    if instance.status == SpanStatus.ACCEPTED:
        _newly_redacted(instance.transcript.recording.interview_id, instance.decided_by)


@receiver(post_save, sender=PhotoRedaction)
def on_rectangle_saved(sender, instance, **kwargs):
    _newly_redacted(instance.photo.interview_id, instance.created_by)
