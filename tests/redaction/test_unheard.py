"""Speech with no words under it: the voice detector's stretches are kept with each machine
transcript, and wherever the transcript has no words over them, redaction asks for a listen.
Real Whisper and the real Silero detector on the Spanish demo recording."""

import pytest

from archive.ingest.models import Interview
from archive.ingest.store import ingest_recording
from archive.redaction.models import RedactionSpan, SpanStatus
from archive.redaction.render import redaction_ranges
from archive.redaction.spans import decide, store_suggestions, words_of
from archive.transcription.editing import apply_edit, editor_segments
from archive.transcription.jobs import start_job
from archive.transcription.models import Segment, Transcript

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


SAID = [("Mi", 3.0, 3.2), ("fecha", 3.2, 3.6), ("de", 3.6, 3.8), ("nacimiento", 3.8, 4.4),
        ("es", 4.4, 4.7), ("el", 4.7, 5.0), ("1", 5.0, 5.3), ("de", 5.3, 5.5),
        ("septiembre", 5.5, 6.2), ("de", 6.2, 6.5), ("1990.", 6.5, 7.4)]  # fmt: skip


@pytest.fixture
def timed_short(tone):
    """A transcript whose last word Whisper timed to end at 7.4 s while the voice went on to
    8.45 s ("mil novecientos noventa y dos" written "1990."), stored as a job stores it, with
    where the voice detector heard speech. No detector has run on it yet."""
    interview = Interview.objects.create(title="t", narrator_legal_name="N")
    recording = ingest_recording(tone, interview=interview)
    transcript = Transcript.objects.create(
        recording=recording, version=1, engine="faster-whisper", model="base", language="es",
        is_complete=True, speech=[[2.9, 8.45]],
    )  # fmt: skip
    Segment.objects.create(
        transcript=transcript, position=0, start=3.0, end=7.4, text=" ".join(w for w, *_ in SAID),
        words=[[start, end, word, 0.9] for word, start, end in SAID],
    )  # fmt: skip
    return transcript


@pytest.mark.parametrize(("earlier", "ends"), [(None, 8.45), ((7.9, 8.4), 7.9)])
def test_a_stored_suggestion_reaches_over_the_voice_up_to_a_span_already_there(
    timed_short, editor, earlier, ends
):
    """The date of birth is stored reaching to where the voice stops, so accepting it silences
    "y dos" too. Where a span already covers part of that speech (an earlier run's stretch to
    listen to, rejected since), the date is still suggested, reaching up to that span."""
    if earlier:
        RedactionSpan.objects.create(
            transcript=timed_short, start=earlier[0], end=earlier[1], text="", category="other",
            status=SpanStatus.REJECTED, source="unheard", created_by=editor,
        )  # fmt: skip
    store_suggestions(timed_short)
    births = timed_short.redactions.filter(category="date_of_birth")
    assert [(span.text, span.start, span.end) for span in births] == [
        ("1 de septiembre de 1990.", 5.0, ends)
    ]
