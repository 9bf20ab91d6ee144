"""Withdrawn consent takes a testimony down everywhere at once: its pages are unpublished and
leave the search index, any review in progress is cancelled, and the redacted derivatives the
public was served are deleted. Private records stay (see `manage.py erase` for those)."""

from django.dispatch import receiver
from wagtail.log_actions import log
from wagtail.search.index import remove_object

from archive.consent.signals import consent_withdrawn
from archive.redaction.models import RedactedAudio, RedactedPhoto


def delete_derivatives(interview):
    audio = RedactedAudio.objects.filter(recording__interview=interview)
    photos = RedactedPhoto.objects.filter(photo__interview=interview)
    removed = 0
    for derivative in [*audio, *photos]:
        derivative.file.delete(save=False)
        removed += 1
    audio.delete()
    photos.delete()
    return removed


def take_down(interview, user=None):
    pages = []
    for page in interview.testimony_pages.all():
        if workflow_state := page.current_workflow_state:
            workflow_state.cancel(user=user)
        if page.live:
            page.unpublish(user=user, log_action="wagtail.unpublish")
        remove_object(page)
        pages.append(page.pk)
    return pages


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
