"""Speech with no words under it: the voice detector's stretches are kept with each machine
transcript, and wherever the transcript has no words over them, redaction asks for a listen.
Real Whisper and the real Silero detector on the Spanish demo recording."""

import pytest

from archive.ingest.models import Interview
from archive.ingest.store import ingest_recording
from archive.redaction.models import SpanStatus
from archive.redaction.render import redaction_ranges
from archive.redaction.spans import decide, words_of
from archive.transcription.editing import apply_edit, editor_segments
from archive.transcription.jobs import start_job

from ..conftest import DEMO_AUDIO
from .test_render import settings_with

pytestmark = pytest.mark.django_db


@pytest.fixture
def transcript(editor):
    interview = Interview.objects.create(title="t", narrator_legal_name="N")
    recording = ingest_recording(DEMO_AUDIO / "demo-es.ogg", interview=interview)
    return start_job(recording, user=editor).transcripts.get()


def test_a_machine_transcript_keeps_where_speech_was_heard(transcript):
    assert transcript.speech, "the voice detector heard nothing in a spoken recording"
    words = words_of(transcript)
    heard = sum(end - start for start, end in transcript.speech)
    assert heard > 0.5 * (words[-1].end - words[0].start)
    # Whisper wrote everything it heard: nothing to listen to yet.
    assert not transcript.redactions.filter(source="unheard").exists()


def test_speech_left_without_words_is_suggested_and_silenced_once_accepted(transcript, editor):
    segments = editor_segments(transcript)
    suggested = list(transcript.redactions.values_list("start", "end"))
    removed = max(
        (s for s in segments if not any(a < s["end"] and s["start"] < b for a, b in suggested)),
        key=lambda s: s["end"] - s["start"],
    )  # a sentence that named nobody: its stretch has no span yet
    apply_edit(transcript, {"segments": [s for s in segments if s is not removed]}, editor)

    # The voice detector may hear the sentence as one stretch or as two around a breath.
    unheard = list(transcript.redactions.filter(source="unheard"))
    assert unheard and all(span.text == "" for span in unheard)
    assert all(span.status == SpanStatus.SUGGESTED for span in unheard)
    assert unheard[0].start <= removed["start"] + 0.5
    assert unheard[-1].end >= removed["end"] - 0.5
    decide(transcript.redactions.filter(source="unheard"), SpanStatus.ACCEPTED, editor)
    ranges = redaction_ranges(
        unheard, words_of(transcript), settings_with(), transcript.recording.duration_seconds, 0.5
    )
    assert ranges[0][0] <= removed["start"] and ranges[-1][1] >= removed["end"] - 0.5


def test_a_failing_voice_detector_leaves_a_complete_transcript_and_says_so(editor, monkeypatch):
    from archive.transcription import jobs

    def broken(samples):
        raise RuntimeError("onnxruntime could not start")

    monkeypatch.setattr(jobs, "voiced_stretches", broken)
    interview = Interview.objects.create(title="t", narrator_legal_name="N")
    recording = ingest_recording(DEMO_AUDIO / "demo-es.ogg", interview=interview)
    job = start_job(recording, user=editor)
    job.refresh_from_db()
    transcript = job.transcripts.get()
    assert job.status == "done" and transcript.is_complete and transcript.speech == []
    assert "voice detector failed (RuntimeError)" in job.notice
