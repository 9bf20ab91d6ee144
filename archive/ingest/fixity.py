"""Fixity: are the originals still the bytes we were given? Each is decrypted (which
authenticates every chunk) and its plaintext re-hashed and compared with the SHA-256 recorded
when it was ingested."""

from dataclasses import dataclass

from django.apps import apps
from django.db import models

from .encryption import EncryptionError, FileTampered
from .models import Photo, Recording, private_storage
from .objects import StorageUnreachable, stored_names
from .store import sha256_of_stream


@dataclass
class FixityResult:
    original: object
    problem: str  # "" when the file is intact

    @property
    def ok(self):
        return not self.problem


def check(original):
    try:
        with original.open_decrypted() as plaintext:
            digest = sha256_of_stream(plaintext)
    except FileNotFoundError:
        return FixityResult(original, "missing")
    except StorageUnreachable:
        raise
    except OSError as error:
        return FixityResult(original, f"unreadable ({error.strerror or error})")
    except FileTampered:
        return FixityResult(original, "changed")
    except EncryptionError as error:
        return FixityResult(original, f"unreadable ({error})")
    return FixityResult(original, "" if digest == original.sha256 else "changed")


def originals(interview_ids=None):
    for model in (Recording, Photo):
        queryset = model.objects.select_related("interview").order_by("pk")
        if interview_ids:
            queryset = queryset.filter(interview_id__in=interview_ids)
        yield from queryset.iterator()


def unnamed_private_files():
    """Files in private storage that no record names: what a process killed between putting a
    file in place and committing its row leaves behind. Reported, never deleted: deciding what
    an unexplained file is belongs to a person. Fields are found through the app registry, so
    later apps' files (derivatives, consent forms) count without ingest importing them."""
    named = set()
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.FileField) and field.storage is private_storage():
                names = model._base_manager.exclude(**{field.attname: ""}).values_list(
                    field.attname, flat=True
                )
                named.update(names)
    return sorted(stored_names() - named)
