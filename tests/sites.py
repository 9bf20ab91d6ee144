"""A site run in processes of its own (web server, workers, commands), as a deployment runs it:
on a SQLite file, or, under `make test-postgres`, on a database of its own on the suite's
PostgreSQL server; tasks on the database or on RQ; private files on disk or in a bucket."""

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

from .conftest import separate_site_env

ROOT = Path(__file__).resolve().parents[1]
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


def write_wav(path, samples):
    pcm = (samples.clip(-1, 1) * 32767).astype("<i2").tobytes()
    with av.open(str(path), "w", format="wav") as container:
        stream = container.add_stream("pcm_s16le", rate=16000, layout="mono")
        frame = av.AudioFrame(format="s16", layout="mono", samples=len(pcm) // 2)
        frame.planes[0].update(pcm)
        frame.sample_rate = 16000
        container.mux(stream.encode(frame))
        container.mux(stream.encode(None))
    return path


class Site:
    def __init__(self, folder, backend, redis_url=None, **settings_env):
        self.backend = backend
        self.db = folder / "db.sqlite3"
        self.media = folder / "media"
        self.pg_name = f"testimonio_worker_{uuid.uuid4().hex[:12]}" if ON_POSTGRESQL else None
        database = {}
        if self.pg_name:
            with postgresql("postgres") as server:
                server.execute(f"CREATE DATABASE {self.pg_name}")
            database = {
                name: value for name, value in os.environ.items() if name.startswith("DATABASE_")
            }
            database["DATABASE_NAME"] = self.pg_name
        queues = {"TESTIMONIO_TASK_BACKEND": backend}
        if redis_url:
            queues["REDIS_URL"] = redis_url
        self.env = separate_site_env(
            **database,
            **queues,
            DJANGO_SETTINGS_MODULE="archive.settings.dev",
            TESTIMONIO_DB_PATH=str(self.db),
            TESTIMONIO_MEDIA_ROOT=str(self.media),
            TESTIMONIO_WORKER_BEAT_SECONDS="0.5",
            TESTIMONIO_WORKER_POLL_SECONDS="0.2",
            # Segments are saved batch by batch; two clips a batch leaves work to interrupt
            # after the first batch on a fast machine.
            TESTIMONIO_FASTER_WHISPER_BATCH_SIZE="2",
            **settings_env,
        )
        self.log = folder / "worker.log"

    def manage(self, *args, check=True, env=None):
        result = subprocess.run(
            [sys.executable, "manage.py", *map(str, args)],
            cwd=ROOT,
            env={**self.env, **(env or {})},
            capture_output=True,
            text=True,
            check=False,
        )
        if check and result.returncode:
            raise AssertionError(f"manage.py {args[0]} failed:\n{result.stderr[-3000:]}")
        return result if not check else result.stdout

    def start_worker(self, *queues):
        log = open(self.log, "a")  # noqa: SIM115 - the worker writes to it while it lives
        return subprocess.Popen(
            [sys.executable, "manage.py", "run_worker", *(f"--queue={q}" for q in queues)],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def start_web(self, port, workers=2):
        """gunicorn with the production settings, as behind the TLS proxy of
        docs/deployment.md (requests must say X-Forwarded-Proto: https)."""
        log = open(self.log, "a")  # noqa: SIM115 - the server writes to it while it lives
        return subprocess.Popen(
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "--workers",
                str(workers),
                "--bind",
                f"127.0.0.1:{port}",
                # Each server here is one of several on the machine: none takes the shared
                # control socket in the home directory.
                "--no-control-socket",
                "archive.wsgi",
            ],
            cwd=ROOT,
            env={
                **self.env,
                "DJANGO_SETTINGS_MODULE": "archive.settings.production",
                "DJANGO_SECRET_KEY": uuid.uuid4().hex * 2,
                "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            },
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def shell(self, code):
        return self.manage("shell", "--no-imports", "-c", code)

    def query(self, sql, *params):
        if self.pg_name:
            with postgresql(self.pg_name) as db:
                cursor = db.execute(sql.replace("?", "%s"), params)
                return cursor.fetchall() if cursor.description else []
        with sqlite3.connect(self.db, timeout=20) as db:
            return db.execute(sql, params).fetchall()

    def remove_database(self):
        if self.pg_name:
            with postgresql("postgres") as server:
                server.execute(f"DROP DATABASE IF EXISTS {self.pg_name} WITH (FORCE)")

    def transcribe(self, recording, *options):
        return json.loads(self.manage("transcribe", recording, "--json", *options))["job"]

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

    def live_workers(self):
        return self.query("SELECT COUNT(*) FROM workers_worker")[0][0]

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
