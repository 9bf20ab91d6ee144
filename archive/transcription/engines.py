"""Transcription engines: one base class, two Whisper engines, and the registry that names them.

Engines are configured like wagtail-localize's machine translators, by dotted path:

    TESTIMONIO_TRANSCRIPTION_ENGINES = {
        "faster-whisper": {"CLASS": "archive.transcription.engines.FasterWhisperEngine"},
        "openai-whisper": {"CLASS": "archive.transcription.engines.OpenAIWhisperEngine"},
        "my-engine": {"CLASS": "myproject.engines.MyEngine", "OPTIONS": {"beam_size": 1}},
    }

The admin's engine list, the CLI's --engine and the jobs' engine field all read this registry.
Audio is decoded here and never leaves the machine.
"""

import functools
import importlib
import os
import threading
import types
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from .audio import SAMPLE_RATE
from .clips import pause_clips
from .weights import ModelUnavailable, resolve

TASKS = ("transcribe", "translate")


@dataclass
class Word:
    start: float
    end: float
    text: str
    probability: float


@dataclass
class Segment:
    start: float
    end: float
    text: str
    words: list = field(default_factory=list)


@dataclass
class Options:
    model: str = "base"
    language: str | None = None
    detect_among: tuple = ()  # where `language` is None: the codes it may be; () any Whisper knows
    task: str = "transcribe"
    start_at: float = 0.0  # resume: transcribe from here to the end
    beam_size: int = 5


@dataclass
class Outcome:
    language: str
    model_label: str
    passed_over: str = ""  # what Whisper found likelier than `language`, outside `detect_among`


def device():
    wanted = settings.TESTIMONIO_TRANSCRIPTION_DEVICE
    if wanted != "auto":
        return wanted
    import torch

    return "cuda" if torch.cuda.is_available() else "cpu"


def threads():
    return int(settings.TESTIMONIO_TRANSCRIPTION_THREADS or os.cpu_count() or 1)


_loaded = {}
_load_lock = threading.Lock()


def _cached(key, load):
    """Keep one loaded model per engine: loading costs seconds, and a worker runs many jobs."""
    with _load_lock:
        engine = key[0]
        if key not in _loaded:
            for old in [k for k in _loaded if k[0] == engine]:
                del _loaded[old]
            _loaded[key] = load()
        return _loaded[key]


def _library_error(name, error):
    return ModelUnavailable(
        f"Could not load the Whisper model {name!r}: {error}. This machine may not reach the "
        f"model hub; use the packaged model (TESTIMONIO_WHISPER_MODEL=base) or point "
        f"TESTIMONIO_WHISPER_MODEL at a model directory."
    )


class Engine:
    """What every engine provides. Subclass it, implement `transcribe`, and name the class in
    TESTIMONIO_TRANSCRIPTION_ENGINES.

    `transcribe(samples, options, on_segment, on_progress)` gets 16 kHz mono float32 samples and
    an `Options` (model setting, language or None to detect, the languages detection may choose
    among, task "transcribe" or "translate", `start_at` seconds to resume from, beam size). It
    must:
    - call `on_segment(Segment)` for each segment in time order, as soon as it has it (a job
      saves each at once, so a crash loses at most the segment being decoded), with times in
      seconds from the start of the recording and `Word`s whose probability is 0–1;
    - call `on_progress(seconds)` as it goes, with how far into the audio it has got;
    - let either callback's exception propagate (that is how a job is cancelled);
    - raise `ModelUnavailable` with what to do when its model cannot be loaded;
    - detect the language only among `detect_among` when that is not empty (`likeliest_language`
      does the choosing), from the recording's first 30 s even when resuming, so that every
      attempt of a job chooses the same; say in the `Outcome` which language it passed over;
    - return an `Outcome`: the language it heard and a label for the model it ran;
    - never send audio off this machine, and never download weights unless the user named a
      model only a hub has.
    `OPTIONS` from the settings arrive as keyword arguments; `description` is shown beside the
    engine's name in the admin.
    """

    library = ""  # which model format it loads: "faster-whisper" (CTranslate2), "openai-whisper"
    description = ""

    def __init__(self, name, **options):
        self.name = name
        self.options = options

    def transcribe(self, samples, options, on_segment, on_progress):
        raise NotImplementedError

    def knows_language(self, code):
        """Whether `code` can be given as the language to transcribe in. Whisper's own codes;
        an engine running another model overrides it."""
        return code in whisper_languages()


@functools.cache
def whisper_languages():
    """The language codes Whisper's multilingual checkpoints were trained on (the same list in
    both libraries; faster-whisper's is the lighter import)."""
    from faster_whisper.tokenizer import _LANGUAGE_CODES

    return frozenset(_LANGUAGE_CODES)


def likeliest_language(probabilities, among):
    """The language Whisper finds likeliest from `probabilities` ({code: p}), and "" or the
    likelier language it passed over because `among` leaves it out. Left free, Whisper base
    wrote 39 of 1,840 synthetic Spanish and English recordings in Italian or Latin
    (docs/performance.md), losing every word a detector needs; an archive knows which languages
    its interviews are in."""
    heard = max(probabilities, key=probabilities.get)
    allowed = [code for code in among if code in probabilities]
    if not allowed or heard in allowed:
        return heard, ""
    return max(allowed, key=probabilities.get), heard


class FasterWhisperEngine(Engine):
    """faster-whisper on CTranslate2. OPTIONS: `compute_type` and `beam_size` override the
    TESTIMONIO_FASTER_WHISPER_COMPUTE_TYPE and TESTIMONIO_TRANSCRIPTION_BEAM_SIZE settings."""

    library = "faster-whisper"
    description = _("fast")

    def load(self, options):
        from faster_whisper import WhisperModel

        resolved = resolve(options.model, self.library)
        where = str(resolved.ct2_dir or resolved.library_name)
        run_on = device()
        compute_type = self.options.get(
            "compute_type", settings.TESTIMONIO_FASTER_WHISPER_COMPUTE_TYPE
        )
        if run_on == "cuda" and compute_type == "int8":
            compute_type = "int8_float16"

        def load():
            try:
                return WhisperModel(
                    where,
                    device=run_on,
                    compute_type=compute_type,
                    cpu_threads=threads(),
                    local_files_only=resolved.library_name is None,
                )
            except (OSError, ValueError, RuntimeError) as error:
                raise _library_error(where, error) from error

        return resolved, _cached((self.library, where, run_on, compute_type, threads()), load)

    def transcribe(self, samples, options, on_segment, on_progress):
        resolved, model = self.load(options)
        language, passed_over = options.language, ""
        if language is None and options.detect_among and model.model.is_multilingual:
            _, _, probabilities = model.detect_language(samples)
            language, passed_over = likeliest_language(dict(probabilities), options.detect_among)
        decoding = dict(
            language=language,
            task=options.task,
            beam_size=self.options.get("beam_size", options.beam_size),
            word_timestamps=True,
        )
        batch_size = settings.TESTIMONIO_FASTER_WHISPER_BATCH_SIZE
        clips = pause_clips(samples, options.start_at) if batch_size > 1 else []
        if clips:
            from faster_whisper import BatchedInferencePipeline

            found, info = BatchedInferencePipeline(model).transcribe(
                samples, clip_timestamps=clips, batch_size=batch_size, **decoding
            )
            found = (sentence for clip in found for sentence in sentences(clip))
        else:
            found, info = model.transcribe(
                samples,
                clip_timestamps=[options.start_at] if options.start_at else "0",
                **decoding,
            )
            found = (_segment(segment) for segment in found)
        for segment in found:
            on_segment(segment)
            on_progress(segment.end)
        return Outcome(language=info.language, model_label=resolved.label, passed_over=passed_over)


def _word(word):
    return Word(word.start, word.end, word.word.strip(), round(word.probability, 4))


def _segment(segment):
    return Segment(
        start=segment.start,
        end=segment.end,
        text=segment.text.strip(),
        words=[_word(w) for w in segment.words or []],
    )


SENTENCE_ENDS = (".", "?", "!", "…", "。", "？", "！")
SHORTEST_SENTENCE_WORDS = 3


def sentences(clip):
    """Batched decoding gives one segment per clip (up to 30 s). The editor, the player and the
    exports work sentence by sentence, so split after each word that ends a sentence (a stray
    "Mr." or "5.5.9." of fewer than three words stays with what follows)."""
    if not clip.words:
        yield _segment(clip)
        return
    part = []
    for word in clip.words:
        part.append(word)
        if word.word.strip().endswith(SENTENCE_ENDS) and len(part) >= SHORTEST_SENTENCE_WORDS:
            yield _sentence(part)
            part = []
    if part:
        yield _sentence(part)


def _sentence(words):
    return Segment(
        start=words[0].start,
        end=words[-1].end,
        text="".join(word.word for word in words).strip(),
        words=[_word(w) for w in words],
    )


class _ProgressBar:
    """Stands in for tqdm inside openai-whisper, turning its frame counts into seconds."""

    FRAMES_PER_SECOND = 100  # openai-whisper's mel frames: 10 ms each

    callback = None
    offset = 0.0

    def __init__(self, total=None, **kwargs):
        self.done = 0

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def update(self, frames):
        self.done += frames
        if self.callback:
            self.callback(self.offset + self.done / self.FRAMES_PER_SECOND)


class OpenAIWhisperEngine(Engine):
    """The reference implementation. It reports progress as it goes, segments at the end."""

    library = "openai-whisper"
    description = _("reference")
    _transcribe_lock = threading.Lock()

    def load(self, options):
        import torch
        import whisper

        resolved = resolve(options.model, self.library)
        run_on = device()
        where = str(resolved.checkpoint or resolved.library_name)

        def load():
            try:
                model = whisper.load_model(
                    where, device=run_on, download_root=str(settings.TESTIMONIO_MODEL_CACHE)
                )
            except (OSError, RuntimeError, ValueError) as error:
                raise _library_error(where, error) from error
            if resolved.alignment_heads:
                # openai-whisper knows alignment heads only for its own named models; without
                # them word timestamps drift. They come from the model's config.json.
                heads = torch.zeros(
                    model.dims.n_text_layer, model.dims.n_text_head, dtype=torch.bool
                )
                for layer, head in resolved.alignment_heads:
                    heads[layer, head] = True
                model.register_buffer("alignment_heads", heads.to_sparse(), persistent=False)
            return model

        return resolved, _cached((self.library, where, run_on), load)

    def transcribe(self, samples, options, on_segment, on_progress):
        import torch

        # `whisper.transcribe` the attribute is the function; the module is what holds tqdm.
        reference = importlib.import_module("whisper.transcribe")

        resolved, model = self.load(options)
        torch.set_num_threads(threads())
        language, passed_over = options.language, ""
        if language is None and options.detect_among and model.is_multilingual:
            language, passed_over = likeliest_language(
                self.language_probabilities(model, samples),
                options.detect_among,
            )
        progress = type(
            "Progress",
            (_ProgressBar,),
            {"callback": staticmethod(on_progress), "offset": options.start_at},
        )
        with self._transcribe_lock:
            original = reference.tqdm
            reference.tqdm = types.SimpleNamespace(tqdm=progress)
            try:
                result = model.transcribe(
                    samples,
                    language=language,
                    task=options.task,
                    beam_size=options.beam_size,
                    best_of=options.beam_size,
                    word_timestamps=True,
                    fp16=model.device.type == "cuda",
                    verbose=False,
                    clip_timestamps=str(options.start_at),
                )
            finally:
                reference.tqdm = original
        for segment in result["segments"]:
            if not segment["text"].strip():
                continue
            on_segment(
                Segment(
                    start=float(segment["start"]),
                    end=float(segment["end"]),
                    text=segment["text"].strip(),
                    words=[
                        Word(
                            float(w["start"]),
                            float(w["end"]),
                            w["word"].strip(),
                            round(float(w["probability"]), 4),
                        )
                        for w in segment.get("words", [])
                    ],
                )
            )
        return Outcome(
            language=result["language"], model_label=resolved.label, passed_over=passed_over
        )

    @staticmethod
    def language_probabilities(model, samples):
        """{code: p} over the first 30 s, as openai-whisper's own detection reads them."""
        import whisper

        mel = whisper.log_mel_spectrogram(
            whisper.pad_or_trim(samples), model.dims.n_mels, device=model.device
        )
        _, probabilities = model.detect_language(mel)
        return probabilities


def engine_names():
    return list(settings.TESTIMONIO_TRANSCRIPTION_ENGINES)


def engine_choices():
    """For the jobs' and transcripts' engine field: every configured engine."""
    return [(name, name) for name in engine_names()]


def get_engine(name):
    """The configured engine called `name`; ValueError when there is none."""
    config = settings.TESTIMONIO_TRANSCRIPTION_ENGINES.get(name)
    if config is None:
        raise ValueError(f"Unknown engine {name!r}; choose one of {', '.join(engine_names())}.")
    try:
        engine_class = import_string(config["CLASS"])
    except (ImportError, KeyError) as error:
        raise ImproperlyConfigured(
            f"TESTIMONIO_TRANSCRIPTION_ENGINES[{name!r}] needs a CLASS that can be imported: "
            f"{error}"
        ) from error
    if not issubclass(engine_class, Engine):
        raise ImproperlyConfigured(f"{config['CLASS']} does not derive from {Engine.__qualname__}.")
    return engine_class(name, **config.get("OPTIONS", {}))


def duration_of(samples):
    return len(samples) / SAMPLE_RATE
