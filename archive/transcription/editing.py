"""Applying an editor's changes to a transcript: validate everything, then save it all at once.

The editor sends the whole transcript (segments in order, each with its id if it already
existed). Split and merge happen in the browser; here the times are checked, word timings are
carried over to edited text, and the result becomes a new revision.
"""

import difflib
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from .models import Segment, Transcript
from .signals import transcript_revised

MAX_SEGMENTS = 20_000
MAX_TEXT = 10_000
TIME_SLACK = 0.5  # seconds past the end that rounding in the engines may produce


class InvalidEdit(ValueError):
    pass


@dataclass
class EditedSegment:
    id: int | None
    start: float
    end: float
    speaker: str
    text: str
    words: list


EDITOR_FIELDS = ("id", "start", "end", "speaker", "text", "words")


def editor_segments(transcript):
    """The transcript as the editor receives it and sends it back, in one query."""
    return list(transcript.segments.order_by("position").values(*EDITOR_FIELDS))


def _is_word(word):
    """[start, end, text, probability], probability null for words a person typed."""
    numbers = (int, float)
    return (
        isinstance(word, list)
        and len(word) == 4
        and isinstance(word[0], numbers)
        and isinstance(word[1], numbers)
        and isinstance(word[2], str)
        and (word[3] is None or isinstance(word[3], numbers))
    )


def _number(value, what):
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise InvalidEdit(_("%(what)s is not a number") % {"what": what}) from None
    if number != number or number < 0:
        raise InvalidEdit(_("%(what)s must be zero or more") % {"what": what})
    return number


def realign_words(text, old_words, start, end):
    """Words for edited text: unchanged words keep their times and confidence; new or changed
    words are spread over the gaps between them and marked as checked by a person (1.0)."""
    tokens = text.split()
    if not tokens:
        return []
    old_texts = [w[2].lower().strip(".,;:!?¿¡\"'") for w in old_words]
    new_texts = [t.lower().strip(".,;:!?¿¡\"'") for t in tokens]
    words = [None] * len(tokens)
    matcher = difflib.SequenceMatcher(a=old_texts, b=new_texts, autojunk=False)
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            old = old_words[block.a + k]
            words[block.b + k] = [old[0], old[1], tokens[block.b + k], old[3]]
    i = 0
    while i < len(words):
        if words[i] is not None:
            i += 1
            continue
        j = i
        while j < len(words) and words[j] is None:
            j += 1
        gap_start = words[i - 1][1] if i > 0 else start
        gap_end = words[j][0] if j < len(words) else end
        gap_end = max(gap_end, gap_start)
        step = (gap_end - gap_start) / (j - i)
        for k in range(i, j):
            words[k] = [
                round(gap_start + step * (k - i), 3),
                round(gap_start + step * (k - i + 1), 3),
                tokens[k],
                1.0,
            ]
        i = j
    return words


def parse_document(document, duration, existing_ids):
    if not isinstance(document, dict) or not isinstance(document.get("segments"), list):
        raise InvalidEdit(_("The editor sent no list of segments."))
    raw_segments = document["segments"]
    if len(raw_segments) > MAX_SEGMENTS:
        raise InvalidEdit(_("More than %(most)s segments.") % {"most": MAX_SEGMENTS})
    segments = []
    previous_start = 0.0
    for number, raw in enumerate(raw_segments, start=1):
        if not isinstance(raw, dict):
            raise InvalidEdit(_("Segment %(number)s is malformed.") % {"number": number})
        start = round(
            _number(raw.get("start"), _("the start of segment %(number)s") % {"number": number}), 3
        )
        end = round(
            _number(raw.get("end"), _("the end of segment %(number)s") % {"number": number}), 3
        )
        if end < start:
            raise InvalidEdit(_("Segment %(number)s ends before it starts.") % {"number": number})
        if end > duration + TIME_SLACK:
            raise InvalidEdit(
                _("Segment %(number)s ends after the recording does.") % {"number": number}
            )
        if start < previous_start:
            raise InvalidEdit(
                _("Segment %(number)s starts before the one above it.") % {"number": number}
            )
        previous_start = start
        text = str(raw.get("text", "")).strip()
        if len(text) > MAX_TEXT:
            raise InvalidEdit(
                _("Segment %(number)s is longer than %(most)s characters.")
                % {"number": number, "most": MAX_TEXT}
            )
        speaker = str(raw.get("speaker", "")).strip()[:64]
        segment_id = raw.get("id")
        if segment_id is not None and segment_id not in existing_ids:
            raise InvalidEdit(
                _("Segment %(number)s belongs to another transcript.") % {"number": number}
            )
        words = raw.get("words") or []
        if not isinstance(words, list) or not all(_is_word(w) for w in words):
            raise InvalidEdit(_("Segment %(number)s has malformed words.") % {"number": number})
        if " ".join(w[2] for w in words) != text:
            words = realign_words(text, words, start, end)
        segments.append(EditedSegment(segment_id, start, end, speaker, text, words))
    ids = [s.id for s in segments if s.id is not None]
    if len(ids) != len(set(ids)):
        raise InvalidEdit(_("A segment appears twice."))
    return segments


def apply_edit(transcript, document, user):
    """Validate and save an editor's document as the transcript's new revision."""
    existing = {s.pk: s for s in transcript.segments.all()}
    segments = parse_document(document, transcript.recording.duration_seconds, set(existing))
    with transaction.atomic():
        keep, create = [], []
        for position, edited in enumerate(segments):
            fields = {
                "position": position,
                "start": edited.start,
                "end": edited.end,
                "speaker": edited.speaker,
                "text": edited.text,
                "words": edited.words,
            }
            if edited.id is not None:
                segment = existing[edited.id]
                for name, value in fields.items():
                    setattr(segment, name, value)
                keep.append(segment)
            else:
                create.append(Segment(transcript=transcript, **fields))
        kept_ids = {s.pk for s in keep}
        Segment.objects.filter(transcript=transcript).exclude(pk__in=kept_ids).delete()
        Segment.objects.bulk_update(keep, ["position", "start", "end", "speaker", "text", "words"])
        Segment.objects.bulk_create(create)
        if "corrected" in document:
            transcript.corrected = bool(document["corrected"])
            transcript.save(update_fields=["corrected"])
        revision = transcript.save_revision(user=user, log_action=True)
        if transcript.is_complete:
            transcript_revised.send(
                sender=Transcript, transcript=transcript, revision=revision, user=user
            )
        return revision


def speakers_of(transcript):
    """The transcript's speaker labels in the order they first speak."""
    labels = transcript.segments.order_by("position").values_list("speaker", flat=True)
    return [label for label in dict.fromkeys(labels) if label]


def rename_speakers(transcript, names, user):
    """Give each speaker a name once for the whole transcript ({old label: new name}), as one
    revision. Returns the revision, or None when nothing changed."""
    names = {
        old: " ".join(new.split())[:64]
        for old, new in names.items()
        if " ".join(new.split()) and " ".join(new.split()) != old
    }
    segments = editor_segments(transcript)
    if not any(segment["speaker"] in names for segment in segments):
        return None
    for segment in segments:
        segment["speaker"] = names.get(segment["speaker"], segment["speaker"])
    return apply_edit(transcript, {"segments": segments}, user)
