"""Fixity of originals and BagIt bags of an interview, with private files on the local disk and
in an S3-compatible bucket."""

import json
from io import StringIO

import bagit
import pytest
from django.core.management import CommandError, call_command
from PIL import Image
from wagtail.models import ModelLogEntry

from archive.ingest.models import Interview, private_storage
from archive.ingest.objects import stored_names
from archive.ingest.store import ingest_photo, ingest_recording

from ..conftest import (
    create_transcript,
    free_port,
    give_consent,
    read_stored,
    replace_stored,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("private_storage_kind")]


@pytest.fixture
def interview(tone, tmp_path):
    interview = Interview.objects.create(title="Kitchen", narrator_legal_name="Rosa Ortega")
    create_transcript(ingest_recording(tone, interview=interview), ["We were told to inform."])
    Image.new("RGB", (32, 24), "red").save(tmp_path / "p.jpg")
    ingest_photo(tmp_path / "p.jpg", interview=interview)
    give_consent(interview)
    return interview


def run(*args):
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def flipped(data):
    data = bytearray(data)
    data[len(data) // 2] ^= 0x01
    return bytes(data)


def test_fixity_passes_then_catches_one_flipped_byte(interview):
    assert "2 original(s) checked, 0 failed." in run("fixity", "--all")
    recording = interview.recordings.get()
    replace_stored(recording.file.name, flipped(read_stored(recording.file.name)))
    with pytest.raises(SystemExit) as exit_status:
        run("fixity", str(interview.pk))
    assert exit_status.value.code == 1
    out = StringIO()
    with pytest.raises(SystemExit):
        call_command("fixity", "--all", "--json", stdout=out)
    report = json.loads(out.getvalue())
    assert [(r["kind"], r["problem"]) for r in report if not r["ok"]] == [("recording", "changed")]
    entries = ModelLogEntry.objects.filter(action="testimonio.fixity_failed")
    assert {entry.data["id"] for entry in entries} == {recording.pk}


def test_fixity_needs_interviews_or_all():
    with pytest.raises(CommandError):
        run("fixity")


def test_a_bag_holds_everything_and_validates(interview, tmp_path):
    destination = tmp_path / "bag"
    assert "validated" in run("bag", str(interview.pk), str(destination))
    bag = bagit.Bag(str(destination))
    assert bag.is_valid()
    payload = set(bag.payload_files())
    recording = interview.recordings.get()
    assert f"data/originals/recording-{recording.pk}.wav" in payload
    with recording.open_decrypted() as stored:
        plaintext = stored.read()
    assert (destination / "data" / "originals" / f"recording-{recording.pk}.wav").read_bytes() == (
        plaintext
    )
    assert "data/consent/consent.json" in payload and "data/interview.json" in payload
    transcript = json.loads(next((destination / "data" / "transcripts").glob("*.json")).read_text())
    assert transcript["segments"][0]["text"] == "We were told to inform."
    copy = destination / "data" / "originals" / f"recording-{recording.pk}.wav"
    copy.write_bytes(flipped(copy.read_bytes()))
    assert not bagit.Bag(str(destination)).is_valid()


def test_a_bag_never_overwrites(interview, tmp_path):
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x").write_text("kept")
    with pytest.raises(CommandError, match="not empty"):
        run("bag", str(interview.pk), str(tmp_path / "full"))
    assert (tmp_path / "full" / "x").read_text() == "kept"


def test_fixity_reports_private_files_no_record_names_and_keeps_them(
    tmp_path, editor, speech_es, django_capture_on_commit_callbacks
):
    """A process killed after a file was put in place but before its row was committed leaves a
    file nothing names. Every stage's files (originals, derivatives, consent forms) are named,
    so only the stray one is reported."""
    from django.db import transaction

    from ..security.world import seed

    with django_capture_on_commit_callbacks(execute=True):  # erasure deletes files on commit
        seed(tmp_path, editor)
    assert "0 failed" in run("fixity", "--all")

    class Interrupted(Exception):
        pass

    with pytest.raises(Interrupted), transaction.atomic():
        stray = ingest_recording(speech_es, interview=Interview(title="t", narrator_legal_name="N"))
        raise Interrupted
    assert stray.file.name in stored_names()
    err = StringIO()
    with pytest.raises(SystemExit) as exit_status:
        call_command("fixity", "--all", stdout=StringIO(), stderr=err)
    assert exit_status.value.code == 1
    assert err.getvalue().count("No record names") == 1
    assert stray.file.name in err.getvalue()
    assert stray.file.name in stored_names(), "reported, never deleted"


def test_an_unreadable_store_stops_fixity_and_bags_with_a_message_and_no_half_bag(
    private_storage_kind, interview, tmp_path, settings
):
    if private_storage_kind == "bucket":
        # The bucket stops answering: a network fault, which says nothing about any file.
        private = settings.STORAGES["private"]
        options = {**private["OPTIONS"], "endpoint_url": f"http://127.0.0.1:{free_port()}"}
        settings.STORAGES = {**settings.STORAGES, "private": {**private, "OPTIONS": options}}
        with pytest.raises(CommandError, match="could not be reached.*nothing was checked"):
            run("fixity", "--all")
        assert not ModelLogEntry.objects.filter(action="testimonio.fixity_failed").exists()
    else:
        private_storage().delete(interview.photos.get().file.name)
    destination = tmp_path / "bag"
    with pytest.raises(CommandError, match="nothing was left"):
        run("bag", str(interview.pk), str(destination))
    assert list(destination.iterdir()) == []
