"""Encrypt originals and signed consent forms stored before encryption at rest, in place.

`make run` runs it after migrating, so an older development archive keeps working. A file is
replaced only once its encrypted copy decrypts to the recorded SHA-256; after an interruption,
run it again.
"""

from django.core.management.base import BaseCommand

from archive.consent.models import ConsentRecord
from archive.ingest.encryption import EncryptionError, is_encrypted
from archive.ingest.fixity import originals
from archive.ingest.store import encrypt_in_place


def plaintext_files():
    for original in originals():
        if original.file and not is_encrypted(original.file.path):
            yield original.file.path, original.interview, original.sha256
    for consent in ConsentRecord.objects.exclude(signed_form="").select_related("interview"):
        if not is_encrypted(consent.signed_form.path):
            yield consent.signed_form.path, consent.interview, None


class Command(BaseCommand):
    help = "Encrypt originals stored before encryption at rest (safe to run again)."

    def handle(self, *args, **options):
        done = failed = 0
        for path, interview, sha256 in plaintext_files():
            try:
                encrypt_in_place(path, interview, sha256)
                done += 1
            except (OSError, EncryptionError) as error:
                failed += 1
                self.stderr.write(f"Not encrypted: {error}")
        if done or failed:
            self.stdout.write(f"{done} file(s) encrypted, {failed} left as they were.")
        if failed:
            raise SystemExit(1)
