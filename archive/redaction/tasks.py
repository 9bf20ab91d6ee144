from django.conf import settings
from django.utils import translation
from django_tasks import task

from archive.workers.registry import claimed


@task(queue_name="media")
def prepare_redacted_media(interview_id, alter_voice, language=None):
    """Render and listen to an interview's derivatives. What the listening check writes for
    people (its error, "a number" heard) is in `language`, the admin language of the editor who
    asked, who reads it on the redaction page; None: the site's."""
    from archive.ingest.models import Interview

    from .derivatives import prepare_interview

    with (
        claimed(prepare_redacted_media, interview_id, alter_voice, language),
        translation.override(language or settings.LANGUAGE_CODE),
    ):
        interview = Interview.objects.filter(pk=interview_id).first()
        if interview is not None:
            prepare_interview(interview, alter_voice)
