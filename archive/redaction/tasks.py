from django_tasks import task

from archive.workers.registry import claimed


@task(queue_name="media")
def prepare_redacted_media(interview_id, alter_voice):
    from archive.ingest.models import Interview

    from .derivatives import prepare_interview

    with claimed(prepare_redacted_media, interview_id, alter_voice):
        interview = Interview.objects.filter(pk=interview_id).first()
        if interview is not None:
            prepare_interview(interview, alter_voice)
