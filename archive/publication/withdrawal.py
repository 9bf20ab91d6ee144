"""Taking testimonies down. Withdrawn consent takes a testimony down everywhere at once: its
publications end (their segments leave search and the database), its pages are unpublished and
leave the search index, any review in progress is cancelled, and the redacted derivatives the
public was served are deleted. Private records stay (see `manage.py erase` for those).

Something newly redacted (an accepted span, a photo rectangle), or an editor's "take down until
reviewed", ends the publications too and unpublishes the pages, but keeps the review going: a
new approval publishes again."""

from wagtail.log_actions import log
from wagtail.search.index import remove_object

from archive.redaction.models import RedactedAudio, RedactedPhoto

from .approval import end_publications
from .models import EndReason, Publication


def delete_derivatives(interview):
    audio = RedactedAudio.objects.filter(recording__interview=interview)
    photos = RedactedPhoto.objects.filter(photo__interview=interview)
    removed = 0
    for derivative in [*audio, *photos]:
        for file in derivative.files():
            file.delete(save=False)
        removed += 1
    audio.delete()
    photos.delete()
    return removed


def unpublish(pages, user=None):
    for page in pages:
        if page.live:
            page.unpublish(user=user, log_action="wagtail.unpublish")


def take_down_until_reviewed(publications, reason, user=None):
    """End these publications and unpublish their pages; returns the pages' ids."""
    ended = end_publications(publications, reason, user)
    pages = {publication.page for publication in ended}
    unpublish(pages, user)
    for page in pages:
        log(instance=page, action="testimonio.taken_down", user=user, data={"reason": reason})
    return sorted(page.pk for page in pages)


def take_down(interview, user=None, reason=EndReason.WITHDRAWN):
    end_publications(Publication.objects.filter(interview=interview), reason, user)
    pages = []
    for page in interview.testimony_pages.all():
        if workflow_state := page.current_workflow_state:
            workflow_state.cancel(user=user)
        unpublish([page], user)
        remove_object(page)
        pages.append(page.pk)
    return pages
