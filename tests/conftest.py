import io
import re
import shutil
import wave
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group

# The testimony page form's empty index-point formset, for posts to the page editor.
EMPTY_INDEX = {
    "index_points-TOTAL_FORMS": "0",
    "index_points-INITIAL_FORMS": "0",
    "index_points-MIN_NUM_FORMS": "0",
    "index_points-MAX_NUM_FORMS": "1000",
}
DEMO_AUDIO = Path(__file__).resolve().parent.parent / "archive" / "demo" / "audio"
CSRF_TOKEN_VALUE = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*"')


def readable(html):
    """The page as a visitor reads it: without the CSRF token, a fresh run of random letters and
    digits on every page that can spell any short number or word (a leak check once found
    "8037" inside one)."""
    return CSRF_TOKEN_VALUE.sub(r'\1"', html)


def pytest_addoption(parser):
    parser.addoption(
        "--database-tests-only",
        action="store_true",
        help="run only tests that use the database (make test-postgres: the rest would only "
        "repeat make test exactly)",
    )


def uses_database(item):
    return (
        item.get_closest_marker("django_db") is not None
        or item.get_closest_marker("own_database") is not None
        or "django_db_setup" in getattr(item, "fixturenames", ())
    )


def pytest_collection_modifyitems(config, items):
    if not config.getoption("--database-tests-only"):
        return
    without = [item for item in items if not uses_database(item)]
    if without:
        config.hook.pytest_deselected(items=without)
        items[:] = [item for item in items if uses_database(item)]


@pytest.fixture(autouse=True)
def clean_media_tree():
    """Each test starts with empty public and private trees and an empty cache (Wagtail caches
    site root paths, which differ from test to test)."""
    from django.core.cache import cache

    cache.clear()
    for root in (settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT):
        shutil.rmtree(root, ignore_errors=True)
        Path(root).mkdir(parents=True)
    yield


@pytest.fixture
def speech_en():
    """Real speech: espeak-ng reading an English testimony, Ogg/Opus."""
    return DEMO_AUDIO / "demo-en.ogg"


@pytest.fixture
def speech_es():
    return DEMO_AUDIO / "demo-es.ogg"


def write_tone(path, seconds=1.0, rate=8000):
    """A short, valid PCM WAV file (a 440 Hz square-ish tone)."""
    frames = bytearray()
    period = rate // 440
    for i in range(int(seconds * rate)):
        frames += (8000 if (i % period) < period // 2 else -8000).to_bytes(2, "little", signed=True)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(bytes(frames))
    return path


@pytest.fixture
def tone(tmp_path):
    return write_tone(tmp_path / "tone.wav")


def make_user(django_user_model, username, group=None, **extra):
    user = django_user_model.objects.create_user(
        username=username, password="pw-" + username, **extra
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def reporter(db, django_user_model):
    return make_user(django_user_model, "rita", "Reporters")


@pytest.fixture
def editor(db, django_user_model):
    return make_user(django_user_model, "eddie", "Editors")


@pytest.fixture
def reporter_client(client, reporter):
    client.force_login(reporter)
    return client


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def separate_site_env(**settings_env):
    """The environment for a site a test starts in its own processes (`make run`, a worker): it
    keeps its own SQLite file, as a fresh checkout does, unless `settings_env` names a database."""
    import os

    inherited = {
        name: value
        for name, value in os.environ.items()
        # The suite's own database, and the async switch the browser tests set for themselves.
        if not name.startswith("DATABASE_") and name != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    return {**inherited, "PYTHONUNBUFFERED": "1", **settings_env}


def private_files():
    """Every file under the private tree, staging area included."""
    return sorted(p for p in Path(settings.PRIVATE_MEDIA_ROOT).rglob("*") if p.is_file())


def replace_stored_plaintext(original, data):
    """Damage what a stored original decrypts to, as a bad disk or a bad copy would have before
    ingest: the file stays properly encrypted, its content is `data`."""
    from archive.ingest.encryption import encrypt_stream
    from archive.ingest.models import DataKey

    key = DataKey.objects.get(interview=original.interview_id).key()
    with open(original.file.path, "wb") as target:
        encrypt_stream(io.BytesIO(data), target, key)


def write_video(path, seconds=1, rate=16000):
    """A small MP4 with a grey picture and a tone: what a phone's video interview looks like."""
    import av

    with av.open(str(path), "w") as container:
        video = container.add_stream("mpeg4", rate=10)
        video.width, video.height, video.pix_fmt = 64, 48, "yuv420p"
        audio = container.add_stream("aac", rate=rate, layout="mono")
        for index in range(int(seconds * 10)):
            frame = av.VideoFrame(64, 48, "yuv420p")
            for plane in frame.planes:
                plane.update(bytes([128]) * plane.buffer_size)
            frame.pts = index
            container.mux(video.encode(frame))
        container.mux(video.encode(None))
        samples = 1024
        for index in range(int(seconds * rate) // samples):
            frame = av.AudioFrame(format="s16", layout="mono", samples=samples)
            frame.planes[0].update(bytes(index % 256 for index in range(samples * 2)))
            frame.sample_rate = rate
            frame.pts = index * samples
            container.mux(audio.encode(frame))
        container.mux(audio.encode(None))
    return path


def create_transcript(recording, texts, span=None, confidence=lambda word: 0.9, version=1):
    """A finished machine transcript: one segment per text, splitting `span` seconds (default:
    the whole recording) evenly, each segment's words spread evenly across it. Finished as an
    engine finishes one (the detectors run on it)."""
    from archive.transcription.models import Segment, Transcript
    from archive.transcription.signals import transcript_revised

    transcript = Transcript.objects.create(
        recording=recording,
        version=version,
        engine="faster-whisper",
        model="base",
        language="en",
        is_complete=True,
    )
    length = (span or recording.duration_seconds) / len(texts)
    rows = []
    for position, text in enumerate(texts):
        start = position * length
        tokens = text.split()
        step = length / len(tokens)
        words = [
            [round(start + i * step, 3), round(start + (i + 1) * step, 3), token, confidence(token)]
            for i, token in enumerate(tokens)
        ]
        rows.append(
            Segment(
                transcript=transcript,
                position=position,
                start=round(start, 3),
                end=round(start + length, 3),
                text=text,
                words=words,
            )
        )
    Segment.objects.bulk_create(rows)
    revision = transcript.save_revision()
    transcript_revised.send(sender=Transcript, transcript=transcript, revision=revision, user=None)
    return transcript


def make_site_tree():
    from wagtail.models import Page, Site

    from archive.testimonies.models import HomePage, TestimonyIndexPage

    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Home", slug="home-test"))
    Site.objects.update(root_page=home)
    index = home.add_child(instance=TestimonyIndexPage(title="Testimonies", slug="testimonies"))
    return home, index


def give_consent(interview, **scopes):
    """A consent record in force, for the transcript only unless `scopes` say otherwise."""
    import datetime

    from archive.consent.models import ConsentRecord

    fields = {
        "method": "verbal",
        "verbal_at_seconds": 0.0,
        "given_on": datetime.date(2024, 5, 1),
        "publish_transcript": True,
        "name_shown": "pseudonym",
        **scopes,
    }
    return ConsentRecord.objects.create(interview=interview, **fields)


def draft_testimony(index, interview, **fields):
    from archive.testimonies.models import TestimonyPage

    values = {
        "title": "Told to inform",
        "narrator_display_name": "Tomás",
        "summary": "A man is told to inform on his neighbours.",
        "place": "Central Valley",
        **fields,
    }
    page = index.add_child(instance=TestimonyPage(interview=interview, live=False, **values))
    page.save_revision()
    return page


def publishable_interview(
    recording_path,
    editor,
    texts=("We were told to inform.",),
    *,
    span=None,
    other_names=(),
    redact=False,
    **consent_scopes,
):
    """An interview with a transcript, consent (for the transcript unless `consent_scopes` say
    more) and every suggestion accepted when `redact`: ready for the redaction review
    (`approve_testimony`)."""
    from django.core.management import call_command

    from archive.ingest.models import Interview
    from archive.ingest.store import ingest_recording

    interview = Interview.objects.create(
        title="private title",
        narrator_legal_name="Daniel Ortega Ruiz",
        narrator_contact="559 421 8037",
        other_names=list(other_names),
    )
    recording = ingest_recording(recording_path, interview=interview)
    transcript = create_transcript(recording, list(texts), span=span)
    give_consent(interview, **consent_scopes)
    if redact:
        call_command("redact", transcript.pk, "--suggest", "--accept-all", verbosity=0)
    return interview


def approve_testimony(page, editor):
    """Approve the page's redaction review as an editor does: on the snapshot the review shows."""
    from archive.publication.approval import approve, review

    return approve(page, editor, review(page).digest)


def publish_testimony(page, editor):
    """Save the page as it is, review it and publish it."""
    page.save_revision()
    approve_testimony(page, editor)
    page.get_latest_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def published_testimony(db, tone, editor):
    """A live testimony in Spanish, consented and reviewed, with a machine transcript."""
    _home, index = make_site_tree()
    page = draft_testimony(index, publishable_interview(tone, editor), languages=["es"])
    return publish_testimony(page, editor)


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory):
    """A real Redis server on loopback for this test process (Debian's redis-server, which
    `make test` installs), stopped at the end of the session."""
    import socket
    import subprocess
    import time

    binary = shutil.which("redis-server")
    if binary is None:
        pytest.fail("redis-server is not installed; `make test` installs it (Debian's package).")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    folder = tmp_path_factory.mktemp("redis")
    server = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        cwd=folder,
        stdout=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 20
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as ping:
                ping.sendall(b"PING\r\n")
                if ping.recv(16).startswith(b"+PONG"):
                    break
        except OSError:
            pass
        if time.monotonic() > deadline:
            server.kill()
            pytest.fail("redis-server did not start")
        time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0"
    server.terminate()
    server.wait(timeout=10)


def free_port():
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def s3_endpoint():
    """An S3-compatible server on loopback for this test process: moto's standalone server,
    which speaks the S3 wire protocol over real HTTP (no S3 server binary is installable here;
    production uses MinIO, Ceph, Garage or a cloud store)."""
    import subprocess
    import sys
    import time
    import urllib.request

    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(url, timeout=1):  # noqa: S310 - our own loopback server
                break
        except OSError:
            if time.monotonic() > deadline:
                server.kill()
                pytest.fail("moto's S3 server did not start")
            time.sleep(0.1)
    yield url
    server.terminate()
    server.wait(timeout=10)


S3_CREDENTIALS = {"access_key": "testing", "secret_key": "testing", "region_name": "us-east-1"}


def new_bucket(endpoint):
    import uuid

    import boto3

    name = f"private-{uuid.uuid4().hex[:16]}"
    boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id=S3_CREDENTIALS["access_key"],
        aws_secret_access_key=S3_CREDENTIALS["secret_key"],
        region_name=S3_CREDENTIALS["region_name"],
    ).create_bucket(Bucket=name)
    return name


@pytest.fixture(params=["disk", "bucket"])
def private_storage_kind(request, settings):
    """Run a test with private files on the local disk, then in an S3-compatible bucket."""
    from archive.settings.base import private_bucket

    if request.param == "bucket":
        endpoint = request.getfixturevalue("s3_endpoint")
        settings.STORAGES = {
            **settings.STORAGES,
            "private": private_bucket(
                new_bucket(endpoint), endpoint_url=endpoint, **S3_CREDENTIALS
            ),
        }
    return request.param


def read_stored(name):
    from archive.ingest.objects import open_stored

    with open_stored(name) as stored:
        return stored.read()


def replace_stored(name, data):
    """Overwrite a private file as a bad disk or a bad copy would, wherever it is kept."""
    from django.core.files.base import ContentFile

    from archive.ingest.models import private_storage

    private_storage().delete(name)
    assert private_storage().save(name, ContentFile(data)) == name


def add_translation(original, texts):
    from archive.transcription.models import Segment, Transcript

    translation = Transcript.objects.create(
        recording=original.recording, version=original.version + 1, engine="faster-whisper",
        model="base", language="en", task="translate", translation_of=original, is_complete=True,
    )  # fmt: skip
    length = original.recording.duration_seconds / len(texts)
    for position, text in enumerate(texts):
        tokens = text.split()
        step = length / len(tokens)
        start = position * length
        Segment.objects.create(
            transcript=translation, position=position, start=start, end=start + length,
            text=text, words=[[start + i * step, start + (i + 1) * step, t, 0.9]
                              for i, t in enumerate(tokens)],
        )  # fmt: skip
    return translation
