from django_tasks import task
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult


@task()
def prepare_redacted_media(interview_id, alter_voice):
    from archive.ingest.models import Interview

    from .derivatives import prepare_interview

    interview = Interview.objects.filter(pk=interview_id).first()
    if interview is not None:
        prepare_interview(interview, alter_voice)


def requeue_interrupted_preparations():
    """Preparations whose worker died are marked failed and queued again. Run only before
    workers start: a preparation that is running then has no live worker."""
    interrupted = DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING, task_path=prepare_redacted_media.module_path
    )
    count = 0
    for result in interrupted:
        result.set_failed(RuntimeError("The worker stopped during this task; it was queued again."))
        prepare_redacted_media.enqueue(*result.args_kwargs["args"], **result.args_kwargs["kwargs"])
        count += 1
    return count
