"""Keeping originals: encrypt as they are copied, hash the plaintext on the way, then appear
atomically.

A file is first encrypted under its interview's data key (encryption.py) into the local
staging area (TESTIMONIO_STAGING_ROOT, PRIVATE_MEDIA_ROOT/.incoming/ by default) under a random
name, its plaintext hashed on the way, flushed to disk, and only then put in place (renamed on
disk, uploaded whole to a bucket: objects.py) inside the database transaction that records it.
A crash leaves at most a `.part` file in staging, never a half-written original and never a
row that points at nothing.
"""

import hashlib
import os
import time
import unicodedata
import uuid
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from .encryption import DecryptingReader, EncryptionError, encrypt_stream
from .models import Photo, Recording, data_key_for, private_storage
from .objects import is_on_disk, put, remove
from .probe import probe_image, probe_recording

CHUNK_BYTES = 1024 * 1024


class AlreadyIngested(Exception):
    def __init__(self, existing):
        super().__init__(
            _("This file was already ingested (%(existing)s).") % {"existing": existing}
        )
        self.existing = existing


@dataclass(frozen=True)
class StagedFile:
    path: Path
    sha256: str
    size_bytes: int


def incoming_dir():
    path = Path(settings.TESTIMONIO_STAGING_ROOT)
    path.mkdir(parents=True, exist_ok=True, mode=0o750)
    return path


def remove_stale_parts(older_than_seconds):
    """Delete staging files left by a process that died mid-write (a killed worker or web
    server); files still being written are younger than `older_than_seconds`."""
    cutoff = time.time() - older_than_seconds
    removed = 0
    for part in incoming_dir().iterdir():
        if part.is_file() and part.stat().st_mtime <= cutoff:
            part.unlink(missing_ok=True)
            removed += 1
    return removed


def stage(source, data_key):
    """Encrypt a binary file into the private tree's staging area, hashing its plaintext."""
    part = incoming_dir() / f"{uuid.uuid4().hex}.part"
    try:
        with open(part, "xb") as target:
            sha256, size = encrypt_stream(source, target, data_key.key())
            target.flush()
            os.fsync(target.fileno())
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    return StagedFile(path=part, sha256=sha256, size_bytes=size)


def saved_data_key(interview):
    data_key = data_key_for(interview)
    if data_key.pk is None:
        data_key.save()
    return data_key


def store_encrypted(source, name, interview):
    """Encrypt `source` under the interview's key and put it at `name` in private storage."""
    staged = stage(source, saved_data_key(interview))
    try:
        return put(staged.path, name)
    finally:
        staged.path.unlink(missing_ok=True)


def encrypt_in_place(name, interview, expected_sha256=None):
    """Encrypt a plaintext file stored before encryption at rest. The encrypted copy is checked
    against the recorded hash by decrypting it before it replaces the plaintext."""
    if not is_on_disk():
        raise EncryptionError(
            "Plaintext originals can only be encrypted on local storage; encrypt them before "
            "moving them to a bucket."
        )
    path = private_storage().path(name)
    data_key = saved_data_key(interview)
    with open(path, "rb") as source:
        staged = stage(source, data_key)
    try:
        if expected_sha256 and staged.sha256 != expected_sha256:
            raise EncryptionError(f"{Path(path).name} does not match its recorded SHA-256.")
        with DecryptingReader(open(staged.path, "rb"), data_key.key(), path) as check:
            if sha256_of_stream(check) != staged.sha256:
                raise EncryptionError(f"{Path(path).name} did not survive encryption intact.")
        os.replace(staged.path, path)
    finally:
        staged.path.unlink(missing_ok=True)


def sha256_of_stream(source):
    digest = hashlib.sha256()
    while chunk := source.read(CHUNK_BYTES):
        digest.update(chunk)
    return digest.hexdigest()


def sha256_of(path):
    with open(path, "rb") as source:
        return sha256_of_stream(source)


def display_filename(name):
    """The name a person gave, kept for reference only: no folders (of any system), no control
    or invisible formatting characters, at most 255 characters."""
    base = str(name).replace("\\", "/").rsplit("/", 1)[-1]
    visible = "".join(" " if unicodedata.category(c).startswith("C") else c for c in base)
    return " ".join(visible.split())[:255]


def existing_original(sha256):
    return (
        Recording.objects.filter(sha256=sha256).select_related("interview").first()
        or Photo.objects.filter(sha256=sha256).select_related("interview").first()
    )


def _keep(model, staged, *, interview, data_key, fields, original_filename, user):
    """Rename the staged file into place and record it, both or neither."""
    instance = model(
        interview=interview,
        sha256=staged.sha256,
        size_bytes=staged.size_bytes,
        original_filename=display_filename(original_filename),
        ingested_by=user,
        **fields,
    )
    name = instance.file.field.generate_filename(instance, original_filename)
    moved = False
    try:
        with transaction.atomic():
            if interview.pk is None:
                interview.save()
                interview.save_revision(user=user)
                log(instance=interview, action="wagtail.create", user=user)
                instance.interview = interview
            if data_key.pk is None:
                data_key.interview = interview
                data_key.save()
            instance.file.name = put(staged.path, name)
            moved = True
            instance.save()
    except BaseException:
        if moved:
            remove(instance.file.name)
        staged.path.unlink(missing_ok=True)
        raise
    return instance


def _ingest(model, probe, source_path, *, interview, original_filename, user, info_fields):
    info = probe(source_path)
    data_key = data_key_for(interview)
    with open(source_path, "rb") as source:
        staged = stage(source, data_key)
    existing = existing_original(staged.sha256)
    if existing is not None:
        staged.path.unlink(missing_ok=True)
        raise AlreadyIngested(existing)
    return _keep(
        model,
        staged,
        interview=interview,
        data_key=data_key,
        fields=info_fields(info),
        original_filename=original_filename or Path(source_path).name,
        user=user,
    )


def ingest_recording(source_path, *, interview, original_filename=None, user=None):
    """Probe, copy and record an audio or video original. An unsaved interview is saved with it.

    Raises UnreadableMedia for files that are not usable audio, AlreadyIngested for duplicates.
    """
    return _ingest(
        Recording,
        probe_recording,
        source_path,
        interview=interview,
        original_filename=original_filename,
        user=user,
        info_fields=lambda info: {
            "extension": info.extension,
            "duration_seconds": info.duration_seconds,
            "container_format": info.container_format,
            "codec": info.codec,
            "sample_rate": info.sample_rate,
            "channels": info.channels,
            "has_video": info.has_video,
        },
    )


def ingest_photo(source_path, *, interview, original_filename=None, user=None, caption=""):
    return _ingest(
        Photo,
        probe_image,
        source_path,
        interview=interview,
        original_filename=original_filename,
        user=user,
        info_fields=lambda info: {
            "extension": info.extension,
            "width": info.width,
            "height": info.height,
            "format": info.format,
            "caption": caption,
        },
    )
