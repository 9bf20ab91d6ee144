"""Encrypt originals and signed consent forms stored before encryption at rest, in place.

`make run` runs it after migrating, so an older development archive keeps working. A file is
replaced only once its encrypted copy decrypts to the recorded SHA-256; after an interruption,
run it again.
"""

from django.core.management.base import BaseCommand, CommandError

from archive.consent.models import ConsentRecord
from archive.ingest.encryption import EncryptionError, is_encrypted
from archive.ingest.fixity import originals
from archive.ingest.objects import StorageUnreachable, open_stored
from archive.ingest.store import encrypt_in_place


def _is_plaintext(name):
    with open_stored(name) as stored:
        return not is_encrypted(stored)


def plaintext_files():
    for original in originals():
        if original.file and _is_plaintext(original.file.name):
            yield original.file.name, original.interview, original.sha256
    for consent in ConsentRecord.objects.exclude(signed_form="").select_related("interview"):
        if _is_plaintext(consent.signed_form.name):
            yield consent.signed_form.name, consent.interview, None


class Command(BaseCommand):
    help = "Encrypt originals stored before encryption at rest (safe to run again)."

    def handle(self, *args, **options):
        done = failed = 0
        try:
            for name, interview, sha256 in plaintext_files():
                try:
                    encrypt_in_place(name, interview, sha256)
                    done += 1
                except (OSError, EncryptionError) as error:
                    failed += 1
                    self.stderr.write(f"Not encrypted: {error}")
        except StorageUnreachable as error:
            # Looking for plaintext reads every file: with the bucket gone, nothing more can be
            # learnt, and every file not yet encrypted is still whole where it was.
            raise CommandError(
                f"{error}; {done} file(s) encrypted before that, the rest left as they were. "
                "Run it again when the bucket answers."
            ) from None
        if done or failed:
            self.stdout.write(f"{done} file(s) encrypted, {failed} left as they were.")
        if failed:
            raise SystemExit(1)
