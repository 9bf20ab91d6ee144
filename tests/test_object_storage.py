"""Private files in an S3-compatible bucket (moto's server over real HTTP) work as on the local
disk: encrypted before upload, never public, read by ranges, served to the public only through
the gate, and deleted by withdrawal and erasure. Fixity and bags on both storages are in
tests/preservation/test_fixity_and_bags.py; crash safety of the staging area in
tests/transcription/test_worker.py."""

import datetime

import av
import numpy as np
import pytest
from django.test import Client

from archive.consent.models import ConsentRecord
from archive.ingest.encryption import MAGIC, SEALED_CHUNK_BYTES
from archive.ingest.models import DataKey, Interview, private_storage
from archive.ingest.objects import RANGE_BYTES, stored_names
from archive.ingest.store import ingest_recording
from archive.redaction.derivatives import prepare_interview
from archive.redaction.models import RedactedAudio

from .conftest import (
    draft_testimony,
    make_site_tree,
    publish_testimony,
    publishable_interview,
    read_stored,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("private_storage_kind")]


def long_recording(path, seconds=100, rate=16000):
    """A recording of a few megabytes: more than one ranged read of the bucket."""
    rng = np.random.default_rng(7)
    samples = (rng.normal(0, 3000, seconds * rate)).astype("<i2")
    with av.open(str(path), "w", format="wav") as container:
        stream = container.add_stream("pcm_s16le", rate=rate, layout="mono")
        frame = av.AudioFrame(format="s16", layout="mono", samples=len(samples))
        frame.planes[0].update(samples.tobytes())
        frame.sample_rate = rate
        container.mux(stream.encode(frame))
        container.mux(stream.encode(None))
    return path


def fetched_ranges(storage):
    """The Range of every GET the storage sends to the bucket from now on."""
    ranges = []
    storage.connection.meta.client.meta.events.register(
        "before-parameter-build.s3.GetObject",
        lambda params, **kwargs: ranges.append(params.get("Range")),
    )
    return ranges


def test_originals_are_stored_encrypted_and_editors_seek_in_them_by_ranges(
    private_storage_kind, reporter_client, tmp_path
):
    source = long_recording(tmp_path / "long.wav")
    plaintext = source.read_bytes()
    recording = ingest_recording(source, interview=Interview.objects.create(title="t"))
    stored = read_stored(recording.file.name)
    assert stored.startswith(MAGIC) and plaintext[1000:1100] not in stored
    assert recording.file.name in stored_names()
    if private_storage_kind == "bucket":
        ranges = fetched_ranges(private_storage())

    response = reporter_client.get(
        f"/originals/recording/{recording.pk}/", HTTP_RANGE="bytes=2000000-2000099"
    )
    assert response.status_code == 206
    assert b"".join(response.streaming_content) == plaintext[2000000:2000100]
    if private_storage_kind == "bucket":
        assert ranges and all(r and r.startswith("bytes=") for r in ranges), "never whole"
        fetched = sum(int(r[6:].split("-")[1]) - int(r[6:].split("-")[0]) + 1 for r in ranges)
        # One buffer for the header, one for the encrypted chunk that holds the range.
        assert fetched <= 2 * max(RANGE_BYTES, SEALED_CHUNK_BYTES) < len(stored) / 4


@pytest.mark.parametrize("private_storage_kind", ["bucket"], indirect=True)
def test_nothing_in_the_bucket_is_public(tone, editor):
    """(The private tree on disk has no URL: tests/test_private_media.py.)"""
    interview = publishable_interview(tone, editor, publish_audio=True)
    prepare_interview(interview, alter_voice=False)
    bucket = private_storage().bucket
    objects = list(bucket.objects.all())
    assert len(objects) >= 2  # the original and its redacted rendering
    for summary in objects:
        grants = summary.Object().Acl().grants
        grantees = {grant["Grantee"].get("URI", "") for grant in grants}
        assert not any("AllUsers" in uri or "AuthenticatedUsers" in uri for uri in grantees)


def test_the_public_hears_the_bucket_s_rendering_until_withdrawal_deletes_it(
    private_storage_kind, tone, editor, django_capture_on_commit_callbacks
):
    _home, index = make_site_tree()
    interview = publishable_interview(tone, editor, publish_audio=True)
    prepare_interview(interview, alter_voice=False)
    page = publish_testimony(draft_testimony(index, interview), editor)
    audio = RedactedAudio.objects.get(recording__interview=interview)
    urls = {
        f"/testimonies/{page.pk}/audio/{audio.pk}.ogg": audio.file.name,
        f"/testimonies/{page.pk}/audio/{audio.pk}.mp3": audio.mp3_file.name,
    }
    for url, name in urls.items():
        response = Client().get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == read_stored(name)
        assert response["Cache-Control"] == "public, no-cache"

    consent = ConsentRecord.objects.get(interview=interview)
    consent.withdrawn_on = datetime.date.today()
    consent.withdrawal_reason = "Asked."
    consent.save()
    for url, name in urls.items():
        assert Client().get(url).status_code == 404
        assert name not in stored_names()
    recording = interview.recordings.get()
    assert recording.file.name in stored_names(), "withdrawal keeps the original"

    from django.core.management import call_command

    with django_capture_on_commit_callbacks(execute=True):
        call_command("erase", interview.pk, "--yes", verbosity=0)
    assert not DataKey.objects.filter(interview=interview).exists()
    assert stored_names() == set(), "erasure deletes every object of the interview"
