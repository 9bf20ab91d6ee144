"""Load: many readers at once on the public testimony page and search, against gunicorn running
the production settings on loopback.

Run: .venv/bin/python benchmarks/load.py [--clients 50] [--seconds 60] [--workers N]

A throwaway site is made in a temporary folder (the demo, migrated and loaded with the
development settings), then served by gunicorn with `archive.settings.production`, as behind a
TLS proxy (the client sends X-Forwarded-Proto: https). Each client is a loop that opens a
connection, sends one request, reads the whole answer and starts again; any status other
than 200 or any failed connection counts as an error. The baseline is the cheapest answer the
same stack gives, a 404 for a page that does not exist, measured in the same run: the ratios
say how much of each page's time is ours rather than the framework's.
"""

import argparse
import asyncio
import base64
import os
import platform
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PATHS = {
    "testimony page": "/testimonies/told-to-inform/",
    # A browser or proxy revalidating the page it kept: it sends the ETag back.
    "page, revalidated": "/testimonies/told-to-inform/",
    "search": "/search/?q=neighbours",
    "baseline (404)": "/no-such-page/",
}
EXPECTED_STATUS = {"baseline (404)": 404, "page, revalidated": 304}
HEADERS = {}  # per path name, filled in once the server answers


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def make_site(folder, master_key):
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("DATABASE_")},
        "TESTIMONIO_DB_PATH": str(folder / "db.sqlite3"),
        "TESTIMONIO_MEDIA_ROOT": str(folder / "media"),
        "TESTIMONIO_MASTER_KEY": master_key,
    }
    for command in (["migrate", "--noinput"], ["load_demo"]):
        subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=ROOT,
            env={**env, "DJANGO_SETTINGS_MODULE": "archive.settings.dev"},
            check=True,
            capture_output=True,
        )
    return {
        **env,
        "DJANGO_SETTINGS_MODULE": "archive.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
    }


async def fetch(port, path, headers="", whole=False):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(
            f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Forwarded-Proto: https\r\n"
            f"{headers}Connection: close\r\n\r\n".encode()
        )
        await writer.drain()
        answer = await reader.read()
    finally:
        writer.close()
    return answer if whole else int(answer.split(b" ", 2)[1])


def etag_of(answer):
    for line in answer.split(b"\r\n\r\n", 1)[0].split(b"\r\n"):
        name, _colon, value = line.partition(b":")
        if name.strip().lower() == b"etag":
            return value.strip().decode()
    raise SystemExit("the testimony page carries no ETag")


async def client(port, name, deadline, latencies, errors):
    path = PATHS[name]
    while time.monotonic() < deadline:
        started = time.perf_counter()
        try:
            status = await fetch(port, path, HEADERS.get(name, ""))
        except (OSError, ValueError, IndexError):
            status = None
        latencies[name].append(time.perf_counter() - started)
        if status != EXPECTED_STATUS.get(name, 200):
            errors[name] += 1


async def drive(port, clients, seconds, names):
    latencies = {name: [] for name in names}
    errors = dict.fromkeys(names, 0)
    deadline = time.monotonic() + seconds
    await asyncio.gather(
        *(client(port, names[i % len(names)], deadline, latencies, errors) for i in range(clients))
    )
    return latencies, errors


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument(
        "--only", choices=PATHS, help="send every client to this path (default: split evenly)"
    )
    args = parser.parse_args()
    master_key = base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()
    folder = Path(tempfile.mkdtemp(prefix="testimonio-load-"))
    port = free_port()
    server = None
    try:
        env = make_site(folder, master_key)
        server = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "archive.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(args.workers),
                "--backlog",
                "2048",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
            start_new_session=True,
        )
        for _ in range(100):
            try:
                if asyncio.run(fetch(port, PATHS["testimony page"])) == 200:
                    break
            except OSError:
                time.sleep(0.2)
        else:
            raise SystemExit("gunicorn did not serve the testimony page")
        page = asyncio.run(fetch(port, PATHS["testimony page"], whole=True))
        HEADERS["page, revalidated"] = f"If-None-Match: {etag_of(page)}\r\n"
        for name, path in PATHS.items():  # warm every worker's caches and connections
            for _ in range(args.workers * 2):
                asyncio.run(fetch(port, path, HEADERS.get(name, "")))
        names = [args.only] if args.only else list(PATHS)
        latencies, errors = asyncio.run(drive(port, args.clients, args.seconds, names))
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait()
        shutil.rmtree(folder, ignore_errors=True)

    print(
        f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python "
        f"{platform.python_version()}; gunicorn, {args.workers} sync workers, production "
        f"settings, SQLite; {args.clients} clients for {args.seconds} s on loopback "
        "(the load generator shares the CPUs)\n"
    )
    print(f"{'path':18} {'requests':>9} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'errors':>7}")
    names = list(latencies)
    for name, values in latencies.items():
        print(
            f"{name:18} {len(values):9} {len(values) / args.seconds:7.1f} "
            f"{percentile(values, 0.5) * 1000:8.1f} {percentile(values, 0.95) * 1000:8.1f} "
            f"{errors[name]:7}"
        )
    total = sum(len(values) for values in latencies.values())
    print(f"\nall: {total / args.seconds:.1f} requests/s, {sum(errors.values())} errors")
    for name in ("testimony page", "page, revalidated", "search"):
        if name not in names or "baseline (404)" not in names:
            continue
        baseline = statistics.median(latencies["baseline (404)"])
        print(f"{name}: median {statistics.median(latencies[name]) / baseline:.2f}× the baseline's")
    if sum(errors.values()):
        raise SystemExit(1)


if __name__ == "__main__":
    main()
