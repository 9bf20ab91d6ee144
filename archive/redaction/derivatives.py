"""Making the redacted derivatives and listening to them.

Files are written under a random name in the private staging area, flushed, hashed, and put
in place (archive/ingest/objects.py) in the same transaction that records them: a crash leaves
a `.part` file, never a row pointing at half a file. Derivatives stay private; only the public
views of archive.testimonies serve them, and only while the publication gate allows.
"""

import logging
import os
import uuid

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from archive.ingest.objects import open_stored, put, remove
from archive.ingest.store import incoming_dir, sha256_of
from archive.transcription.audio import decode_for_whisper
from archive.transcription.engines import Options, get_engine
from archive.transcription.models import LOW_CONFIDENCE
from archive.transcription.weights import ModelUnavailable

from .detect import Word, long_numbers, term_matches
from .matching import Target, letters
from .models import RedactedAudio, RedactedPhoto, Verification
from .numbers import fold, spoken_digits
from .photos import render_redacted_photo
from .render import RenderSettings, redaction_ranges, render_redacted_audio
from .review import fresh_audio, fresh_photo, photo_fingerprint, recording_fingerprint
from .spans import accepted_spans, current_transcript, words_of

logger = logging.getLogger(__name__)
DIGITS_HEARD = 5  # this many digits of a redacted number, in order, count as heard


def _keep(model, parts, **fields):
    """Put each staged part ({file field: path}) in place and record them in one row; a field's
    checksum and size go in its `<prefix>sha256` and `<prefix>size_bytes` (`file`: none)."""
    for field, part in parts.items():
        prefix = field.removesuffix("file")
        fields[f"{prefix}sha256"] = sha256_of(part)
        fields[f"{prefix}size_bytes"] = part.stat().st_size
    names = []
    with transaction.atomic():
        try:
            for field, part in parts.items():
                names.append(put(part, f"derivatives/{uuid.uuid4().hex}{part.suffix}"))
                fields[field] = names[-1]
            return model.objects.create(**fields)
        except BaseException:
            for name in names:
                remove(name)
            raise


def _staged(extension):
    return incoming_dir() / f"{uuid.uuid4().hex}.part.{extension}"


def _fsync(*paths):
    for path in paths:
        with open(path, "rb") as written:
            os.fsync(written.fileno())


def render_audio(recording, alter_voice):
    """The recording's redacted audio for its current transcript and spans (reused if fresh)."""
    if existing := fresh_audio(recording, alter_voice):
        return existing
    transcript = current_transcript(recording)
    spans = accepted_spans(transcript)
    render_settings = RenderSettings.from_settings()
    ranges = redaction_ranges(
        spans, words_of(transcript), render_settings, recording.duration_seconds, LOW_CONFIDENCE
    )
    parts = {"file": _staged("ogg"), "mp3_file": _staged("mp3")}
    try:
        with recording.open_decrypted() as source:
            duration = render_redacted_audio(
                source,
                {"ogg": parts["file"], "mp3": parts["mp3_file"]},
                ranges,
                render_settings,
                alter_voice=alter_voice,
            )
        _fsync(*parts.values())
        audio = _keep(
            RedactedAudio,
            parts,
            recording=recording,
            transcript=transcript,
            fingerprint=recording_fingerprint(recording, transcript, alter_voice),
            duration_seconds=duration,
            redacted_ranges=ranges,
            voice_altered=alter_voice,
        )
    finally:
        for part in parts.values():
            part.unlink(missing_ok=True)
    return audio


def render_photo(photo):
    if existing := fresh_photo(photo):
        return existing
    part = _staged("jpg")
    try:
        with photo.open_decrypted() as source:
            width, height = render_redacted_photo(
                source, part, list(photo.redactions.order_by("pk"))
            )
        _fsync(part)
        return _keep(
            RedactedPhoto,
            {"file": part},
            photo=photo,
            fingerprint=photo_fingerprint(photo),
            width=width,
            height=height,
        )
    finally:
        part.unlink(missing_ok=True)


def heard_leaks(heard_words, spans):
    """Redacted terms that can still be heard: names by spelling or sound, numbers by a run of
    their digits."""
    targets = {
        Target.of(span.text, span.entity, span.category)
        for span in spans
        if len(letters(span.text)) >= 3
    }
    leaks = [
        {
            "text": target.text,
            "heard": "".join(w.text for w in heard_words[first : last + 1]).strip(),
            "start": heard_words[first].start,
            "end": heard_words[last].end,
        }
        for first, last, target, _score in term_matches(heard_words, targets)
    ]
    heard_digits = spoken_digits([word.folded for word in heard_words])
    heard_run = "".join(d or "" for d in heard_digits)
    leaks += [
        {"text": _("a number"), "heard": s.text(heard_words), "start": s.start(heard_words)}
        for s in long_numbers(heard_words)
    ]
    for span in spans:
        span_digits = "".join(d or "" for d in spoken_digits([fold(t) for t in span.text.split()]))
        for at in range(len(span_digits) - DIGITS_HEARD + 1):
            if span_digits[at : at + DIGITS_HEARD] in heard_run:
                leaks.append({"text": span.text, "heard": span_digits[at : at + DIGITS_HEARD]})
                break
    return leaks


def _samples_to_verify(audio):
    """What Whisper listens to. A pitch-shifted voice defeats Whisper long before it defeats a
    human ear, so altered audio is checked as rendered without the shift, same ranges."""
    if not audio.voice_altered:
        with open_stored(audio.file.name) as rendered:
            return decode_for_whisper(rendered)
    part = _staged("ogg")
    try:
        with audio.recording.open_decrypted() as source:
            render_redacted_audio(
                source,
                {"ogg": part},
                audio.redacted_ranges,
                RenderSettings.from_settings(),
                alter_voice=False,
            )
        return decode_for_whisper(part)
    finally:
        part.unlink(missing_ok=True)


def verify_audio(audio):
    """Listen to the derivative with Whisper and flag any redacted term still heard."""
    spans = accepted_spans(audio.transcript)
    try:
        samples = _samples_to_verify(audio)
        heard = []
        get_engine(settings.TESTIMONIO_TRANSCRIPTION_ENGINE).transcribe(
            samples,
            Options(
                model=settings.TESTIMONIO_WHISPER_MODEL,
                language=audio.transcript.language or None,
                beam_size=settings.TESTIMONIO_TRANSCRIPTION_BEAM_SIZE,
            ),
            on_segment=heard.append,
            on_progress=lambda seconds: None,
        )
    except ModelUnavailable as error:
        RedactedAudio.objects.filter(pk=audio.pk).update(
            verification=Verification.FAILED, error=str(error)
        )
        return
    except Exception as error:
        logger.exception("Listening to redacted audio %s failed", audio.pk)
        RedactedAudio.objects.filter(pk=audio.pk).update(
            verification=Verification.FAILED,
            error=_("Listening failed (%(error)s); see the worker log.")
            % {"error": type(error).__name__},
        )
        return
    heard_words = [
        Word(index, word.start, word.end, f" {word.text}", word.probability)
        for index, word in enumerate(word for segment in heard for word in segment.words)
    ]
    leaks = heard_leaks(heard_words, spans)
    RedactedAudio.objects.filter(pk=audio.pk).update(
        verification=Verification.LEAKS if leaks else Verification.CLEAN,
        leaks=leaks,
        heard_text=" ".join(segment.text for segment in heard),
        error="",
    )


def prepare_interview(interview, alter_voice):
    """Every derivative an interview needs, rendered and (for audio) listened to."""
    for recording in interview.recordings.order_by("pk"):
        if current_transcript(recording) is None:
            continue
        audio = render_audio(recording, alter_voice)
        if audio.verification == Verification.PENDING:
            verify_audio(audio)
    for photo in interview.photos.order_by("pk"):
        render_photo(photo)
