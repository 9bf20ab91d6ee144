"""Who speaks when: speaker turns found offline from the voices themselves.

Resemblyzer's voice encoder (Apache-2.0) turns each 1.6 s window of speech into a 256-number
voiceprint. Its 17 MB of weights ship inside its PyPI wheel and are checked by SHA-256 here; the
network (three LSTM layers and a projection) and its 40-band mel front end are rebuilt in torch
below, because importing the package pulls in librosa, whose first spectrogram compiles numba
code for half a minute in every new process, and webrtcvad, which needs a C compiler.
Windows are laid over the speech the transcript's own word timings mark, so silence and music
never become a "speaker". The voiceprints are grouped by average-linkage clustering on cosine
distance; the number of speakers is the one whose grouping separates best (silhouette), unless
the reporter gave it. Each word takes the speaker of the window centred nearest to it, and a
segment is cut wherever the speaker changes.

Limits (docs/transcription.md): overlapping speech goes to one of the voices; two similar voices
(same sex, same accent, same microphone) may be merged into one speaker.
"""

import threading
from dataclasses import dataclass

import numpy as np
from django.utils import translation
from django.utils.translation import gettext

from .audio import SAMPLE_RATE
from .weights import ModelUnavailable, package_path, sha256_file

ENCODER_PACKAGE = "resemblyzer"
ENCODER_FILE = "pretrained.pt"
ENCODER_SHA256 = "39373b86598fa3da9fcddee6142382efe09777e8d37dc9c0561f41f0070f134e"

WINDOW_SECONDS = 1.6  # the encoder's own partial utterance: 160 mel frames of 10 ms
HOP_SECONDS = 0.4
REGION_GAP = 0.6  # words closer than this belong to one stretch of speech
MAX_SPEAKERS = 4  # when estimating; interviews have two or three voices
MAX_GIVEN_SPEAKERS = 8
MAX_CLUSTERED = 1500  # windows clustered directly; the rest join the nearest speaker
# Below this silhouette no split into voices is convincing: one person speaks. Set on one-voice
# and two-voice espeak-ng recordings (benchmarks/diarization.py prints the values it sees).
ONE_VOICE_SILHOUETTE = 0.3
EMBED_BATCH = 64


class DiarizationUnavailable(ModelUnavailable):
    pass


MEL_BANDS = 40
FFT_SIZE = 400  # 25 ms at 16 kHz
FFT_HOP = 160  # 10 ms
TARGET_DBFS = -30  # the level the encoder was trained at


def _hz_to_mel(hz):
    """Slaney's mel scale (as librosa and the encoder's training use): linear below 1 kHz,
    logarithmic above."""
    hz = np.asarray(hz, dtype=np.float64)
    return np.where(
        hz < 1000, hz * 3 / 200, 15 + np.log(np.maximum(hz, 1e-10) / 1000) * 27 / np.log(6.4)
    )


def _mel_to_hz(mel):
    return np.where(mel < 15, mel * 200 / 3, 1000 * np.exp((mel - 15) * np.log(6.4) / 27))


def mel_filters():
    """Triangular, area-normalised filters from 0 Hz to Nyquist: (bands, FFT_SIZE // 2 + 1)."""
    bins = np.fft.rfftfreq(FFT_SIZE, 1 / SAMPLE_RATE)
    edges = _mel_to_hz(np.linspace(_hz_to_mel(0), _hz_to_mel(SAMPLE_RATE / 2), MEL_BANDS + 2))
    widths = np.diff(edges)
    ramps = edges[:, None] - bins[None, :]
    rising = -ramps[:-2] / widths[:-1, None]
    falling = ramps[2:] / widths[1:, None]
    filters = np.maximum(0, np.minimum(rising, falling))
    return (filters * (2 / (edges[2:] - edges[:-2]))[:, None]).astype(np.float32)


class VoiceEncoder:
    """Resemblyzer's network: mel frames → three LSTM layers → projection → ReLU → unit length."""

    def __init__(self, weights):
        import torch

        state = torch.load(weights, map_location="cpu", weights_only=True)["model_state"]
        self.lstm = torch.nn.LSTM(MEL_BANDS, 256, 3, batch_first=True)
        self.linear = torch.nn.Linear(256, 256)
        self.lstm.load_state_dict({k[5:]: v for k, v in state.items() if k.startswith("lstm.")})
        self.linear.load_state_dict({k[7:]: v for k, v in state.items() if k.startswith("linear.")})
        self.lstm.eval()
        self.filters = torch.from_numpy(mel_filters())
        self.window = torch.hann_window(FFT_SIZE)

    def __call__(self, windows):
        """Voiceprints of equal-length sample windows, shape (count, 256)."""
        import torch

        with torch.no_grad():
            spectrum = torch.stft(
                torch.from_numpy(np.asarray(windows, dtype=np.float32)),
                FFT_SIZE,
                FFT_HOP,
                window=self.window,
                center=True,
                pad_mode="constant",
                return_complex=True,
            )
            mels = (self.filters @ spectrum.abs() ** 2).transpose(1, 2)
            _, (hidden, _) = self.lstm(mels)
            prints = torch.relu(self.linear(hidden[-1]))
            return (prints / torch.norm(prints, dim=1, keepdim=True).clamp_min(1e-9)).numpy()


_encoder = None
_encoder_lock = threading.Lock()


def voice_encoder():
    """The packaged encoder, loaded once per process after its checksum is verified."""
    global _encoder
    with _encoder_lock:
        if _encoder is None:
            weights = package_path(ENCODER_PACKAGE, ENCODER_FILE)
            if weights is None or not weights.exists():
                raise DiarizationUnavailable(
                    "The speaker encoder is not installed (the resemblyzer package); "
                    "`make install` installs it."
                )
            if sha256_file(weights) != ENCODER_SHA256:
                raise DiarizationUnavailable(
                    f"The speaker encoder at {weights} does not match its checksum; reinstall "
                    "the resemblyzer package."
                )
            _encoder = VoiceEncoder(weights)
        return _encoder


def at_training_level(samples):
    """Louder, never quieter, to the level the encoder learned voices at."""
    rms = float(np.sqrt(np.mean(samples.astype(np.float64) ** 2))) if len(samples) else 0.0
    if rms <= 0:
        return samples
    gain = 10 ** ((TARGET_DBFS - 20 * np.log10(rms)) / 20)
    return samples * gain if gain > 1 else samples


def speech_regions(words, gap=REGION_GAP):
    """Stretches of speech as (start, end), from word timings."""
    regions = []
    for start, end in sorted((w[0], w[1]) for w in words if w[1] > w[0]):
        if regions and start - regions[-1][1] <= gap:
            regions[-1][1] = max(regions[-1][1], end)
        else:
            regions.append([start, end])
    return [tuple(region) for region in regions]


def window_starts(regions, duration):
    """Window start times covering every region; a region shorter than a window gets one
    window centred on it."""
    latest = max(0.0, duration - WINDOW_SECONDS)
    starts = []
    for start, end in regions:
        if end - start <= WINDOW_SECONDS:
            starts.append(min(latest, max(0.0, (start + end - WINDOW_SECONDS) / 2)))
            continue
        count = int(np.ceil((end - start - WINDOW_SECONDS) / HOP_SECONDS)) + 1
        last = end - WINDOW_SECONDS
        starts += [min(latest, min(last, start + i * HOP_SECONDS)) for i in range(count)]
    return np.array(starts)


def voiceprints(samples, starts, on_progress=None):
    """One unit-length voiceprint per window start."""
    encoder = voice_encoder()
    samples = at_training_level(samples)
    width = int(WINDOW_SECONDS * SAMPLE_RATE)
    prints = []
    for first in range(0, len(starts), EMBED_BATCH):
        batch = starts[first : first + EMBED_BATCH]
        windows = [samples[int(start * SAMPLE_RATE) :][:width] for start in batch]
        prints.append(encoder([np.pad(w, (0, width - len(w))) for w in windows]))
        if on_progress:
            on_progress(float(batch[-1]))
    return np.concatenate(prints) if prints else np.zeros((0, 256), dtype=np.float32)


def cluster(prints, speakers=None):
    """Speaker numbers for each voiceprint (0 for whoever is first) and the silhouette of the
    chosen grouping. With `speakers` unset the count is estimated, one voice included."""
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import pdist, squareform

    if len(prints) < 4 or speakers == 1:
        return np.zeros(len(prints), dtype=int), 0.0
    chosen = np.linspace(0, len(prints) - 1, min(len(prints), MAX_CLUSTERED)).astype(int)
    sample = prints[chosen]
    distances = pdist(sample, metric="cosine")
    tree = linkage(distances, method="average")
    distances = squareform(distances)
    counts = [speakers] if speakers else range(2, MAX_SPEAKERS + 1)
    best, best_score = None, -1.0
    for count in counts:
        labels = fcluster(tree, count, criterion="maxclust")
        if len(set(labels)) < 2 or len(set(labels)) >= len(sample):
            continue
        score = silhouette(distances, labels)
        if score > best_score:
            best, best_score = labels, score
    if best is None or (not speakers and best_score < ONE_VOICE_SILHOUETTE):
        return np.zeros(len(prints), dtype=int), max(best_score, 0.0)
    centroids = np.array([sample[best == label].mean(axis=0) for label in sorted(set(best))])
    centroids /= np.linalg.norm(centroids, axis=1, keepdims=True)
    nearest = np.argmax(prints @ centroids.T, axis=1)
    return _smoothed(_numbered_by_first_turn(nearest)), float(best_score)


def silhouette(distances, labels):
    """Mean silhouette: how much closer each voiceprint is to its own speaker than to the
    nearest other one, from -1 to 1."""
    groups = {label: labels == label for label in set(labels)}
    scores = np.zeros(len(labels))
    for label, members in groups.items():
        if members.sum() < 2:
            continue  # a lone voiceprint scores 0, as usual
        rows = distances[members]
        own = rows[:, members].sum(axis=1) / (members.sum() - 1)
        other = np.min(
            [rows[:, mask].mean(axis=1) for other, mask in groups.items() if other != label], axis=0
        )
        scores[members] = (other - own) / np.maximum(np.maximum(own, other), 1e-12)
    return float(scores.mean())


def _numbered_by_first_turn(labels):
    order = {}
    for label in labels:
        order.setdefault(label, len(order))
    return np.array([order[label] for label in labels])


def _smoothed(labels):
    """A single window between two windows of another speaker is that speaker's."""
    smoothed = labels.copy()
    for i in range(1, len(labels) - 1):
        if labels[i - 1] == labels[i + 1] != labels[i]:
            smoothed[i] = labels[i - 1]
    return smoothed


def speaker_label(number, language):
    with translation.override(language or None):
        return gettext("Speaker %(number)s") % {"number": number}


def split_at_turns(segments, word_speakers, language):
    """Segments (dicts with start, end, text, words) cut where the speaker changes, each
    labelled. `word_speakers` holds one speaker number per word, in order."""
    numbers = iter(word_speakers)
    turns = []
    for segment in segments:
        words = segment["words"]
        if not words:
            speaker = turns[-1]["speaker"] if turns else speaker_label(1, language)
            turns.append({**segment, "speaker": speaker})
            continue
        runs = []
        for word in words:
            number = next(numbers)
            if runs and runs[-1][0] == number:
                runs[-1][1].append(word)
            else:
                runs.append((number, [word]))
        if len(runs) == 1:
            turns.append({**segment, "speaker": speaker_label(runs[0][0] + 1, language)})
            continue
        for number, run in runs:
            turns.append(
                {
                    "start": run[0][0],
                    "end": run[-1][1],
                    "text": " ".join(word[2] for word in run),
                    "words": run,
                    "speaker": speaker_label(number + 1, language),
                }
            )
    return turns


@dataclass
class Diarized:
    segments: list  # split at turns and labelled; as given when one voice is heard
    speakers: int
    silhouette: float  # how clearly the voices separated (0 when one voice)


def diarize(samples, segments, language, speakers=None, on_progress=None):
    """The transcript's segments split at speaker turns and labelled "Speaker 1", "Speaker 2"…
    in the transcript's language; unchanged (and unlabelled) when one voice is heard."""
    words = [word for segment in segments for word in segment["words"]]
    if not words:
        return Diarized(segments, 1, 0.0)
    starts = window_starts(speech_regions(words), len(samples) / SAMPLE_RATE)
    prints = voiceprints(samples, starts, on_progress)
    labels, score = cluster(prints, speakers)
    if labels.max(initial=0) == 0:
        return Diarized(segments, 1, score)
    centres = starts + WINDOW_SECONDS / 2
    middles = np.array([(word[0] + word[1]) / 2 for word in words])
    after = np.clip(np.searchsorted(centres, middles), 1, len(centres) - 1)
    nearest = np.where(
        np.abs(centres[after - 1] - middles) <= np.abs(centres[after] - middles), after - 1, after
    )
    return Diarized(
        split_at_turns(segments, labels[nearest].tolist(), language),
        int(labels.max()) + 1,
        score,
    )
