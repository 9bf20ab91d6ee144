from django_tasks import task


@task(queue_name="transcription")
def transcribe_recording(job_id):
    from .jobs import run_job

    run_job(job_id)
