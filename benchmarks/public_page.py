"""The public testimony page for a two-hour interview: server render time, and the browser's cost
of following the recording.

Builds a throwaway database with one published testimony of 1,500 segments and ~20,000 words
(100 of them redacted), then:
- server: times warm GET requests of the page (Django test client, no network) and prints the
  median and p95 against the 200 ms budget;
- browser (Debian's chromium): times 500 moves of the playhead through our player script, which
  moves one highlight, against a baseline that re-renders the whole transcript on every
  `timeupdate`, as a naive player would.

Run: .venv/bin/python benchmarks/public_page.py [--requests 30]
"""

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
import wave
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEGMENTS = 1500
WORDS_PER_SEGMENT = 13
SECONDS = 7200.0


def setup_database(folder):
    os.environ["TESTIMONIO_DB_PATH"] = str(folder / "db.sqlite3")
    os.environ["TESTIMONIO_MEDIA_ROOT"] = str(folder / "media")
    os.environ["DJANGO_SETTINGS_MODULE"] = "archive.settings.dev"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def tone(path, seconds=2.0, rate=16000):
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(bytes(int(seconds * rate) * 2))
    return path


def build_testimony(folder):
    import datetime

    from django.contrib.auth import get_user_model
    from wagtail.models import Page, Site

    from archive.consent.models import ConsentRecord
    from archive.ingest.models import Interview
    from archive.ingest.store import ingest_recording
    from archive.publication.approval import freeze, take_snapshot
    from archive.redaction.derivatives import render_audio
    from archive.redaction.models import RedactedAudio, RedactionSpan, Verification
    from archive.testimonies.models import HomePage, TestimonyIndexPage, TestimonyPage
    from archive.transcription.models import Segment, Transcript

    editor = get_user_model().objects.create(username="benchmark-editor")
    home = Page.get_first_root_node().add_child(instance=HomePage(title="Home", slug="bench"))
    Site.objects.update(root_page=home)
    index = home.add_child(instance=TestimonyIndexPage(title="Testimonies", slug="testimonies"))
    interview = Interview.objects.create(title="t", narrator_legal_name="Daniel Ortega Ruiz")
    recording = ingest_recording(tone(folder / "tone.wav"), interview=interview)
    transcript = Transcript.objects.create(
        recording=recording, version=1, engine="faster-whisper", model="base", language="en",
        is_complete=True,
    )  # fmt: skip
    step = SECONDS / SEGMENTS
    vocabulary = ["they", "said", "we", "should", "call", "them", "with", "the", "names", "of",
                  "our", "neighbours"]  # fmt: skip
    segments = []
    for position in range(SEGMENTS):
        start = position * step
        words = [
            [round(start + i * step / WORDS_PER_SEGMENT, 3),
             round(start + (i + 1) * step / WORDS_PER_SEGMENT, 3),
             vocabulary[(position + i) % len(vocabulary)], 0.9]
            for i in range(WORDS_PER_SEGMENT)
        ]  # fmt: skip
        segments.append(
            Segment(
                transcript=transcript,
                position=position,
                start=round(start, 3),
                end=round(start + step, 3),
                text=" ".join(w[2] for w in words),
                words=words,
            )  # fmt: skip
        )
    Segment.objects.bulk_create(segments)
    RedactionSpan.objects.bulk_create(
        RedactionSpan(
            transcript=transcript,
            start=s.words[3][0],
            end=s.words[3][1],
            text=s.words[3][2],
            category="person",
            status="accepted",
        )  # fmt: skip
        for s in segments[::15]
    )
    ConsentRecord.objects.create(
        interview=interview, method="verbal", verbal_at_seconds=0,
        given_on=datetime.date(2024, 1, 1), publish_transcript=True, publish_audio=True,
        name_shown="pseudonym",
    )  # fmt: skip
    # Rendering is measured here, not the review: the audio counts as listened to, and the
    # snapshot is frozen as an approval would freeze it, without the review's checks.
    audio = render_audio(recording, alter_voice=False)
    RedactedAudio.objects.filter(pk=audio.pk).update(verification=Verification.CLEAN)
    page = index.add_child(
        instance=TestimonyPage(
            title="Two hours",
            narrator_display_name="Tomás",
            summary="A long testimony.",
            interview=interview,
            live=False,
        )  # fmt: skip
    )
    page.save_revision()
    freeze(page, take_snapshot(page, interview.consent), editor)
    page.get_latest_revision().publish()
    return TestimonyPage.objects.get(pk=page.pk)


def server_times(page, requests):
    from django.test import Client

    client = Client(HTTP_HOST="localhost")
    for _ in range(3):
        assert client.get(page.url).status_code == 200
    times = []
    for _ in range(requests):
        started = time.perf_counter()
        response = client.get(page.url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    return times, len(response.content)


BROWSER_LOOP = """async ([naive]) => {
    const player = document.querySelector('[data-player]');
    const list = document.querySelector('[data-segments]');
    const html = list.innerHTML;
    Object.defineProperty(player, 'currentTime', {value: 0, writable: true});
    if (naive) {
        player.addEventListener('timeupdate', () => {
            list.innerHTML = html;  // what a player that re-renders on every update does
            const t = player.currentTime;
            for (const li of list.children) {
                const start = Number(li.dataset.start);
                li.classList.toggle('is-current', start <= t && t < Number(li.dataset.end));
            }
        });
    }
    const started = performance.now();
    for (let i = 0; i < 500; i++) {
        player.currentTime = (i * 14.3) % 7200;
        player.dispatchEvent(new Event('timeupdate'));
        list.getBoundingClientRect();  // force layout, as a frame would
    }
    return (performance.now() - started) / 500;
}"""


def browser_times(page_url):
    import shutil
    import threading
    from wsgiref.simple_server import WSGIRequestHandler, make_server

    from django.core.wsgi import get_wsgi_application
    from playwright.sync_api import sync_playwright

    class Quiet(WSGIRequestHandler):
        def log_message(self, *args):
            pass

    server = make_server("127.0.0.1", 0, get_wsgi_application(), handler_class=Quiet)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    results = {}
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=shutil.which("chromium") or "/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu"],
        )
        for name, naive in (("ours: move one highlight", False), ("baseline: re-render", True)):
            tab = browser.new_page()
            tab.goto(base + page_url)
            tab.wait_for_selector("[data-segments] li")
            results[name] = tab.evaluate(BROWSER_LOOP, [naive])
            tab.close()
        browser.close()
    server.shutdown()
    return results


def profile(page):
    import cProfile
    import pstats

    from django.test import Client

    client = Client(HTTP_HOST="localhost")
    client.get(page.url)
    profiler = cProfile.Profile()
    profiler.enable()
    client.get(page.url)
    profiler.disable()
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--profile", action="store_true", help="profile one request and stop")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        setup_database(Path(folder))
        page = build_testimony(Path(folder))
        if args.profile:
            profile(page)
            return
        times, size = server_times(page, args.requests)
        median = statistics.median(times)
        p95 = statistics.quantiles(times, n=20)[18]
        machine = f"{platform.machine()}, {os.cpu_count()} cores"
        print(f"machine: {machine}, Python {platform.python_version()}")
        words = SEGMENTS * WORDS_PER_SEGMENT
        print(f"page: {SEGMENTS} segments, {words} words, {size / 1024:.0f} KiB of HTML")
        print(f"server, warm, {args.requests} requests: median {median:.0f} ms, p95 {p95:.0f} ms")
        print(f"budget 200 ms: median is {median / 200:.2f} of it")
        browser = browser_times(page.url)
        ours, naive = browser["ours: move one highlight"], browser["baseline: re-render"]
        for name, value in browser.items():
            print(f"browser, per timeupdate, {name}: {value:.2f} ms")
        print(f"re-render / ours: {naive / ours:.0f}x")


if __name__ == "__main__":
    main()
