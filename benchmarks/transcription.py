"""Both Whisper engines on the same audio and the same (packaged base) weights, in one run.

Run: .venv/bin/python benchmarks/transcription.py [--language en|es] [--repeats 10] [--threads N]
                                                  [--snr DB]

Each configuration runs in a fresh process (its own peak RSS) through the archive's own engines
(archive/transcription/engines.py), except the two marked "library", which call faster-whisper
with its own VAD cuts for comparison. Speed is audio seconds per wall-clock second of
transcription (× real time), model loading excluded and shown apart. WER is against the script
the audio was spoken from (archive/demo/speech.py), both sides normalised by
archive/transcription/accuracy.py. All runs ask for word timestamps, as the archive does.
With --snr, noise that never stops (like a room or traffic, with no silence left to cut at) is
mixed in at that signal-to-noise ratio.
"""

import argparse
import json
import os
import platform
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = "openai-whisper fp32, beam 5 (reference)"
DEFAULT = "faster-whisper int8, batched x8 cut at pauses, beam 5 (default)"
TARGET_SPEED = 12.0
TARGET_WER_MARGIN = 0.005

CONFIGS = {
    REFERENCE: {"engine": "openai-whisper", "beam_size": 5},
    DEFAULT: {"engine": "faster-whisper", "beam_size": 5, "batch_size": 8},
    "faster-whisper int8, batched x16 cut at pauses, beam 5": {
        "engine": "faster-whisper",
        "beam_size": 5,
        "batch_size": 16,
    },
    "faster-whisper int8, batched x8 cut at pauses, beam 1": {
        "engine": "faster-whisper",
        "beam_size": 1,
        "batch_size": 8,
    },
    "faster-whisper float32, batched x8 cut at pauses, beam 5": {
        "engine": "faster-whisper",
        "beam_size": 5,
        "batch_size": 8,
        "compute_type": "float32",
    },
    "faster-whisper int8, sequential, beam 5": {
        "engine": "faster-whisper",
        "beam_size": 5,
        "batch_size": 1,
    },
    "faster-whisper int8, sequential, beam 1": {
        "engine": "faster-whisper",
        "beam_size": 1,
        "batch_size": 1,
    },
    "library: faster-whisper int8, sequential, beam 5, VAD": {
        "engine": "library",
        "beam_size": 5,
        "vad": True,
    },
    "library: faster-whisper int8, batched x8 cut by its VAD, beam 5": {
        "engine": "library",
        "beam_size": 5,
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
from archive.transcription.engines import get_engine, Options

config = json.loads({config!r})
language = {language!r}
samples = np.concatenate([decode_for_whisper({audio!r})] * {repeats})
snr = {snr!r}
if snr is not None:
    # Brown noise with its slowest drift removed, scaled against the speech's power.
    noise = np.cumsum(np.random.default_rng(1).normal(0, 1, len(samples)))
    noise -= np.convolve(noise, np.ones(400) / 400, mode="same")
    speech_power = np.mean(samples[np.abs(samples) > 0.01] ** 2)
    noise *= np.sqrt(speech_power / 10 ** (snr / 10) / np.mean(noise**2))
    samples = (samples + noise).astype(np.float32)
options = Options(beam_size=config["beam_size"], language=language)
started = time.perf_counter()
if config["engine"] == "library":
    from faster_whisper import BatchedInferencePipeline
    _, model = get_engine("faster-whisper").load(options)
    loaded = time.perf_counter()
    decoding = dict(language=language, beam_size=config["beam_size"], word_timestamps=True)
    if config.get("batch_size"):
        runner = BatchedInferencePipeline(model)
        found, _ = runner.transcribe(samples, batch_size=config["batch_size"], **decoding)
    else:
        found, _ = model.transcribe(samples, vad_filter=True, **decoding)
    found = list(found)
    text = " ".join(s.text.strip() for s in found)
else:
    engine = get_engine(config["engine"])
    engine.load(options)
    loaded = time.perf_counter()
    found = []
    engine.transcribe(samples, options, found.append, lambda seconds: None)
    text = " ".join(s.text for s in found)
finished = time.perf_counter()
print(json.dumps({{
    "load_seconds": loaded - started,
    "seconds": finished - loaded,
    "audio_seconds": len(samples) / 16000,
    "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "segments": len(found),
    "text": text,
}}))
"""


def measure(config, audio, language, repeats, threads, snr):
    env = {
        **os.environ,
        "TESTIMONIO_TRANSCRIPTION_THREADS": str(threads),
        "TESTIMONIO_FASTER_WHISPER_BATCH_SIZE": str(config.get("batch_size", 1)),
        "TESTIMONIO_FASTER_WHISPER_COMPUTE_TYPE": config.get("compute_type", "int8"),
    }
    code = CHILD.format(
        root=str(ROOT),
        config=json.dumps(config),
        audio=str(audio),
        language=language,
        repeats=repeats,
        snr=snr,
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def main():
    from archive.demo.speech import DEMO_SPEECH
    from archive.transcription.accuracy import word_error_rate

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--language", choices=sorted(DEMO_SPEECH), default="en")
    parser.add_argument(
        "--repeats", type=int, default=10, help="copies of the demo clip (about 26 s each)"
    )
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    parser.add_argument("--snr", type=float, help="mix in steady noise at this many dB")
    args = parser.parse_args()
    speech = DEMO_SPEECH[args.language]
    audio = ROOT / "archive" / "demo" / "audio" / speech["file"]
    reference = " ".join([speech["text"]] * args.repeats)
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, {args.threads} threads, "
        f"Python {platform.python_version()}"
    )
    noise = f", steady noise at {args.snr:g} dB SNR" if args.snr is not None else ""
    print(f"audio: {speech['file']} x{args.repeats} (espeak-ng){noise}, model: base (packaged)")
    rows = {}
    for name, config in CONFIGS.items():
        result = measure(config, audio, args.language, args.repeats, args.threads, args.snr)
        result["wer"] = word_error_rate(reference, result["text"], args.language)
        result["xrt"] = result["audio_seconds"] / result["seconds"]
        rows[name] = result
        print(f"  measured {name}", flush=True)
    baseline = rows[REFERENCE]
    print(
        f"\n{'configuration':<64}{'x real time':>12}{'WER %':>8}{'segments':>9}"
        f"{'peak RSS MB':>13}{'load s':>8}{'speed vs ref':>14}"
    )
    for name, row in rows.items():
        print(
            f"{name:<64}{row['xrt']:>12.1f}{row['wer'] * 100:>8.1f}{row['segments']:>9}"
            f"{row['peak_rss_mb']:>13.0f}{row['load_seconds']:>8.1f}"
            f"{row['xrt'] / baseline['xrt']:>14.2f}"
        )
    default = rows[DEFAULT]
    met = default["xrt"] >= TARGET_SPEED and default["wer"] <= baseline["wer"] + TARGET_WER_MARGIN
    print(
        f"\ntarget (>= {TARGET_SPEED:.0f}x real time at WER <= reference + 0.5 points): "
        f"default {default['xrt']:.1f}x at {default['wer'] * 100:.1f} % against "
        f"{baseline['wer'] * 100:.1f} % -> {'met' if met else 'NOT met'}"
    )


if __name__ == "__main__":
    main()
