"""Where to cut a recording into the ≤ 30 s clips that Whisper decodes side by side.

faster-whisper's batched pipeline decodes several 30-second windows at once, which is what
makes it fast on a CPU, but a word cut in half at a window's edge is lost or misheard. Its own
cutter (Silero VAD) also drops what it takes for silence: on the Spanish demo it cut so that
Whisper produced nonsense (WER over 100 %, docs/performance.md). So each clip ends at the latest
of the quietest moments in its second half, where a speaker draws breath, and every sample is
kept: the clips cover the recording end to end, as the sequential decoder does.
"""

import numpy as np

from .audio import SAMPLE_RATE

FRAME_SECONDS = 0.02
PAUSE_SECONDS = 0.3  # the quiet stretch we look for: a breath, a comma, a sentence's end
SEARCH_FROM = 0.5  # look for the cut in the second half of each window
QUIET_FLOOR = 1e-6  # RMS treated as silence whatever the quietest stretch is


def pause_clips(samples, start_at=0.0, longest=30.0):
    """Clips as [{"start": s, "end": s}] in seconds, from `start_at` to the end."""
    frame = int(FRAME_SECONDS * SAMPLE_RATE)
    first = int(start_at / FRAME_SECONDS)
    frames = len(samples) // frame
    total = len(samples) / SAMPLE_RATE
    if frames <= first:
        return [{"start": start_at, "end": total}] if total > start_at else []
    energy = np.sqrt(np.mean(samples[: frames * frame].reshape(-1, frame) ** 2, axis=1))
    width = max(1, int(PAUSE_SECONDS / FRAME_SECONDS))
    # Mean energy of the `width` frames starting at each frame.
    running = np.convolve(energy, np.ones(width) / width, mode="valid")
    window = int(longest / FRAME_SECONDS)
    clips, begin = [], first
    while frames - begin > window:
        search = begin + int(window * SEARCH_FROM)
        end_of_search = begin + window - width
        stretch = running[search : end_of_search + 1]
        # The latest stretch about as quiet as the quietest (within 6 dB): the longest clip
        # that still ends in a pause.
        quiet_enough = np.flatnonzero(stretch <= stretch.min() * 2 + QUIET_FLOOR)
        cut = search + int(quiet_enough[-1]) + width // 2
        clips.append((begin, cut))
        begin = cut
    clips.append((begin, None))
    return [
        {
            "start": start_at if start == first else start * FRAME_SECONDS,
            "end": total if end is None else end * FRAME_SECONDS,
        }
        for start, end in clips
    ]
