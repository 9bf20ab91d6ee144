"""Where a long recording is cut into the clips Whisper decodes side by side."""

import numpy as np

from archive.transcription.audio import SAMPLE_RATE
from archive.transcription.clips import pause_clips


def speech_with_pauses(seconds=100.0, seed=7):
    """Loud bursts of 0.6–2.5 s (words, phrases) with 0.4 s of near-silence between them."""
    rng = np.random.default_rng(seed)
    parts, gaps, at = [], [], 0.0
    while at < seconds:
        burst = rng.uniform(0.6, 2.5)
        parts.append(rng.normal(0, 0.3, int(burst * SAMPLE_RATE)))
        at += burst
        parts.append(rng.normal(0, 0.002, int(0.4 * SAMPLE_RATE)))
        gaps.append((at, at + 0.4))
        at += 0.4
    return np.concatenate(parts).astype(np.float32), gaps


def test_clips_cover_the_recording_end_to_end_and_are_cut_in_pauses():
    audio, gaps = speech_with_pauses()
    total = len(audio) / SAMPLE_RATE
    clips = pause_clips(audio)
    assert clips[0]["start"] == 0 and clips[-1]["end"] == total
    for before, after in zip(clips, clips[1:], strict=False):
        assert before["end"] == after["start"], "no sample is skipped or decoded twice"
        assert any(start <= before["end"] <= end for start, end in gaps), before["end"]
    assert all(0 < clip["end"] - clip["start"] <= 30 for clip in clips)
    assert len(clips) == 4


def test_a_resumed_job_cuts_from_where_it_stopped():
    audio, _ = speech_with_pauses()
    clips = pause_clips(audio, start_at=47.31)
    assert clips[0]["start"] == 47.31
    assert clips[-1]["end"] == len(audio) / SAMPLE_RATE


def test_short_and_empty_recordings():
    audio, _ = speech_with_pauses(seconds=12)
    assert pause_clips(audio) == [{"start": 0.0, "end": len(audio) / SAMPLE_RATE}]
    assert pause_clips(np.zeros(0, dtype=np.float32)) == []
    assert pause_clips(audio, start_at=len(audio) / SAMPLE_RATE) == [], "nothing left to do"
