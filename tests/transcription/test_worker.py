"""With a real worker process: SIGKILL it mid-transcription, recover, resume; cancel a run.

The site runs in processes of its own, on a SQLite file, or, under `make test-postgres`, on a
database of its own on the suite's PostgreSQL server (production's setup: the task worker's
row locking is PostgreSQL's there).
"""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path

import av
import pytest

from archive.transcription.audio import decode_for_whisper

from ..conftest import DEMO_AUDIO, separate_site_env

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.slow, pytest.mark.own_database]
ON_POSTGRESQL = bool(os.environ.get("DATABASE_NAME"))


def postgresql(dbname):
    import psycopg

    return psycopg.connect(
        dbname=dbname,
        user=os.environ.get("DATABASE_USER", ""),
        host=os.environ.get("DATABASE_HOST", ""),
        port=os.environ.get("DATABASE_PORT", ""),
        autocommit=True,
    )


def write_long_recording(path, repeats=6):
    samples = decode_for_whisper(DEMO_AUDIO / "demo-en.ogg")
    pcm = (samples.clip(-1, 1) * 32767).astype("<i2").tobytes() * repeats
    with av.open(str(path), "w", format="wav") as container:
        stream = container.add_stream("pcm_s16le", rate=16000, layout="mono")
        frame = av.AudioFrame(format="s16", layout="mono", samples=len(pcm) // 2)
        frame.planes[0].update(pcm)
        frame.sample_rate = 16000
        container.mux(stream.encode(frame))
        container.mux(stream.encode(None))
    return path


class Site:
    def __init__(self, folder):
        self.db = folder / "db.sqlite3"
        self.pg_name = f"testimonio_worker_{uuid.uuid4().hex[:12]}" if ON_POSTGRESQL else None
        database = {}
        if self.pg_name:
            with postgresql("postgres") as server:
                server.execute(f"CREATE DATABASE {self.pg_name}")
            database = {
                name: value for name, value in os.environ.items() if name.startswith("DATABASE_")
            }
            database["DATABASE_NAME"] = self.pg_name
        self.env = separate_site_env(
            **database,
            DJANGO_SETTINGS_MODULE="archive.settings.dev",
            TESTIMONIO_DB_PATH=str(self.db),
            TESTIMONIO_MEDIA_ROOT=str(folder / "media"),
            TESTIMONIO_TRANSCRIPTION_STALE_SECONDS="3",
            # Segments are saved batch by batch; two clips a batch leaves work to interrupt
            # after the first batch on a fast machine.
            TESTIMONIO_FASTER_WHISPER_BATCH_SIZE="2",
        )
        self.log = folder / "worker.log"

    def manage(self, *args):
        result = subprocess.run(
            [sys.executable, "manage.py", *map(str, args)],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            check=True,
        )
        return result.stdout

    def start_worker(self):
        log = open(self.log, "a")  # noqa: SIM115 - the worker writes to it while it lives
        return subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--no-startup-delay", "--interval", "0.2"],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def query(self, sql, *params):
        if self.pg_name:
            with postgresql(self.pg_name) as db:
                return db.execute(sql.replace("?", "%s"), params).fetchall()
        with sqlite3.connect(self.db, timeout=20) as db:
            return db.execute(sql, params).fetchall()

    def running_task_jobs(self):
        """The job ids the worker's RUNNING tasks were given (the column is JSON text on SQLite,
        jsonb, read as a dict, on PostgreSQL)."""
        rows = self.query(
            "SELECT args_kwargs FROM django_tasks_database_dbtaskresult WHERE status = 'RUNNING'"
        )
        calls = [json.loads(value) if isinstance(value, str) else value for (value,) in rows]
        return [call["args"][0] for call in calls if call["args"]]

    def remove_database(self):
        if self.pg_name:
            with postgresql("postgres") as server:
                server.execute(f"DROP DATABASE IF EXISTS {self.pg_name} WITH (FORCE)")

    def job(self, job_id):
        status, attempts, processed = self.query(
            "SELECT status, attempts, processed_seconds FROM transcription_transcriptionjob "
            "WHERE id = ?",
            job_id,
        )[0]
        return status, attempts, processed

    def segments(self, job_id):
        return self.query(
            "SELECT s.id, s.start, s.end, s.text FROM transcription_segment s "
            "JOIN transcription_transcript t ON s.transcript_id = t.id WHERE t.job_id = ? "
            "ORDER BY s.position",
            job_id,
        )

    def wait(self, predicate, seconds, what, every=0.2):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if predicate():
                return
            time.sleep(every)
        raise AssertionError(f"timed out waiting for {what}:\n{self.log.read_text()[-3000:]}")


def stop(process, sig=signal.SIGTERM):
    if process.poll() is None:
        os.killpg(process.pid, sig)
        process.wait(timeout=30)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("worker")
    site = Site(folder)
    site.manage("migrate", "--noinput")
    audio = write_long_recording(folder / "long.wav")
    result = json.loads(
        site.manage("ingest", audio, "--title", "Long", "--narrator-name", "N", "--json")
    )
    site.recording = result["recording"]
    site.duration = result["duration"]
    yield site
    site.remove_database()


def test_a_killed_worker_loses_no_segments_and_the_job_resumes(site):
    job = json.loads(site.manage("transcribe", site.recording, "--language", "en", "--json"))["job"]
    worker = site.start_worker()
    try:
        site.wait(lambda: len(site.segments(job)) >= 2, 120, "the first segments")
        stop(worker, signal.SIGKILL)
    finally:
        stop(worker, signal.SIGKILL)
    before = site.segments(job)
    assert site.job(job)[0] == "running", "a dead worker leaves its job looking alive"

    time.sleep(3.5)
    assert "1 stale" in site.manage("recover_interrupted_work")
    assert site.job(job)[0] == "queued"

    worker = site.start_worker()
    try:
        site.wait(lambda: site.job(job)[0] == "done", 240, "the resumed job")
    finally:
        stop(worker)
    status, attempts, _ = site.job(job)
    after = site.segments(job)
    assert attempts == 2
    assert after[: len(before)] == before, "segments written before the crash are kept as they were"
    assert len(after) > len(before)
    assert after[-1][2] > site.duration - 10, "the transcript reaches the end of the recording"
    starts = [row[1] for row in after]
    assert starts == sorted(starts)
    leftovers = [p for p in (site.db.parent / "media").rglob("*.part")]
    assert leftovers == []


def complete_transcript(site):
    """A finished transcript of the site's recording to render from: the first test's, or, where
    this test runs on a site of its own, a transcription run here."""
    done = "SELECT COUNT(*) FROM transcription_transcript WHERE recording_id = ? AND is_complete"
    if site.query(done, site.recording) != [(0,)]:
        return
    job = json.loads(site.manage("transcribe", site.recording, "--language", "en", "--json"))["job"]
    worker = site.start_worker()
    try:
        site.wait(lambda: site.job(job)[0] == "done", 300, "the transcription to render from")
    finally:
        stop(worker)


def test_a_worker_killed_mid_render_leaves_no_half_file_and_the_render_is_redone(site):
    complete_transcript(site)
    (interview,) = site.query(
        "SELECT interview_id FROM ingest_recording WHERE id = ?", site.recording
    )[0]
    site.manage(
        "shell",
        "-c",
        "from archive.redaction.tasks import prepare_redacted_media;"
        f"prepare_redacted_media.enqueue({interview}, True)",
    )
    media = site.db.parent / "media"
    incoming = media / "private" / ".incoming"
    worker = site.start_worker()
    try:
        # A render of this recording takes well under a second on a fast machine: look often.
        site.wait(lambda: any(incoming.glob("*.part.ogg")), 120, "the render to start", every=0.002)
    finally:
        stop(worker, signal.SIGKILL)
    assert any(incoming.glob("*.part.ogg")), "the worker was killed mid-render"
    assert site.query("SELECT COUNT(*) FROM redaction_redactedaudio") == [(0,)]

    report = site.manage("recover_interrupted_work", "--parts-older-than", "0")
    assert "1 interrupted render(s)" in report and "1 half-written file(s) removed" in report
    assert list(incoming.iterdir()) == []

    FINISHED = ("SUCCESSFUL", "FAILED")

    def statuses():
        return site.query(
            "SELECT status FROM django_tasks_database_dbtaskresult WHERE task_path LIKE ? "
            "ORDER BY enqueued_at",
            "%prepare_redacted_media",
        )

    worker = site.start_worker()
    try:
        # The task row itself says when the redone render is over: the render's own row is
        # written before the task is marked finished.
        site.wait(
            lambda: (done := statuses()) and len(done) == 2 and done[1][0] in FINISHED,
            300,
            "the render to be redone and listened to",
        )
    finally:
        stop(worker)
    assert statuses() == [("FAILED",), ("SUCCESSFUL",)]
    ((name, verification),) = site.query("SELECT file, verification FROM redaction_redactedaudio")
    # Listened to by Whisper; nothing is redacted here, so spoken numbers may count as heard.
    assert verification in {"clean", "leaks"}
    assert (media / "private" / name).stat().st_size > 0
    assert list(media.rglob("*.part*")) == []


def test_cancelling_a_running_job_stops_the_worker_and_keeps_what_it_wrote(site):
    job = json.loads(site.manage("transcribe", site.recording, "--json"))["job"]
    worker = site.start_worker()
    try:
        site.wait(lambda: len(site.segments(job)) >= 1, 120, "the first segment")
        site.manage(
            "shell",
            "-c",
            "from archive.transcription.jobs import cancel_job;"
            "from archive.transcription.models import TranscriptionJob;"
            f"cancel_job(TranscriptionJob.objects.get(pk={job}))",
        )
        site.wait(
            lambda: job not in site.running_task_jobs(),
            60,
            "the worker to let go of the cancelled job",
        )
        written = len(site.segments(job))
        time.sleep(1)
        assert len(site.segments(job)) == written, "nothing more is written after cancelling"
    finally:
        stop(worker)
    assert site.job(job)[0] == "cancelled"
    assert written >= 1
    assert site.query("SELECT is_complete FROM transcription_transcript WHERE job_id = ?", job) == [
        (0,)
    ]
