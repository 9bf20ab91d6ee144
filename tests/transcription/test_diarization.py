"""Who speaks when: real Whisper and the real speaker encoder on a two-voice recording.

The fixture (tests/transcription/audio/dialogue.ogg, 15 s) was spoken by two espeak-ng voices,
an interviewer (en-us, female variant) asking, a narrator (en-gb) answering, the interviewer
asking again; dialogue.json holds each turn's time range. `benchmarks/diarization.py --build`
makes both.
"""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.urls import reverse

from archive.ingest.models import Interview
from archive.ingest.store import ingest_recording
from archive.publication.approval import review
from archive.transcription import diarization
from archive.transcription.diarization import DiarizationUnavailable, split_at_turns
from archive.transcription.jobs import start_job
from archive.transcription.models import TranscriptionJob

from ..conftest import DEMO_AUDIO, draft_testimony, give_consent, make_site_tree, publish_testimony

AUDIO = Path(__file__).parent / "audio"
DIALOGUE = AUDIO / "dialogue.ogg"
TURNS = json.loads((AUDIO / "dialogue.json").read_text())
COLLAR = 0.25
DUMMY_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def dialogue_interview():
    interview = Interview.objects.create(
        title="two voices", narrator_legal_name="Daniel Ortega Ruiz", narrator_display_name="Tomás"
    )
    return interview, ingest_recording(DIALOGUE, interview=interview)


@pytest.fixture
def diarized(db, editor):
    interview, recording = dialogue_interview()
    job = start_job(recording, diarize=True, user=editor)
    job.refresh_from_db()
    assert job.status == "done", job.error
    return interview, job.transcripts.get()


def turn_at(seconds):
    """The reference turn a moment lies in, or None within the collar of a boundary."""
    for turn in TURNS:
        if turn["start"] + COLLAR <= seconds <= turn["end"] - COLLAR:
            return turn
    return None


def test_each_word_takes_the_voice_that_spoke_it_and_segments_split_at_turns(diarized):
    _interview, transcript = diarized
    segments = list(transcript.segments.order_by("position"))
    labels = [segment.speaker for segment in segments]
    assert set(labels) == {"Speaker 1", "Speaker 2"}
    assert labels[0] == "Speaker 1"  # numbered in the order they first speak
    heard = {}
    for segment in segments:
        assert len({segment.speaker}) == 1
        for start, end, _text, _p in segment.words:
            turn = turn_at((start + end) / 2)
            if turn is not None:
                heard.setdefault(turn["speaker"], set()).add(segment.speaker)
    assert heard == {"interviewer": {"Speaker 1"}, "narrator": {"Speaker 2"}}
    # The interviewer's second question is a turn of its own, after the narrator's answer.
    runs = [label for i, label in enumerate(labels) if i == 0 or labels[i - 1] != label]
    assert runs == ["Speaker 1", "Speaker 2", "Speaker 1"]
    assert "agents" in " ".join(s.text for s in segments if s.speaker == "Speaker 2").lower()
    assert transcript.revisions.count() == 1  # the split is the machine's version, recorded


def test_named_speakers_reach_the_captions_after_the_review(diarized, editor, editor_client):
    interview, transcript = diarized
    editor_page = reverse("transcription_editor", args=[transcript.pk])
    page = editor_client.get(editor_page).content.decode()
    assert 'name="speaker-1" value="Speaker 1"' in page
    assert '<option value="Tomás">' in page  # the narrator's public name is offered
    response = editor_client.post(
        reverse("transcription_rename_speakers", args=[transcript.pk]),
        {
            "revision": transcript.latest_revision.pk,
            "speaker-1": "Interviewer",
            "speaker-2": "Daniel Ortega",
        },
    )
    assert response.status_code == 302
    assert set(transcript.segments.values_list("speaker", flat=True)) == {
        "Interviewer",
        "Daniel Ortega",
    }
    assert transcript.revisions.count() == 2

    call_command("redact", transcript.pk, "--suggest", "--accept-all", verbosity=0)
    give_consent(interview)
    _home, index = make_site_tree()
    testimony = draft_testimony(index, interview)
    problems = " ".join(map(str, review(testimony).problems))
    assert "speaker label" in problems and "Ortega" in problems  # the legal name is caught

    transcript.refresh_from_db()
    response = editor_client.post(
        reverse("transcription_rename_speakers", args=[transcript.pk]),
        {"revision": transcript.latest_revision.pk, "speaker-1": "", "speaker-2": "Tomás"},
    )
    assert set(transcript.segments.values_list("speaker", flat=True)) == {"Interviewer", "Tomás"}
    publish_testimony(testimony, editor)
    vtt = editor_client.get(f"/testimonies/{testimony.pk}/export.vtt").content.decode()
    assert "<v Interviewer>" in vtt and "<v Tomás>" in vtt
    assert vtt.index("<v Interviewer>") < vtt.index("<v Tomás>")


def test_renaming_after_someone_else_saved_is_refused(diarized, editor_client):
    _interview, transcript = diarized
    stale = transcript.latest_revision.pk
    transcript.save_revision()
    response = editor_client.post(
        reverse("transcription_rename_speakers", args=[transcript.pk]),
        {"revision": stale, "speaker-1": "Interviewer"},
        follow=True,
    )
    assert "speakers were not renamed" in response.content.decode()
    assert "Interviewer" not in set(transcript.segments.values_list("speaker", flat=True))


def test_anonymous_visitors_and_readers_cannot_rename_speakers(diarized, client, django_user_model):
    _interview, transcript = diarized
    url = reverse("transcription_rename_speakers", args=[transcript.pk])
    form = {"revision": transcript.latest_revision.pk, "speaker-1": "Daniel Ortega"}
    response = client.post(url, form)
    assert response.status_code == 302 and "/login/" in response["Location"]
    reader = django_user_model.objects.create_user("reader", password="pw", is_staff=True)
    client.force_login(reader)
    assert client.post(url, form).status_code in (302, 403)
    assert "Daniel Ortega" not in set(transcript.segments.values_list("speaker", flat=True))
    assert transcript.revisions.count() == 1


def test_one_voice_gives_no_turns_and_says_so(db):
    interview = Interview.objects.create(title="one voice", narrator_legal_name="N")
    recording = ingest_recording(DEMO_AUDIO / "demo-en.ogg", interview=interview)
    job = start_job(recording, diarize=True)
    job.refresh_from_db()
    assert job.status == "done"
    assert "One voice" in job.notice
    assert set(job.transcripts.get().segments.values_list("speaker", flat=True)) == {""}


def test_a_tampered_encoder_is_refused_and_the_transcript_still_finishes(db, tmp_path, monkeypatch):
    fake = tmp_path / "pretrained.pt"
    fake.write_bytes(b"not the weights")
    monkeypatch.setattr(diarization, "package_path", lambda package, name: fake)
    monkeypatch.setattr(diarization, "_encoder", None)
    with pytest.raises(DiarizationUnavailable, match="checksum"):
        diarization.voice_encoder()
    _interview, recording = dialogue_interview()
    job = start_job(recording, diarize=True)
    job.refresh_from_db()
    assert job.status == "done"
    assert "Speakers were not found" in job.notice and "checksum" in job.notice
    assert job.transcripts.get().is_complete


@override_settings(TASKS=DUMMY_TASKS, TESTIMONIO_DIARIZE_LONGER_THAN=60)
def test_diarization_is_on_by_default_only_past_a_minute(db):
    _interview, recording = dialogue_interview()
    assert not start_job(recording).diarize
    recording.duration_seconds = 61
    assert start_job(recording).diarize
    assert not start_job(recording, diarize=False).diarize
    assert start_job(recording, speakers=3).speakers == 3
    with pytest.raises(ValueError, match="from 2 to"):
        start_job(recording, speakers=1)


@override_settings(TASKS=DUMMY_TASKS)
def test_the_cli_and_the_admin_take_the_speaker_count_and_refuse_nonsense(
    db, reporter_client, reporter
):
    _interview, recording = dialogue_interview()
    with pytest.raises(CommandError, match="from 2 to"):
        call_command("transcribe", recording.pk, "--speakers", "1")
    with pytest.raises(CommandError, match="needs diarization"):
        call_command("transcribe", recording.pk, "--no-diarize", "--speakers", "2")
    call_command("transcribe", recording.pk, "--speakers", "3", stdout=StringIO())
    job = TranscriptionJob.objects.get()
    assert (job.diarize, job.speakers) == (True, 3)

    start = reverse("transcription_start", args=[recording.pk])
    prefix = f"transcription-{recording.pk}-"
    response = reporter_client.post(
        start, {prefix + "diarize": "1", prefix + "speakers": "many"}, follow=True
    )
    assert "must be from 2 to" in response.content.decode()
    assert TranscriptionJob.objects.count() == 1
    reporter_client.post(start, {prefix + "diarize": "1", prefix + "speakers": "2"})
    reporter_client.post(start, {})
    diarized, plain = TranscriptionJob.objects.order_by("pk")[1:]
    assert (diarized.diarize, diarized.speakers) == (True, 2)
    assert (plain.diarize, plain.speakers) == (False, None)


def test_a_segment_is_cut_where_the_speaker_changes_and_keeps_every_word():
    words = [[0.0, 0.4, "Yes.", 0.9], [0.5, 0.9, "And", 0.9], [0.9, 1.3, "then?", 0.8]]
    segments = [
        {"start": 0.0, "end": 1.3, "text": "Yes. And then?", "words": words},
        {"start": 1.5, "end": 2.0, "text": "Nothing.", "words": [[1.5, 2.0, "Nothing.", 0.9]]},
    ]
    turns = split_at_turns(segments, [1, 0, 0, 0], "es")
    assert [(t["speaker"], t["text"], t["start"], t["end"]) for t in turns] == [
        ("Hablante 2", "Yes.", 0.0, 0.4),
        ("Hablante 1", "And then?", 0.5, 1.3),
        ("Hablante 1", "Nothing.", 1.5, 2.0),
    ]
    assert [w for t in turns for w in t["words"]] == words + segments[1]["words"]
