import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from archive.ingest.manifest import BadManifest, apply_plan, plan_manifest
from archive.ingest.metadata import BadMetadata, interview_from_metadata
from archive.ingest.probe import UnreadableMedia
from archive.ingest.store import AlreadyIngested, ingest_recording


class Command(BaseCommand):
    help = (
        "Ingest an interview recording into private storage, or many from a CSV manifest. "
        "See docs/ingest.md."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="audio or video file of the interview")
        parser.add_argument("--title", help="working title of the interview")
        parser.add_argument("--narrator-name", help="the narrator's legal name (kept private)")
        parser.add_argument(
            "--display-name", help="the name the public may see (default: initials)"
        )
        parser.add_argument("--language", action="append", help="language code; repeatable")
        parser.add_argument("--date", help="interview date: YYYY, YYYY-MM or YYYY-MM-DD")
        parser.add_argument("--place", help="where the interview took place")
        parser.add_argument("--metadata", help="JSON file with further interview fields")
        parser.add_argument("--json", action="store_true", help="print the result as JSON")
        parser.add_argument("--manifest", help="CSV file of interviews to ingest in bulk")
        parser.add_argument(
            "--dry-run", action="store_true", help="with --manifest: check only, write nothing"
        )

    def handle(self, *args, **options):
        self.json_output = options["json"]
        if options["manifest"]:
            if options["file"]:
                raise CommandError("Give either FILE or --manifest, not both.")
            return self.ingest_manifest(options)
        if not options["file"]:
            raise CommandError("Give a FILE to ingest, or --manifest CSV.")
        if options["dry_run"]:
            raise CommandError("--dry-run works with --manifest.")
        return self.ingest_one(options)

    def ingest_one(self, options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        metadata = self.read_metadata(options["metadata"])
        for key, option in (
            ("title", "title"),
            ("narrator_legal_name", "narrator_name"),
            ("narrator_display_name", "display_name"),
            ("interview_date", "date"),
            ("interview_place", "place"),
            ("languages", "language"),
        ):
            if options[option]:
                metadata[key] = options[option]
        try:
            interview = interview_from_metadata(metadata)
            recording = ingest_recording(path, interview=interview)
        except BadMetadata as error:
            raise CommandError(f"Nothing was ingested: {error}") from None
        except UnreadableMedia as error:
            raise CommandError(f"{path}: {error} Nothing was ingested.") from None
        except AlreadyIngested as error:
            existing = error.existing
            raise CommandError(
                f"{path}: already ingested as {existing._meta.model_name} {existing.pk} "
                f"of interview {existing.interview_id}. Nothing was ingested."
            ) from None
        result = {
            "interview": recording.interview_id,
            "recording": recording.pk,
            "sha256": recording.sha256,
            "duration": recording.duration_seconds,
        }
        if self.json_output:
            self.stdout.write(json.dumps(result))
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Ingested {path.name} as interview {result['interview']}, recording "
                    f"{result['recording']} ({result['duration']:.1f} s, sha256 {result['sha256']})"
                )
            )

    def read_metadata(self, metadata_path):
        if not metadata_path:
            return {}
        try:
            data = json.loads(Path(metadata_path).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise CommandError(f"{metadata_path}: no such file") from None
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise CommandError(f"{metadata_path}: not valid JSON ({error})") from None
        if not isinstance(data, dict):
            raise CommandError(f"{metadata_path}: must hold a JSON object of interview fields")
        return data

    def ingest_manifest(self, options):
        try:
            plan = plan_manifest(options["manifest"])
        except BadManifest as error:
            raise CommandError(f"{error}. Nothing was ingested.") from None
        if plan.errors:
            for error in plan.errors:
                self.stderr.write(error)
            raise CommandError(
                f"{len(plan.errors)} bad row(s) in {options['manifest']}; nothing was ingested."
            )
        summary = {"ingest": [], "skip": []}
        if options["dry_run"]:
            for row in plan.rows:
                self.report(row, None, summary, dry_run=True)
        else:
            for row, recording in apply_plan(plan):
                self.report(row, recording, summary, dry_run=False)
        if self.json_output:
            self.stdout.write(json.dumps(summary))
        else:
            verb = "would ingest" if options["dry_run"] else "ingested"
            self.stdout.write(
                self.style.SUCCESS(
                    f"{verb} {len(summary['ingest'])}, skipped {len(summary['skip'])} "
                    f"already ingested."
                )
            )

    def report(self, row, recording, summary, dry_run):
        if row.existing is not None:
            summary["skip"].append({"line": row.line, "interview": row.existing.interview_id})
            message = f"line {row.line}: already ingested (interview {row.existing.interview_id})"
        elif dry_run:
            summary["ingest"].append({"line": row.line, "sha256": row.sha256})
            message = (
                f"line {row.line}: would ingest {row.path.name} ({row.info.duration_seconds:.1f} s)"
            )
        else:
            summary["ingest"].append(
                {
                    "line": row.line,
                    "interview": recording.interview_id,
                    "recording": recording.pk,
                    "sha256": recording.sha256,
                    "duration": recording.duration_seconds,
                }
            )
            message = (
                f"line {row.line}: ingested {row.path.name} as interview {recording.interview_id}"
            )
        if not self.json_output:
            self.stdout.write(message)
