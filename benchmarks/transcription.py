"""Both Whisper engines on the same audio and the same (packaged base) weights, in one run.

Run: .venv/bin/python benchmarks/transcription.py [--repeats 2] [--threads N]

Each configuration runs in a fresh process (its own peak RSS). Speed is audio seconds per
wall-clock second of transcription (× real time), model loading excluded and shown apart. WER
is against the script the audio was spoken from (archive/demo/speech.py), both sides normalised
by archive/transcription/accuracy.py. All runs ask for word timestamps, as the archive does.
"""

import argparse
import json
import os
import platform
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CONFIGS = {
    "openai-whisper fp32, beam 5 (reference)": {"engine": "openai-whisper", "beam_size": 5},
    "faster-whisper int8, beam 5 (default)": {"engine": "faster-whisper", "beam_size": 5},
    "faster-whisper int8, beam 1": {"engine": "faster-whisper", "beam_size": 1},
    "faster-whisper int8, beam 5, VAD": {"engine": "faster-whisper", "beam_size": 5, "vad": True},
    "faster-whisper int8, batched x8, beam 5": {
        "engine": "faster-whisper",
        "beam_size": 5,
        "batch_size": 8,
    },
    "faster-whisper int8, batched x8, beam 1": {
        "engine": "faster-whisper",
        "beam_size": 1,
        "batch_size": 8,
    },
}

CHILD = r"""
import json, os, resource, sys, time
sys.path.insert(0, {root!r})
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings.dev")
import django
django.setup()
import numpy as np
from archive.transcription.audio import decode_for_whisper
from archive.transcription.engines import FasterWhisperEngine, OpenAIWhisperEngine, Options

config = json.loads({config!r})
samples = np.concatenate([decode_for_whisper({audio!r})] * {repeats})
started = time.perf_counter()
if config["engine"] == "openai-whisper":
    engine = OpenAIWhisperEngine()
    engine.load(Options())
    loaded = time.perf_counter()
    segments = []
    engine.transcribe(samples, Options(beam_size=config["beam_size"], language="en"),
                      segments.append, lambda s: None)
    text = " ".join(s.text for s in segments)
else:
    from faster_whisper import BatchedInferencePipeline
    _, model = FasterWhisperEngine().load(Options())
    loaded = time.perf_counter()
    options = dict(language="en", beam_size=config["beam_size"], word_timestamps=True)
    if config.get("batch_size"):
        runner = BatchedInferencePipeline(model)
        found, _ = runner.transcribe(samples, batch_size=config["batch_size"], **options)
    else:
        found, _ = model.transcribe(samples, vad_filter=config.get("vad", False), **options)
    text = " ".join(s.text.strip() for s in found)
finished = time.perf_counter()
print(json.dumps({{
    "load_seconds": loaded - started,
    "seconds": finished - loaded,
    "audio_seconds": len(samples) / 16000,
    "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "text": text,
}}))
"""


def measure(config, audio, repeats, threads):
    env = {**os.environ, "TESTIMONIO_TRANSCRIPTION_THREADS": str(threads)}
    code = CHILD.format(
        root=str(ROOT), config=json.dumps(config), audio=str(audio), repeats=repeats
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def main():
    from archive.demo.speech import DEMO_SPEECH
    from archive.transcription.accuracy import word_error_rate

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=2, help="copies of the 26.5 s clip")
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    args = parser.parse_args()
    audio = ROOT / "archive" / "demo" / "audio" / "demo-en.ogg"
    reference = " ".join([DEMO_SPEECH["en"]["text"]] * args.repeats)
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, {args.threads} threads, "
        f"Python {platform.python_version()}"
    )
    print(f"audio: demo-en.ogg x{args.repeats} (espeak-ng English), model: base (packaged)")
    rows = {}
    for name, config in CONFIGS.items():
        result = measure(config, audio, args.repeats, args.threads)
        result["wer"] = word_error_rate(reference, result["text"], "en")
        result["xrt"] = result["audio_seconds"] / result["seconds"]
        rows[name] = result
        print(f"  measured {name}", flush=True)
    baseline = rows["openai-whisper fp32, beam 5 (reference)"]
    print(
        f"\n{'configuration':<42}{'x real time':>12}{'WER %':>8}{'peak RSS MB':>13}"
        f"{'load s':>8}{'speed vs ref':>14}"
    )
    for name, row in rows.items():
        print(
            f"{name:<42}{row['xrt']:>12.1f}{row['wer'] * 100:>8.1f}{row['peak_rss_mb']:>13.0f}"
            f"{row['load_seconds']:>8.1f}{row['xrt'] / baseline['xrt']:>14.2f}"
        )


if __name__ == "__main__":
    main()
