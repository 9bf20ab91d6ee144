"""Peak memory of ingesting a large recording: our streaming path vs reading it whole.

Run: .venv/bin/python benchmarks/ingest_memory.py [--megabytes 400]

Each measurement runs in a fresh Python process (its own peak RSS), with a throwaway database
and media tree. Paths measured:
  upload  - a multipart POST body streamed through Django's parser with our upload handler,
            then archive.ingest.store.ingest_recording (the admin upload path)
  cli     - `manage.py ingest FILE` (the command-line path)
  baseline- the same POST parsed with Django's in-memory upload handler and hashed whole,
            which is what "just read the upload" costs
"""

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import textwrap
import time
import wave
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BOUNDARY = "----testimonio-benchmark"

SETUP = textwrap.dedent(
    """
    import os, resource, sys, time
    sys.path.insert(0, {root!r})
    os.environ["DJANGO_SETTINGS_MODULE"] = "archive.settings.dev"
    import django
    django.setup()
    from django.core.management import call_command
    call_command("migrate", verbosity=0)
    base_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    """
)

POST = textwrap.dedent(
    """
    from django.core.handlers.wsgi import WSGIRequest
    def parsed_upload(body_path):
        environ = {{
            "REQUEST_METHOD": "POST", "PATH_INFO": "/", "SERVER_NAME": "localhost",
            "SERVER_PORT": "80", "wsgi.url_scheme": "http",
            "CONTENT_TYPE": "multipart/form-data; boundary={boundary}",
            "CONTENT_LENGTH": str(os.path.getsize(body_path)),
            "wsgi.input": open(body_path, "rb"),
        }}
        request = WSGIRequest(environ)
        return request.FILES["recordings"]
    """
)

CASES = {
    "upload": POST
    + textwrap.dedent(
        """
        from archive.ingest.models import Interview
        from archive.ingest.store import ingest_recording
        start = time.perf_counter()
        upload = parsed_upload({body!r})
        ingest_recording(upload.temporary_file_path(),
                         interview=Interview(title="b", narrator_legal_name="N"))
        """
    ),
    "cli": textwrap.dedent(
        """
        start = time.perf_counter()
        call_command("ingest", {wav!r}, "--title", "b", "--narrator-name", "N", verbosity=0)
        """
    ),
    "baseline": POST
    + textwrap.dedent(
        """
        import hashlib
        from django.conf import settings
        settings.FILE_UPLOAD_HANDLERS = ["django.core.files.uploadhandler.MemoryFileUploadHandler"]
        settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1 << 40
        start = time.perf_counter()
        upload = parsed_upload({body!r})
        data = upload.read()
        hashlib.sha256(data).hexdigest()
        """
    ),
}

REPORT = textwrap.dedent(
    """
    elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"{peak - base_rss} {elapsed}")
    """
)


def write_wav(path, megabytes):
    """Pseudo-random 16-bit mono PCM at 16 kHz: incompressible, so nothing is cheated."""
    frames_per_chunk = 1 << 20
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(16000)
        for _ in range(megabytes // 2):
            out.writeframes(os.urandom(frames_per_chunk * 2))


def write_multipart(body_path, wav_path):
    with open(body_path, "wb") as body, open(wav_path, "rb") as source:
        body.write(
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="recordings"; '
            f'filename="interview.wav"\r\nContent-Type: audio/wav\r\n\r\n'.encode()
        )
        while chunk := source.read(1 << 20):
            body.write(chunk)
        body.write(f"\r\n--{BOUNDARY}--\r\n".encode())


def measure(case, wav, body, scratch):
    env = {
        **os.environ,
        "TESTIMONIO_DB_PATH": str(scratch / f"{case}.sqlite3"),
        "TESTIMONIO_MEDIA_ROOT": str(scratch / f"media-{case}"),
        "TESTIMONIO_MAX_UPLOAD_BYTES": str(1 << 40),
    }
    code = (
        SETUP.format(root=str(ROOT))
        + CASES[case].format(wav=str(wav), body=str(body), boundary=BOUNDARY)
        + REPORT
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    extra_kib, seconds = result.stdout.split()[-2:]
    return int(extra_kib) / 1024, float(seconds)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=int, default=400)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="testimonio-bench-") as folder:
        scratch = Path(folder)
        wav, body = scratch / "interview.wav", scratch / "body.multipart"
        started = time.perf_counter()
        write_wav(wav, args.megabytes)
        write_multipart(body, wav)
        size_mb = wav.stat().st_size / 1024**2
        machine = f"{platform.machine()}, {os.cpu_count()} cores"
        print(f"machine: {machine}, Python {platform.python_version()}")
        print(f"file: {size_mb:.0f} MB WAV (written in {time.perf_counter() - started:.1f} s)")
        results = {
            case: measure(case, wav, body, scratch) for case in ("upload", "cli", "baseline")
        }
    print(f"{'path':<10}{'peak RSS above start (MB)':>28}{'seconds':>10}")
    for case, (megabytes, seconds) in results.items():
        print(f"{case:<10}{megabytes:>28.1f}{seconds:>10.2f}")
    baseline = results["baseline"][0]
    for case in ("upload", "cli"):
        ratio = results[case][0] / baseline if baseline else float("nan")
        print(f"{case} / baseline memory: {ratio:.3f}")


if __name__ == "__main__":
    main()
