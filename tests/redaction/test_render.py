"""The audio renderer: redacted ranges replaced, the rest unchanged, duration kept, no tags, in
both renditions (Ogg Opus and MP3) alike."""

import av
import numpy as np
import pytest

from archive.redaction.detect import Word
from archive.redaction.models import RedactionSpan
from archive.redaction.render import RenderSettings, redaction_ranges, render_redacted_audio
from archive.transcription.audio import decode_for_whisper

RATE = 16000
SECONDS = 4.0


def settings_with(fill="silence", **overrides):
    values = dict(
        padding=0.25, unsure_padding=0.5, merge_gap=0.3, fill=fill, tone_hz=1000,
        pitch_factor=1.25, bitrate=64000, mp3_bitrate=64000,
    )  # fmt: skip
    values.update(overrides)
    return RenderSettings(**values)


@pytest.fixture
def voice_like(tmp_path):
    """Four seconds of a 300 Hz tone with a slow tremolo, as a WAV original."""
    path = tmp_path / "original.wav"
    t = np.arange(int(SECONDS * RATE)) / RATE
    signal = 0.4 * np.sin(2 * np.pi * 300 * t) * (0.75 + 0.25 * np.sin(2 * np.pi * 2 * t))
    with av.open(str(path), "w") as container:
        stream = container.add_stream("pcm_s16le", rate=RATE, layout="mono")
        frame = av.AudioFrame.from_ndarray(
            (signal * 32767).astype(np.int16).reshape(1, -1), format="s16", layout="mono"
        )
        frame.sample_rate = RATE
        for packet in stream.encode(frame):
            container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)
    return path, signal.astype(np.float32)


def rms(samples):
    return float(np.sqrt(np.mean(np.square(samples))))


def window(samples, start, end):
    return samples[int(start * RATE) : int(end * RATE)]


def both_renditions(tmp_path):
    return {"ogg": tmp_path / "redacted.ogg", "mp3": tmp_path / "redacted.mp3"}


@pytest.mark.parametrize("rendition", ["ogg", "mp3"])
@pytest.mark.parametrize("fill", ["silence", "tone"])
def test_samples_inside_the_range_are_replaced_and_the_rest_kept(
    voice_like, tmp_path, fill, rendition
):
    source, original = voice_like
    targets = both_renditions(tmp_path)
    duration = render_redacted_audio(source, targets, [(1.0, 2.0)], settings_with(fill))
    redacted = decode_for_whisper(targets[rendition])
    assert abs(duration - SECONDS) < 0.03
    assert abs(len(redacted) / RATE - SECONDS) < 0.03
    inside = window(redacted, 1.05, 1.95)
    spectrum = np.abs(np.fft.rfft(inside))
    at_300_hz = int(300 * len(inside) / RATE)
    voice_before = np.abs(np.fft.rfft(window(original, 1.05, 1.95)))[at_300_hz]
    if fill == "silence":
        assert rms(inside) < 0.005
    else:
        peak_hz = np.argmax(spectrum) * RATE / len(inside)
        assert abs(peak_hz - 1000) < 5
    # The voice's own frequency is gone from the range, not mixed under the tone.
    assert spectrum[at_300_hz] < 0.01 * voice_before
    for start, end in [(0.1, 0.9), (2.1, 3.8)]:
        kept, before = window(redacted, start, end), window(original, start, end)
        assert abs(rms(kept) - rms(before)) / rms(before) < 0.1
        assert np.corrcoef(kept, before)[0, 1] > 0.95


def test_the_renditions_carry_no_tags(voice_like, tmp_path):
    source, _ = voice_like
    targets = both_renditions(tmp_path)
    render_redacted_audio(source, targets, [(1.0, 2.0)], settings_with())
    for extension, codec in [("ogg", "opus"), ("mp3", "mp3float")]:
        with av.open(str(targets[extension])) as container:
            assert dict(container.metadata) == {}
            assert dict(container.streams.audio[0].metadata) in ({}, {"encoder": "ffmpeg"})
            assert container.streams.audio[0].codec_context.name in (codec, "mp3")
    assert b"Lavf" not in targets["ogg"].read_bytes()
    assert not targets["mp3"].read_bytes().startswith(b"ID3"), "no ID3 tag"


def test_both_renditions_carry_the_same_audio(voice_like, tmp_path):
    """Encoded from the same redacted blocks: decoded, they line up sample for sample (up to
    each codec's loss), so what one lets be heard the other does too."""
    source, _ = voice_like
    targets = both_renditions(tmp_path)
    render_redacted_audio(source, targets, [(1.0, 2.0)], settings_with("tone"))
    opus, mp3 = decode_for_whisper(targets["ogg"]), decode_for_whisper(targets["mp3"])
    assert abs(len(opus) - len(mp3)) <= RATE // 100
    length = min(len(opus), len(mp3))
    assert np.corrcoef(opus[:length], mp3[:length])[0, 1] > 0.95


def test_voice_alteration_shifts_pitch_and_keeps_duration(voice_like, tmp_path):
    source, _ = voice_like
    target = tmp_path / "altered.ogg"
    duration = render_redacted_audio(source, {"ogg": target}, [], settings_with(), alter_voice=True)
    shifted = window(decode_for_whisper(target), 0.5, 3.5)
    peak_hz = np.argmax(np.abs(np.fft.rfft(shifted))) * RATE / len(shifted)
    assert abs(duration - SECONDS) < 0.1
    assert abs(peak_hz - 300 * 1.25) < 10


def span(start, end):
    return RedactionSpan(start=start, end=end, text="x", category="person")


def test_ranges_are_padded_more_where_whisper_was_unsure_and_merged_when_close():
    words = [
        Word(0, 1.0, 1.4, " Ortega", 0.95),
        Word(1, 1.6, 2.0, " Ruiz", 0.3),
        Word(2, 5.0, 5.4, " Fresno", 0.9),
    ]
    spans = [span(1.0, 1.4), span(1.6, 2.0), span(5.0, 5.4)]
    ranges = redaction_ranges(spans, words, settings_with(), duration=10, low_confidence=0.5)
    assert ranges == [(0.75, 2.5), (4.75, 5.65)]


def test_ranges_stay_inside_the_recording():
    words = [Word(0, 0.1, 0.5, " Ana", 0.9)]
    ranges = redaction_ranges(
        [span(0.1, 0.5)], words, settings_with(), duration=0.6, low_confidence=0.5
    )
    assert ranges == [(0.0, 0.6)]
