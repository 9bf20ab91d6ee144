import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from wagtail.users.models import UserProfile

from archive.ingest.models import Interview
from archive.ingest.store import ingest_recording
from archive.transcription.editing import apply_edit, editor_segments
from archive.transcription.engines import get_engine
from archive.transcription.jobs import (
    cancel_job,
    detection_languages,
    recover_stale_jobs,
    retry_job,
    run_job,
    start_job,
)
from archive.transcription.models import JobStatus, Transcript, TranscriptionJob

from ..conftest import replace_stored_plaintext
from .conftest import word_error_rate

pytestmark = pytest.mark.django_db
DUMMY_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture
def recording(speech_es):
    return ingest_recording(speech_es, interview=Interview(title="t", narrator_legal_name="N"))


def test_a_job_runs_to_a_saved_versioned_transcript(recording, editor):
    job = start_job(recording, user=editor)
    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    assert job.progress == 1.0
    assert job.attempts == 1
    transcript = job.transcripts.get()
    assert (transcript.version, transcript.language, transcript.is_complete) == (1, "es", True)
    assert transcript.engine == "faster-whisper"
    assert transcript.model == "base (packaged)"
    assert word_error_rate(transcript.text, "es") < 0.35
    segments = list(transcript.segments.all())
    assert [s.position for s in segments] == list(range(len(segments)))
    assert all(len(word) == 4 for s in segments for word in s.words)
    assert transcript.revisions.count() == 1


def test_rerunning_makes_a_new_version_and_keeps_human_edits(recording, editor):
    first = start_job(recording).transcripts.get()
    document = {"segments": [{**segment, "speaker": "Luz"} for segment in editor_segments(first)]}
    document["segments"][0]["text"] = "Texto corregido por una editora."
    apply_edit(first, document, editor)

    second = start_job(recording, engine="openai-whisper").transcripts.get()
    assert second.version == 2
    assert second.engine == "openai-whisper"
    first.refresh_from_db()
    assert first.segments.first().text == "Texto corregido por una editora."
    assert set(first.segments.values_list("speaker", flat=True)) == {"Luz"}
    assert first.revisions.count() == 2


def test_translation_is_linked_to_its_original(recording):
    job = start_job(recording, then_translate=True)
    original = job.transcripts.get()
    translation = original.translations.get()
    assert translation.task == "translate"
    assert translation.language == "en"
    assert "santa ana" in translation.text.lower()


def test_corrupt_audio_fails_with_a_clear_message(recording):
    replace_stored_plaintext(recording, b"OggS" + b"\x00garbage" * 500)
    job = start_job(recording)
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert "could not be decoded" in job.error
    assert "Traceback" not in job.error


def test_a_failed_job_speaks_the_language_of_whoever_started_it(recording, editor):
    """The recording panel shows the job's error to the editor who started it, in the language
    they chose for the admin; the CLI and other requesters keep English."""
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "es"
    profile.save()
    replace_stored_plaintext(recording, b"OggS" + b"\x00garbage" * 500)
    job = start_job(recording, user=editor)
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert job.error.startswith("No se pudo decodificar la grabación"), job.error


def test_a_missing_model_fails_the_job_with_what_to_do(recording, tmp_path):
    job = start_job(recording, model=str(tmp_path / "nowhere"))
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert "No model at" in job.error


@override_settings(TASKS=DUMMY_TASKS)
@pytest.mark.parametrize(
    ("listed", "language"), [(["es-MX"], "es"), (["es", "en"], ""), (["nah"], ""), ([], "")]
)
def test_a_job_transcribes_in_the_one_language_the_interview_lists(recording, listed, language):
    """Whisper's own guess at the language can go wrong and garble every word; the reporter
    already said which language was spoken. Two languages, or one Whisper does not know
    (Nahuatl), are left to its detection; a language named for the job wins."""
    recording.interview.languages = listed
    recording.interview.save()
    assert start_job(recording).language == language
    assert start_job(recording, language="en").language == "en"


@pytest.mark.parametrize(
    ("listed", "among"),
    [
        ([], ("it", "en")),
        (["es-MX", "en", "es"], ("es", "en")),
        (["nah"], ()),
        (["nah", "es"], ("es",)),
    ],
)
def test_detection_keeps_to_the_interviews_languages_or_else_the_archives(listed, among, settings):
    """Two languages in the record: Whisper chooses between them. None: among the archive's.
    Only languages Whisper does not know (Nahuatl): it may choose any, since the record says
    nothing about which of its own it should use."""
    settings.TESTIMONIO_TRANSCRIPTION_LANGUAGES = ["it", "en-GB", "xx"]
    assert detection_languages(listed, get_engine("faster-whisper")) == among


def test_a_job_keeps_to_the_archives_languages_and_tells_the_editor_what_it_passed_over(
    recording, editor, settings
):
    """A Spanish recording in an archive whose languages leave Spanish out: the transcript
    keeps to them, and the finished job tells the editor, in their admin language, that Whisper
    heard Spanish and what to do about it."""
    settings.TESTIMONIO_TRANSCRIPTION_LANGUAGES = ["en", "it"]
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "es"
    profile.save()
    job = start_job(recording, user=editor)
    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    assert job.transcripts.get().language in ("en", "it")
    assert "español (es)" in job.notice.lower(), job.notice
    assert "registro de la entrevista" in job.notice, job.notice

    recording.interview.languages = ["it", "es"]
    recording.interview.save()
    job = start_job(recording)
    job.refresh_from_db()
    assert job.transcripts.get().language == "es"
    assert "Spanish" not in job.notice


@override_settings(TASKS=DUMMY_TASKS)
def test_a_cancelled_job_does_not_run(recording):
    job = start_job(recording)
    assert job.status == JobStatus.QUEUED
    assert cancel_job(job)
    run_job(job.pk)
    job.refresh_from_db()
    assert job.status == JobStatus.CANCELLED
    assert not Transcript.objects.exists()


@override_settings(TASKS=DUMMY_TASKS)
def test_retry_resumes_after_the_segments_already_saved(recording):
    job = start_job(recording)
    run_job(job.pk)
    transcript = job.transcripts.get()
    kept = list(transcript.segments.all()[:1])
    transcript.segments.exclude(pk=kept[0].pk).delete()
    TranscriptionJob.objects.filter(pk=job.pk).update(status=JobStatus.FAILED)

    assert retry_job(job)
    run_job(job.pk)
    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    assert job.attempts == 2
    segments = list(job.transcripts.get().segments.all())
    assert segments[0].pk == kept[0].pk, "work already done is not redone or lost"
    assert len(segments) > 1
    assert segments[1].start >= kept[0].end - 0.01


@override_settings(TASKS=DUMMY_TASKS, TESTIMONIO_TRANSCRIPTION_STALE_SECONDS=0)
def test_a_job_whose_worker_vanished_is_queued_again(recording):
    from django.utils import timezone

    job = start_job(recording)
    TranscriptionJob.objects.filter(pk=job.pk).update(
        status=JobStatus.RUNNING, heartbeat_at=timezone.now() - timezone.timedelta(minutes=5)
    )
    assert recover_stale_jobs() == 1
    job.refresh_from_db()
    assert job.status == JobStatus.QUEUED
    run_job(job.pk)
    job.refresh_from_db()
    assert job.status == JobStatus.DONE


def test_cli_waits_and_prints_json(recording):
    out = StringIO()
    call_command("transcribe", recording.pk, "--wait", "--json", "--language", "es", stdout=out)
    result = json.loads(out.getvalue())
    transcript = Transcript.objects.get(pk=result["transcript"])
    assert result["language"] == "es"
    assert abs(result["duration"] - recording.duration_seconds) < 0.5
    assert result["text"] == transcript.text


def test_cli_fails_loudly_on_a_failed_job(recording):
    replace_stored_plaintext(recording, b"not audio")
    with pytest.raises(CommandError, match="failed: The recording could not be decoded"):
        call_command("transcribe", recording.pk, "--wait", stdout=StringIO())


def test_cli_refuses_unknown_recordings_and_engines(recording):
    with pytest.raises(CommandError, match="No recording 999"):
        call_command("transcribe", 999)
    with pytest.raises(CommandError):
        call_command("transcribe", recording.pk, "--engine", "cloud-whisper")


def test_an_unknown_engine_writes_no_job(recording):
    with pytest.raises(ValueError, match="Unknown engine"):
        start_job(recording, engine="cloud-whisper")
    assert not TranscriptionJob.objects.exists()
