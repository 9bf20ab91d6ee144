"""Private files on whichever storage STORAGES["private"] names: the local disk (the default) or
an S3-compatible bucket through django-storages (docs/deployment.md). What puts, reads, lists or
removes a private file goes through these functions, so no other code assumes a path on disk.

Files are written first to the local staging area (store.py) and put in place only when whole:
on disk by a rename, in a bucket by one upload. Reading from a bucket is by ranged GETs, so a
player seeking in a two-hour original fetches what it plays, not the whole file.
"""

import io
import os
from pathlib import Path

from botocore.exceptions import BotoCoreError, ClientError
from django.conf import settings
from django.core.files import File
from django.core.files.storage import FileSystemStorage

from .models import private_storage
from .readers import SizedReader

# A reader's buffer; a larger read (a whole encrypted chunk) is one GET of its own size.
RANGE_BYTES = 256 * 1024


class StorageUnreachable(OSError):
    """The bucket did not answer (network, endpoint, credentials): says nothing about a file,
    so callers must not record it as a file's fault."""


def _bucket_errors_as_unreachable(error):
    return StorageUnreachable(f"the private storage bucket could not be reached ({error})")


def is_on_disk():
    return isinstance(private_storage(), FileSystemStorage)


def put(staged_path, name):
    """Move a whole staged file to `name` in private storage; returns the name it was kept
    under. On disk the rename is atomic; a bucket stores an object whole or not at all."""
    storage = private_storage()
    if is_on_disk():
        final = Path(storage.path(name))
        final.parent.mkdir(parents=True, exist_ok=True, mode=0o750)
        os.replace(staged_path, final)
        return name
    try:
        with open(staged_path, "rb") as staged:
            return storage.save(name, File(staged))
    finally:
        Path(staged_path).unlink(missing_ok=True)


def open_stored(name):
    """A seekable binary reader of a private file as stored."""
    storage = private_storage()
    if is_on_disk():
        return open(storage.path(name), "rb")  # noqa: SIM115 (the caller closes it)
    return io.BufferedReader(RangedObject(storage, name), buffer_size=RANGE_BYTES)


def remove(name):
    private_storage().delete(name)


def stored_names():
    """Every file in private storage, by name, leaving out the staging area."""
    storage = private_storage()
    if is_on_disk():
        root = Path(storage.location)
        staging = Path(settings.TESTIMONIO_STAGING_ROOT)
        return {
            path.relative_to(root).as_posix()
            for path in root.rglob("*")
            if path.is_file() and staging not in path.parents
        }
    prefix = storage._normalize_name("")
    try:
        return {
            summary.key[len(prefix) :].lstrip("/")
            for summary in storage.bucket.objects.filter(Prefix=prefix)
        }
    except (BotoCoreError, ClientError) as error:
        raise _bucket_errors_as_unreachable(error) from error


class RangedObject(SizedReader):
    """An object in a bucket read by HTTP ranges, never downloaded whole."""

    def __init__(self, storage, name):
        super().__init__()
        self.name = name
        self._object = storage.bucket.Object(storage._normalize_name(name))
        try:
            self.size = self._object.content_length
        except ClientError as error:
            if error.response["Error"]["Code"] in ("404", "NoSuchKey"):
                raise FileNotFoundError(name) from error
            raise _bucket_errors_as_unreachable(error) from error
        except BotoCoreError as error:
            raise _bucket_errors_as_unreachable(error) from error
        self._position = 0

    def readinto(self, buffer):
        if self._position >= self.size:
            return 0
        last = min(self.size, self._position + len(buffer)) - 1
        try:
            body = self._object.get(Range=f"bytes={self._position}-{last}")["Body"].read()
        except (BotoCoreError, ClientError) as error:
            raise _bucket_errors_as_unreachable(error) from error
        buffer[: len(body)] = body
        self._position += len(body)
        return len(body)
