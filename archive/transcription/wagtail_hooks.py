from django.conf import settings
from django.template.loader import render_to_string
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from . import views
from .diarization import MAX_GIVEN_SPEAKERS
from .engines import engine_names, get_engine
from .jobs import detection_languages, interview_language, recover_stale_jobs, resend_lost_jobs
from .models import Transcript


@hooks.register("register_admin_urls")
def register_transcription_urls():
    return [
        path(
            "transcription/recordings/<int:recording_id>/start/",
            views.start,
            name="transcription_start",
        ),
        path("transcription/jobs/<int:job_id>/cancel/", views.cancel, name="transcription_cancel"),
        path("transcription/jobs/<int:job_id>/retry/", views.retry, name="transcription_retry"),
        path(
            "transcription/jobs/<int:job_id>/progress/",
            views.progress,
            name="transcription_progress",
        ),
        path(
            "transcription/transcripts/<int:transcript_id>/",
            views.editor,
            name="transcription_editor",
        ),
        path(
            "transcription/transcripts/<int:transcript_id>/save/",
            views.save,
            name="transcription_save",
        ),
        path(
            "transcription/transcripts/<int:transcript_id>/speakers/",
            views.rename,
            name="transcription_rename_speakers",
        ),
    ]


@hooks.register("ingest_recording_panel")
def transcription_panel(request, recording):
    if not request.user.has_perm("transcription.view_transcriptionjob"):
        return ""
    default_engine = get_engine(settings.TESTIMONIO_TRANSCRIPTION_ENGINE)
    return render_to_string(
        "transcription/recording_panel.html",
        {
            "recording": recording,
            "jobs": recording.transcription_jobs.all()[:5],
            "transcripts": Transcript.objects.filter(recording=recording).select_related("job"),
            "engines": [get_engine(name) for name in engine_names()],
            "interview_language": interview_language(recording, default_engine),
            "detect_among": detection_languages(recording.interview.languages, default_engine),
            "diarize_by_default": recording.duration_seconds
            > settings.TESTIMONIO_DIARIZE_LONGER_THAN,
            "max_speakers": MAX_GIVEN_SPEAKERS,
            "can_start": request.user.has_perm("transcription.add_transcriptionjob"),
            "can_manage": request.user.has_perm("transcription.change_transcriptionjob"),
        },
        request=request,
    )


@hooks.register("register_log_actions")
def register_transcription_log_actions(actions):
    actions.register_action(
        "testimonio.transcription_cancelled",
        _("Cancel transcription"),
        _("Cancelled a transcription"),
    )


@hooks.register("recover_interrupted_work")
def requeue_stale_jobs(**options):
    return (
        f"{recover_stale_jobs()} stale transcription job(s) queued again, "
        f"{resend_lost_jobs()} lost from the queue sent again"
    )


@hooks.register("resend_lost_work")
def resend_jobs_lost_from_the_queue():
    return resend_lost_jobs()
