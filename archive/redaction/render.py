"""Redacted audio: the original's samples inside each redacted range replaced (not mixed) by a
tone or silence, everything else unchanged, encoded afresh from PCM with no tags: as Ogg Opus,
and as MP3 for players without Ogg (older Safari, the OHMS Viewer). Every rendition is encoded
from the very same redacted blocks in one pass, so what one holds the other holds too.

The original is only read. Work is streamed frame by frame, so a two-hour recording never sits
in memory. Voice alteration (a pitch shift through libavfilter) is a deterrent against casual
recognition, not anonymity: a determined listener can shift it back.
"""

import math
from dataclasses import dataclass
from fractions import Fraction

import av
import av.filter
import numpy as np
from django.conf import settings

SAMPLE_RATE = 48000
FRAME_SAMPLES = 960 * 4
TONE_AMPLITUDE = 0.2


@dataclass(frozen=True)
class RenderSettings:
    padding: float
    unsure_padding: float
    merge_gap: float
    fill: str
    tone_hz: float
    pitch_factor: float
    bitrate: int
    mp3_bitrate: int

    @classmethod
    def from_settings(cls):
        return cls(
            padding=settings.TESTIMONIO_REDACTION_PADDING_SECONDS,
            unsure_padding=settings.TESTIMONIO_REDACTION_UNSURE_PADDING_SECONDS,
            merge_gap=settings.TESTIMONIO_REDACTION_MERGE_GAP_SECONDS,
            fill=settings.TESTIMONIO_REDACTION_FILL,
            tone_hz=settings.TESTIMONIO_REDACTION_TONE_HZ,
            pitch_factor=settings.TESTIMONIO_VOICE_PITCH_FACTOR,
            bitrate=settings.TESTIMONIO_PUBLIC_AUDIO_BITRATE,
            mp3_bitrate=settings.TESTIMONIO_PUBLIC_MP3_BITRATE,
        )

    def key(self):
        return f"{self.padding}|{self.unsure_padding}|{self.merge_gap}|{self.fill}|{self.tone_hz}"


def redaction_ranges(spans, words, render_settings, duration, low_confidence):
    """Time ranges to replace: each span padded (more where Whisper was unsure of a covered
    word, since its timing is less certain too), clipped to the recording, and merged when
    closer than the merge gap, so no syllable survives between two redactions."""
    ranges = []
    for span in spans:
        covered = [w for w in words if span.covers(w.start, w.end)]
        unsure = any(w.probability is not None and w.probability < low_confidence for w in covered)
        pad = render_settings.unsure_padding if unsure else render_settings.padding
        start = min([span.start, *(w.start for w in covered)]) - pad
        end = max([span.end, *(w.end for w in covered)]) + pad
        ranges.append([max(0.0, start), min(duration, end)])
    ranges.sort()
    merged = []
    for start, end in ranges:
        if merged and start - merged[-1][1] < render_settings.merge_gap:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(round(start, 3), round(end, 3)) for start, end in merged if end > start]


def _pitch_graph(factor):
    graph = av.filter.Graph()
    source = graph.add_abuffer(
        format="flt", sample_rate=SAMPLE_RATE, layout="mono", time_base=Fraction(1, SAMPLE_RATE)
    )
    graph.link_nodes(
        source,
        graph.add("asetrate", str(round(SAMPLE_RATE * factor))),
        graph.add("aresample", str(SAMPLE_RATE)),
        graph.add("atempo", f"{1 / factor:.6f}"),
        graph.add("abuffersink"),
    ).configure()
    return graph


def _decoded_pcm(source, pitch_factor=None):
    """Mono float32 blocks at 48 kHz, pitch-shifted (duration kept) when asked."""
    resampler = av.AudioResampler(format="flt", layout="mono", rate=SAMPLE_RATE)
    graph = _pitch_graph(pitch_factor) if pitch_factor else None
    offset = 0

    def through_graph(frame):
        nonlocal offset
        if graph is None:
            yield frame.to_ndarray().reshape(-1)
            return
        frame.pts = offset
        frame.time_base = Fraction(1, SAMPLE_RATE)
        offset += frame.samples
        graph.push(frame)
        yield from _drain(graph)

    with av.open(source) as container:
        stream = container.streams.audio[0]
        for frame in container.decode(stream):
            frame.pts = None
            for resampled in resampler.resample(frame):
                yield from through_graph(resampled)
        for resampled in resampler.resample(None):
            yield from through_graph(resampled)
    if graph is not None:
        graph.push(None)
        yield from _drain(graph)


def _drain(graph):
    while True:
        try:
            frame = graph.pull()
        except (av.error.BlockingIOError, av.error.EOFError):
            return
        yield frame.to_ndarray().reshape(-1)


def replace_ranges(block, first_sample, ranges, render_settings):
    """Overwrite the samples of `block` (starting at absolute sample `first_sample`) that fall
    in any range: a phase-continuous tone, or zeros."""
    last_sample = first_sample + len(block)
    for start, end in ranges:
        lo = max(first_sample, math.floor(start * SAMPLE_RATE))
        hi = min(last_sample, math.ceil(end * SAMPLE_RATE))
        if lo >= hi:
            continue
        if render_settings.fill == "silence":
            block[lo - first_sample : hi - first_sample] = 0.0
        else:
            t = np.arange(lo, hi) / SAMPLE_RATE
            block[lo - first_sample : hi - first_sample] = TONE_AMPLITUDE * np.sin(
                2 * np.pi * render_settings.tone_hz * t
            )
    return block


@dataclass(frozen=True)
class Rendition:
    container: str
    codec: str
    container_options: dict
    codec_options: dict


RENDITIONS = {
    "ogg": Rendition("ogg", "libopus", {"fflags": "+bitexact"}, {}),
    # No ID3 tag; the Xing/LAME header stays, as it tells players where the audio ends. LAME's
    # quality 7 halves its encoding time (docs/performance.md); for a fallback rendition of
    # speech the difference is not heard.
    "mp3": Rendition(
        "mp3",
        "libmp3lame",
        {"fflags": "+bitexact", "id3v2_version": "0"},
        {"compression_level": "7"},
    ),
}


def _open_output(extension, target_path, render_settings):
    rendition = RENDITIONS[extension]
    output = av.open(
        str(target_path), "w", format=rendition.container, options=rendition.container_options
    )
    stream = output.add_stream(
        rendition.codec, rate=SAMPLE_RATE, layout="mono", options=rendition.codec_options
    )
    stream.bit_rate = render_settings.mp3_bitrate if extension == "mp3" else render_settings.bitrate
    return output, stream


def render_redacted_audio(source, targets, ranges, render_settings, alter_voice=False):
    """Write the redacted derivative of `source` (a path or a seekable binary file) to each of
    `targets` ({extension: path}, extensions from RENDITIONS); return its duration in seconds."""
    outputs = []
    try:
        for extension, target_path in targets.items():
            outputs.append(_open_output(extension, target_path, render_settings))
        written = 0
        pending = np.zeros(0, dtype=np.float32)
        pitch = render_settings.pitch_factor if alter_voice else None
        for block in _decoded_pcm(source, pitch):
            pending = np.concatenate([pending, block.astype(np.float32)])
            while len(pending) >= FRAME_SAMPLES:
                chunk, pending = pending[:FRAME_SAMPLES].copy(), pending[FRAME_SAMPLES:]
                written = _encode(outputs, chunk, written, ranges, render_settings)
        if len(pending):
            written = _encode(outputs, pending.copy(), written, ranges, render_settings)
        for output, stream in outputs:
            for packet in stream.encode(None):
                output.mux(packet)
    finally:
        for output, _stream in outputs:
            output.close()
    return written / SAMPLE_RATE


def _encode(outputs, chunk, written, ranges, render_settings):
    replace_ranges(chunk, written, ranges, render_settings)
    for output, stream in outputs:
        frame = av.AudioFrame.from_ndarray(chunk.reshape(1, -1), format="flt", layout="mono")
        frame.sample_rate = SAMPLE_RATE
        frame.pts = written
        frame.time_base = Fraction(1, SAMPLE_RATE)
        for packet in stream.encode(frame):
            output.mux(packet)
    return written + len(chunk)
