import json

from django.core.management.base import BaseCommand, CommandError
from wagtail.log_actions import log

from archive.ingest.fixity import check, originals, unnamed_private_files
from archive.ingest.objects import StorageUnreachable


class Command(BaseCommand):
    help = (
        "Re-hash originals and report any that changed or went missing; with --all, also files "
        "in private storage that no record names (exit status 1 for any of these)."
    )

    def add_arguments(self, parser):
        parser.add_argument("interview_ids", nargs="*", type=int, help="default: with --all")
        parser.add_argument("--all", action="store_true", help="check every original")
        parser.add_argument("--json", action="store_true", help="print the results as JSON")

    def handle(self, *args, **options):
        if not options["all"] and not options["interview_ids"]:
            raise CommandError("Name interviews to check, or use --all.")
        found = originals(options["interview_ids"])
        try:
            results = [check(original) for original in found]
            unnamed = unnamed_private_files() if options["all"] else []
        except StorageUnreachable as error:
            # A network fault is not a changed file: nothing is recorded against any interview.
            raise CommandError(
                f"{error}; nothing was checked. Try again when it answers."
            ) from None
        finally:
            # Now, not whenever the error is collected: on PostgreSQL an unfinished iterator
            # holds a server-side cursor, and closing it in a later transaction fails there.
            found.close()
        failed = [result for result in results if not result.ok]
        for name in unnamed:
            self.stderr.write(
                f"No record names private/{name}: left by an interrupted save? Kept for you to "
                "look at; nothing reads or serves it."
            )
        for result in failed:
            log(
                instance=result.original.interview,
                action="testimonio.fixity_failed",
                data={
                    "kind": result.original._meta.model_name,
                    "id": result.original.pk,
                    "problem": result.problem,
                },
            )
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    [
                        {
                            "kind": r.original._meta.model_name,
                            "id": r.original.pk,
                            "interview": r.original.interview_id,
                            "sha256": r.original.sha256,
                            "ok": r.ok,
                            "problem": r.problem,
                        }
                        for r in results
                    ],
                    indent=2,
                )
            )
        else:
            for result in failed:
                original = result.original
                self.stdout.write(
                    f"{original._meta.model_name} {original.pk} of interview "
                    f"{original.interview_id}: {result.problem} (expected {original.sha256})"
                )
            self.stdout.write(f"{len(results)} original(s) checked, {len(failed)} failed.")
        if failed or unnamed:
            raise SystemExit(1)
