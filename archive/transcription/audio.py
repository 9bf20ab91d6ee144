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
