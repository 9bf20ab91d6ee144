"""`make run` for real: the demo loads, the web server and the worker both start and answer."""

import http.client
import os
import signal
import socket
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from .conftest import readable, separate_site_env

ROOT = Path(__file__).resolve().parent.parent

pytestmark = [pytest.mark.slow, pytest.mark.fresh_checkout]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(port, path):
    """A raw request: the path is sent exactly as written, '..' and all."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path)
    response = connection.getresponse()
    return response.status, response.read().decode("utf-8", "replace")


def wait_for(predicate, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if predicate():
                return True
        except OSError:
            pass
        time.sleep(0.5)
    return False


@pytest.fixture(scope="module")
def running_demo(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("make-run")
    port = free_port()
    env = separate_site_env(
        PORT=str(port),
        DJANGO_SETTINGS_MODULE="archive.settings.dev",
        TESTIMONIO_DB_PATH=str(tmp_path / "db.sqlite3"),
        TESTIMONIO_MEDIA_ROOT=str(tmp_path / "media"),
    )
    # Append mode, and read by name, never through `log`: make shares this file's offset, so a
    # seek here moved where make wrote, and a buffered read could start where make had left it.
    log = open(tmp_path / "make-run.log", "a+")  # noqa: SIM115 - read while the server runs
    process = subprocess.Popen(
        ["make", "--no-print-directory", "run"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        # Migrating and loading the demo through real Whisper takes minutes on a busy machine.
        up = wait_for(lambda: get(port, "/")[0] == 200, 600)
        assert up, (
            "make run did not serve the home page:\n" + (tmp_path / "make-run.log").read_text()
        )
        yield port, tmp_path, log
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        log.close()


def test_make_run_serves_the_demo_with_a_working_task_worker(running_demo):
    port, folder, log = running_demo

    status, home = get(port, "/")
    assert status == 200
    assert "Told to inform on his neighbours" in home
    status, index = get(port, "/testimonies/")
    assert "La llamada que nunca hicimos" in index
    assert get(port, "/admin/login/")[0] == 200

    output = (folder / "make-run.log").read_text()
    assert f"http://localhost:{port}/admin/" in output
    assert "reporter" in output and "reporter-demo-2026" in output
    assert "editor-demo-2026" in output

    # Publishing the demo queued Wagtail's background tasks; the worker must have run them.
    def tasks_done():
        with sqlite3.connect(folder / "db.sqlite3") as db:
            states = dict(
                db.execute(
                    "SELECT status, COUNT(*) FROM django_tasks_database_dbtaskresult"
                    " GROUP BY status"
                ).fetchall()
            )
        return states.get("SUCCESSFUL", 0) > 0 and set(states) == {"SUCCESSFUL"}

    assert wait_for(tasks_done, 60), "the task worker did not run the queued tasks"


def test_make_run_never_serves_originals_or_private_names(running_demo):
    port, folder, _log = running_demo
    private = folder / "media" / "private"
    originals = [
        p.relative_to(private)
        for pattern in ("*.ogg", "*.mp3", "*.enc")
        for p in private.rglob(pattern)
    ]
    # Two encrypted original recordings and their redacted derivatives (Opus and MP3), private.
    assert sorted(p.suffix for p in originals) == [".enc", ".enc", ".mp3", ".mp3", ".ogg", ".ogg"]
    for original in originals:
        for path in (
            f"/media/{original}",
            f"/media/private/{original}",
            f"/media/../private/{original}",
            f"/media/%2e%2e/private/{original}",
            f"/media/..%2fprivate/{original}",
            f"/static/../media/private/{original}",
            f"/media//{folder}/media/private/{original}",
            "/originals/recording/1/",
            "/originals/recording/2/",
        ):
            assert get(port, path)[0] == 404, path
    for path in ("/", "/testimonies/", "/testimonies/told-to-inform/", "/testimonies/la-llamada/"):
        status, html = get(port, path)
        assert status == 200
        html = readable(html)
        for private in ("Ortega", "Castillo", "559", "0192", "Rosa", "Julio"):
            assert private not in html, (path, private)
