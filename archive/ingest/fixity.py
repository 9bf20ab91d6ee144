"""Fixity: are the originals still the bytes we were given? Each is decrypted (which
authenticates every chunk) and its plaintext re-hashed and compared with the SHA-256 recorded
when it was ingested."""

from dataclasses import dataclass

from .encryption import EncryptionError, FileTampered
from .models import Photo, Recording
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
    except OSError as error:
        return FixityResult(original, f"unreadable ({error.strerror})")
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
