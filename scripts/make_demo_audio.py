"""Regenerate the demo recordings in archive/demo/audio/ from the texts below.

Needs Debian's espeak-ng (`apt-get install espeak-ng`) and the project's virtualenv (PyAV).
Run: .venv/bin/python scripts/make_demo_audio.py

The texts are in archive/demo/speech.py. The people, numbers and events are fictional. Each
holds a person's name, a city and a phone number, so the redaction features have something real
to find.
"""

import subprocess
import sys
import tempfile
from pathlib import Path

import av

from archive.demo.speech import DEMO_SPEECH

AUDIO_DIR = Path(__file__).resolve().parent.parent / "archive" / "demo" / "audio"


def speak(voice, text, wav_path):
    subprocess.run(["espeak-ng", "-v", voice, "-s", "150", "-w", str(wav_path), text], check=True)


def encode_opus(wav_path, ogg_path):
    """Ogg/Opus at 16 kHz mono: small enough to commit, the rate Whisper works at."""
    with av.open(str(wav_path)) as source, av.open(str(ogg_path), "w", format="ogg") as target:
        stream = target.add_stream("libopus", rate=16000, layout="mono")
        stream.bit_rate = 24_000
        resampler = av.AudioResampler(format="s16", layout="mono", rate=16000)
        for frame in source.decode(audio=0):
            for resampled in resampler.resample(frame):
                target.mux(stream.encode(resampled))
        for resampled in resampler.resample(None):
            target.mux(stream.encode(resampled))
        target.mux(stream.encode(None))


def main():
    AUDIO_DIR.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        for speech in DEMO_SPEECH.values():
            wav = Path(scratch) / "speech.wav"
            speak(speech["voice"], speech["text"], wav)
            encode_opus(wav, AUDIO_DIR / speech["file"])
            print(f"wrote {AUDIO_DIR / speech['file']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
