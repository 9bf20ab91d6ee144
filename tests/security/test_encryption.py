"""Originals and signed consent forms are encrypted at rest, each interview under its own key."""

import base64
import io
import secrets
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import override_settings

from archive.ingest import encryption
from archive.ingest.fixity import check
from archive.ingest.models import DataKey, Interview
from archive.ingest.store import ingest_recording
from archive.settings.base import private_bucket

from ..conftest import S3_CREDENTIALS, free_port
from .world import PRIVATE, seed

pytestmark = pytest.mark.django_db


@pytest.fixture
def recording(speech_en):
    return ingest_recording(speech_en, interview=Interview(title="t", narrator_legal_name="N"))


def stored_files():
    roots = (settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT)
    return [path for root in roots for path in Path(root).rglob("*") if path.is_file()]


def test_no_private_word_can_be_read_from_any_file_on_disk(tmp_path, editor, editor_client):
    """Someone who copies media/ (a stolen disk, a backup, a subpoenaed server) learns nothing
    from the originals: not the WAV's tags, the photo's EXIF or the signed form's words."""
    world = seed(tmp_path, editor)
    files = stored_files()
    assert len(files) > 5
    for path in files:
        data = path.read_bytes().lower()
        assert not [word for word in PRIVATE.values() if word.lower().encode() in data], path
    recording = world.published.interview.recordings.get()
    with recording.open_decrypted() as plaintext:
        assert PRIVATE["audio_tag"].encode() in plaintext.read()
    consent = world.published.interview.consent
    served = editor_client.get(f"/admin/consent/{consent.pk}/signed-form/")
    assert PRIVATE["consent_form"].encode() in b"".join(served.streaming_content)


@pytest.mark.parametrize(
    "header",
    ["bytes=0-99", "bytes=65530-65600", "bytes=65536-", "bytes=-700", "bytes=70000-70000"],
)
def test_the_player_can_seek_anywhere_in_an_encrypted_original(
    recording, speech_en, editor_client, header
):
    plaintext = speech_en.read_bytes()
    assert len(plaintext) > encryption.CHUNK_BYTES  # so a range can cross a chunk boundary
    response = editor_client.get(f"/originals/recording/{recording.pk}/", HTTP_RANGE=header)
    assert response.status_code == 206
    first, last = response["Content-Range"].removeprefix("bytes ").split("/")[0].split("-")
    assert b"".join(response.streaming_content) == plaintext[int(first) : int(last) + 1]
    whole = editor_client.get(f"/originals/recording/{recording.pk}/")
    assert b"".join(whole.streaming_content) == plaintext


@pytest.mark.parametrize("size", [0, 1, encryption.CHUNK_BYTES, 3 * encryption.CHUNK_BYTES + 5])
def test_any_size_decrypts_to_the_same_bytes_read_in_any_order(tmp_path, size):
    plaintext = secrets.token_bytes(size)
    key = secrets.token_bytes(32)
    with open(tmp_path / "f", "wb") as target:
        encryption.encrypt_stream(io.BytesIO(plaintext), target, key)
    with encryption.DecryptingReader(open(tmp_path / "f", "rb"), key, "f") as reader:
        assert reader.size == size and reader.read() == plaintext
        for start in (size // 2, 0, max(size - 3, 0), encryption.CHUNK_BYTES - 1):
            reader.seek(start)
            assert reader.read(70_000) == plaintext[start : start + 70_000]


def test_a_changed_or_cut_short_original_is_caught(recording):
    path = Path(recording.file.path)
    sealed = path.read_bytes()
    path.write_bytes(sealed[: -encryption.SEALED_CHUNK_BYTES // 2])
    assert check(recording).problem == "changed"
    last_chunk_start = encryption.HEADER_BYTES + encryption.SEALED_CHUNK_BYTES * (
        (len(sealed) - encryption.HEADER_BYTES) // encryption.SEALED_CHUNK_BYTES
    )
    path.write_bytes(sealed[:last_chunk_start])  # whole chunks dropped from the end
    assert check(recording).problem == "changed"
    path.write_bytes(sealed)
    assert check(recording).ok


def test_each_interview_has_its_own_key_and_the_database_holds_it_only_wrapped(
    recording, speech_es
):
    other = ingest_recording(speech_es, interview=Interview(title="u", narrator_legal_name="M"))
    keys = {DataKey.objects.get(interview=r.interview).key() for r in (recording, other)}
    assert len(keys) == 2
    for data_key in DataKey.objects.all():
        assert data_key.key() not in bytes(data_key.wrapped)
    key = DataKey.objects.get(interview=recording.interview).key()
    with (
        pytest.raises(encryption.FileTampered),
        encryption.DecryptingReader(open(other.file.path, "rb"), key, other.file.name) as reader,
    ):
        reader.read()


def test_without_the_right_master_key_nothing_decrypts_and_fixity_says_why(recording):
    wrong = base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()
    with override_settings(TESTIMONIO_MASTER_KEY=wrong):
        with pytest.raises(encryption.EncryptionError, match="different master key"):
            recording.open_decrypted()
        assert "different master key" in check(recording).problem


def new_master_key():
    return base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()


def test_rotating_the_master_key_keeps_every_original_readable_and_retires_the_old_key(
    recording, speech_en, speech_es
):
    """An archive whose master key may have leaked moves to a new one without rewriting files;
    afterwards the old key, and a database backup wrapped by it, opens nothing."""
    other = ingest_recording(speech_es, interview=Interview(title="u", narrator_legal_name="M"))
    old, new = settings.TESTIMONIO_MASTER_KEY, new_master_key()
    old_backup = {k.interview_id: bytes(k.wrapped) for k in DataKey.objects.all()}
    stored = Path(recording.file.path).read_bytes()

    with override_settings(TESTIMONIO_MASTER_KEY=new, TESTIMONIO_PREVIOUS_MASTER_KEYS=[old]):
        # The site keeps working while the keys change over.
        with recording.open_decrypted() as plaintext:
            assert plaintext.read() == speech_en.read_bytes()
        out = StringIO()
        call_command("rotate_master_key", stdout=out)
        assert "2 data key(s) re-wrapped" in out.getvalue()
        out = StringIO()
        call_command("rotate_master_key", stdout=out)
        assert "0 data key(s) re-wrapped" in out.getvalue()
        assert "2 already were" in out.getvalue()

    with override_settings(TESTIMONIO_MASTER_KEY=new, TESTIMONIO_PREVIOUS_MASTER_KEYS=[]):
        for original, audio in ((recording, speech_en), (other, speech_es)):
            with original.open_decrypted() as plaintext:
                assert plaintext.read() == audio.read_bytes()
            assert check(original).ok
        assert Path(recording.file.path).read_bytes() == stored
        with pytest.raises(encryption.EncryptionError, match="different master key"):
            encryption.unwrap(old_backup[recording.interview_id])
    with pytest.raises(encryption.EncryptionError, match="different master key"):
        recording.open_decrypted()


def test_a_rotation_that_cannot_open_every_key_changes_none(recording, speech_es):
    ingest_recording(speech_es, interview=Interview(title="u", narrator_legal_name="M"))
    before = {k.pk: bytes(k.wrapped) for k in DataKey.objects.all()}
    with (
        override_settings(TESTIMONIO_MASTER_KEY=new_master_key()),
        pytest.raises(CommandError, match=r"2 data key\(s\) open with none.*Nothing was"),
    ):
        call_command("rotate_master_key", stdout=StringIO())
    assert {k.pk: bytes(k.wrapped) for k in DataKey.objects.all()} == before
    assert check(recording).ok


def test_erasing_destroys_the_key_so_even_a_backup_of_the_file_is_unreadable(
    recording, tmp_path, django_capture_on_commit_callbacks
):
    backup = tmp_path / "backup.enc"
    shutil.copyfile(recording.file.path, backup)
    interview = recording.interview
    with django_capture_on_commit_callbacks(execute=True):
        call_command("erase", interview.pk, "--yes", stdout=StringIO())
    assert not Path(recording.file.path).exists()
    assert not DataKey.objects.filter(interview=interview).exists()
    with pytest.raises(encryption.EncryptionError, match="erased"):
        recording.open_decrypted()
    # Every key the archive still holds fails on the backup.
    for data_key in DataKey.objects.all():
        with (
            pytest.raises(encryption.FileTampered),
            encryption.DecryptingReader(open(backup, "rb"), data_key.key(), "backup") as reader,
        ):
            reader.read()


def test_originals_stored_before_encryption_are_encrypted_in_place(recording, speech_en):
    Path(recording.file.path).write_bytes(speech_en.read_bytes())  # as an older archive kept it
    assert check(recording).problem.startswith("unreadable")
    out = StringIO()
    call_command("encrypt_originals", stdout=out)
    assert "1 file(s) encrypted" in out.getvalue()
    with open(recording.file.path, "rb") as stored:
        assert encryption.is_encrypted(stored)
    assert check(recording).ok
    again = StringIO()
    call_command("encrypt_originals", stdout=again)
    assert again.getvalue() == ""


def test_a_damaged_plaintext_is_not_encrypted_over(recording):
    Path(recording.file.path).write_bytes(b"not what was ingested")
    err = StringIO()
    with pytest.raises(SystemExit):
        call_command("encrypt_originals", stdout=StringIO(), stderr=err)
    assert "does not match its recorded SHA-256" in err.getvalue()
    assert Path(recording.file.path).read_bytes() == b"not what was ingested"


def test_an_unreachable_bucket_stops_encrypt_originals_with_a_message(recording):
    """`make run` runs encrypt_originals after migrating: a bucket that does not answer must
    say so, not print a traceback, and change nothing."""
    gone = private_bucket(
        "private-gone", endpoint_url=f"http://127.0.0.1:{free_port()}", **S3_CREDENTIALS
    )
    with (
        override_settings(STORAGES={**settings.STORAGES, "private": gone}),
        pytest.raises(CommandError) as stopped,
    ):
        call_command("encrypt_originals", stdout=StringIO(), stderr=StringIO())
    assert "the private storage bucket could not be reached" in str(stopped.value)
    assert "0 file(s) encrypted before that, the rest left as they were" in str(stopped.value)
