"""Keeping originals: copy byte for byte, hash on the way, then appear atomically.

A file is first written to PRIVATE_MEDIA_ROOT/.incoming/ under a random name, hashed as it is
copied, flushed to disk, and only then renamed into place inside the database transaction that
records it. A crash leaves at most a `.part` file in .incoming/, never a half-written original
and never a row that points at nothing.
"""

import hashlib
import os
import uuid
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from wagtail.log_actions import log

from .models import Photo, Recording, private_storage
from .probe import probe_image, probe_recording

CHUNK_BYTES = 1024 * 1024


class AlreadyIngested(Exception):
    def __init__(self, existing):
        super().__init__(f"This file was already ingested ({existing}).")
        self.existing = existing


@dataclass(frozen=True)
class StagedFile:
    path: Path
    sha256: str
    size_bytes: int


def incoming_dir():
    path = Path(private_storage().location) / ".incoming"
    path.mkdir(parents=True, exist_ok=True, mode=0o750)
    return path


def stage(source_path):
    """Copy into the private tree's staging area, hashing the bytes as they pass."""
    digest = hashlib.sha256()
    size = 0
    part = incoming_dir() / f"{uuid.uuid4().hex}.part"
    try:
        with open(source_path, "rb") as source, open(part, "xb") as target:
            while chunk := source.read(CHUNK_BYTES):
                digest.update(chunk)
                target.write(chunk)
                size += len(chunk)
            target.flush()
            os.fsync(target.fileno())
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    return StagedFile(path=part, sha256=digest.hexdigest(), size_bytes=size)


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as source:
        while chunk := source.read(CHUNK_BYTES):
            digest.update(chunk)
    return digest.hexdigest()


def existing_original(sha256):
    return (
        Recording.objects.filter(sha256=sha256).select_related("interview").first()
        or Photo.objects.filter(sha256=sha256).select_related("interview").first()
    )


def _keep(model, staged, *, interview, fields, original_filename, user):
    """Rename the staged file into place and record it, both or neither."""
    instance = model(
        interview=interview,
        sha256=staged.sha256,
        size_bytes=staged.size_bytes,
        original_filename=Path(original_filename).name[:255],
        ingested_by=user,
        **fields,
    )
    name = instance.file.field.generate_filename(instance, original_filename)
    final_path = Path(private_storage().path(name))
    final_path.parent.mkdir(parents=True, exist_ok=True, mode=0o750)
    instance.file.name = name
    moved = False
    try:
        with transaction.atomic():
            if interview.pk is None:
                interview.save()
                interview.save_revision(user=user)
                log(instance=interview, action="wagtail.create", user=user)
                instance.interview = interview
            os.replace(staged.path, final_path)
            moved = True
            instance.save()
    except BaseException:
        if moved:
            final_path.unlink(missing_ok=True)
        staged.path.unlink(missing_ok=True)
        raise
    return instance


def _ingest(model, probe, source_path, *, interview, original_filename, user, info_fields):
    info = probe(source_path)
    staged = stage(source_path)
    existing = existing_original(staged.sha256)
    if existing is not None:
        staged.path.unlink(missing_ok=True)
        raise AlreadyIngested(existing)
    return _keep(
        model,
        staged,
        interview=interview,
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
