"""Decoding recordings to what Whisper hears: 16 kHz mono float32, with PyAV (no ffmpeg binary)."""

import av
import numpy as np

SAMPLE_RATE = 16000


def decode_for_whisper(source):
    """`source` is a path or a seekable binary file (such as a decrypted original)."""
    chunks = []
    resampler = av.AudioResampler(format="flt", layout="mono", rate=SAMPLE_RATE)
    with av.open(source) as container:
        stream = container.streams.audio[0]
        for frame in container.decode(stream):
            frame.pts = None
            for resampled in resampler.resample(frame):
                chunks.append(resampled.to_ndarray().reshape(-1))
        for resampled in resampler.resample(None):
            chunks.append(resampled.to_ndarray().reshape(-1))
    if not chunks:
        return np.zeros(0, dtype=np.float32)
    return np.concatenate(chunks).astype(np.float32, copy=False)


def voiced_stretches(samples):
    """Where someone speaks, as [start, end] seconds, by the Silero voice detector that ships
    inside the faster-whisper wheel (nothing is downloaded). Kept with each transcript, so
    speech Whisper wrote nothing for can be found and listened to."""
    from faster_whisper.vad import VadOptions, get_speech_timestamps

    stretches = get_speech_timestamps(
        samples, VadOptions(min_silence_duration_ms=300, speech_pad_ms=100)
    )
    return [
        [round(s["start"] / SAMPLE_RATE, 3), round(s["end"] / SAMPLE_RATE, 3)] for s in stretches
    ]
