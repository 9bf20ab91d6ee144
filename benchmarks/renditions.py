"""What the MP3 rendition costs: render time and storage of the redacted audio with Opus only
(how it was rendered before) against Opus and MP3 from the same pass (how it is rendered now).

Run: .venv/bin/python benchmarks/renditions.py [--minutes 10] [--runs 3]

The source is the English demo recording (real speech, Ogg Opus) repeated to the given length
and kept as a WAV, so decoding costs the same in both runs. Ten evenly spread one-second
ranges are redacted with the tone. Each figure is the best of `runs`.
"""

import argparse
import os
import platform
import sys
import tempfile
from pathlib import Path

import av
import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings.dev")

import django  # noqa: E402

django.setup()

from archive.redaction.render import RenderSettings, render_redacted_audio  # noqa: E402
from archive.transcription.audio import decode_for_whisper  # noqa: E402
from benchmarks.timing import best_of  # noqa: E402

DEMO = ROOT / "archive" / "demo" / "audio" / "demo-en.ogg"
RATE = 16000


def long_source(path, minutes):
    speech = decode_for_whisper(DEMO)
    repeats = int(np.ceil(minutes * 60 * RATE / len(speech)))
    samples = np.tile(speech, repeats)[: int(minutes * 60 * RATE)]
    with av.open(str(path), "w") as container:
        stream = container.add_stream("pcm_s16le", rate=RATE, layout="mono")
        frame = av.AudioFrame.from_ndarray(
            (samples * 32767).astype(np.int16).reshape(1, -1), format="s16", layout="mono"
        )
        frame.sample_rate = RATE
        for packet in [*stream.encode(frame), *stream.encode(None)]:
            container.mux(packet)
    return len(samples) / RATE


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    settings = RenderSettings.from_settings()
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        seconds = long_source(folder / "source.wav", args.minutes)
        ranges = [(start, start + 1.0) for start in np.linspace(5, seconds - 5, 10)]
        opus_only = {"ogg": folder / "only.ogg"}
        both = {"ogg": folder / "both.ogg", "mp3": folder / "both.mp3"}

        def render(targets):
            return lambda: render_redacted_audio(folder / "source.wav", targets, ranges, settings)

        before = best_of(args.runs, render(opus_only))
        after = best_of(args.runs, render(both))
        opus_bytes = opus_only["ogg"].stat().st_size
        mp3_bytes = both["mp3"].stat().st_size

    print(
        f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"
    )
    print(f"audio: {seconds / 60:.1f} min of speech, 10 redacted ranges, best of {args.runs}")
    print(f"render Opus only:   {before:6.2f} s  ({seconds / before:5.0f}x real time)")
    print(f"render Opus + MP3:  {after:6.2f} s  ({seconds / after:5.0f}x real time)")
    print(f"render time ratio (Opus + MP3 / Opus only): {after / before:.2f}")
    print(
        f"storage Opus {settings.bitrate // 1000} kb/s: {opus_bytes / 1e6:6.2f} MB"
        f" ({opus_bytes * 8 / seconds / 1000:.0f} kb/s)"
    )
    print(
        f"storage MP3 {settings.mp3_bitrate // 1000} kb/s:  {mp3_bytes / 1e6:6.2f} MB"
        f" ({mp3_bytes * 8 / seconds / 1000:.0f} kb/s)"
    )
    print(f"storage ratio (Opus + MP3 / Opus only): {(opus_bytes + mp3_bytes) / opus_bytes:.2f}")


if __name__ == "__main__":
    main()
