import argparse
import json
import time

from django.core.management.base import BaseCommand, CommandError

from archive.ingest.models import Recording
from archive.transcription.diarization import MAX_GIVEN_SPEAKERS
from archive.transcription.engines import engine_names
from archive.transcription.jobs import recover_stale_jobs, start_job
from archive.transcription.models import ACTIVE_STATUSES, JobStatus, TranscriptionJob
from archive.workers.registry import workers_serving

# A worker that is running has entered the registry long before this.
NO_WORKER_AFTER_SECONDS = 2


class Command(BaseCommand):
    help = "Transcribe a recording with local Whisper, as a background job."

    def add_arguments(self, parser):
        parser.add_argument("recording_id", type=int)
        parser.add_argument(
            "--engine", choices=engine_names(), help="default: the configured engine"
        )
        parser.add_argument("--model", help="model name, directory or checkpoint (default: base)")
        parser.add_argument(
            "--language",
            help=(
                "language code; default: the interview's when it lists one, else detected "
                "among the languages it lists or, where it lists none, "
                "TESTIMONIO_TRANSCRIPTION_LANGUAGES"
            ),
        )
        parser.add_argument(
            "--translate", action="store_true", help="also make an English translation"
        )
        parser.add_argument(
            "--diarize",
            action=argparse.BooleanOptionalAction,
            help="find who speaks when (default: for recordings longer than a minute)",
        )
        parser.add_argument(
            "--speakers",
            type=int,
            help=f"with --diarize: how many speakers (2-{MAX_GIVEN_SPEAKERS}; default: estimate)",
        )
        parser.add_argument("--wait", action="store_true", help="wait for the job to finish")
        parser.add_argument(
            "--keep-waiting",
            action="store_true",
            help="with --wait: wait for a worker to start if none is running",
        )
        parser.add_argument("--json", action="store_true", help="print the result as JSON")
        parser.add_argument(
            "--timeout", type=float, default=0, help="with --wait: give up after N seconds"
        )

    def handle(self, *args, **options):
        recording = Recording.objects.filter(pk=options["recording_id"]).first()
        if recording is None:
            raise CommandError(f"No recording {options['recording_id']}.")
        if options["speakers"] is not None:
            if options["diarize"] is False:
                raise CommandError("--speakers needs diarization; drop --no-diarize.")
            if not 2 <= options["speakers"] <= MAX_GIVEN_SPEAKERS:
                raise CommandError(f"--speakers must be from 2 to {MAX_GIVEN_SPEAKERS}.")
            options["diarize"] = True
        job = start_job(
            recording,
            engine=options["engine"],
            model=options["model"],
            language=options["language"] or "",
            then_translate=options["translate"],
            diarize=options["diarize"],
            speakers=options["speakers"],
        )
        if not options["wait"]:
            self.stdout.write(
                json.dumps({"job": job.pk, "status": job.status})
                if options["json"]
                else f"Queued job {job.pk}; `make run` starts the worker that runs it."
            )
            return
        job = self.wait_for(job, options["timeout"], options["keep_waiting"])
        if options["translate"] and job.status == JobStatus.DONE:
            translation_job = self.wait_for(
                TranscriptionJob.objects.filter(translation_of=job.transcripts.get()).first(),
                options["timeout"],
                options["keep_waiting"],
            )
        else:
            translation_job = None
        self.report(job, translation_job, options["json"])

    def wait_for(self, job, timeout, keep_waiting):
        started = time.monotonic()
        told = False
        while True:
            job.refresh_from_db()
            if job.status not in ACTIVE_STATUSES:
                return job
            waited = time.monotonic() - started
            if timeout and waited > timeout:
                raise CommandError(f"Job {job.pk} did not finish within {timeout:.0f} s.")
            if not told and waited > NO_WORKER_AFTER_SECONDS:
                if not workers_serving("transcription"):
                    self.no_worker(job, keep_waiting)
                told = True
            recover_stale_jobs()
            time.sleep(0.5)

    def no_worker(self, job, keep_waiting):
        self.stderr.write(
            "No worker is running for the transcription queue. Start one with "
            "`manage.py run_worker --queue transcription` (or `make run`, which starts one)."
        )
        if not keep_waiting:
            raise CommandError(
                f"Job {job.pk} stays queued and runs when a worker starts; "
                "pass --keep-waiting to wait for it here."
            )
        self.stderr.write(f"Waiting for job {job.pk} until a worker runs it.")

    def report(self, job, translation_job, as_json):
        if job.status != JobStatus.DONE:
            raise CommandError(f"Job {job.pk} {job.status}: {job.error or 'no reason given'}")
        transcript = job.transcripts.get()
        result = {
            "transcript": transcript.pk,
            "language": transcript.language,
            "duration": round(job.duration_seconds, 3),
            "text": transcript.text,
            "speakers": sorted({s.speaker for s in transcript.segments.all() if s.speaker}),
        }
        if translation_job is not None:
            if translation_job.status != JobStatus.DONE:
                raise CommandError(
                    f"Translation job {translation_job.pk} {translation_job.status}: "
                    f"{translation_job.error}"
                )
            translation = translation_job.transcripts.get()
            result["translation"] = {"transcript": translation.pk, "text": translation.text}
        if job.notice:
            result["notice"] = job.notice
            self.stderr.write(job.notice)
        if as_json:
            self.stdout.write(json.dumps(result, ensure_ascii=False))
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Transcript {transcript.pk} ({transcript.language}, {result['duration']} s):"
                )
            )
            if result["speakers"]:
                self.stdout.write(f"Speakers: {', '.join(result['speakers'])}")
            self.stdout.write(result["text"])
