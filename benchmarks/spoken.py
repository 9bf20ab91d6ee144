"""Speech for the audio benchmarks: espeak-ng utterances as 16 kHz samples, Ogg Opus files built
from them (needs Debian's espeak-ng, only to build: the recordings are committed), and what the
default engine hears in them."""

import subprocess
import tempfile
import wave

import numpy as np
from django.conf import settings

from archive.transcription.audio import SAMPLE_RATE, decode_for_whisper
from archive.transcription.engines import Options, get_engine
from archive.transcription.jobs import detection_languages
from scripts.make_demo_audio import encode_opus

PAUSE_KEPT = 0.12  # seconds of espeak's silence kept at each end of an utterance


def trimmed(samples):
    """Leading and trailing silence cut to a natural pause, not a gap."""
    loud = np.flatnonzero(np.abs(samples) > 0.01)
    if not len(loud):
        return samples[:0]
    keep = int(PAUSE_KEPT * SAMPLE_RATE)
    return samples[max(0, loud[0] - keep) : loud[-1] + keep]


def speak(text, voice, speed):
    with tempfile.NamedTemporaryFile(suffix=".wav") as out:
        subprocess.run(
            ["espeak-ng", "-v", voice, "-s", str(speed), "-w", out.name, text], check=True
        )
        with open(out.name, "rb") as wav:
            return trimmed(decode_for_whisper(wav))


def silence(seconds):
    return np.zeros(int(seconds * SAMPLE_RATE), dtype=np.float32)


def write_ogg(chunks, path):
    with tempfile.NamedTemporaryFile(suffix=".wav") as out:
        with wave.open(out.name, "wb") as target:
            target.setnchannels(1)
            target.setsampwidth(2)
            target.setframerate(SAMPLE_RATE)
            pcm = np.clip(np.concatenate(chunks), -1, 1)
            target.writeframes((pcm * 32767).astype("<i2").tobytes())
        encode_opus(out.name, path)


def transcribed(samples):
    """Segments as a job saves them ({start, end, text, words: [[start, end, text, p]]}), from
    the default engine and model with the language detected among the archive's, as a job
    started with defaults for an interview whose record lists no language (the harder case: one
    that lists its language is transcribed in it)."""
    segments = []
    engine = get_engine(settings.TESTIMONIO_TRANSCRIPTION_ENGINE)
    engine.transcribe(
        samples,
        Options(
            model=settings.TESTIMONIO_WHISPER_MODEL,
            detect_among=detection_languages([], engine),
            beam_size=settings.TESTIMONIO_TRANSCRIPTION_BEAM_SIZE,
        ),
        on_segment=segments.append,
        on_progress=lambda seconds: None,
    )
    return [
        {
            "start": segment.start,
            "end": segment.end,
            "text": segment.text,
            "words": [[w.start, w.end, w.text, w.probability] for w in segment.words],
        }
        for segment in segments
    ]
