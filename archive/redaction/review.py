"""Is an interview's redaction ready for review? Fingerprints and open questions.

A fingerprint names one exact redaction set: for each recording, its current transcript and
that transcript's latest revision, every accepted span, the render settings and whether the
voice is altered; for each photo, its rectangles. Derivatives carry the fingerprint they were
made for, so any later change makes them stale. Approval is the publication app's: it freezes
what the review shows (`archive/publication/approval.py`).
"""

import hashlib
import json

from django.utils.translation import gettext as _

from .detect import Word, term_matches
from .matching import Target, letters
from .models import RedactedAudio, RedactedPhoto, SpanStatus, Verification
from .render import RenderSettings
from .spans import (
    accepted_spans,
    current_transcript,
    current_translation,
    detectors_ran,
    redacted_segments,
)


def _digest(value):
    return hashlib.sha256(json.dumps(value, sort_keys=True).encode()).hexdigest()


def recording_fingerprint(recording, transcript, alter_voice):
    latest = transcript.latest_revision if transcript else None
    spans = accepted_spans(transcript) if transcript else []
    translation = current_translation(transcript)
    translated = translation.latest_revision if translation else None
    return _digest(
        {
            "recording": recording.sha256,
            "transcript": transcript.pk if transcript else None,
            "revision": latest.pk if latest else None,
            "translation": [translation.pk, translated and translated.pk] if translation else None,
            "spans": [[s.start, s.end, s.category, s.label] for s in spans],
            "render": RenderSettings.from_settings().key(),
            "voice": bool(alter_voice),
        }
    )


def photo_fingerprint(photo):
    return _digest(
        {
            "photo": photo.sha256,
            "rectangles": [
                [r.x, r.y, r.width, r.height, r.fill] for r in photo.redactions.order_by("pk")
            ],
        }
    )


def fresh_audio(recording, alter_voice):
    transcript = current_transcript(recording)
    # A render from before the MP3 rendition existed is not reused: render both afresh.
    return (
        RedactedAudio.objects.filter(
            recording=recording,
            fingerprint=recording_fingerprint(recording, transcript, alter_voice),
        )
        .exclude(mp3_file="")
        .first()
    )


def fresh_photo(photo):
    return RedactedPhoto.objects.filter(photo=photo, fingerprint=photo_fingerprint(photo)).first()


def text_leaks(transcript, spans):
    """Accepted terms that can still be read elsewhere in the redacted transcript."""
    words = [
        Word(i, w[0], w[1], f" {w[2]}", w[3])
        for i, w in enumerate(
            word for segment in redacted_segments(transcript, spans) for word in segment["words"]
        )
    ]
    targets = {
        Target.of(span.text, span.entity, span.category)
        for span in spans
        if len(letters(span.text)) >= 3
    }
    return [
        {"text": target.text, "found": "".join(w.text for w in words[first : last + 1]).strip()}
        for first, last, target, _score in term_matches(words, targets)
    ]


def review_problems(interview, alter_voice, parts=("transcript", "audio", "photos")):
    """Why this interview's redaction cannot be approved yet; empty when it can."""
    problems = []
    recordings = list(interview.recordings.order_by("pk"))
    if ("transcript" in parts or "audio" in parts) and not recordings:
        problems.append(_("The interview has no recording."))
    for recording in recordings:
        transcript = current_transcript(recording)
        if transcript is None:
            problems.append(
                _("Recording %(pk)s has no complete transcript.") % {"pk": recording.pk}
            )
            continue
        if not detectors_ran(transcript):
            problems.append(
                _(
                    "The suggestion detectors have not run on the latest version of recording "
                    "%(pk)s's transcript: run Suggest."
                )
                % {"pk": recording.pk}
            )
        unresolved = transcript.redactions.filter(status=SpanStatus.SUGGESTED).count()
        if unresolved:
            problems.append(
                _("%(count)s suggestion(s) on recording %(pk)s still need a decision.")
                % {"count": unresolved, "pk": recording.pk}
            )
        for leak in text_leaks(transcript, accepted_spans(transcript)):
            problems.append(_("“%(found)s” still reads like the redacted “%(text)s”.") % leak)
        if "audio" in parts:
            audio = fresh_audio(recording, alter_voice)
            if audio is None:
                problems.append(
                    _("The redacted audio of recording %(pk)s is missing or out of date.")
                    % {"pk": recording.pk}
                )
            elif audio.verification != Verification.CLEAN:
                problems.append(
                    _("Redacted audio of recording %(pk)s: %(state)s.")
                    % {"pk": recording.pk, "state": audio.get_verification_display()}
                )
    if "photos" in parts:
        for photo in interview.photos.order_by("pk"):
            if fresh_photo(photo) is None:
                problems.append(
                    _("The cleaned copy of photo %(pk)s is missing or out of date.")
                    % {"pk": photo.pk}
                )
    return problems
