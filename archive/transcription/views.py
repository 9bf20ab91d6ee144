import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from archive.ingest.models import Recording
from archive.ingest.panels import recordings_tab_url

from .diarization import MAX_GIVEN_SPEAKERS
from .editing import InvalidEdit, apply_edit, editor_segments, rename_speakers, speakers_of
from .engines import engine_names
from .jobs import cancel_job, recover_stale_jobs, retry_job, start_job
from .models import LOW_CONFIDENCE, Transcript, TranscriptionJob


def require(request, permission):
    if not request.user.has_perm(permission):
        raise PermissionDenied


@require_POST
def start(request, recording_id):
    require(request, "transcription.add_transcriptionjob")
    recording = get_object_or_404(Recording, pk=recording_id)
    prefix = f"transcription-{recording.pk}-"
    engine = request.POST.get(prefix + "engine") or None
    if engine is not None and engine not in engine_names():
        messages.error(request, _("Unknown engine."))
        return redirect(recordings_tab_url(recording.interview_id))
    diarize = bool(request.POST.get(prefix + "diarize"))
    speakers = request.POST.get(prefix + "speakers", "").strip()
    if speakers and not (speakers.isdigit() and 2 <= int(speakers) <= MAX_GIVEN_SPEAKERS):
        messages.error(
            request,
            _("The number of speakers must be from 2 to %(most)s, or empty to estimate it.")
            % {"most": MAX_GIVEN_SPEAKERS},
        )
        return redirect(recordings_tab_url(recording.interview_id))
    start_job(
        recording,
        engine=engine,
        language=request.POST.get(prefix + "language", "").strip().lower()[:16],
        then_translate=bool(request.POST.get(prefix + "translate")),
        diarize=diarize,
        speakers=int(speakers) if speakers and diarize else None,
        user=request.user,
    )
    messages.success(request, _("Transcription queued. Progress shows below."))
    return redirect(recordings_tab_url(recording.interview_id))


def _change_job(request, job_id, change, done_message):
    require(request, "transcription.change_transcriptionjob")
    job = get_object_or_404(TranscriptionJob.objects.select_related("recording"), pk=job_id)
    if change(job, request.user):
        messages.success(request, done_message)
    return redirect(recordings_tab_url(job.recording.interview_id))


@require_POST
def cancel(request, job_id):
    return _change_job(
        request, job_id, cancel_job, _("Transcription cancelled; what it had written is kept.")
    )


@require_POST
def retry(request, job_id):
    return _change_job(
        request, job_id, retry_job, _("Transcription queued again; it resumes where it stopped.")
    )


def progress(request, job_id):
    require(request, "transcription.view_transcriptionjob")
    recover_stale_jobs()
    job = get_object_or_404(TranscriptionJob, pk=job_id)
    transcript = job.transcripts.first()
    return JsonResponse(
        {
            "status": job.status,
            "status_label": job.get_status_display(),
            "progress": round(job.progress, 4),
            "processed_seconds": round(job.processed_seconds, 1),
            "duration_seconds": round(job.duration_seconds, 1),
            "error": job.error,
            "notice": job.notice,
            "transcript_url": reverse("transcription_editor", args=[transcript.pk])
            if transcript and job.status == "done"
            else None,
        },
        headers={"Cache-Control": "no-store, private"},
    )


def editor(request, transcript_id):
    require(request, "transcription.view_transcript")
    transcript = get_object_or_404(
        Transcript.objects.select_related("recording__interview"), pk=transcript_id
    )
    segments = editor_segments(transcript)
    latest = transcript.latest_revision
    return TemplateResponse(
        request,
        "transcription/editor.html",
        {
            "transcript": transcript,
            "recording": transcript.recording,
            "interview": transcript.recording.interview,
            "editor_data": {
                "segments": segments,
                "save_url": reverse("transcription_save", args=[transcript.pk]),
                "revision": latest.pk if latest else None,
                "can_edit": request.user.has_perm("transcription.change_transcript"),
                "low_confidence": LOW_CONFIDENCE,
                "corrected": transcript.corrected,
            },
            "back_url": recordings_tab_url(transcript.recording.interview_id),
            "subtitle": _("%(kind)s v%(version)s (%(language)s)")
            % {
                "kind": _("English translation")
                if transcript.task == "translate"
                else _("Transcript"),
                "version": transcript.version,
                "language": transcript.language or "?",
            },
            "translations": transcript.translations.all(),
            "speakers": speakers_of(transcript),
            "speaker_suggestions": [
                _("Interviewer"),
                transcript.recording.interview.narrator_display_name,
            ],
        },
    )


@require_POST
def rename(request, transcript_id):
    """Name each speaker once: every turn of "Speaker 1" becomes "Interviewer", and so on."""
    require(request, "transcription.change_transcript")
    transcript = get_object_or_404(Transcript.objects.select_related("recording"), pk=transcript_id)
    editor_page = reverse("transcription_editor", args=[transcript.pk])
    latest = transcript.latest_revision
    if latest and request.POST.get("revision") != str(latest.pk):
        messages.error(
            request,
            _("Someone saved this transcript after you opened it; the speakers were not renamed."),
        )
        return redirect(editor_page)
    if not transcript.is_complete:
        messages.error(request, _("The machine is still writing this transcript."))
        return redirect(editor_page)
    labels = speakers_of(transcript)
    names = {
        label: request.POST.get(f"speaker-{number}", "")
        for number, label in enumerate(labels, start=1)
    }
    if rename_speakers(transcript, names, request.user):
        messages.success(request, _("Speakers renamed throughout the transcript."))
    return redirect(editor_page)


@require_POST
def save(request, transcript_id):
    if not request.user.has_perm("transcription.change_transcript"):
        return JsonResponse(
            {"error": _("You may read this transcript but not edit it.")}, status=403
        )
    transcript = get_object_or_404(Transcript.objects.select_related("recording"), pk=transcript_id)
    try:
        document = json.loads(request.body)
    except (UnicodeDecodeError, json.JSONDecodeError):
        return JsonResponse({"error": _("The editor sent something unreadable.")}, status=400)
    latest = transcript.latest_revision
    if latest and document.get("revision") not in (None, latest.pk):
        return JsonResponse(
            {
                "error": _(
                    "Someone saved this transcript after you opened it. Copy your changes, "
                    "reload, and apply them again."
                )
            },
            status=409,
        )
    if not transcript.is_complete:
        return JsonResponse(
            {"error": _("The machine is still writing this transcript.")}, status=409
        )
    try:
        revision = apply_edit(transcript, document, request.user)
    except InvalidEdit as error:
        return JsonResponse({"error": str(error)}, status=400)
    return JsonResponse(
        {
            "revision": revision.pk,
            "saved_at": revision.created_at.isoformat(),
            "segments": list(
                transcript.segments.values("id", "start", "end", "speaker", "text", "words")
            ),
        }
    )
