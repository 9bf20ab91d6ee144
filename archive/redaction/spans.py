"""Redaction spans: suggesting them, deciding them, and the transcript with them applied."""

from django.db import transaction
from django.utils import timezone

from archive.transcription.models import Transcript

from .detect import interview_gazetteer, suggest, transcript_words
from .models import RedactionSpan, SpanStatus


class InvalidSpan(ValueError):
    pass


def current_transcript(recording):
    """The transcript a recording is published from: its newest complete original-language
    version. Editors correct that one; a new machine run makes a new version to redact."""
    return (
        Transcript.objects.filter(recording=recording, task="transcribe", is_complete=True)
        .order_by("-version")
        .first()
    )


def words_of(transcript):
    return transcript_words(transcript.segments.order_by("position"))


def store_suggestions(transcript):
    """Run every detector and save what is new as `suggested` spans. A stretch that already has
    a span of any status (a rejected one included) is not suggested again."""
    words = words_of(transcript)
    existing = list(transcript.redactions.values_list("start", "end"))
    created = []
    for suggestion in suggest(words, interview_gazetteer(transcript.recording.interview)):
        start, end = suggestion.start(words), suggestion.end(words)
        if any(start < other_end and other_start < end for other_start, other_end in existing):
            continue
        created.append(
            RedactionSpan(
                transcript=transcript,
                start=start,
                end=end,
                text=suggestion.text(words),
                category=suggestion.category,
                entity=suggestion.entity,
                source=suggestion.source,
                reason=suggestion.reason[:255],
            )
        )
        existing.append((start, end))
    RedactionSpan.objects.bulk_create(created)
    return created


def add_span(transcript, first_word, last_word, category, user, replacement=""):
    """An editor's own span over words `first_word`..`last_word` (indices into the transcript's
    words), accepted at once."""
    words = words_of(transcript)
    if not 0 <= first_word <= last_word < len(words):
        raise InvalidSpan("Select words of this transcript.")
    chosen = words[first_word : last_word + 1]
    text = "".join(word.text for word in chosen).strip()
    return RedactionSpan.objects.create(
        transcript=transcript,
        start=chosen[0].start,
        end=chosen[-1].end,
        text=text,
        category=category,
        replacement=replacement.strip()[:80],
        entity=text.lower(),
        status=SpanStatus.ACCEPTED,
        source="editor",
        created_by=user,
        decided_by=user,
        decided_at=timezone.now(),
    )


def decide(spans, status, user):
    return spans.update(status=status, decided_by=user, decided_at=timezone.now())


@transaction.atomic
def set_replacement(span, replacement):
    """A pseudonym belongs to the real entity: every span of it in the transcript takes it."""
    replacement = replacement.strip()[:80]
    same_entity = RedactionSpan.objects.filter(transcript=span.transcript_id)
    if span.entity:
        same_entity = same_entity.filter(entity=span.entity)
    else:
        same_entity = same_entity.filter(pk=span.pk)
    same_entity.update(replacement=replacement)


def accepted_spans(transcript):
    return list(transcript.redactions.filter(status=SpanStatus.ACCEPTED))


def redacted_segments(transcript, spans=None):
    """The transcript as the public may read it: every word under an accepted span replaced by
    the span's label (once per span), segment text rebuilt from its words. A segment without
    word timings that touches a span is withheld whole."""
    spans = accepted_spans(transcript) if spans is None else spans
    result = []
    for segment in transcript.segments.order_by("position"):
        touching = [s for s in spans if s.start < segment.end and segment.start < s.end]
        if not touching:
            result.append(_segment_dict(segment, segment.text, segment.words))
            continue
        if not segment.words:
            label = touching[0].label if len(touching) == 1 else "[redacted]"
            words = [[segment.start, segment.end, label, None]]
            result.append(_segment_dict(segment, label, words))
            continue
        words = []
        last_span = None
        for start, end, text, probability in segment.words:
            span = next((s for s in touching if s.covers(start, end)), None)
            if span is None:
                words.append([start, end, text, probability])
            elif span is last_span:
                words[-1][1] = end
            else:
                words.append([start, end, span.label, None])
            last_span = span
        text = " ".join(word[2].strip() for word in words)
        result.append(_segment_dict(segment, text, words))
    return result


def _segment_dict(segment, text, words):
    return {
        "start": segment.start,
        "end": segment.end,
        "speaker": segment.speaker,
        "text": text,
        "words": words,
    }
