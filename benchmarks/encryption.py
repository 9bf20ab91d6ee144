"""The cost of encrypting originals at rest, on ingest and on playback, against plain files.

Run: .venv/bin/python benchmarks/encryption.py [--megabytes 256] [--ranges 400]

Paths measured, each the best of three runs on the same random file (a file on local disk,
in the OS cache after the first run, so the figures show CPU cost rather than the disk's):
  ingest    - copy into the private tree, hashing on the way, fsync: plain (how originals were
              kept before) vs archive.ingest.encryption.encrypt_stream (how they are kept now)
  sequential- reading the whole original: a plain file vs DecryptingReader
  ranges    - a player seeking: 1 MiB reads at random offsets, as HTTP Range requests ask
"""

import argparse
import hashlib
import os
import platform
import random
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from archive.ingest.encryption import DecryptingReader, encrypt_stream  # noqa: E402
from benchmarks.timing import best_of  # noqa: E402

COPY_CHUNK = 1024 * 1024
RANGE_BYTES = 1024 * 1024


def plain_copy(source_path, target_path):
    digest = hashlib.sha256()
    with open(source_path, "rb") as source, open(target_path, "wb") as target:
        while chunk := source.read(COPY_CHUNK):
            digest.update(chunk)
            target.write(chunk)
        target.flush()
        os.fsync(target.fileno())


def encrypted_copy(source_path, target_path, key):
    with open(source_path, "rb") as source, open(target_path, "wb") as target:
        encrypt_stream(source, target, key)
        target.flush()
        os.fsync(target.fileno())


def read_all(open_file):
    with open_file() as source:
        while source.read(COPY_CHUNK):
            pass


def read_ranges(open_file, offsets):
    with open_file() as source:
        for offset in offsets:
            source.seek(offset)
            source.read(RANGE_BYTES)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=int, default=256)
    parser.add_argument("--ranges", type=int, default=400)
    args = parser.parse_args()
    size = args.megabytes * 1024 * 1024
    key = os.urandom(32)
    offsets = [random.randrange(0, size - RANGE_BYTES) for _ in range(args.ranges)]  # noqa: S311

    python = platform.python_version()
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {python}")
    print(f"file: {args.megabytes} MB of random bytes; best of 3 runs\n")
    with tempfile.TemporaryDirectory(prefix="testimonio-bench-") as folder:
        folder = Path(folder)
        source = folder / "original.bin"
        with open(source, "wb") as out:
            for _ in range(args.megabytes):
                out.write(os.urandom(1024 * 1024))
        plain, sealed = folder / "plain.bin", folder / "sealed.enc"

        ingest_plain = best_of(3, lambda: plain_copy(source, plain))
        ingest_sealed = best_of(3, lambda: encrypted_copy(source, sealed, key))

        def open_plain():
            return open(plain, "rb")

        def open_sealed():
            return DecryptingReader(open(sealed, "rb"), key, "sealed")

        read_plain = best_of(3, lambda: read_all(open_plain))
        read_sealed = best_of(3, lambda: read_all(open_sealed))
        ranges_plain = best_of(3, lambda: read_ranges(open_plain, offsets))
        ranges_sealed = best_of(3, lambda: read_ranges(open_sealed, offsets))
        overhead = sealed.stat().st_size / plain.stat().st_size - 1

    megabytes = args.megabytes
    rows = [
        ("ingest (copy, hash, fsync)", megabytes / ingest_plain, megabytes / ingest_sealed, "MB/s"),
        ("sequential read", megabytes / read_plain, megabytes / read_sealed, "MB/s"),
    ]
    print(f"{'path':30} {'plain':>12} {'encrypted':>12}   encrypted / plain")
    for name, plain_rate, sealed_rate, unit in rows:
        print(
            f"{name:30} {plain_rate:8.0f} {unit} {sealed_rate:8.0f} {unit}   "
            f"{sealed_rate / plain_rate:.2f}× the speed"
        )
    per_plain = ranges_plain / args.ranges * 1000
    per_sealed = ranges_sealed / args.ranges * 1000
    print(
        f"{'1 MiB range at a random offset':30} {per_plain:9.2f} ms {per_sealed:9.2f} ms   "
        f"{per_sealed / per_plain:.2f}× the time"
    )
    print(f"\nsize on disk: +{overhead * 100:.3f}% (16-byte tag per 64 KiB chunk, 24-byte header)")
    stream_rate = 320 * 1000 / 8 / 1e6  # a 320 kbit/s recording, in MB/s
    print(
        f"one core decrypts as fast as {megabytes / read_sealed / stream_rate:,.0f} listeners "
        "of a 320 kbit/s recording consume it"
    )


if __name__ == "__main__":
    main()
