"""`make test-scale`: the whole pipeline on more than one machine's parts, each a real server on
loopback: tasks on RQ (redis-server) taken by two transcription workers and a media worker,
private files in an S3-compatible bucket (moto's server), the public site on gunicorn with the
production settings, everything in processes of its own.
Ingest, transcribe, redact, render and listen, review and publish, then read as the public."""

import json
import re
import urllib.error
import urllib.request

import boto3
import numpy as np
import pytest

from archive.transcription.audio import decode_for_whisper

from ..conftest import DEMO_AUDIO, S3_CREDENTIALS, free_port, new_bucket
from ..sites import Site, stop, write_wav

pytestmark = [pytest.mark.scale, pytest.mark.slow, pytest.mark.own_database]

SET_UP_THE_PAGE = """
import json
from django.contrib.auth.models import Group, User
from archive.ingest.models import Recording
from archive.redaction.tasks import prepare_redacted_media
from archive.workers.queueing import enqueue_when_committed
from tests.conftest import draft_testimony, give_consent, make_site_tree
editor = User.objects.create_user("editor", is_staff=True)
editor.groups.add(Group.objects.get(name="Editors"))
recording = Recording.objects.get(pk={recording})
_home, index = make_site_tree()
give_consent(recording.interview, publish_audio=True)
page = draft_testimony(index, recording.interview)
enqueue_when_committed(prepare_redacted_media, recording.interview_id, False)
print(json.dumps({{"page": page.pk, "path": page.url}}))
"""


def get(url):
    """As the TLS proxy in front of the web servers passes a reader's request on."""
    request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""
    except urllib.error.URLError:
        return None, b""  # not listening yet


def test_the_pipeline_on_redis_and_a_bucket_with_two_transcription_workers(
    tmp_path, redis_url, s3_endpoint
):
    bucket = new_bucket(s3_endpoint)
    site = Site(
        tmp_path,
        "rq",
        redis_url,
        TESTIMONIO_PRIVATE_BUCKET=bucket,
        TESTIMONIO_S3_ENDPOINT_URL=s3_endpoint,
        TESTIMONIO_S3_ACCESS_KEY_ID=S3_CREDENTIALS["access_key"],
        TESTIMONIO_S3_SECRET_ACCESS_KEY=S3_CREDENTIALS["secret_key"],
        TESTIMONIO_S3_REGION=S3_CREDENTIALS["region_name"],
    )
    site.manage("migrate", "--noinput")
    speech = decode_for_whisper(DEMO_AUDIO / "demo-en.ogg")
    recordings = [
        json.loads(
            site.manage(
                "ingest", write_wav(tmp_path / f"{n}.wav", np.tile(speech, n + 1)),
                "--title", f"Session {n}", "--narrator-name", "Daniel Ortega", "--json",
            )
        )["recording"]
        for n in range(2)
    ]  # fmt: skip
    jobs = json.loads(
        site.shell(
            "import json;"
            "from archive.ingest.models import Recording;"
            "from archive.transcription.jobs import start_job;"
            "print(json.dumps([start_job(Recording.objects.get(pk=pk), language='en').pk "
            f"for pk in {recordings}]))"
        )
    )
    workers = [
        site.start_worker("transcription"),
        site.start_worker("transcription"),
        site.start_worker("media", "default"),
    ]
    web = None
    try:
        site.wait(
            lambda: all(site.job(job)[0] == "done" for job in jobs), 400, "both transcriptions"
        )
        held_by = {
            worker
            for (worker,) in site.query(
                "SELECT worker FROM transcription_transcriptionjob WHERE status = 'done'"
            )
        }
        assert len(held_by) == 2, "each transcription worker took one job"
        ((transcript,),) = site.query(
            "SELECT id FROM transcription_transcript WHERE recording_id = ?", recordings[0]
        )
        site.manage("redact", transcript, "--suggest", "--accept-all")
        page = json.loads(site.shell(SET_UP_THE_PAGE.format(recording=recordings[0])))
        site.wait(
            lambda: (
                site.query(
                    "SELECT COUNT(*) FROM redaction_redactedaudio WHERE verification != 'pending'"
                )
                == [(1,)]
            ),
            300,
            "the rendering to be made and listened to",
        )
        site.manage("review", page["page"], "--approve", "--publish", "--as", "editor")

        port = free_port()
        web = site.start_web(port)
        base = f"http://127.0.0.1:{port}"
        site.wait(lambda: get(base + "/")[0] == 200, 60, "the web server")
        status, html = get(base + page["path"])
        assert status == 200
        (audio_path,) = set(re.findall(r'src="(/testimonies/\d+/audio/\d+\.ogg)"', html.decode()))
        status, heard = get(base + audio_path)
        assert status == 200
        ((name,),) = site.query("SELECT file FROM redaction_redactedaudio")
        s3 = boto3.client(
            "s3",
            endpoint_url=s3_endpoint,
            aws_access_key_id=S3_CREDENTIALS["access_key"],
            aws_secret_access_key=S3_CREDENTIALS["secret_key"],
            region_name=S3_CREDENTIALS["region_name"],
        )
        assert heard == s3.get_object(Bucket=bucket, Key=name)["Body"].read()
        assert get(f"{base}/originals/recording/{recordings[0]}/")[0] == 404
        assert "Ortega" not in html.decode()
    finally:
        for process in [*workers, *([web] if web else [])]:
            stop(process)
        site.remove_database()
    kept = {summary["Key"] for summary in s3.list_objects_v2(Bucket=bucket)["Contents"]}
    assert len(kept) == 4, "two originals and one rendering (Opus and MP3), all in the bucket"
    assert [p for p in site.media.rglob("*") if p.is_file()] == [], "nothing on the local disk"
