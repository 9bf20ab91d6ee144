"""Hostile files at ingest, in the admin and on the command line: each refused with a message
that says why, and nothing written (no record, no file, no staging leftover)."""

import json
import struct
import zlib
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.urls import reverse

from archive.ingest.models import Interview, Photo, Recording

from ..conftest import private_files

pytestmark = pytest.mark.django_db


def png_claiming(width, height):
    """A few hundred bytes that say "I am width x height pixels": a decompression bomb."""

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    rows = zlib.compress(b"\x00" * 1024)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")
    )


@pytest.fixture
def interview():
    return Interview.objects.create(title="Hardware store", narrator_legal_name="N")


def upload(client, interview, **files):
    return client.post(reverse("ingest_upload", args=[interview.pk]), files)


@override_settings(TESTIMONIO_MAX_RECORDING_SECONDS=10)
def test_a_recording_longer_than_the_limit_is_refused(reporter_client, interview, speech_en):
    response = upload(
        reporter_client,
        interview,
        recordings=[SimpleUploadedFile("long.ogg", speech_en.read_bytes())],
    )
    assert response.status_code == 400
    assert "lasts 0:00:26, longer than the 0:00:10 the archive accepts" in response.content.decode()
    with pytest.raises(CommandError, match="longer than the 0:00:10"):
        call_command("ingest", speech_en, "--title", "t", "--narrator-name", "N", stdout=StringIO())
    assert not Recording.objects.exists()
    assert Interview.objects.count() == 1
    assert private_files() == []


def test_a_decompression_bomb_is_refused_before_it_is_decoded(reporter_client, interview):
    bomb = png_claiming(40_000, 40_000)  # 1.6 gigapixels in under 100 bytes
    assert len(bomb) < 200
    response = upload(
        reporter_client,
        interview,
        photos=[SimpleUploadedFile("kitchen.png", bomb, "image/png")],
    )
    assert response.status_code == 400
    assert "too large to process safely" in response.content.decode()
    assert not Photo.objects.exists()
    assert private_files() == []


def test_folders_and_control_characters_in_a_file_name_go_nowhere(tmp_path, speech_en):
    hostile = "..\\..\\etc\\passwd \x1b[31mred\x1b[0m\r\nline\u202etxt.ogg"
    source = tmp_path / hostile
    source.write_bytes(speech_en.read_bytes())
    out = StringIO()
    call_command("ingest", source, "--title", "t", "--narrator-name", "N", "--json", stdout=out)
    recording = Recording.objects.get(pk=json.loads(out.getvalue())["recording"])
    assert recording.original_filename == "passwd [31mred [0m line txt.ogg"
    stored = private_files()
    assert len(stored) == 1 and "passwd" not in str(stored[0])
    assert stored[0].parent.parent.name == "recordings"


def test_a_huge_manifest_is_refused_before_it_is_read(tmp_path):
    manifest = tmp_path / "huge.csv"
    with open(manifest, "w") as out:
        out.write("file,title,narrator_name\n")
        row = "en.ogg,A title,A name\n"
        out.write(row * (21 * 1024**2 // len(row)))
    with pytest.raises(CommandError, match="larger than 20 MB; split it"):
        call_command("ingest", "--manifest", manifest, stdout=StringIO(), stderr=StringIO())
    assert not Interview.objects.exists()


def test_a_consent_record_that_cannot_be_saved_leaves_no_signed_form_on_disk(tone):
    """The form is encrypted onto disk just before its row is written; when the row fails (here
    a second consent for one interview), the file goes too."""
    from django.db import IntegrityError, transaction

    from archive.consent.models import ConsentRecord
    from archive.ingest.store import ingest_recording

    interview = ingest_recording(
        tone, interview=Interview(title="t", narrator_legal_name="N")
    ).interview
    first = ConsentRecord.objects.create(
        interview=interview, method="verbal", verbal_at_seconds=1, given_on="2024-05-01"
    )
    before = private_files()
    with pytest.raises(IntegrityError), transaction.atomic():
        ConsentRecord.objects.create(
            interview=interview,
            method="signed",
            given_on="2024-05-01",
            signed_form=SimpleUploadedFile("Daniel Ortega signed.pdf", b"%PDF-1.4 signed"),
        )
    assert private_files() == before
    assert ConsentRecord.objects.get() == first
