"""Originals are never reachable by URL except through the permission-checked stream."""

import pytest
from django.conf import settings
from wagtail.models import ModelLogEntry

from archive.ingest.models import Interview
from archive.ingest.store import ingest_recording

pytestmark = pytest.mark.django_db


@pytest.fixture
def recording(speech_en):
    return ingest_recording(
        speech_en, interview=Interview(title="t", narrator_legal_name="Daniel Ortega Ruiz")
    )


def private_url_attempts(recording):
    relative = recording.file.name
    return [
        f"/originals/recording/{recording.pk}/",
        f"/originals/photo/{recording.pk}/",
        f"/originals/interview/{recording.interview_id}/",
        f"/media/{relative}",
        f"/media/private/{relative}",
        f"/media/../private/{relative}",
        f"/media/%2e%2e/private/{relative}",
        f"/media/..%2fprivate/{relative}",
        f"/static/../media/private/{relative}",
        f"/private/{relative}",
        f"/{relative}",
        f"/documents/{relative}",
    ]


def test_anonymous_requests_for_originals_get_404_by_any_url(client, recording):
    for url in private_url_attempts(recording):
        response = client.get(url)
        assert response.status_code == 404, url


def test_reporter_cannot_reach_originals_by_path_either(reporter_client, recording):
    for url in private_url_attempts(recording)[3:]:
        assert reporter_client.get(url).status_code == 404, url


def test_public_media_is_served_but_cannot_be_climbed_out_of(client, recording):
    public_file = settings.MEDIA_ROOT / "images" / "derivative.txt"
    public_file.parent.mkdir(parents=True)
    public_file.write_text("public derivative")
    assert client.get("/media/images/derivative.txt").status_code == 200
    for url in (
        f"/media/../private/{recording.file.name}",
        f"/media//{settings.PRIVATE_MEDIA_ROOT}/{recording.file.name}",
        f"/media/images/../../private/{recording.file.name}",
        f"/media/%2e%2e%2fprivate/{recording.file.name}",
    ):
        assert client.get(url).status_code == 404, url


def test_private_tree_is_outside_the_public_one():
    public = settings.MEDIA_ROOT.resolve()
    private = settings.PRIVATE_MEDIA_ROOT.resolve()
    assert not private.is_relative_to(public)
    assert not public.is_relative_to(private)


def test_reporter_streams_an_original_whole(reporter_client, recording, speech_en):
    response = reporter_client.get(f"/originals/recording/{recording.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == speech_en.read_bytes()
    assert response["Accept-Ranges"] == "bytes"
    assert response["Content-Type"] == "audio/ogg"
    assert "no-store" in response["Cache-Control"]
    assert "Ortega" not in response["Content-Disposition"]


def test_range_requests_let_the_player_seek(reporter_client, recording, speech_en):
    data = speech_en.read_bytes()
    response = reporter_client.get(
        f"/originals/recording/{recording.pk}/", HTTP_RANGE="bytes=100-199"
    )
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes 100-199/{len(data)}"
    assert b"".join(response.streaming_content) == data[100:200]

    tail = reporter_client.get(f"/originals/recording/{recording.pk}/", HTTP_RANGE="bytes=-50")
    assert b"".join(tail.streaming_content) == data[-50:]

    rest = reporter_client.get(
        f"/originals/recording/{recording.pk}/", HTTP_RANGE=f"bytes={len(data) - 10}-"
    )
    assert b"".join(rest.streaming_content) == data[-10:]


def test_a_range_beyond_the_end_is_refused_properly(reporter_client, recording):
    response = reporter_client.get(
        f"/originals/recording/{recording.pk}/", HTTP_RANGE=f"bytes={recording.size_bytes + 5}-"
    )
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{recording.size_bytes}"


def test_listening_to_an_original_is_written_to_the_audit_log(editor_client, editor, recording):
    editor_client.get(f"/originals/recording/{recording.pk}/")
    editor_client.get(f"/originals/recording/{recording.pk}/", HTTP_RANGE="bytes=10-20")
    entries = ModelLogEntry.objects.filter(action="testimonio.view_original", user=editor)
    assert entries.count() == 1
    assert entries.get().data["sha256"] == recording.sha256
