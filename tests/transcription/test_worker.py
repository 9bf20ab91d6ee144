"""With real worker processes (`manage.py run_worker`), on each task backend: the database, and
RQ on a real Redis server. SIGKILL a worker mid-transcription and mid-render, recover at once,
resume; cancel and retry; a readable error; two workers sharing twenty jobs.

The site runs in processes of its own, on a SQLite file, or, under `make test-postgres`, on a
database of its own on the suite's PostgreSQL server (production's setup: the task worker's
row locking is PostgreSQL's there).
"""

import json
import signal
import time

import numpy as np
import pytest

from archive.transcription.audio import decode_for_whisper

from ..conftest import DEMO_AUDIO, free_port
from ..sites import Site, stop, write_wav

pytestmark = [pytest.mark.slow, pytest.mark.own_database]


@pytest.fixture(scope="module", params=["database", "rq"])
def site(request, tmp_path_factory):
    backend = request.param
    folder = tmp_path_factory.mktemp(f"worker-{backend}")
    site = Site(folder, backend, request.getfixturevalue("redis_url") if backend == "rq" else None)
    site.manage("migrate", "--noinput")
    speech = decode_for_whisper(DEMO_AUDIO / "demo-en.ogg")
    result = json.loads(
        site.manage(
            "ingest",
            write_wav(folder / "long.wav", np.tile(speech, 6)),
            "--title",
            "Long",
            "--narrator-name",
            "N",
            "--json",
        )
    )
    site.recording = result["recording"]
    site.duration = result["duration"]
    yield site
    site.remove_database()


def test_a_killed_worker_loses_no_segments_and_the_job_resumes_at_once(site):
    job = site.transcribe(site.recording, "--language", "en")
    worker = site.start_worker("transcription")
    try:
        site.wait(lambda: len(site.segments(job)) >= 2, 120, "the first segments")
        _, _, processed = site.job(job)
        assert 0 < processed < site.duration, "progress is reported as segments arrive"
        stop(worker, signal.SIGKILL)
    finally:
        stop(worker, signal.SIGKILL)
    before = site.segments(job)
    assert site.job(job)[0] == "running", "a dead worker leaves its job looking alive"

    # No waiting for a time limit: the worker's process is gone, so its job is stale now.
    assert "1 stale" in site.manage("recover_interrupted_work")
    assert site.job(job)[0] == "queued"

    worker = site.start_worker("transcription")
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
    assert list(site.media.rglob("*.part*")) == []
    assert site.live_workers() == 0, "a worker that stops leaves the registry"


def test_a_job_whose_worker_is_alive_is_never_taken_from_it(site):
    job = site.transcribe(site.recording, "--language", "en", "--no-diarize")
    worker = site.start_worker("transcription")
    try:
        site.wait(lambda: len(site.segments(job)) >= 1, 120, "the first segment")
        # However long since its last segment (the fallback for unregistered workers is 0 s
        # here), a job held by a live worker is not stale.
        report = site.manage(
            "recover_interrupted_work", env={"TESTIMONIO_TRANSCRIPTION_STALE_SECONDS": "0"}
        )
        assert "0 stale" in report
        site.wait(lambda: site.job(job)[0] == "done", 240, "the job")
    finally:
        stop(worker)
    assert site.job(job)[1] == 1, "it ran once, on one worker"


def test_a_worker_on_another_machine_is_gone_when_it_falls_silent(site):
    """Its process cannot be looked up from here: only its silence tells."""
    job = site.transcribe(site.recording, "--language", "en", "--no-diarize")
    worker = site.start_worker("transcription")
    try:
        site.wait(lambda: len(site.segments(job)) >= 1, 120, "the first segment")
        stop(worker, signal.SIGKILL)
    finally:
        stop(worker, signal.SIGKILL)
    site.query("UPDATE workers_worker SET host = 'elsewhere'")
    assert "0 stale" in site.manage("recover_interrupted_work"), "silent for too short a time"
    time.sleep(1.0)
    report = site.manage(
        "recover_interrupted_work", env={"TESTIMONIO_WORKER_GONE_AFTER_SECONDS": "1"}
    )
    assert "1 stale" in report
    worker = site.start_worker("transcription")
    try:
        site.wait(lambda: site.job(job)[0] == "done", 240, "the resumed job")
    finally:
        stop(worker)
    starts = [row[1] for row in site.segments(job)]
    assert starts == sorted(starts) and len(starts) == len(set(starts)), "no segment twice"


def complete_transcript(site):
    """A finished transcript of the site's recording to render from."""
    done = "SELECT COUNT(*) FROM transcription_transcript WHERE recording_id = ? AND is_complete"
    if site.query(done, site.recording) != [(0,)]:
        return
    job = site.transcribe(site.recording, "--language", "en")
    worker = site.start_worker("transcription")
    try:
        site.wait(lambda: site.job(job)[0] == "done", 300, "the transcription to render from")
    finally:
        stop(worker)


def test_a_worker_killed_mid_render_leaves_no_half_file_and_the_render_is_redone(site):
    complete_transcript(site)
    (interview,) = site.query(
        "SELECT interview_id FROM ingest_recording WHERE id = ?", site.recording
    )[0]
    site.shell(
        "from archive.redaction.tasks import prepare_redacted_media;"
        "from archive.workers.queueing import enqueue_when_committed;"
        f"enqueue_when_committed(prepare_redacted_media, {interview}, True)"
    )
    incoming = site.media / "private" / ".incoming"
    worker = site.start_worker("media")
    try:
        # A render of this recording takes well under a second on a fast machine: look often.
        site.wait(lambda: any(incoming.glob("*.part.ogg")), 120, "the render to start", every=0.002)
    finally:
        stop(worker, signal.SIGKILL)
    assert any(incoming.glob("*.part.ogg")), "the worker was killed mid-render"
    assert site.query("SELECT COUNT(*) FROM redaction_redactedaudio") == [(0,)]
    # The Ogg and the MP3 are written side by side: the kill may land before or after the MP3's
    # part file is opened.
    half_written = len(list(incoming.iterdir()))

    report = site.manage("recover_interrupted_work", "--parts-older-than", "0")
    assert "1 interrupted task(s)" in report
    assert f"{half_written} half-written file(s) removed" in report
    assert list(incoming.iterdir()) == []

    def listened():
        return site.query(
            "SELECT file, verification FROM redaction_redactedaudio WHERE verification != ?",
            "pending",
        )

    worker = site.start_worker("media")
    try:
        site.wait(lambda: listened(), 300, "the render to be redone and listened to")
        site.wait(lambda: site.query("SELECT COUNT(*) FROM workers_claim") == [(0,)], 30, "the end")
    finally:
        stop(worker)
    ((name, verification),) = listened()
    # Listened to by Whisper; nothing is redacted here, so spoken numbers may count as heard.
    assert verification in {"clean", "leaks"}
    assert (site.media / "private" / name).stat().st_size > 0
    assert list(site.media.rglob("*.part*")) == []


def test_a_cancelled_job_frees_its_worker_and_a_retry_finishes_it(site):
    job = site.transcribe(site.recording, "--language", "en", "--no-diarize")
    worker = site.start_worker("transcription")
    try:
        site.wait(lambda: len(site.segments(job)) >= 1, 120, "the first segment")
        site.shell(
            "from archive.transcription.jobs import cancel_job;"
            "from archive.transcription.models import TranscriptionJob;"
            f"cancel_job(TranscriptionJob.objects.get(pk={job}))"
        )
        following = site.transcribe(site.recording, "--language", "en", "--no-diarize")
        # One task at a time per worker: the next job starts only once the worker let go.
        site.wait(lambda: site.job(following)[0] != "queued", 120, "the worker to let go")
        written = site.segments(job)
        time.sleep(1)
        assert site.segments(job) == written, "nothing more is written after cancelling"
        assert site.job(job)[0] == "cancelled"
        assert written
        assert site.query(
            "SELECT is_complete FROM transcription_transcript WHERE job_id = ?", job
        ) == [(0,)]
        site.shell(
            "from archive.transcription.jobs import cancel_job, retry_job;"
            "from archive.transcription.models import TranscriptionJob;"
            f"cancel_job(TranscriptionJob.objects.get(pk={following}));"
            f"retry_job(TranscriptionJob.objects.get(pk={job}))"
        )
        site.wait(lambda: site.job(job)[0] == "done", 240, "the retried job")
    finally:
        stop(worker)
    assert site.segments(job)[: len(written)] == written, "the retry resumed, keeping them"
    assert site.job(job)[1] == 2


def test_a_damaged_original_fails_its_job_with_a_readable_error(site, tmp_path):
    speech = decode_for_whisper(DEMO_AUDIO / "demo-en.ogg")[: 3 * 16000]
    damaged = json.loads(
        site.manage(
            "ingest",
            write_wav(tmp_path / "d.wav", speech),
            "--title",
            "D",
            "--narrator-name",
            "D",
            "--json",
        )
    )["recording"]
    ((stored,),) = site.query("SELECT file FROM ingest_recording WHERE id = ?", damaged)
    path = site.media / "private" / stored
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    job = site.transcribe(damaged)
    worker = site.start_worker("transcription")
    try:
        site.wait(lambda: site.job(job)[0] == "failed", 120, "the job to fail")
    finally:
        stop(worker)
    ((error,),) = site.query("SELECT error FROM transcription_transcriptionjob WHERE id = ?", job)
    assert error.startswith("The recording could not be read:")
    assert "changed after it was stored" in error
    assert "Traceback" not in error


def test_two_workers_share_twenty_jobs_and_run_each_exactly_once(site, tmp_path):
    speech = decode_for_whisper(DEMO_AUDIO / "demo-en.ogg")
    rows = ["file,title,narrator_name"]
    for n in range(20):
        # Twenty different 2-second clips (the archive refuses the same file twice).
        write_wav(tmp_path / f"clip{n}.wav", speech[n * 1600 : n * 1600 + 2 * 16000])
        rows.append(f"clip{n}.wav,Clip {n},Narrator {n}")
    (tmp_path / "clips.csv").write_text("\n".join(rows) + "\n")
    site.manage("ingest", "--manifest", tmp_path / "clips.csv")
    jobs = json.loads(
        site.shell(
            "import json;"
            "from archive.ingest.models import Recording;"
            "from archive.transcription.jobs import start_job;"
            "print(json.dumps([start_job(r, language='en', diarize=False).pk "
            "for r in Recording.objects.filter(interview__title__startswith='Clip ')]))"
        )
    )
    assert len(jobs) == 20
    workers = [site.start_worker("transcription"), site.start_worker("transcription")]
    try:
        site.wait(lambda: all(site.job(job)[0] == "done" for job in jobs), 600, "the twenty jobs")
    finally:
        for worker in workers:
            stop(worker)
    rows = [
        (attempts, worker, transcripts)
        for job, attempts, worker, transcripts in site.query(
            "SELECT j.id, j.attempts, j.worker, COUNT(t.id) FROM transcription_transcriptionjob j "
            "LEFT JOIN transcription_transcript t ON t.job_id = j.id "
            "GROUP BY j.id, j.attempts, j.worker"
        )
        if job in jobs
    ]
    assert len(rows) == 20
    assert all(attempts == 1 and transcripts == 1 for attempts, _, transcripts in rows)
    assert len({worker for _, worker, _ in rows}) == 2, "both workers took jobs"


def test_waiting_for_a_job_with_no_worker_says_so_instead_of_hanging(site):
    started = time.monotonic()
    result = site.manage("transcribe", site.recording, "--wait", "--no-diarize", check=False)
    assert time.monotonic() - started < 20
    assert result.returncode == 1
    assert "No worker is running for the transcription queue" in result.stderr
    assert "manage.py run_worker --queue transcription" in result.stderr
    assert "stays queued" in result.stderr

    result = site.manage(
        "transcribe", site.recording, "--wait", "--keep-waiting", "--timeout", "4", check=False
    )
    assert "No worker is running" in result.stderr
    assert "did not finish within 4 s" in result.stderr
    site.query(
        "UPDATE transcription_transcriptionjob SET status = 'cancelled' WHERE status = 'queued'"
    )


def test_jobs_the_queue_never_got_or_lost_are_sent_again_by_a_waiting_worker(redis_url, tmp_path):
    """Redis unreachable when a job is queued (the job is saved, the error logged), and Redis
    losing what it held (restarted without its data): an idle worker sends both again."""
    import redis

    own_database = redis_url.rsplit("/", 1)[0] + "/7"  # flushed below; no other test uses it
    site = Site(tmp_path, "rq", own_database, TESTIMONIO_RESEND_LOST_AFTER_SECONDS="1")
    try:
        site.manage("migrate", "--noinput")
        speech = decode_for_whisper(DEMO_AUDIO / "demo-en.ogg")
        recordings = [
            json.loads(
                site.manage(
                    "ingest", write_wav(tmp_path / f"{n}.wav", speech[n * 800 : n * 800 + 32000]),
                    "--title", f"T{n}", "--narrator-name", "N", "--json",
                )
            )["recording"]
            for n in range(2)
        ]  # fmt: skip
        unreachable = f"redis://127.0.0.1:{free_port()}/7"
        lost = site.transcribe(recordings[0], "--language", "en")
        result = site.manage(
            "transcribe", recordings[1], "--language", "en", "--json",
            env={"REDIS_URL": unreachable}, check=False,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        assert "could not be queued" in result.stderr and "Traceback" not in result.stderr
        never_sent = json.loads(result.stdout)["job"]
        assert site.query(
            "SELECT task_id FROM transcription_transcriptionjob WHERE id = ?", never_sent
        ) == [("",)], "the queue never had it"
        redis.Redis.from_url(own_database).flushdb()  # and it forgets the one it had
        assert site.job(never_sent)[0] == site.job(lost)[0] == "queued"
        worker = site.start_worker("transcription")
        try:
            for job in (never_sent, lost):
                site.wait(lambda job=job: site.job(job)[0] == "done", 180, f"job {job}")
        finally:
            stop(worker)
        assert site.job(never_sent)[1] == site.job(lost)[1] == 1, "each ran once"
    finally:
        site.remove_database()


ASK_FOR_A_RENDER = """
from django.contrib.auth import get_user_model
from django.test import Client
editor, _ = get_user_model().objects.get_or_create(username="editor", is_superuser=True)
client = Client(HTTP_HOST="localhost")
client.force_login(editor)
page = client.post("/admin/redaction/interviews/{interview}/prepare/", follow=True)
print(page.status_code)
print(page.content.decode())
"""

REQUEUE = """
from archive.workers.models import Claim
from archive.workers.recovery import requeue_work_of_gone_workers
print(requeue_work_of_gone_workers(), Claim.objects.count())
"""


def test_a_render_asked_for_while_the_queue_is_down_is_not_lost_silently(redis_url, tmp_path):
    """Redis unreachable: the editor who asks for a render is told it did not start, and a gone
    worker's render stays claimed until the queue is back, instead of both vanishing into a
    log line."""
    import redis

    own_database = redis_url.rsplit("/", 1)[0] + "/6"  # flushed below; no other test uses it
    queued_renders = redis.Redis.from_url(own_database)
    site = Site(tmp_path, "rq", own_database)
    try:
        site.manage("migrate", "--noinput")
        speech = decode_for_whisper(DEMO_AUDIO / "demo-en.ogg")
        recording = json.loads(
            site.manage(
                "ingest", write_wav(tmp_path / "a.wav", speech[:32000]),
                "--title", "T", "--narrator-name", "N", "--json",
            )
        )["recording"]  # fmt: skip
        (interview,) = site.query(
            "SELECT interview_id FROM ingest_recording WHERE id = ?", recording
        )[0]
        down = {"REDIS_URL": f"redis://127.0.0.1:{free_port()}/6"}
        ask = ASK_FOR_A_RENDER.format(interview=interview)

        status, page = site.manage("shell", "--no-imports", "-c", ask, env=down).split("\n", 1)
        assert status == "200"
        assert "The render could not be started: the task queue did not answer." in page
        assert "Rendering the redacted audio" not in page
        assert queued_renders.llen("rq:queue:media") == 0

        status, page = site.manage("shell", "--no-imports", "-c", ask).split("\n", 1)
        assert "Rendering the redacted audio" in page and "could not be started" not in page
        assert queued_renders.llen("rq:queue:media") == 1

        site.shell(
            "from archive.workers.models import Claim; Claim.objects.create(task_path="
            f"'archive.redaction.tasks.prepare_redacted_media', args=[{interview}, True], "
            "worker='gone')"
        )
        assert site.manage("shell", "--no-imports", "-c", REQUEUE, env=down).split() == ["0", "1"]
        assert site.shell(REQUEUE).split() == ["1", "0"], "sent once the queue is back"
        assert queued_renders.llen("rq:queue:media") == 2
    finally:
        queued_renders.flushdb()
        site.remove_database()
