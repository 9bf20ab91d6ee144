import json

import pytest
from django.urls import reverse

from archive.ingest.models import Interview
from archive.ingest.store import ingest_recording
from archive.transcription.editing import editor_segments, realign_words
from archive.transcription.models import TranscriptionJob

from ..conftest import create_transcript

pytestmark = pytest.mark.django_db


@pytest.fixture
def recording(speech_en):
    return ingest_recording(speech_en, interview=Interview(title="t", narrator_legal_name="N"))


def make_transcript(recording, segments=3, words_per_segment=4):
    texts = [" ".join(f"w{i}x{k}" for k in range(words_per_segment)) for i in range(segments)]
    return create_transcript(
        recording, texts, confidence=lambda w: 0.3 if w.endswith("x0") else 0.9
    )


def document_of(transcript, **changes):
    return {
        "segments": editor_segments(transcript),
        "revision": transcript.latest_revision.pk,
        **changes,
    }


def save(client, transcript, document):
    return client.post(
        reverse("transcription_save", args=[transcript.pk]),
        json.dumps(document),
        content_type="application/json",
    )


def test_editor_page_shows_the_original_player_and_the_segments(editor_client, recording):
    transcript = make_transcript(recording)
    html = editor_client.get(reverse("transcription_editor", args=[transcript.pk])).content.decode()
    assert f'src="/originals/recording/{recording.pk}/"' in html
    data = json.loads(
        html.split('id="transcript-editor-data" type="application/json">')[1].split("</script>")[0]
    )
    assert [s["text"] for s in data["segments"]] == [s.text for s in transcript.segments.all()]
    assert data["can_edit"] is True
    assert data["low_confidence"] == 0.5


def test_a_long_transcript_loads_and_saves_without_a_query_per_segment(
    editor_client, recording, django_assert_max_num_queries
):
    transcript = make_transcript(recording, segments=1500, words_per_segment=13)
    with django_assert_max_num_queries(25):
        response = editor_client.get(reverse("transcription_editor", args=[transcript.pk]))
    assert response.status_code == 200
    document = document_of(transcript)
    document["segments"][10]["text"] = "changed"
    # The save also runs the suggestion detectors on the new revision: a few queries, not 1,500.
    with django_assert_max_num_queries(48):
        assert save(editor_client, transcript, document).status_code == 200
    assert transcript.segments.get(position=10).text == "changed"


def test_saving_makes_a_revision_with_author(editor_client, editor, recording):
    transcript = make_transcript(recording)
    document = document_of(transcript, corrected=True)
    document["segments"][0]["speaker"] = "Narrator"
    document["segments"][1]["text"] = "w1x0 w1x1 CHANGED w1x3"
    response = save(editor_client, transcript, document)
    assert response.status_code == 200
    transcript.refresh_from_db()
    assert transcript.corrected
    latest = transcript.latest_revision
    assert latest.user == editor
    assert transcript.revisions.count() == 2
    second = transcript.segments.get(position=1)
    assert [w[2] for w in second.words] == ["w1x0", "w1x1", "CHANGED", "w1x3"]
    assert second.words[2][3] == 1.0, "a word typed by a person needs no review"
    assert second.words[3][:2] == document["segments"][1]["words"][3][:2], (
        "unchanged words keep times"
    )


def test_split_and_merge_are_saved(editor_client, recording):
    transcript = make_transcript(recording)
    document = document_of(transcript)
    first, second, third = document["segments"]
    split_at = first["words"][2][0]
    document["segments"] = [
        {**first, "end": split_at, "text": "w0x0 w0x1", "words": first["words"][:2]},
        {
            "id": None,
            "start": split_at,
            "end": first["end"],
            "speaker": "",
            "text": "w0x2 w0x3",
            "words": first["words"][2:],
        },
        {
            **second,
            "end": third["end"],
            "text": second["text"] + " " + third["text"],
            "words": second["words"] + third["words"],
        },
    ]
    assert save(editor_client, transcript, document).status_code == 200
    texts = list(transcript.segments.values_list("text", flat=True))
    assert texts == ["w0x0 w0x1", "w0x2 w0x3", "w1x0 w1x1 w1x2 w1x3 w2x0 w2x1 w2x2 w2x3"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["segments"][0].update(end=-1), "must be zero or more"),
        (lambda d: d["segments"][1].update(start=10_000, end=10_001), "ends after the recording"),
        (lambda d: d["segments"].reverse(), "starts before the one above"),
        (lambda d: d["segments"][0].update(end="soon"), "not a number"),
        (lambda d: d["segments"][1].update(id=d["segments"][0]["id"]), "appears twice"),
        (lambda d: d["segments"][0].update(id=999_999), "belongs to another transcript"),
        (lambda d: d["segments"][0].update(words=[[0, 1, 7, 0.5]]), "malformed words"),
        (lambda d: d["segments"][0].update(words="none"), "malformed words"),
    ],
)
def test_impossible_edits_are_refused_and_nothing_changes(
    editor_client, recording, change, message
):
    transcript = make_transcript(recording)
    before = list(transcript.segments.values_list("text", "start", "end"))
    document = document_of(transcript)
    change(document)
    response = save(editor_client, transcript, document)
    assert response.status_code == 400
    assert message in response.json()["error"]
    assert list(transcript.segments.values_list("text", "start", "end")) == before
    assert transcript.revisions.count() == 1


def test_a_save_over_someone_elses_newer_save_is_refused(editor_client, editor, recording):
    transcript = make_transcript(recording)
    stale = document_of(transcript)
    assert save(editor_client, transcript, document_of(transcript)).status_code == 200
    response = save(editor_client, transcript, stale)
    assert response.status_code == 409
    assert "Someone saved" in response.json()["error"]


def test_reporters_read_transcripts_but_cannot_change_them(reporter_client, recording):
    transcript = make_transcript(recording)
    page = reporter_client.get(reverse("transcription_editor", args=[transcript.pk]))
    assert page.status_code == 200
    assert '"can_edit": false' in page.content.decode()
    assert save(reporter_client, transcript, document_of(transcript)).status_code == 403


def test_strangers_reach_nothing(client, django_user_model, recording):
    transcript = make_transcript(recording)
    job = TranscriptionJob.objects.create(
        recording=recording, engine="faster-whisper", model="base"
    )
    urls = [
        reverse("transcription_editor", args=[transcript.pk]),
        reverse("transcription_save", args=[transcript.pk]),
        reverse("transcription_start", args=[recording.pk]),
        reverse("transcription_progress", args=[job.pk]),
        reverse("transcription_cancel", args=[job.pk]),
        reverse("transcription_retry", args=[job.pk]),
        f"/originals/recording/{recording.pk}/",
    ]
    for url in urls:
        assert client.get(url).status_code in (302, 404), url
        assert client.post(url).status_code in (302, 403, 404, 405), url
    outsider = django_user_model.objects.create_user("outsider", password="x")
    client.force_login(outsider)
    assert client.get(f"/originals/recording/{recording.pk}/").status_code == 404
    for url in urls[:-1]:
        assert client.get(url).status_code in (302, 403, 404, 405), url
        client.post(url)
    job.refresh_from_db()
    assert job.status == "queued", "nobody without permission can cancel or restart a job"
    assert not TranscriptionJob.objects.exclude(pk=job.pk).exists()


def test_reporters_and_editors_stream_the_original(reporter_client, editor, recording, client):
    assert reporter_client.get(f"/originals/recording/{recording.pk}/").status_code == 200
    client.force_login(editor)
    assert client.get(f"/originals/recording/{recording.pk}/").status_code == 200


def test_interview_page_shows_transcription_controls_and_live_progress(
    editor_client, recording, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    edit_url = reverse("wagtailsnippets_ingest_interview:edit", args=[recording.interview_id])
    html = editor_client.get(edit_url).content.decode()
    assert reverse("transcription_start", args=[recording.pk]) in html
    assert f'name="transcription-{recording.pk}-language" size="4" placeholder="detect"' in html
    assert 'title="Empty: detected among en, es"' in html
    recording.interview.languages = ["es-MX"]
    recording.interview.save()
    html = editor_client.get(edit_url).content.decode()
    # Left empty, the job runs in the interview's language; the field says so.
    assert f'name="transcription-{recording.pk}-language" size="4" placeholder="es"' in html
    response = editor_client.post(
        reverse("transcription_start", args=[recording.pk]),
        {
            f"transcription-{recording.pk}-engine": "openai-whisper",
            f"transcription-{recording.pk}-language": "en",
        },
    )
    assert response.status_code == 302
    job = recording.transcription_jobs.get()
    assert (job.engine, job.language, job.status) == ("openai-whisper", "en", "queued")
    html = editor_client.get(edit_url).content.decode()
    progress_url = reverse("transcription_progress", args=[job.pk])
    assert f'data-job-progress-url="{progress_url}"' in html
    assert "transcription/progress.js" in html
    progress = editor_client.get(progress_url).json()
    assert progress["status"] == "queued" and progress["progress"] == 0


def test_realigned_words_spread_over_the_gap():
    words = [[0.0, 1.0, "hola", 0.9], [1.0, 2.0, "mundo", 0.4]]
    aligned = realign_words("hola gran mundo", words, 0.0, 2.0)
    assert [w[2] for w in aligned] == ["hola", "gran", "mundo"]
    assert aligned[0] == words[0] and aligned[2] == [1.0, 2.0, "mundo", 0.4]
    assert aligned[1][0] == aligned[1][1] == 1.0
