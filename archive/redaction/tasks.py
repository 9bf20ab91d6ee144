from django_tasks import task


@task()
def prepare_redacted_media(interview_id, alter_voice):
    from archive.ingest.models import Interview

    from .derivatives import prepare_interview

    interview = Interview.objects.filter(pk=interview_id).first()
    if interview is not None:
        prepare_interview(interview, alter_voice)
