"""Re-wrap every interview's data key under a new master key.

To rotate: set TESTIMONIO_MASTER_KEY to the new key and TESTIMONIO_PREVIOUS_MASTER_KEYS to the
old one, run this, then remove the old key from the environment and destroy it. Files are not
rewritten (they are encrypted under the data keys, which do not change). Either every key is
re-wrapped or, if one cannot be unwrapped, none is.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from archive.ingest.encryption import EncryptionError, is_wrapped_by_current_master_key, unwrap
from archive.ingest.encryption import wrap as wrap_key
from archive.ingest.models import DataKey


class Command(BaseCommand):
    help = (
        "Re-wrap every data key under TESTIMONIO_MASTER_KEY, unwrapping with the keys in "
        "TESTIMONIO_PREVIOUS_MASTER_KEYS. Safe to run again."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            data_keys = list(DataKey.objects.select_for_update().order_by("interview_id"))
            stale = [key for key in data_keys if not is_wrapped_by_current_master_key(key.wrapped)]
            unreadable = []
            for data_key in stale:
                try:
                    data_key.wrapped = wrap_key(unwrap(data_key.wrapped))
                except EncryptionError:
                    unreadable.append(data_key.interview_id)
            if unreadable:
                raise CommandError(
                    f"{len(unreadable)} data key(s) open with none of the keys given (interviews "
                    f"{', '.join(map(str, unreadable))}). Nothing was changed: name the master "
                    "key they were made with in TESTIMONIO_PREVIOUS_MASTER_KEYS and run this again."
                )
            DataKey.objects.bulk_update(stale, ["wrapped"])
        self.stdout.write(
            f"{len(stale)} data key(s) re-wrapped under the current master key; "
            f"{len(data_keys) - len(stale)} already were."
        )
        if stale:
            self.stdout.write(
                "Now remove the old key from TESTIMONIO_PREVIOUS_MASTER_KEYS and destroy it. "
                "Database backups taken before now can be read only with it."
            )
